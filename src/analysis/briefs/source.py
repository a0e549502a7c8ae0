"""The source view: a report's whole text with every figure of its indicator table marked, and
every number the table did not take underlined.

:func:`source_html` builds ``source.html`` from a ``(Report, indicator table)`` pair — it never
reads or extracts a report itself, so the batch feeds it the table it already has. The page is
one offline file rendered by a Jinja2 template with autoescape (``templates/source.html.j2``):
report text is hostile input and reaches the page only as escaped text. It carries no script:
the cards (hover, tap or a ``#fig-START`` link) and the filters are CSS.

:func:`missed_numbers` finds the numbers no row covers. What counts as a number is the
extractor's own definition (:mod:`analysis.extract.figures`: its arabic and Chinese numeral
patterns and its rule for Chinese numerals that are phrasing, 两个确立, 千家万户); what is not a
figure on purpose — years, dates, list ordinals, section and footnote markers, codes, names —
is the table :data:`REJECTED` below, one named rule each, so every number of a report is
either covered by a row, rejected for a stated reason, or counted as missed.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.briefs.narrative import KIND_ZH, figure_text, qualifier_text, text_of
from analysis.extract import catalog, figures
from analysis.extract.structure import Report
from analysis.extracted import read_extraction
from analysis.run import provenance
from analysis.store import atomic_path

TEMPLATES = Path(__file__).parent / "templates"
KINDS = ("level", "growth", "pp_change", "rank")

# --- numbers the table did not take ---------------------------------------------------------

# The extractor's number, with one addition: older reports group thousands with a full-width
# comma (3，036万担), which must read as one number, not two.
_ARABIC = figures._NUM_ARABIC.replace(",(?=", "[,，](?=")
_NUMBER = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<cn>{figures._NUM_CN})")
_UNIT = "|".join(re.escape(u) for u in figures.BASE_UNITS)
# What makes a number a quantity when it follows it: 多/余/几, a scale, a unit.
_QUANTITY_AFTER = re.compile(rf"[多余几万亿千百十]|{_UNIT}")
_CN_PLACE_OR_POINT = frozenset("十百千万亿点")
_SEP = r"\s?[-—–~～至到、和]+\s?"
_ANY_NUMBER = rf"(?:{_ARABIC}|[{figures._CN_ALL}]+)"
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


#: Numbers that are not figures, by design: (reason, label shown in the view, test). The first
#: rule that holds names the reason. Everything else no row covers is *missed*.
REJECTED: tuple[tuple[str, str, Callable[[str, Number, bool], bool]], ...] = (
    ("code", "编号与代码（5G、PM2.5、598号）", _code),
    ("year", "年份与数字串（2022年、一九五四、一二三产业）", _year),
    ("date", "日期（3月、5日、50周年、21世纪）", _date),
    ("marker", "序号与注码（1.、（一）、［1］）", _marker),
    ("name", "名称（**县、“863”、二十国集团、六五计划）", _name),
    ("ordinal", "序数（第3批、一是、十九届、二十大）", _ordinal),
    ("threshold", "统计口径（500万元以上固定资产投资）", _threshold),
)
REASON_LABELS: dict[str, str] = {reason: label for reason, label, _ in REJECTED}


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
        if not arabic and figures._parse_number(m.group(), whole=False) is None:
            continue
        n = Number(m.start(), m.end(), m.group())
        i = bisect.bisect_left(date_starts, n.end) - 1
        if i >= 0 and dates[i][1] > n.start:
            reason = "date"
        else:
            reason = next((r for r, _, rule in REJECTED if rule(text, n, arabic)), "")
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


# --- the page -----------------------------------------------------------------------------

SCOPE_ZH = {
    "review_year": "上年回顾",
    "review_plan": "五年回顾",
    "next_plan": "五年规划",
    "targets": "今年目标",
    "tasks": "今年任务",
    "other": "其他",
}


@dataclass
class Mark:
    """One ``<mark>``: the rows whose span is ``text[start:end]`` (usually one)."""

    start: int
    end: int
    rows: list[pd.Series]
    id: str = ""
    classes: str = ""
    card: str = ""


@dataclass
class Piece:
    """A run of the text: plain, a figure (``mark``) or a number not taken (``miss``)."""

    kind: str
    text: str
    mark: Mark | None = None


@dataclass
class Block:
    """A heading or a paragraph of the text."""

    tag: str  # "h2" or "p"
    pieces: list[Piece] = field(default_factory=list)
    id: str = ""


def _flag(row: pd.Series, col: str) -> bool:
    v = row.get(col)
    return text_of(v) != "" and str(v).lower() not in ("false", "0")


def card_text(row: pd.Series) -> str:
    """A row as the card shows it: name and indicator; kind and figure; qualifier, period
    and scope; tags. Plain text (lines), escaped by the template."""
    name = text_of(row.get("name")) or "（无名称）"
    ind = text_of(row.get("indicator"))
    lines = [f"{name}（{ind}）" if ind else name]
    kind = text_of(row.get("kind"))
    lines.append(f"{KIND_ZH.get(kind, kind)}：{figure_text(row, with_mask_note=False)}")
    unit = text_of(row.get("unit"))
    details = [f"单位 {unit}" if unit else "", qualifier_text(row) or "确数"]
    period = text_of(row.get("period"))
    details.append(f"{period}年" if period else "")
    scope = text_of(row.get("scope"))
    details.append(SCOPE_ZH.get(scope, scope))
    lines.append(" · ".join(d for d in details if d))
    tags = [
        label
        for col, label in (
            ("is_target", "预期目标"),
            ("masked", "数字被遮盖"),
            ("multi_year", "多年"),
        )
        if _flag(row, col)
    ]
    if tags:
        lines.append("、".join(tags))
    return "\n".join(lines)


def _marks(table: pd.DataFrame, text: str) -> list[Mark]:
    """Rows grouped by span, in text order. A span overlapping an earlier one without being
    equal to it (the extractor's figures never overlap) joins that mark's card."""
    marks: list[Mark] = []
    rows = table.sort_values(["start", "end"], kind="stable")
    for _, row in rows.iterrows():
        a, b = int(row["start"]), int(row["end"])
        if marks and a < marks[-1].end:
            marks[-1].rows.append(row)
            continue
        marks.append(Mark(a, b, [row]))
    for m in marks:
        first = m.rows[0]
        kind = text_of(first.get("kind"))
        cls = [f"k-{kind if kind in KINDS else 'other'}"]
        if any(_flag(r, "is_target") for r in m.rows):
            cls.append("is-target")
        if any(_flag(r, "masked") for r in m.rows):
            cls.append("is-masked")
        if all(_flag(r, "multi_year") for r in m.rows):
            cls.append("is-multi")
        if any(text_of(r.get("indicator")) for r in m.rows):
            cls.append("in-catalog")
        m.id = f"fig-{m.start}"
        m.classes = " ".join(cls)
        cards = []
        for r in m.rows:
            c = card_text(r)
            if (int(r["start"]), int(r["end"])) != (m.start, m.end):
                c += f"\n（原表位置 {int(r['start'])}–{int(r['end'])}：{text[int(r['start']) : int(r['end'])]}）"
            cards.append(c)
        m.card = "\n\n".join(cards)
    return marks


def _pieces(
    text: str, a: int, b: int, marks: list[Mark], misses: list[tuple[int, int]]
) -> list[Piece]:
    """``text[a:b]`` cut into plain runs, marks and misses (all of which lie inside it)."""
    items = sorted([(m.start, m.end, m) for m in marks] + [(s, e, None) for s, e in misses],
                   key=lambda x: x[0])  # fmt: skip
    out: list[Piece] = []
    at = a
    for s, e, m in items:
        if s > at:
            out.append(Piece("text", text[at:s]))
        out.append(Piece("mark", text[s:e], m) if m is not None else Piece("miss", text[s:e]))
        at = e
    if at < b:
        out.append(Piece("text", text[at:b]))
    return out


def _safe(pos: int, spans: list[tuple[int, int]]) -> int:
    """``pos`` moved past any span it would cut in two."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] < pos < spans[i][1]:
        return spans[i][1]
    return pos


def _heading_end(text: str, start: int, title: str) -> int:
    """End of a section's heading: its line, or — when the heading opens a paragraph
    (一、防疫情、促发展,综合实力跃上新台阶。坚决落实…) — the title and its stop."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    at = text.find(title, start, line_end) if title else -1
    if at < 0:
        return line_end
    end = at + len(title)
    while end < line_end and text[end] in "。.：:；;，, 　":
        end += 1
    return end


def blocks(
    report: Report, marks: list[Mark], misses: list[tuple[int, int]]
) -> list[tuple[int, str, list[Block]]]:
    """The text as sections of blocks: ``(number, title, blocks)``; a heading is an ``h2``,
    each line a ``p``. Lines never cut a mark (a line break inside one stays inside it)."""
    text = report.text
    spans = sorted([(m.start, m.end) for m in marks] + list(misses))
    mark_starts = [m.start for m in marks]
    miss_starts = [s for s, _ in misses]

    def inside(a: int, b: int) -> tuple[list[Mark], list[tuple[int, int]]]:
        i, j = bisect.bisect_left(mark_starts, a), bisect.bisect_left(mark_starts, b)
        u, v = bisect.bisect_left(miss_starts, a), bisect.bisect_left(miss_starts, b)
        return marks[i:j], misses[u:v]

    def line_end(at: int, b: int) -> int:
        nl = text.find("\n", at, b)
        while nl >= 0 and _safe(nl, spans) != nl:  # a break inside a figure stays inside it
            nl = text.find("\n", _safe(nl, spans), b)
        return b if nl < 0 else nl

    def lines(a: int, b: int) -> list[Block]:
        out: list[Block] = []
        at = a
        while at < b:
            end = line_end(at, b)
            if text[at:end].strip():
                out.append(Block("p", _pieces(text, at, end, *inside(at, end))))
            at = end + 1
        return out

    sections = []
    cuts = [_safe(s.start, spans) for s in report.sections] + [len(text)]
    cuts[0] = 0
    for sec, a, b in zip(report.sections, cuts, cuts[1:], strict=False):
        body: list[Block] = []
        if sec.number > 0 and a < b:
            h = min(_safe(_heading_end(text, a, sec.title), spans), b)
            body.append(Block("h2", _pieces(text, a, h, *inside(a, h)), id=f"sec-{sec.number}"))
            a = h
        body += lines(a, b)
        sections.append((sec.number, sec.title, body))
    return sections


@functools.cache
def _environment():
    import jinja2
    from markupsafe import Markup, escape

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every string from a report is escaped; the template adds the tags
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["nl2br"] = lambda s: Markup("<br>").join(escape(p) for p in str(s).split("\n"))
    return env


def region_name(report: Report) -> str:
    """The region as a reader knows it: region.toml's name, 全国 for the national reports,
    else the slug."""
    return report.meta.display_name


def source_html(report: Report, table: pd.DataFrame, brief: str = "") -> str:
    """The source view of ``report`` with ``table``'s rows marked (see the module docstring);
    ``brief`` is the relative link back to the brief ('' for none)."""
    return _render(report, table, brief)[0]


def write_source(report: Report, table: pd.DataFrame, out: str | Path, brief: str = "") -> int:
    """Write :func:`source_html` to ``out`` atomically (UTF-8); return the count of numbers
    not extracted (what a brief's ``provenance.json`` records as ``not_extracted``)."""
    page, missed = _render(report, table, brief)
    with atomic_path(out) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return missed


def _render(report: Report, table: pd.DataFrame, brief: str) -> tuple[str, int]:
    """The page and its count of numbers not extracted."""
    marks = _marks(table, report.text)
    census = number_census(report, table)
    misses = [(n.start, n.end) for n in census if not n.reason]
    kinds = Counter(text_of(r.get("kind")) for m in marks for r in m.rows)
    rejected = Counter(n.reason for n in census if n.reason not in ("", "covered"))
    stats = {
        "rows": len(table),
        "marks": len(marks),
        "kinds": [(k, KIND_ZH[k], kinds.get(k, 0)) for k in KINDS],
        "targets": sum(_flag(r, "is_target") for m in marks for r in m.rows),
        "masked": sum(_flag(r, "masked") for m in marks for r in m.rows),
        "missed": len(misses),
        "rejected": [(REASON_LABELS[r], rejected[r]) for r, _, _ in REJECTED if rejected[r]],
    }
    title = f"{region_name(report)}{report.report_year}年政府工作报告 · 原文对照"
    template = _environment().get_template("source.html.j2")
    page = template.render(
        title=title,
        report=report,
        stats=stats,
        kinds=KINDS,
        kind_zh=KIND_ZH,
        sections=blocks(report, marks, misses),
        brief=brief,
    )
    return page, len(misses)


def brief_outputs(out_dir: str | Path) -> dict:
    """The batch's step after a brief: ``source.html`` in the brief's folder (linking back to
    ``brief.html``) from the report's stored extraction; returns what the brief's
    ``provenance.json`` records: ``{"not_extracted": n}``."""
    report, table = read_extraction(out_dir)
    missed = write_source(report, table, Path(out_dir) / "source.html", brief="brief.html")
    return {"not_extracted": missed}


def index_label(out_dir: str | Path) -> str:
    """The index's link text for a brief's source view: ``原文对照（未提取12）``, with the count
    of numbers not extracted from the brief's ``provenance.json`` (plain text; escaped there)."""
    n = (provenance.read(Path(out_dir) / "provenance.json") or {}).get("not_extracted")
    return "原文对照" if n is None else f"原文对照（未提取{n}）"
