"""A figure written from its bounds, in one unit and in the page's language: what a column of
the comparison shows when its reports write 亿元 beside 万亿元 (2.15万亿元 beside 1.37万亿元),
and every figure of the English comparison (14.58 trillion yuan, around 5%, at least 5%).

The words (qualifiers, scale words, English unit names) are ``data/compare.toml``'s, read
through :func:`analysis.labels.compare_words`.
"""

from __future__ import annotations

import statistics

from analysis.extract.catalog import split_unit
from analysis.tables.format import number

#: A scale a number is written in: (factor in base units, word before the base unit).
Scale = tuple[float, str]
_NONE: Scale = (1.0, "")


def column_scale(values: list[float], unit: str, words: dict) -> Scale:
    """The one scale a column of magnitudes in ``unit`` is written in: the largest of the
    language's scales (万亿, 亿, 万 / trillion, billion, million) in which the column's median
    is at least 1; none for rates (%)."""
    factor, base = split_unit(unit)
    if not values or base in ("%", "个百分点"):
        return _NONE
    middle = statistics.median(abs(v) * factor for v in values)
    return next(((f, w) for f, w in words["scales"] if middle >= f), _NONE)


def _digits(x: float, words: dict) -> str:
    text = number(x, 2)
    if words["lang"] == "en" and abs(x) >= 1000:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text


def _unit(base: str, scale_word: str, words: dict) -> str:
    if words["lang"] == "zh":
        return scale_word + base
    names = words["unit"]
    name = names[base] if base in names else names["other"].format(unit=base)
    return scale_word + name


def figure(
    low: float, high: float, qualifier: str, unit: str, words: dict, scale: Scale | None = None
) -> str:
    """The figure ``low``–``high`` (``unit``) with its qualifier, in ``scale`` (by default the
    one that suits the figure itself): ``(53000, 53000, "approx", "亿元")`` → ``5.3万亿元左右``
    or ``around 5.3 trillion yuan``."""
    factor, base = split_unit(unit)
    if scale is None:
        scale = column_scale([low], unit, words)
    k = factor / scale[0]
    u = _unit(base, scale[1], words)
    forms = words["figure"]
    if qualifier == "range" or low != high:
        return forms["range"].format(lo=_digits(low * k, words), hi=_digits(high * k, words), u=u)
    return forms.get(qualifier, forms["exact"]).format(x=_digits(low * k, words), u=u)
