"""The year brief's content: each function returns one block of HTML for the notebook to show.

Every string that comes from a report (titles, names, sentences, units, words) passes through
:func:`html.escape` here, so a report holding ``<script>`` or a ``javascript:`` link shows it
as text: injection is impossible by construction, whatever the report says.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.briefs import blocks, charts, keywords, narrative
from analysis.briefs.narrative import figure_text, qualifier_text, text_of, truncate
from analysis.errors import AnalysisError, InputError
from analysis.extract import catalog
from analysis.extract.structure import Report
from analysis.extracted import report_table

HEADLINE_MAX = 10
SENTENCE_LIMIT = 90
# A region slug is a folder name: letters (any script), digits, spaces, - _ . and ·.
_REGION_OK = re.compile(r"^[\w\u00b7 .\-]{1,64}$")


def e(value: object) -> str:
    """Escape any value for HTML; missing values become ''."""
    return html.escape(text_of(value), quote=True)


@dataclass
class Brief:
    """What a brief is built from: the report, its indicator table and where outputs go."""

    report: Report
    table: pd.DataFrame
    source: Path
    out_dir: Path | None
    data_dir: Path

    @property
    def region_name(self) -> str:
        """The region's display name (region.toml's ``name``, else the slug)."""
        meta = self.report.meta
        if meta.name and meta.name != meta.slug:
            return meta.name
        return "全国" if self.report.region == "national" else self.report.region


def validate_params(region: object, report_year: object) -> tuple[str, int]:
    """Check the notebook parameters: a folder-name region and a plausible year."""
    if not isinstance(region, str) or not _REGION_OK.match(region):
        raise InputError(None, f"region {region!r}: not a region folder name")
    try:
        year = int(report_year)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InputError(None, f"report_year {report_year!r}: not a year") from None
    if isinstance(report_year, bool) or not 1949 <= year <= 2100:
        raise InputError(None, f"report_year {report_year!r}: not a year")
    return region, year


def load(
    source: str | Path,
    region: str,
    report_year: int,
    out_dir: str | Path = "",
    data_dir: str | Path = "",
) -> Brief:
    """The report and its indicator table: read from ``out_dir`` when the batch stored its
    extraction there, else extracted (and stored in ``out_dir`` when given).

    ``data_dir`` is the region's folder of reports (default: the source's folder), used to
    look up last year's targets (stored beside ``out_dir`` in a batch).
    """
    region, year = validate_params(region, report_year)
    src = Path(source)
    if not src.is_file():
        raise InputError(src, "no such report file")
    out = Path(out_dir) if str(out_dir) else None
    report, table = report_table(src, region, year, out)
    table = table.sort_values(["section", "start"], kind="stable").reset_index(drop=True)
    charts.use_theme()
    return Brief(report, table, src, out, Path(data_dir) if str(data_dir) else src.parent)


# --- small HTML helpers --------------------------------------------------------------------


#: Column widths per table class (fixed layout: the PDF lays out several times faster, and long
#: sentences cannot squeeze the short columns).
WIDTHS: dict[str, list[str]] = {
    "figures": ["17%", "4.5em", "21%", "6.5em", ""],
    "targets": ["20%", "22%", "6.5em", ""],
    "headline": ["22%", "", "", "7em", "7em"],
    "profile": ["40%", "", "", ""],
    "keywords": ["30%", ""],
    "status": ["25%", "", "", "6em"],
    # Percentages summing to 100: em widths at the appendix's small font left 原文 no room.
    "appendix-table": [
        "4%",
        "14%",
        "10%",
        "5%",
        "17%",
        "7%",
        "7%",
        "7%",
        "6%",
        "7%",
        "5%",
        "5%",
        "6%",
    ],
}


def _table(header: list[str], rows: list[list[str]], cls: str = "brief-table") -> str:
    return blocks.table(header, rows, cls, WIDTHS.get(cls.split()[-1], []))


def _chart(chart) -> str:
    return charts.to_svg(chart) if chart is not None else ""


def sentence_html(row: pd.Series, limit: int = SENTENCE_LIMIT) -> str:
    """The source sentence, escaped, with the figure marked and long sentences cut around it."""
    sentence = text_of(row.get("sentence"))
    fig = text_of(row.get("text"))
    at = sentence.find(fig) if fig else -1
    if at < 0:
        return html.escape(truncate(sentence, limit))
    before, after = sentence[:at], sentence[at + len(fig) :]
    room = max(limit - len(fig), 10)
    if len(before) > room // 2 and len(before) + len(after) > room:
        keep = max(room // 2, room - len(after))
        before = "…" + before[-keep:]
    if len(before) + len(after) > room:
        after = after[: max(room - len(before), 0)] + "…"
    return f"{html.escape(before)}<mark>{html.escape(fig)}</mark>{html.escape(after)}"


def section_label(number: int, title: str) -> str:
    """``一、防疫情、促发展…`` or ``开篇（总述）`` for the preamble."""
    if number == 0:
        return "开篇（总述）"
    return f"{narrative.cn_ordinal(number)}、{title}" if title else f"第{number}部分"


# --- the blocks ----------------------------------------------------------------------------


def header_html(b: Brief) -> str:
    """Title and the facts a reader needs to trust the brief: source, hash, versions."""
    from analysis import __version__

    r = b.report
    title = f"{b.region_name}{r.report_year}年政府工作报告 · 数据简报"
    rows = [
        ["地区", f"{e(b.region_name)}（{e(r.region)}）"],
        ["报告年份", f"{r.report_year}年"],
        ["回顾时期", f"{r.period}年"],
        ["来源文件", f"<code>{e(b.source.name)}</code>"],
        ["SHA-256", f'<code class="hash">{e(r.sha256)}</code>'],
        ["分析包版本", f"analysis {e(__version__)}"],
        [
            "提取指标",
            f"{len(b.table)}项（其中被遮盖{int(b.table['masked'].fillna(False).sum())}项）",
        ],
        ["原文对照", '<a href="source.html">source.html</a>（全文，每个数字标在原处）'],
    ]
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<header class="brief-header"><h1>{e(title)}</h1>'
        f'<table class="brief-meta"><tbody>{body}</tbody></table></header>'
    )


def _actuals(df: pd.DataFrame) -> pd.DataFrame:
    """Annual figures of the reviewed period (no targets, no multi-year figures)."""
    keep = ~df["is_target"].fillna(False).astype(bool)
    if "multi_year" in df:
        keep &= ~df["multi_year"].fillna(False).astype(bool)
    return df[keep]


def headline_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per key indicator present: its level and growth figures side by side.

    Columns: indicator, name, level (row or None), growth (row or None), first (offset).
    """
    order = catalog.headline_ids()
    actual = _actuals(df)
    known = actual[actual["indicator"].fillna("").astype(str).isin(order)]
    out = []
    for ind, g in known.groupby("indicator", sort=False):
        g = g.sort_values("start")
        level = g[g["kind"] == "level"]
        growth = g[g["kind"] == "growth"]
        if level.empty and growth.empty:
            continue
        first = g.iloc[0]
        out.append(
            {
                "indicator": str(ind),
                "name": catalog.display_name(str(ind), g["name"].dropna().astype(str)),
                "level": None if level.empty else level.iloc[0],
                "growth": None if growth.empty else growth.iloc[0],
                "order": order.index(str(ind)),
                "first": int(first["start"]),
            }
        )
    res = pd.DataFrame(out, columns=["indicator", "name", "level", "growth", "order", "first"])
    return res.sort_values(["order", "first"], kind="stable").head(HEADLINE_MAX)


