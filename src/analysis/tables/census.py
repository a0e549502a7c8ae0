"""The numbers a report states that its indicator table did not take.

What counts as a number is the extractor's own definition (:mod:`analysis.extract.figures`: its
arabic and Chinese numeral patterns and its rule for Chinese numerals that are phrasing, 两个确立,
千家万户); what is not a figure on purpose — years, dates, list ordinals, section and footnote
markers, codes, names — is the table :data:`REJECTED` below, one named rule each, so every
number of a report is either covered by a row, rejected for a stated reason, or counted as
missed (:func:`missed_numbers`; the source view underlines them).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis import labels
from analysis.extract import catalog, figures
from analysis.extract.structure import Report

# The extractor's number, with one addition: older reports group thousands with a full-width
# comma (3，036万担), which must read as one number, not two.
_ARABIC = figures.NUM_ARABIC.replace(",(?=", "[,，](?=")
_NUMBER = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<cn>{figures.NUM_CN})")
_UNIT = "|".join(re.escape(u) for u in figures.BASE_UNITS)
# What makes a number a quantity when it follows it: 多/余/几, a scale, a unit.
_QUANTITY_AFTER = re.compile(rf"[多余几万亿千百十]|{_UNIT}")
_CN_PLACE_OR_POINT = frozenset("十百千万亿点")
_SEP = r"\s?[-—–~～至到、和]+\s?"
_ANY_NUMBER = rf"(?:{_ARABIC}|[{figures.CN_ALL}]+)"
_DATE_AFTER = re.compile(rf"(?:{_SEP}{_ANY_NUMBER})*\s?(?:月|日|周年|世纪|年代)")
# 2026-02-03 and 07:00:44 (page furniture); “7·20” (an event named by its date; 19·5% is a
# decimal written with a middle dot, a number).
_DATE_SPAN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|(?<![\d.])\d{1,2}·\d{1,2}(?![\d.%‰])"
)
_CODE_BEFORE = re.compile(r"(?:[A-Za-z][-+._]?|[+×])$")  # PM_2.5, G60, 1+10, 4×4
# 5G, 1+N, 4×4, 598号, 3.0版, 2型, 12345热线; a five-digit 123xx is a hotline (12355青少年服务台)
_CODE_AFTER = re.compile(r"[A-Za-z]|[+×]|号|版|型|热线")
_HOTLINE = re.compile(r"123\d\d")
# 一是, 十九届, 党的二十大, 十一次全会, 十五运会 (Chinese numerals only)
_ORDINAL_AFTER = re.compile(r"是|届|大(?![于约概多量])|次(?:全会|全体会议|代表大会)|运会")
_RANK_AFTER = re.compile(r"名|位")  # 第5位: a rank, which the table should take
_OPEN = "（([［【〔"
_CLOSE = "）)]］】〕"
_LIST_MARK_AFTER = re.compile(r"[.．、](?![0-9])")
_NAME_AFTER = re.compile(r"国集团|强")  # 二十国集团, 世界500强 (the name of a list)
_SLOGAN_BEFORE = ("两个", "建军")  # 两个一百年, 建军一百年: a goal's name, not a duration
_PLAN_NAME = re.compile(r"(?:[六七八九]|十[一二三四五]?)五$")  # 六五计划, “十四五”
_PLAN_AFTER = re.compile(r"”|’|计划|期间|时期|规划")


@dataclass(frozen=True)
class Number:
    """A number in the text: ``text[start:end]``, and why it is not counted as missed
    (``covered`` by a row, or the name of a :data:`REJECTED` rule); '' when it is missed."""

    start: int
    end: int
    text: str
    reason: str = ""


def _year(text: str, n: Number, arabic: bool) -> bool:
    if not arabic:  # digits only, no 十百千 (nor 点): 一九五四年, 二〇二三, 一二三产业, 九二共识
        return not set(n.text) & _CN_PLACE_OR_POINT
    return (
        len(n.text) == 4
        and n.text[:2] in ("19", "20")
        and n.text.isdigit()
        and not _QUANTITY_AFTER.match(text, n.end)
    )


def _date(text: str, n: Number, arabic: bool) -> bool:
    return bool(_DATE_AFTER.match(text, n.end))


def _code(text: str, n: Number, arabic: bool) -> bool:
    return (
        bool(_CODE_BEFORE.search(text, max(0, n.start - 2), n.start))
        or bool(_CODE_AFTER.match(text, n.end))
        or bool(_HOTLINE.fullmatch(n.text))
    )


def _ordinal(text: str, n: Number, arabic: bool) -> bool:
    if text[n.start - 1 : n.start] == "第":
        return not _RANK_AFTER.match(text, n.end)
    return not arabic and bool(_ORDINAL_AFTER.match(text, n.end))


def _marker(text: str, n: Number, arabic: bool) -> bool:
    """（1）, ［1］, (十一): a number alone in brackets; ``1.`` / ``2、`` opening a line."""
    if text[n.start - 1 : n.start] in tuple(_OPEN) and text[n.end : n.end + 1] in tuple(_CLOSE):
        return True
    line_start = text.rfind("\n", 0, n.start) + 1
    return not text[line_start : n.start].strip() and bool(_LIST_MARK_AFTER.match(text, n.end))


def _name(text: str, n: Number, arabic: bool) -> bool:
    """**县, **路, “863”, 二十国集团, 六五计划: a masked or quoted name, not a quantity."""
    if "*" in n.text and not _QUANTITY_AFTER.match(text, n.end):
        return True
    if text[n.start - 1 : n.start] in ("“", "‘") and text[n.end : n.end + 1] in ("”", "’"):
        return True
    if _NAME_AFTER.match(text, n.end):
        return True
    if n.text == "一百" and text[n.start - 2 : n.start] in _SLOGAN_BEFORE:
        return True
    return not arabic and bool(_PLAN_NAME.search(n.text)) and bool(_PLAN_AFTER.match(text, n.end))


_THRESHOLD_AFTER = re.compile(r"[十百千万亿]*元以上")


def _threshold(text: str, n: Number, arabic: bool) -> bool:
    """500万元以上固定资产投资: the threshold of a statistic's scope, part of its name (as
    :func:`analysis.extract.indicators.is_threshold` reads it)."""
    m = _THRESHOLD_AFTER.match(text, n.end)
    return m is not None and catalog.name_at(text, m.end()) is not None


#: Numbers that are not figures, by design: (reason, test). The first rule that holds names the
#: reason. Everything else no row covers is *missed*.
REJECTED: tuple[tuple[str, Callable[[str, Number, bool], bool]], ...] = (
    ("code", _code),
    ("year", _year),
    ("date", _date),
    ("marker", _marker),
    ("name", _name),
    ("ordinal", _ordinal),
    ("threshold", _threshold),
)
#: What the source view calls each reason (data/labels.toml, ``number_reason``).
REASON_LABELS: dict[str, str] = labels.of("number_reason")


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` (arabic, masked or Chinese, as the extractor reads them), with
    the reason it is no figure when a :data:`REJECTED` rule holds; ``covered`` is not set here.

    A Chinese numeral the extractor reads as phrasing (一 alone, 千万, 零 first) is no number.
    """
    # 2026-02-03, 07:00:44 (page furniture): every number inside is part of a date.
    dates = [m.span() for m in _DATE_SPAN.finditer(text)]
    date_starts = [a for a, _ in dates]
    out: list[Number] = []
    for m in _NUMBER.finditer(text):
        arabic = m.group("arabic") is not None
        if not arabic and figures.parse_number(m.group(), whole=False) is None:
            continue
        n = Number(m.start(), m.end(), m.group())
        i = bisect.bisect_left(date_starts, n.end) - 1
        if i >= 0 and dates[i][1] > n.start:
            reason = "date"
        else:
            reason = next((r for r, rule in REJECTED if rule(text, n, arabic)), "")
        out.append(Number(n.start, n.end, n.text, reason))
    return out


def _spans(table: pd.DataFrame) -> list[tuple[int, int]]:
    return sorted(zip(table["start"].astype(int), table["end"].astype(int), strict=True))


def number_census(report: Report, table: pd.DataFrame) -> list[Number]:
    """Every number of the report with its reason: ``covered`` when a row's span overlaps it,
    a :data:`REJECTED` reason, or '' (missed)."""
    merged: list[list[int]] = []  # the rows' spans as disjoint intervals
    for a, b in _spans(table):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def covered(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, b) - 1  # the last interval starting before b
        return i >= 0 and merged[i][1] > a

    return [
        Number(n.start, n.end, n.text, "covered") if covered(n.start, n.end) else n
        for n in find_numbers(report.text)
    ]


def missed_numbers(report: Report, table: pd.DataFrame) -> list[tuple[int, int, str]]:
    """The numbers of ``report.text`` that no row of ``table`` covers and that are not rejected
    on purpose (:data:`REJECTED`): ``(start, end, text)``, in order."""
    return [(n.start, n.end, n.text) for n in number_census(report, table) if not n.reason]
