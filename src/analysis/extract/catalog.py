"""The indicator catalog (``data/catalog.csv``): canonical ids, labels and the names they go by.

The catalog is data, not code: add a row (or an alias) to teach the extractor a new indicator.
Columns: ``id``, ``label`` (Chinese display name), ``label_en`` (English display name),
``headline`` (shown first in briefs),
``direction`` (``floor`` when more is better, ``ceiling`` when less is: CPI, unemployment,
energy intensity — whose cuts are signed negative —, PM2.5, deficit), ``units`` (base units a
figure of this indicator can carry, ``|``-separated; ``rank`` admits rankings), ``norm_unit``
(the one unit its magnitudes are compared in: 亿元, 万人, 万吨, 元, % …; see
:func:`normalise_magnitude`), ``aliases`` (names as reports write them, ``|``-separated). An alias written
``^生产总值`` names the indicator only when it opens the phrase (after the region's own scope
words, 全省, 我区 …, which the extractor strips): 海洋生产总值, 大湾区经济总量, 川渝地区生产总值,
新增经济总量 are someone else's total, not the region's GDP. An alias written ``!吸纳技术合同成交额``
is a name that is *not* the indicator although it contains one of its aliases (what a region
buys is not what it sells): a phrase whose nearest alias is such a name has no indicator.

Old names are aliases like any other (公共财政预算收入, the name of general_budget_revenue
before 2014; 农民人均纯收入, the rural income measure before 2014): the indicator table keeps
the report's own name in ``name`` and the catalog id in ``indicator``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from analysis.extract import vocabulary
from analysis.extract.figures import SCALES


@dataclass(frozen=True)
class Entry:
    """One catalog indicator."""

    id: str
    label: str
    headline: bool
    direction: str
    units: tuple[str, ...]
    aliases: tuple[str, ...]
    anchored: frozenset[str] = frozenset()  # aliases that must open the phrase
    label_en: str = ""
    norm_unit: str = ""
    excluded: frozenset[str] = frozenset()  # names containing an alias that are not it

    def admits(self, unit: str, kind: str) -> bool:
        """True when a figure with ``unit`` (as written, may carry 万/亿) and ``kind`` fits."""
        if kind == "rank":
            return "rank" in self.units
        return any(unit.endswith(u) for u in self.units if u != "rank")


@dataclass(frozen=True)
class Match:
    """An alias found in a phrase."""

    entry: Entry
    start: int
    end: int


@cache
def entries() -> dict[str, Entry]:
    """All catalog entries by id, in catalog order."""
    with resources.files("analysis").joinpath("data/catalog.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for r in rows:
        written = r["aliases"].split("|")
        kept = [a for a in written if not a.startswith("!")]
        out[r["id"]] = Entry(
            r["id"],
            r["label"],
            r["headline"] == "true",
            r["direction"],
            tuple(r["units"].split("|")),
            tuple(a.lstrip("^") for a in kept),
            frozenset(a[1:] for a in kept if a.startswith("^")),
            r["label_en"],
            r["norm_unit"],
            frozenset(a[1:] for a in written if a.startswith("!")),
        )
    return out


@cache
def _alias_re() -> tuple[re.Pattern[str], dict[str, Entry]]:
    by_alias = {a: e for e in entries().values() for a in (*e.aliases, *e.excluded)}
    opening = _opening()
    pattern = "|".join(
        (opening if a in by_alias[a].anchored else "") + re.escape(a)
        for a in sorted(by_alias, key=len, reverse=True)
    )
    return re.compile(pattern), by_alias


# What may stand before an anchored alias: nothing, or a word that places the phrase in time
# or in the region itself (中央提出今年经济增长预期目标, 初步预计全省生产总值), not a noun that
# narrows it to a part (海洋, 大湾区, 川渝地区, 新增): vocabulary list ``alias_openings``.
def _opening() -> str:
    behind = "".join(f"|(?<={re.escape(w)})" for w in vocabulary.words("alias_openings"))
    return f"(?:(?<=^){behind})"


def find(phrase: str) -> Match | None:
    """The catalog indicator a phrase names: the alias ending last (the one nearest the
    figure), longest first — so 单位国内生产总值能耗 is energy intensity, not GDP."""
    rx, by_alias = _alias_re()
    best: Match | None = None
    for m in rx.finditer(phrase):
        if best is None or m.end() >= best.end:
            best = Match(by_alias[m.group()], m.start(), m.end())
    if best is not None and phrase[best.start : best.end] in best.entry.excluded:
        return None
    return best


def name_at(text: str, pos: int) -> Entry | None:
    """The indicator whose name starts right at ``text[pos]`` (500万元以上|固定资产投资), if any."""
    rx, by_alias = _alias_re()
    m = rx.match(text, pos)
    if m is None or m.group() in by_alias[m.group()].excluded:
        return None
    return by_alias[m.group()]


def headline_ids() -> list[str]:
    """Ids of the headline indicators, in catalog order."""
    return [e.id for e in entries().values() if e.headline]


def label(indicator_id: str) -> str:
    """The Chinese display label of an indicator id (the id itself when unknown)."""
    e = entries().get(indicator_id)
    return e.label if e else indicator_id


def label_en(indicator_id: str) -> str:
    """The English display label of an indicator id (the id itself when unknown)."""
    e = entries().get(indicator_id)
    return e.label_en if e else indicator_id


def norm_unit(indicator_id: str) -> str:
    """The unit an indicator's magnitudes are compared in (``''`` when unknown)."""
    e = entries().get(indicator_id)
    return e.norm_unit if e else ""