def headline_html(b: Brief) -> str:
    """The key indicators: value (or masked interval), growth, qualifier, and a chart."""
    heads = headline_rows(b.table)
    parts = ['<section class="brief-block"><h2>核心指标</h2>']
    if heads.empty:
        parts.append(blocks.note("报告中没有识别出目录内的核心指标。"))
        return "".join(parts) + "</section>"
    rows = []
    for _, h in heads.iterrows():
        level, growth = h["level"], h["growth"]
        ref = level if level is not None else growth
        rows.append(
            [
                e(h["name"]),
                e(figure_text(level)) if level is not None else "—",
                e(figure_text(growth)) if growth is not None else "—",
                e(qualifier_text(ref)) or "—",
                e(
                    section_label(int(ref["section"]), "")
                    if int(ref["section"]) == 0
                    else f"第{narrative.cn_ordinal(int(ref['section']))}部分"
                ),
            ]
        )
    parts.append(_table(["指标", "数值", "增速", "限定", "出处"], rows, "brief-table headline"))
    # Chart labels as in the table above (the catalog's names, not the phrase as written).
    growth_rows = pd.DataFrame([g for g in heads["growth"] if g is not None])
    if len(growth_rows):
        growth_rows["name"] = [
            n for n, g in zip(heads["name"], heads["growth"], strict=True) if g is not None
        ]
        chart = charts.figure_chart(growth_rows, "核心指标增速", "比上年增长（%）")
        caption = "实心条为公布的增速"
        if growth_rows["masked"].fillna(False).astype(bool).any():
            caption += "；虚线框为被遮盖数字的可能区间"
        parts.append(blocks.figure(_chart(chart), caption + "。"))
    return "".join(parts) + "</section>"


