"""Compare regions: one year, many regions, their targets side by side.

Input: the indicator tables of many regions' reports of one year, as :class:`Entry` tuples
``(region slug, display name, level, report year, indicator table)`` — and optionally those of
the year before, for who raised, kept or cut a target. Output: a :class:`Comparison` holding the
comparison table (``compare.csv``, contract in :mod:`analysis.schema`) and what the notebook
shows: the headline table (:func:`headline_html`), the counts, the sources and the data the
charts draw (:func:`gdp_targets`, :func:`gap_data`, :func:`target_changes`).

Which figure is a region's GDP growth target (or last year's GDP) is decided by
:func:`analysis.targets.pick_targets` and :func:`analysis.targets.pick_actuals`, the same rules
as the targets table. Like with like: only regions of one level are compared (the level most
of them share unless one is asked for); the national report of the year is a reference line,
not a row. The HTML blocks are Jinja2 templates (``templates/blocks/compare_*.html.j2``, in
the briefs' autoescaping environment): every string from a report is text on the page. The
charts are drawn by :mod:`analysis.briefs.compare_charts`.

The convenience loader :func:`load` (notebook defaults, ``briefs compare``) finds the reports
under a data folder and gets each table through :func:`report_table`: from the batch's store
when ``reports_dir`` is given, else by extracting the report.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

import pandas as pd

from analysis.briefs.blocks import render
from analysis.tables.compare import (
    COLUMNS,
    HEADLINE,
    LEVEL_ZH,
    TARGET_COLUMNS,
    Comparison,
    Entry,
    _masked,
    cell,
    counts,
    figure_row,
    gap_data,
    ordered,
    ref_value,
    silent_regions,
    target_label,
)
from analysis.tables.format import text_of, truncate

# --- inputs --------------------------------------------------------------------------------


# --- the comparison table --------------------------------------------------------------------


# --- loading (notebook defaults, CLI) ---------------------------------------------------------


# --- what a cell shows -------------------------------------------------------------------------


# --- HTML blocks (templates/blocks/compare_*.html.j2, autoescaped) --------------------------


def brief_href(region: str, year: int, prefix: str = "../../") -> str:
    """The link from the comparison's folder to a region's brief of the year."""
    return f"{prefix}{quote(region)}/{year}/brief.html"


def title(cmp: Comparison) -> str:
    """``2026年各省份政府工作报告主要目标对比``."""
    return f"{cmp.year}年各{cmp.level_zh}政府工作报告主要目标对比"


def lede(cmp: Comparison) -> str:
    """A paragraph a reader can stop after: who set what GDP target, against last year."""
    rows = [
        (e, figure_row(cmp, e.region, COLUMNS["gdp_target"]))
        for e in cmp.regions
        if e.status == "ok"
    ]
    stated = [(e, r) for e, r in rows if r is not None and not _masked(r)]
    n = len(cmp.reported)
    parts = [f"{cmp.year}年，{n}个{cmp.level_zh}的政府工作报告纳入对比"]
    if not stated:
        return parts[0] + "，均未提出可比较的地区生产总值增速目标。"
    parts.append(f"其中{len(stated)}个提出了地区生产总值增速目标")
    labels = Counter(target_label(r) for _, r in stated)
    k = labels.most_common(1)[0][1]
    tops = [lb for lb, n in labels.items() if n == k]
    if len(tops) == 1:
        parts.append(f"最常见的是“{tops[0]}”（{k}个）")
    elif k > 1 and len(tops) <= 3:
        parts.append("最常见的是" + "、".join(f"“{t}”" for t in tops) + f"（各{k}个）")
    values = [ref_value(r) for _, r in stated]
    if max(values) != min(values):

        def who(v: float) -> str:
            hits = [(x, r) for x, r in stated if ref_value(r) == v]
            texts = dict.fromkeys(text_of(r["text"]) for _, r in hits)
            return "、".join(x.name for x, _ in hits) + f"（{'、'.join(texts)}）"

        parts.append(f"最高为{who(max(values))}，最低为{who(min(values))}")
    kinds = Counter(r["qualifier"] for _, r in stated)
    words = [
        f"{kinds[q]}个{w}"
        for q, w in (("approx", "定为“左右”"), ("range", "给出区间"), ("at_least", "定为“以上”"),
                     ("exact", "只写一个数"), ("at_most", "定为“以内”"))
        if kinds[q]
    ]  # fmt: skip
    text = "，".join(parts) + "。" + "，".join(words) + "。"
    gaps = gap_data(cmp)
    if len(gaps):
        up, down = int((gaps["gap"] > 1e-9).sum()), int((gaps["gap"] < -1e-9).sum())
        same = len(gaps) - up - down
        text += f"与上年实际增速相比，{up}个目标更高，{down}个更低" + (
            f"，{same}个持平。" if same else "。"
        )
    if cmp.reference is not None:
        ref = figure_row(cmp, cmp.reference.region, COLUMNS["gdp_target"])
        if ref is not None:
            text += f"全国目标为{text_of(ref['text'])}。"
    return text


def header_html(cmp: Comparison) -> str:
    """Title, the lede, and what was compared (and what was left out)."""
    notes = []
    failed = [x.name for x in cmp.regions if x.status == "failed"]
    missing = [x.name for x in cmp.regions if x.status == "no_report"]
    if failed:
        notes.append(f"简报失败、未能读取数字的地区：{'、'.join(failed)}。")
    if missing:
        notes.append(f"没有{cmp.year}年报告的地区：{'、'.join(missing)}。")
    if cmp.others:
        left = "、".join(f"{x.name}（{LEVEL_ZH.get(x.level, x.level or '级别不明')}）"
                        for x in cmp.others)  # fmt: skip
        notes.append(f"级别不同、不参与排序的地区：{left}。")
    notes.append(
        f"“上年”指{cmp.year - 1}年（报告回顾的年份），“目标”为{cmp.year}年主要预期目标，"
        "均照报告原文书写；鼠标移到数字上可看原句，原句也在文末和 compare.csv 中。"
    )
    return render("compare_header.html.j2", title=title(cmp), lede=lede(cmp), notes=notes)


_STATE_CLASS = {
    "stated": "",
    "masked": "masked",
    "not_stated": "none",
    "no_report": "noreport",
    "failed": "failed",
}


def _cells(cmp: Comparison, entry: Entry) -> list[dict]:
    """The headline cells of one row for the template: the state's class, the figure as
    written, its sentence (the hover title) and the sort value."""
    out = []
    for col in HEADLINE:
        c = cell(cmp, entry, col)
        out.append({"cls": _STATE_CLASS[c.state], "text": c.text, "sentence": c.sentence,
                    "sort": c.sort})  # fmt: skip
    return out


def headline_html(
    cmp: Comparison, link_prefix: str = "../../", links: bool = True, sortable: bool = False
) -> str:
    """The headline table: a row per region (highest GDP target first), each region linked to
    its brief (``link_prefix`` leads from the page to the reports folder); 未提及 / 数字被遮盖 /
    无报告 / 失败 each look different. The national report, when there is one, is a reference
    row below the table's body, not a ranked row. ``sortable`` numbers the header cells
    (``data-col``) for the index page's sorting script."""
    rows = [
        {
            "status": entry.status,
            "name": entry.name,
            "href": brief_href(entry.region, cmp.year, link_prefix)
            if links and entry.status == "ok"
            else "",
            "cells": _cells(cmp, entry),
        }
        for entry in ordered(cmp)
    ]
    reference = None
    if cmp.reference is not None:
        reference = {"name": cmp.reference.name, "cells": _cells(cmp, cmp.reference)}
    return render(
        "compare_headline.html.j2",
        year=cmp.year,
        n_actual=sum(c.role == "actual" for c in HEADLINE),
        n_target=len(TARGET_COLUMNS),
        labels=[c.label for c in HEADLINE],
        rows=rows,
        reference=reference,
        sortable=sortable,
    )