def direction(indicator_id: str) -> str:
    """``floor`` (more is better) or ``ceiling`` (less is better) for an indicator id."""
    e = entries().get(indicator_id)
    return e.direction if e else "floor"


def display_name(indicator_id: str, names: Iterable[str]) -> str:
    """The name the reports themselves use for an indicator when it is one of its aliases
    (国内生产总值 nationally, 地区生产总值 locally); the catalog label when there is none, or
    when the reports switch between names (登记/调查失业率: a second name in ≥ 20% of uses)."""
    e = entries().get(indicator_id)
    used = Counter(n for n in names if e is not None and n in e.aliases).most_common(2)
    if not used or (len(used) > 1 and used[1][1] >= 0.2 * sum(c for _, c in used)):
        return label(indicator_id)
    return used[0][0]


# --- magnitudes in one unit ---------------------------------------------------------------

# Scale words a unit may open with (亿元, 万人, 万亿元), longest first, and their factor.
_SCALES = sorted(SCALES.items(), key=lambda kv: len(kv[0]), reverse=True)


@cache
def _dimensions() -> dict[str, tuple[str, float]]:
    """Base units of one dimension → (the dimension's base unit, size in it): 斤 → (吨, 0.0005)."""
    out = {}
    for line in vocabulary.words("unit_dimensions"):
        unit, base, factor = line.split()
        out[unit] = (base, float(factor))
    return out


def split_unit(unit: str) -> tuple[float, str]:
    """``亿元`` → (1e8, ``元``); ``万吨`` → (1e4, ``吨``); a unit without a scale word → (1, unit)."""
    for word, factor in _SCALES:
        if unit.startswith(word) and len(unit) > len(word):
            return factor, unit[len(word) :]
    return 1.0, unit


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in unit ``to``; None when the two do not measure the same
    thing (元 and 美元, 人 and 人次, % and 个百分点, 吨 and 吨标准煤 are different units)."""
    f_from, base_from = split_unit(unit)
    f_to, base_to = split_unit(to)
    if base_from != base_to:
        a, b = _dimensions().get(base_from), _dimensions().get(base_to)
        if a is None or b is None or a[0] != b[0]:
            return None
        f_from, f_to = f_from * a[1], f_to * b[1]
    return value * f_from / f_to


def normalise_magnitude(indicator_id: str, value: float | None, unit: str) -> float | None:
    """A figure of ``indicator_id`` (``value`` in ``unit`` as the indicator table writes them)
    in the indicator's :func:`norm_unit`, so that levels stated as 亿元, 万亿元 or 万元 (亿斤 or
    万吨, 人 or 万人) compare: ``normalise_magnitude("gdp", 5.3, "万亿元") == 53000.0`` (亿元).

    None when there is nothing to convert (no value, an indicator outside the catalog) or the
    unit is not of the norm's kind: a growth in % of a money indicator, a level in 美元 where
    the norm is in 元, a rank. Rates (norm ``%``) pass through when written in %; a change in
    个百分点 is not a rate and gives None. Apply it to ``low`` and ``high`` alike.
    """
    target = norm_unit(indicator_id)
    if value is None or not target or not unit or value != value:  # NaN: a masked figure
        return None
    return convert(float(value), unit, target)