def figure_table_html(rows: pd.DataFrame) -> str:
    """A section's figures with the sentence each stands in (figure marked)."""
    body = []
    for _, r in rows.iterrows():
        tags = []
        if bool(r["is_target"]) if text_of(r["is_target"]) else False:
            tags.append("目标")
        if "multi_year" in r and text_of(r["multi_year"]) and bool(r["multi_year"]):
            tags.append("多年")
        body.append(
            [
                e(text_of(r["name"]) or "—"),
                e(narrative.KIND_ZH.get(text_of(r["kind"]), text_of(r["kind"]))),
                f'<a href="source.html#fig-{int(r["start"])}">{e(figure_text(r))}</a>',
                e("、".join([q for q in [qualifier_text(r)] if q] + tags)) or "—",
                sentence_html(r),
            ]
        )
    return _table(["指标", "类型", "数值", "限定", "原句"], body, "brief-table figures")


def sections_html(b: Brief) -> list[str]:
    """One block per section: title, narrative paragraph, chart, keywords and figure table."""
    heads = headline_rows(b.table)
    headline_starts = {int(g["start"]) for g in heads["growth"] if g is not None}
    out = []
    for sec in b.report.sections:
        rows = b.table[b.table["section"] == sec.number]
        text = b.report.text[sec.start : sec.end]
        if not text.strip():
            continue
        label = section_label(sec.number, sec.title)
        parts = [f'<section class="brief-block"><h2>{e(label)}</h2>']
        parts.append(f"<p>{e(narrative.section_paragraph(rows, sec.title))}</p>")
        words = keywords.top_words(text, 8)
        if words:
            parts.append(
                '<p class="brief-keywords">关键词：'
                + "、".join(f"{e(w)}（{c}）" for w, c in words)
                + "</p>"
            )
        if len(rows):
            # Figures already drawn in the headline chart are left out: no chart twice.
            chart = charts.section_chart(
                rows[~rows["start"].isin(headline_starts)], truncate(f"{label}：主要数字", 30)
            )
            parts.append(blocks.figure(_chart(chart)))
            parts.append(figure_table_html(rows))
        parts.append("</section>")
        out.append("".join(parts))
    return out


def targets_html(b: Brief) -> str:
    """The coming year's targets, when the report sets them: table and chart."""
    df = b.table[b.table["is_target"].fillna(False).astype(bool)]
    parts = [f'<section class="brief-block"><h2>{b.report.report_year}年预期目标</h2>']
    if df.empty:
        parts.append(blocks.note("本报告没有设定（或未能识别出）量化的年度预期目标。"))
        return "".join(parts) + "</section>"
    rows = [
        [
            e(text_of(r["name"]) or "—"),
            e(figure_text(r)),
            e(qualifier_text(r)) or "—",
            sentence_html(r),
        ]
        for _, r in df.iterrows()
    ]
    parts.append(_table(["指标", "目标", "限定", "原句"], rows, "brief-table targets"))
    chart = charts.section_chart(df, f"{b.report.report_year}年预期目标", "目标值")
    parts.append(blocks.figure(_chart(chart), "实心条为目标值；灰框为目标区间。"))
    return "".join(parts) + "</section>"


STATUS_ZH = {"met": "完成", "missed": "未完成", "no_actual": "无实际数", "no_target": "未设目标"}


def last_year_html(b: Brief) -> str:
    """Last year's targets against this report's actuals (needs :mod:`analysis.targets`)."""
    try:
        from analysis import targets  # written in parallel; the brief works without it

        status = targets.status_for_year(
            b.data_dir, b.report.report_year, b.out_dir.parent if b.out_dir else ""
        )
    except (ImportError, AttributeError):
        return ""
    except AnalysisError as err:  # a broken earlier report must not sink this year's brief
        return (
            f'<section class="brief-block"><h2>{b.report.report_year - 1}年目标完成情况</h2>'
            + blocks.note(f"无法对照上年目标：{err.problem}")
            + "</section>"
        )
    if status is None or len(status) == 0:
        return ""
    rows = [
        [
            e(text_of(r["name"]) or catalog.label(text_of(r["indicator"]))),
            e(text_of(r["target_text"]) or "—"),
            e(text_of(r["actual_text"]) or "—"),
            e(STATUS_ZH.get(text_of(r["status"]), text_of(r["status"]))),
        ]
        for _, r in status.iterrows()
    ]
    return (
        f'<section class="brief-block"><h2>{b.report.report_year - 1}年目标完成情况</h2>'
        + _table(["指标", "上年目标", "实际", "结果"], rows, "brief-table status")
        + "</section>"
    )


