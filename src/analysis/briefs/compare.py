"""The comparison's page blocks, in Chinese (``compare.html``) or English (``compare.en.html``).

The comparison itself (the table, its cells, counts and chart data) is computed by
:mod:`analysis.tables.compare`; this module writes it out. The HTML blocks are Jinja2 templates
(``templates/blocks/compare_*.html.j2``, in the briefs' autoescaping environment: every string
from a report is text on the page), one template per block for both languages: the words are
``data/compare.toml``'s (:func:`analysis.labels.compare_words`), the lede one small template
per language (its grammar differs). The charts are drawn by
:mod:`analysis.briefs.compare_charts`.

A column of magnitudes reads in one unit (2.15万亿元 beside 1.37万亿元, never 13697.5亿元) and
sorts by the figure's norm value (``data-sort``); the report's own wording stays in the cell's
hover title and in the sources. In English every figure is written from its bounds
(14.58 trillion yuan, around 5%), region names from ``data/regions_en.csv`` or in pinyin.
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
from markupsafe import Markup

from analysis import labels
from analysis.briefs.blocks import render
from analysis.briefs.figure_words import Scale, column_scale, figure
from analysis.briefs.narrative import mark
from analysis.tables.compare import (
    HEADLINE,
    TARGET_COLUMNS,
    Cell,
    Column,
    Comparison,
    Entry,
    bounds,
    cell,
    counts,
    figure_row,
    lede_facts,
    ordered,
    silent_regions,
    target_label,
)
from analysis.tables.format import text_of, truncate

LANGUAGES = ("zh", "en")


def words(lang: str = "zh") -> dict:
    """The page's words in ``lang`` (``data/compare.toml``)."""
    return labels.compare_words(lang)


def region_name(entry: Entry, lang: str = "zh") -> str:
    """A region's name on the page: as its ``region.toml`` says, or in English."""
    return entry.name if lang == "zh" else labels.region_en(entry.name, entry.region)


def level_words(cmp: Comparison, lang: str = "zh") -> str:
    """The compared level as the page names the group (``省份``, ``provinces``)."""
    levels = words(lang)["level"]
    return levels.get(cmp.level, levels["other"])


def column_label(col: Column, lang: str = "zh") -> str:
    """A headline column's heading (``data/headlines.toml``)."""
    return col.label_en if lang == "en" and col.label_en else col.label


def brief_href(region: str, year: int, prefix: str = "../../") -> str:
    """The link from the comparison's folder to a region's brief of the year."""
    return f"{prefix}{quote(region)}/{year}/brief.html"


def title(cmp: Comparison, lang: str = "zh") -> str:
    """``2026年各省份政府工作报告主要目标对比`` (or its English)."""
    return words(lang)["title"].format(year=cmp.year, level=level_words(cmp, lang))


def figure_text(row: pd.Series, lang: str = "zh") -> str:
    """One figure in ``lang``: as written in Chinese, from its bounds in English."""
    if lang == "zh":
        return text_of(row["text"])
    low, high, unit = bounds(row)
    return figure(low, high, str(row["qualifier"]), unit, words(lang))


def lede(cmp: Comparison, lang: str = "zh") -> Markup:
    """A paragraph a reader can stop after: who set what GDP target, against last year."""
    f = lede_facts(cmp)
    w = words(lang)

    def who(pairs: list) -> dict:
        return {"names": w["list_sep"].join(region_name(e, lang) for e, _ in pairs),
                "texts": w["list_sep"].join(dict.fromkeys(figure_text(r, lang)
                                                          for _, r in pairs))}  # fmt: skip

    top = [figure_text(r, lang) if lang == "en" else target_label(r) for r in f.top]
    return Markup(render(
        f"compare_lede_{lang}.html.j2", year=cmp.year, n=f.reported, level=level_words(cmp, lang),
        stated=len(f.stated), top=top, k=f.top_count,
        highest=who(f.highest) if f.highest else None, lowest=who(f.lowest) if f.lowest else None,
        q=f.qualifiers, gaps=f.gaps,
        national=figure_text(f.national, lang) if f.national is not None else "",
    ))  # fmt: skip


