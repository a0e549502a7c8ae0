"""The indicator catalog (``data/catalog.csv``): canonical ids, labels and the names they go by.

The catalog is data, not code: add a row (or an alias) to teach the extractor a new indicator.
Columns: ``id``, ``label`` (Chinese display name), ``headline`` (shown first in briefs),
``direction`` (``floor`` when more is better, ``ceiling`` when less is: CPI, unemployment,
energy intensity — whose cuts are signed negative —, PM2.5, deficit), ``units`` (base units a figure of this indicator can carry, ``|``-separated; ``rank`` admits
rankings), ``aliases`` (names as reports write them, ``|``-separated). An alias written
``^生产总值`` names the indicator only when it opens the phrase (after the region's own scope
words, 全省, 我区 …, which the extractor strips): 海洋生产总值, 大湾区经济总量, 川渝地区生产总值,
新增经济总量 are someone else's total, not the region's GDP.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


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
        out[r["id"]] = Entry(
            r["id"],
            r["label"],
            r["headline"] == "true",
            r["direction"],
            tuple(r["units"].split("|")),
            tuple(a.lstrip("^") for a in written),
            frozenset(a[1:] for a in written if a.startswith("^")),
        )
    return out


@cache
def _alias_re() -> tuple[re.Pattern[str], dict[str, Entry]]:
    by_alias = {a: e for e in entries().values() for a in e.aliases}
    pattern = "|".join(
        (_OPENING if a in by_alias[a].anchored else "") + re.escape(a)
        for a in sorted(by_alias, key=len, reverse=True)
    )
    return re.compile(pattern), by_alias


# What may stand before an anchored alias: nothing, or a word that places the phrase in time
# or in the region itself (中央提出今年经济增长预期目标, 初步预计全省生产总值), not a noun that
# narrows it to a part (海洋, 大湾区, 川渝地区, 新增).
_OPENING = (
    r"(?:(?<=^)|(?<=今年|全年|去年|上年|当年|明年|全国|全省|全区|全市|全县|全州|我国|我省|我区|"
    r"我市|我县|预计|提出|实现|确保|力争|计划|安排|预期))"
)


def find(phrase: str) -> Match | None:
    """The catalog indicator a phrase names: the alias ending last (the one nearest the
    figure), longest first — so 单位国内生产总值能耗 is energy intensity, not GDP."""
    rx, by_alias = _alias_re()
    best: Match | None = None
    for m in rx.finditer(phrase):
        if best is None or m.end() >= best.end:
            best = Match(by_alias[m.group()], m.start(), m.end())
    return best


def headline_ids() -> list[str]:
    """Ids of the headline indicators, in catalog order."""
    return [e.id for e in entries().values() if e.headline]


def label(indicator_id: str) -> str:
    """The Chinese display label of an indicator id (the id itself when unknown)."""
    e = entries().get(indicator_id)
    return e.label if e else indicator_id


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