def disclosure_profile(b: Brief) -> pd.DataFrame:
    """Per section: figures disclosed and masked (columns 部分, 公布, 遮盖)."""
    rows = []
    for sec in b.report.sections:
        sub = b.table[b.table["section"] == sec.number]
        masked = int(sub["masked"].fillna(False).astype(bool).sum())
        rows.append(
            {
                "部分": truncate(section_label(sec.number, sec.title), 14),
                "公布": len(sub) - masked,
                "遮盖": masked,
            }
        )
    return pd.DataFrame(rows, columns=["部分", "公布", "遮盖"])


def disclosure_html(b: Brief) -> str:
    """How much the report discloses: figures stated vs masked, per section, and a chart."""
    prof = disclosure_profile(b)
    parts = ['<section class="brief-block"><h2>披露情况</h2>']
    total = int(prof["公布"].sum() + prof["遮盖"].sum())
    if total == 0:
        parts.append(blocks.note("报告中没有提取到数字指标。"))
        return "".join(parts) + "</section>"
    masked = int(prof["遮盖"].sum())
    parts.append(
        f"<p>全文共{total}项数字指标，公布{total - masked}项，被遮盖{masked}项"
        f"（{masked / total:.0%}）。</p>"
    )
    rows = [
        [
            e(r["部分"]),
            str(r["公布"]),
            str(r["遮盖"]),
            f"{r['遮盖'] / (r['公布'] + r['遮盖']):.0%}" if r["公布"] + r["遮盖"] else "—",
        ]
        for _, r in prof.iterrows()
    ]
    parts.append(_table(["部分", "公布", "遮盖", "遮盖比例"], rows, "brief-table profile"))
    parts.append(
        blocks.figure(
            _chart(charts.disclosure_chart(prof)), "黑色为公布的数字，白色为被遮盖的数字。"
        )
    )
    return "".join(parts) + "</section>"


def keywords_html(b: Brief, n: int = 8) -> str:
    """Keyword profile: the report's top words (chart) and each section's (table)."""
    parts = ['<section class="brief-block"><h2>关键词</h2>']
    parts.append(blocks.note("jieba 分词，去除虚词与报告套话后的词频。"))
    whole = keywords.top_words(b.report.text, 12)
    parts.append(blocks.figure(_chart(charts.keyword_chart(whole, "全文高频词"))))
    rows = []
    for sec in b.report.sections:
        words = keywords.top_words(b.report.text[sec.start : sec.end], n)
        if words:
            rows.append(
                [
                    e(truncate(section_label(sec.number, sec.title), 20)),
                    "、".join(f"{e(w)}（{c}）" for w, c in words),
                ]
            )
    if rows:
        parts.append(_table(["部分", "高频词（次数）"], rows, "brief-table keywords"))
    return "".join(parts) + "</section>"


QUALIFIER_SHORT = {
    "exact": "确数", "approx": "左右", "at_least": "下限", "at_most": "上限", "range": "区间"
}  # fmt: skip
APPENDIX_COLUMNS = {
    "section": "部分",
    "name": "指标名称",
    "indicator": "标识",
    "kind": "类型",
    "text": "原文",
    "value": "数值",
    "low": "下限",
    "high": "上限",
    "unit": "单位",
    "qualifier": "限定",
    "masked": "遮盖",
    "is_target": "目标",
    "period": "时期",
}


def _cell(col: str, v: object) -> str:
    if col in ("value", "low", "high"):
        return narrative.number(v)
    if col in ("masked", "is_target"):
        return "是" if text_of(v) and bool(v) else ""
    if col == "kind":
        return narrative.KIND_ZH.get(text_of(v), text_of(v))
    if col == "qualifier":  # short forms: the appendix column is narrow
        return QUALIFIER_SHORT.get(text_of(v), text_of(v))
    return narrative.number(v) if col in ("section", "period") else text_of(v)


def appendix_html(b: Brief) -> str:
    """The full indicator table; the CSV beside the brief also has the whole sentences."""
    parts = ['<section class="brief-block appendix"><h2>附录：指标总表</h2>']
    if b.table.empty:
        parts.append(blocks.note("没有提取到指标。"))
        return "".join(parts) + "</section>"
    link = ' 完整数据（含原句）见同目录的 <a href="indicators.csv">indicators.csv</a>。'
    parts.append(f'<p class="brief-note">共{len(b.table)}行。{link if b.out_dir else ""}</p>')
    cols = list(APPENDIX_COLUMNS)
    rows = [[e(_cell(c, r[c])) for c in cols] for _, r in b.table.iterrows()]
    parts.append(_table(list(APPENDIX_COLUMNS.values()), rows, "brief-table appendix-table"))
    return "".join(parts) + "</section>"
