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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import keys, labels
from analysis.briefs.narrative import KIND_ZH, figure_text, qualifier_text
from analysis.extract.structure import Report
from analysis.extracted import read_extraction
from analysis.store import atomic_path
from analysis.tables.census import REASON_LABELS, REJECTED, number_census
from analysis.tables.format import text_of

TEMPLATES = Path(__file__).parent / "templates"
KINDS = ("level", "growth", "pp_change", "rank")

# --- numbers the table did not take ---------------------------------------------------------

# --- the page -----------------------------------------------------------------------------

SCOPE_ZH = labels.of("scope")


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


def _p(key: str, **values: object) -> str:
    return labels.phrase("source", key, **values)


def _flag(row: pd.Series, col: str) -> bool:
    v = row.get(col)
    return text_of(v) != "" and str(v).lower() not in ("false", "0")


def card_text(row: pd.Series) -> str:
    """A row as the card shows it: name and indicator; kind and figure; qualifier, period
    and scope; tags. Plain text (lines), escaped by the template."""
    name = text_of(row.get("name")) or _p("no_name")
    ind = text_of(row.get("indicator"))
    lines = [f"{name}（{ind}）" if ind else name]
    kind = text_of(row.get("kind"))
    lines.append(f"{KIND_ZH.get(kind, kind)}：{figure_text(row, with_mask_note=False)}")
    unit = text_of(row.get("unit"))
    details = [_p("unit", unit=unit) if unit else "", qualifier_text(row) or _p("exact")]
    period = text_of(row.get("period"))
    details.append(_p("year", year=period) if period else "")
    scope = text_of(row.get("scope"))
    details.append(SCOPE_ZH.get(scope, scope))
    lines.append(" · ".join(d for d in details if d))
    tags = [
        label
        for col, label in (
            ("is_target", _p("tag_target")),
            ("masked", _p("tag_masked")),
            ("multi_year", _p("tag_multi_year")),
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
                start, end = int(r["start"]), int(r["end"])
                c += "\n" + _p("table_position", start=start, end=end, text=text[start:end])
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
        "rejected": [(REASON_LABELS[r], rejected[r]) for r, _ in REJECTED if rejected[r]],
    }
    title = _p("title", region=region_name(report), year=report.report_year)
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
    n = (keys.read(Path(out_dir) / "provenance.json") or {}).get("not_extracted")
    return _p("index_label") if n is None else _p("index_label_missed", n=n)