def header_html(cmp: Comparison, lang: str = "zh") -> str:
    """Title, the lede, and what was compared (and what was left out). The hover hint is for
    screens only (print has no mouse)."""
    w = words(lang)
    sep = w["list_sep"]
    notes = []
    failed = [region_name(x, lang) for x in cmp.regions if x.status == "failed"]
    missing = [region_name(x, lang) for x in cmp.regions if x.status == "no_report"]
    if failed:
        notes.append(w["failed_note"].format(names=sep.join(failed)))
    if missing:
        notes.append(w["missing_note"].format(year=cmp.year, names=sep.join(missing)))
    if cmp.others:
        left = sep.join(
            w["other_item"].format(name=region_name(x, lang),
                                   level=w["level"].get(x.level, w["level_unknown"]))
            for x in cmp.others
        )  # fmt: skip
        notes.append(w["others_note"].format(names=left))
    notes.append(w["years_note"].format(before=cmp.year - 1, year=cmp.year))
    return render("compare_header.html.j2", title=title(cmp, lang), lede=lede(cmp, lang),
                  notes=notes, screen_note=w["screen_note"])  # fmt: skip


_STATE_CLASS = {
    "stated": "",
    "masked": "masked",
    "not_stated": "none",
    "no_report": "noreport",
    "failed": "failed",
}


def column_scales(cmp: Comparison, lang: str = "zh") -> dict[str, Scale | None]:
    """Per headline column, the one scale its magnitudes are written in; ``None`` for a column
    whose figures keep their own form (rates, or units that differ)."""
    w = words(lang)
    out: dict[str, Scale | None] = {}
    rows = [e for e in cmp.regions if e.status == "ok"]
    if cmp.reference is not None:
        rows.append(cmp.reference)
    for col in HEADLINE:
        got = [c for c in (cell(cmp, e, col) for e in rows) if c.state == "stated" and c.bounds]
        units = {c.bounds[2] for c in got}
        if col.kind != "level" or len(units) != 1 or units & {"%", "个百分点", ""}:
            out[col.key] = None
            continue
        values = [v for c in got for v in c.bounds[:2]]
        out[col.key] = column_scale(values, units.pop(), w)
    return out


def cell_text(c: Cell, scale: Scale | None, lang: str = "zh") -> str:
    """What a cell shows: a magnitude in its column's scale, a Chinese rate as written, an
    English figure from its bounds; the state's words for a cell without a figure."""
    w = words(lang)
    if c.state in ("not_stated", "no_report", "failed"):
        return w["cell"][c.state]
    if c.state == "masked":
        return w["masked_cell"].format(word=w["cell"]["masked"], text=c.text)
    if c.bounds is None or (scale is None and lang == "zh"):
        return c.text
    low, high, unit = c.bounds
    return figure(low, high, c.qualifier, unit, w, scale)


def _cells(cmp: Comparison, entry: Entry, scales: dict, lang: str) -> list[dict]:
    """The headline cells of one row for the template: the state's class, the text shown, its
    hover title (the report's wording and sentence) and the sort value (the norm value)."""
    out = []
    for col in HEADLINE:
        c = cell(cmp, entry, col)
        shown = cell_text(c, scales[col.key], lang)
        hover = c.sentence if c.state != "failed" else c.text
        if c.state == "stated" and shown != c.text:
            hover = f"{c.text} — {c.sentence}"
        out.append({"cls": _STATE_CLASS[c.state], "text": shown, "sentence": hover,
                    "sort": c.sort})  # fmt: skip
    return out