def counts_html(cmp: Comparison) -> str:
    """The counts table and the regions that state no target at all."""
    n = sum(x.status == "ok" for x in cmp.regions)
    rows = [
        {"label": r["目标"], "stated": int(r["提出"]), "masked": int(r["遮盖"]),
         "not_stated": int(r["未提及"]), "missing": r["未提及的地区"]}
        for _, r in counts(cmp).iterrows()
    ]  # fmt: skip
    silent = silent_regions(cmp)
    tail = (
        f"没有提出其中任何一项数字目标的地区：{'、'.join(silent)}。"
        if silent
        else f"{n}个地区都至少提出了其中一项数字目标。"
    )
    return render("compare_counts.html.j2", level_zh=cmp.level_zh, n=n, rows=rows, tail=tail)


def sources_html(cmp: Comparison, limit: int = 90) -> str:
    """Every headline figure with its sentence: where each cell of the table comes from. The
    printed page lists the GDP growth targets' sentences only (rows of class ``more`` are not
    printed); the HTML and ``compare.csv`` hold them all."""
    rows = []
    for entry in ordered(cmp):
        for col in HEADLINE:
            row = figure_row(cmp, entry.region, col)
            if row is None:
                continue
            when = f"{cmp.year - 1}年" if col.role == "actual" else f"{cmp.year}年目标"
            rows.append({"cls": "key" if col.key == "gdp_target" else "more",
                         "name": entry.name, "what": when + col.label, "text": text_of(row["text"]),
                         "sentence": marked_sentence(row, limit)})  # fmt: skip
    return render("compare_sources.html.j2", rows=rows)


def marked_sentence(row: pd.Series, limit: int) -> str | dict[str, str]:
    """A figure's sentence cut to about ``limit`` characters around the figure, as the
    templates' marked cell ``{before, mark, after}``; plain text when the figure is not in it."""
    sentence, fig = text_of(row["sentence"]), text_of(row["text"])
    at = sentence.find(fig) if fig else -1
    if at < 0:
        return truncate(sentence, limit)
    before, after = sentence[:at], sentence[at + len(fig) :]
    room = max(limit - len(fig), 10) // 2
    before = ("…" + before[-room:]) if len(before) > room else before
    after = (after[:room] + "…") if len(after) > room else after
    return {"before": before, "mark": fig, "after": after}


def note_html(text: str) -> str:
    """A caption or note under a chart."""
    return render("note.html.j2", text=text, cls="compare-caption")


# --- chart data --------------------------------------------------------------------------------
