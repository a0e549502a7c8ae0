"""A figure's bounds in one unit per indicator: the ``norm_low``, ``norm_high`` and
``norm_unit`` columns of the indicator table and of ``compare.csv``.

A level is converted to the catalog's ``norm_unit`` (every GDP level in 亿元, whether the
report wrote 亿元 or 万亿元) by :func:`analysis.extract.catalog.normalise_magnitude`. A growth
written in % and a change written in 个百分点 are already in one unit: their bounds are kept
with that unit. Anything else (a rank, a level in a unit of another kind, a figure outside
the catalog) has no norm: all three are empty, so a pivot on the norm columns never mixes
units.
"""

from __future__ import annotations

from analysis.extract.catalog import norm_unit, normalise_magnitude

#: The unit a change of each kind is compared in (its bounds pass through unchanged).
_CHANGE_UNITS = {"growth": "%", "pp_change": "个百分点"}


def norm_bounds(
    indicator: str | None, kind: str, low: float | None, high: float | None, unit: str
) -> tuple[float | None, float | None, str]:
    """``(norm_low, norm_high, norm_unit)`` of a figure; ``(None, None, "")`` without a norm."""
    if not indicator or low is None or high is None or low != low or high != high:
        return None, None, ""
    if kind in _CHANGE_UNITS:
        if unit != _CHANGE_UNITS[kind]:
            return None, None, ""
        return float(low), float(high), unit
    if kind != "level":
        return None, None, ""
    lo = normalise_magnitude(indicator, low, unit)
    hi = normalise_magnitude(indicator, high, unit)
    if lo is None or hi is None:
        return None, None, ""
    return round(lo, 10), round(hi, 10), norm_unit(indicator)