def headline_html(
    cmp: Comparison,
    link_prefix: str = "../../",
    links: bool = True,
    sortable: bool = False,
    lang: str = "zh",
) -> str:
    """The headline table: a row per region (highest GDP target first), each region linked to
    its brief (``link_prefix`` leads from the page to the reports folder); 未提及 / 数字被遮盖 /
    无报告 / 失败 each look different. The national report, when there is one, is a reference
    row below the table's body, not a ranked row. ``sortable`` numbers the header cells
    (``data-col``) for the index page's sorting script."""
    scales = column_scales(cmp, lang)
    rows = [
        {
            "status": entry.status,
            "name": region_name(entry, lang),
            "href": brief_href(entry.region, cmp.year, link_prefix)
            if links and entry.status == "ok"
            else "",
            "cells": _cells(cmp, entry, scales, lang),
        }
        for entry in ordered(cmp)
    ]
    reference = None
    if cmp.reference is not None:
        reference = {"name": region_name(cmp.reference, lang),
                     "cells": _cells(cmp, cmp.reference, scales, lang)}  # fmt: skip
    return render(
        "compare_headline.html.j2",
        w=words(lang),
        year=cmp.year,
        n_actual=sum(c.role == "actual" for c in HEADLINE),
        n_target=len(TARGET_COLUMNS),
        labels=[column_label(c, lang) for c in HEADLINE],
        rows=rows,
        reference=reference,
        sortable=sortable,
    )


def counts_html(cmp: Comparison, lang: str = "zh") -> str:
    """The counts table and the regions that state no target at all."""
    w = words(lang)
    sep = w["list_sep"]
    n = sum(x.status == "ok" for x in cmp.regions)
    by_key = {c.key: c for c in HEADLINE}
    rows = [
        {"label": column_label(by_key[r["key"]], lang), "stated": int(r["stated"]),
         "masked": int(r["masked"]), "not_stated": int(r["not_stated"]),
         "missing": sep.join(region_name(x, lang) for x in r["missing"])}
        for _, r in counts(cmp).iterrows()
    ]  # fmt: skip
    silent = silent_regions(cmp)
    tail = (w["counts_silent"].format(names=sep.join(region_name(x, lang) for x in silent))
            if silent else w["counts_all"].format(n=n))  # fmt: skip
    return render("compare_counts.html.j2", w=w, level=level_words(cmp, lang), n=n, rows=rows,
                  tail=tail)  # fmt: skip


def sources_html(cmp: Comparison, limit: int = 90, lang: str = "zh") -> str:
    """Every headline figure with its sentence: where each cell of the table comes from, the
    figure bold at its own place in the sentence. The printed page lists the GDP growth
    targets' sentences only (rows of class ``more`` are not printed); the HTML and
    ``compare.csv`` hold them all."""
    w = words(lang)
    rows = []
    for entry in ordered(cmp):
        for col in HEADLINE:
            row = figure_row(cmp, entry.region, col)
            if row is None:
                continue
            when = w["source_actual" if col.role == "actual" else "source_target"]
            rows.append({"cls": "key" if col.key == "gdp_target" else "more",
                         "name": region_name(entry, lang),
                         "what": when.format(year=row["period"], label=column_label(col, lang)),
                         "text": text_of(row["text"]),
                         "sentence": marked_sentence(row, limit)})  # fmt: skip
    return render("compare_sources.html.j2", w=w, rows=rows)


def marked_sentence(row: pd.Series, limit: int) -> str | dict[str, str]:
    """A figure's sentence marked at the row's offsets (``start``, ``end`` in the sentence),
    not at the first string like it (:func:`narrative.mark`)."""
    sentence = text_of(row["sentence"])
    start, end = row.get("start"), row.get("end")
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return truncate(sentence, limit)
    return mark(sentence, sentence[int(start) : int(end)], int(start), limit)


def note_html(text: str) -> str:
    """A caption or note under a chart."""
    return render("note.html.j2", text=text, cls="compare-caption")


def heading_html(key: str, cmp: Comparison, lang: str = "zh") -> str:
    """A section heading of the page (``charts_heading`` …) in ``lang``."""
    return render("compare_heading.html.j2",
                  text=words(lang)[key].format(level=level_words(cmp, lang)))  # fmt: skip
