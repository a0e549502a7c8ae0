"""The year brief: DataFrames, Altair charts and HTML blocks for ``notebooks/brief.ipynb``.

The brief reads in order: page one stands alone (key figures with their change, two or three
charts, this year's targets and last year's targets met or missed), then a sentence or two per
part of the report; the evidence (every figure with its sentence) follows in collapsed
``<details>`` that print leaves out — it is also in ``indicators.csv``.

HTML comes from the Jinja2 templates of :mod:`analysis.briefs.blocks` (autoescaped): a report
holding ``<script>`` or a ``javascript:`` link shows it as text, whatever the report says.
"""

from __future__ import annotations

import pandas as pd

from analysis import labels
from analysis.briefs import blocks, charts, narrative
from analysis.briefs.narrative import figure_text, qualifier_text
from analysis.errors import AnalysisError
from analysis.extract import catalog
from analysis.tables import keywords
from analysis.tables.format import cn_ordinal, text_of, truncate
from analysis.tables.year import (
    GOALS_MAX,
    Brief,
    disclosure_profile,
    headline_rows,
    page_targets,
    section_label,
    targets_rows,
    top_targets,
)

SENTENCE_LIMIT = 90








# --- small helpers -------------------------------------------------------------------------

#: Column widths per table class (fixed layout: the PDF lays out several times faster, and long
#: sentences cannot squeeze the short columns).
WIDTHS: dict[str, list[str]] = {
    "headline": ["34%", "", "", "5.5em", "5.5em"],
    "goals": ["46%", "", "5.5em"],
    "status": ["34%", "", "", "4.5em"],
    "figures": ["17%", "4.5em", "21%", "6.5em", ""],
    "targets": ["20%", "22%", "6.5em", ""],
}
#: Page one's charts, side by side: each this wide (CSS px; the pair fits an A4 column).
HALF_WIDTH = 190


def _table(header: list[str], rows: list[list[object]], cls: str) -> dict:
    return blocks.table(header, rows, f"brief-table {cls}", WIDTHS.get(cls, []))


def sentence_parts(row: pd.Series, limit: int = SENTENCE_LIMIT) -> dict[str, str] | str:
    """The source sentence with the figure to mark (``{"before", "mark", "after"}``, a cell
    of the templates), long sentences cut around it; the plain sentence when it lacks the
    figure."""
    sentence = text_of(row.get("sentence"))
    fig = text_of(row.get("text"))
    at = sentence.find(fig) if fig else -1
    if at < 0:
        return truncate(sentence, limit)
    before, after = sentence[:at], sentence[at + len(fig) :]
    room = max(limit - len(fig), 10)
    if len(before) > room // 2 and len(before) + len(after) > room:
        keep = max(room // 2, room - len(after))
        before = "…" + before[-keep:]
    if len(before) + len(after) > room:
        after = after[: max(room - len(before), 0)] + "…"
    return {"before": before, "mark": fig, "after": after}




def _part(number: int) -> str:
    return "开篇" if number == 0 else f"第{cn_ordinal(number)}部分"


def _get(obj: object, key: str) -> str:
    """A field of ``source_info``, whether it is a mapping or an object; '' when missing."""
    value = obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)
    return text_of(value).strip()


def source_info(b: Brief) -> dict[str, str] | None:
    """The report's title, publish date and source when the report has them (``None`` when it
    has none): ``url`` only for an http(s) URL, any other source is ``url_text`` alone."""
    info = getattr(b.report, "source_info", None)
    if info is None:
        return None
    raw = _get(info, "source_url")
    out = {
        "title": _get(info, "title"),
        "date": _get(info, "publish_date"),
        "url": blocks.safe_url(raw),
        "url_text": raw,
    }
    return out if any(out.values()) else None


# --- page one ------------------------------------------------------------------------------


def title(b: Brief) -> str:
    """The brief's title (its ``<h1>``)."""
    return f"{b.region_name}{b.report.report_year}年政府工作报告 · 数据简报"


def header_html(b: Brief) -> str:
    """Title; the report's own title, date and source when known; the facts to trust it."""
    from analysis import __version__

    r = b.report
    masked = int(b.table["masked"].fillna(False).astype(bool).sum())
    facts = [
        ("地区", r.meta.label),
        ("报告年份", f"{r.report_year}年"),
        ("回顾时期", f"{r.period}年"),
        ("提取数字", f"{len(b.table)}项" + (f"（{masked}项被遮盖）" if masked else "")),
    ]
    return blocks.render(
        "header.html.j2",
        title=title(b),
        source=source_info(b),
        facts=facts,
        file=b.source.name,
        sha256=r.sha256,
        version=__version__,
        source_view="source.html" if b.out_dir else "",
        notes=[],
    )




def headline_table(b: Brief) -> pd.DataFrame:
    """The key figures as text: 指标, 数值, 增速, 限定, 出处 (one row per key indicator)."""
    rows = []
    for _, h in headline_rows(b.table).iterrows():
        level, growth = h["level"], h["growth"]
        ref = level if level is not None else growth
        rows.append(
            {
                "指标": h["name"],
                "数值": figure_text(level) if level is not None else "—",
                "增速": figure_text(growth) if growth is not None else "—",
                "限定": qualifier_text(ref) or "—",
                "出处": _part(int(ref["section"])),
            }
        )
    return pd.DataFrame(rows, columns=["指标", "数值", "增速", "限定", "出处"])


def headline_html(b: Brief) -> str:
    """The key figures with their change (a note when the report has none)."""
    df = headline_table(b)
    if df.empty:
        return blocks.section_html(notes=["报告中没有识别出目录内的核心指标。"])
    rows = df.to_numpy().tolist()
    return blocks.section_html(tables=[_table(list(df.columns), rows, "headline")])


def headline_chart(b: Brief, width: int = HALF_WIDTH) -> charts.alt.Chart | None:
    """The key indicators' growth: bars, or a dashed box over a masked figure's interval."""
    heads = headline_rows(b.table)
    have = [(n, g) for n, g in zip(heads["name"], heads["growth"], strict=True) if g is not None]
    if not have:
        return None
    # Chart labels as in the table (the catalog's names, not the phrase as written).
    rows = pd.DataFrame([g for _, g in have]).assign(name=[n for n, _ in have])
    return charts.figure_chart(rows, "核心指标增速", "比上年增长（%）", width=width, label_limit=9)








def targets_chart(b: Brief, width: int = HALF_WIDTH) -> charts.alt.Chart | None:
    """This year's targets that share a unit (bars; a grey box for a range)."""
    return charts.section_chart(
        top_targets(b),
        f"{b.report.report_year}年预期目标",
        "目标值",
        width=width,
        label_limit=9,
    )


def page_one_chart(b: Brief) -> charts.alt.TopLevelMixin | None:
    """Page one's charts as one: key growth figures beside this year's targets (beside the
    disclosure profile when the report sets no targets)."""
    second = targets_chart(b)
    if second is None:
        second = charts.disclosure_chart(disclosure_profile(b), width=HALF_WIDTH)
    return charts.side_by_side(headline_chart(b), second)


STATUS_ZH = labels.of("status")


def last_year_status(b: Brief) -> pd.DataFrame:
    """Last year's targets against this report's actuals: 指标, 上年目标, 实际, 结果.

    Empty without last year's report. Raises :class:`AnalysisError` when that report is
    unreadable."""
    from analysis.tables import targets

    status = targets.status_for_year(
        b.data_dir, b.report.report_year, b.out_dir.parent if b.out_dir else ""
    )
    cols = ["指标", "上年目标", "实际", "结果"]
    if status is None or len(status) == 0:
        return pd.DataFrame(columns=cols)
    rows = [
        [
            text_of(r["name"]) or catalog.label(text_of(r["indicator"])),
            text_of(r["target_text"]) or "—",
            text_of(r["actual_text"]) or "—",
            STATUS_ZH.get(text_of(r["status"]), text_of(r["status"])),
        ]
        for _, r in status.iterrows()
    ]
    return pd.DataFrame(rows, columns=cols)


def goals_html(b: Brief) -> str:
    """This year's targets beside last year's targets met or missed."""
    year = b.report.report_year
    df = page_targets(b)
    if df.empty:
        this = blocks.section(
            heading=f"{year}年预期目标",
            notes=["本报告没有设定（或未能识别出）量化的年度预期目标。"],
        )
    else:
        shown = top_targets(b)
        rows = [
            [text_of(r["name"]) or "—", figure_text(r), qualifier_text(r) or "—"]
            for _, r in shown.iterrows()
        ]
        more = len(df) - len(shown)
        this = blocks.section(
            heading=f"{year}年预期目标",
            tables=[_table(["指标", "目标", "限定"], rows, "goals")],
            notes=[f"另有{more}项目标，见网页版的逐项明细和indicators.csv。"] if more > 0 else [],
        )
    try:
        status = last_year_status(b)
    except AnalysisError as err:  # a broken earlier report must not sink this year's brief
        last = blocks.section(
            heading=f"{year - 1}年目标完成情况", notes=[f"无法对照上年目标：{err.problem}"]
        )
    else:
        if status.empty:
            last = blocks.section(
                heading=f"{year - 1}年目标完成情况",
                notes=["没有上一年的报告，无法对照上年目标。"],
            )
        else:
            counts = status["结果"].value_counts()
            summary = "，".join(f"{k}{counts[k]}项" for k in ("完成", "未完成") if k in counts)
            shown = status.head(GOALS_MAX)
            more = len(status) - len(shown)
            last = blocks.section(
                heading=f"{year - 1}年目标完成情况",
                paragraphs=[f"上年报告设定的{len(status)}项目标中，{summary or '无法判定'}。"],
                tables=[_table(list(status.columns), shown.to_numpy().tolist(), "status")],
                notes=[f"另有{more}项，见targets.csv。"] if more > 0 else [],
            )
    return blocks.pair_html(this, last)


# --- the parts of the report ---------------------------------------------------------------


def _parts(b: Brief):
    """(section, its rows, its text) for each section with text."""
    for sec in b.report.sections:
        text = b.report.text[sec.start : sec.end]
        if text.strip():
            yield sec, b.table[b.table["section"] == sec.number], text


def notes_html(b: Brief) -> str:
    """A sentence or two per part of the report: its main figures and its keywords."""
    items = [
        {
            "label": truncate(section_label(sec.number, sec.title), 40),
            "text": narrative.section_note(rows),
            "words": keywords.top_words(text, 5),
        }
        for sec, rows, text in _parts(b)
    ]
    return blocks.render("notes.html.j2", sections=items)




def profile_html(b: Brief) -> str:
    """How much the report discloses, and its most frequent words, in two sentences."""
    prof = disclosure_profile(b)
    total = int(prof["公布"].sum() + prof["遮盖"].sum())
    masked = int(prof["遮盖"].sum())
    if total == 0:
        first = "报告中没有提取到数字指标。"
    else:
        first = f"全文共{total}项数字，公布{total - masked}项，被遮盖{masked}项（{masked / total:.0%}）。"
        if masked:
            worst = prof.assign(share=prof["遮盖"] / (prof["公布"] + prof["遮盖"]).clip(lower=1))
            top = worst.sort_values("share", ascending=False, kind="stable").iloc[0]
            first += f"遮盖最多的是“{top['部分']}”（{int(top['遮盖'])}项）。"
    words = keywords.top_words(b.report.text, 8)
    second = (
        "全文高频词：" + "、".join(f"{w}（{c}）" for w, c in words) + "。"
        if words
        else "没有提取到高频词。"
    )
    return blocks.section_html(
        paragraphs=[first, second], notes=["高频词：jieba 分词，去除虚词与报告套话后的词频。"]
    )


def profile_chart(b: Brief) -> charts.alt.TopLevelMixin | None:
    """The report's top words, beside the disclosure profile when page one did not show it."""
    words = charts.keyword_chart(keywords.top_words(b.report.text, 12), "全文高频词", HALF_WIDTH)
    if targets_chart(b) is None:  # page one already shows the disclosure profile
        return words
    return charts.side_by_side(
        charts.disclosure_chart(disclosure_profile(b), width=HALF_WIDTH), words
    )


# --- the evidence (screen only) -----------------------------------------------------------


def figure_table(rows: pd.DataFrame) -> dict:
    """A section's figures with the sentence each stands in (figure marked)."""
    body = []
    for _, r in rows.iterrows():
        tags = []
        if text_of(r["is_target"]) and bool(r["is_target"]):
            tags.append("目标")
        if "multi_year" in r and text_of(r["multi_year"]) and bool(r["multi_year"]):
            tags.append("多年")
        body.append(
            [
                text_of(r["name"]) or "—",
                narrative.KIND_ZH.get(text_of(r["kind"]), text_of(r["kind"])),
                {"text": figure_text(r), "href": f"source.html#fig-{int(r['start'])}"},
                "、".join([q for q in [qualifier_text(r)] if q] + tags) or "—",
                sentence_parts(r),
            ]
        )
    return _table(["指标", "类型", "数值", "限定", "原句"], body, "figures")


def details_html(b: Brief) -> str:
    """Every figure with its sentence, one collapsed part per section (screen only: print
    leaves it out; ``indicators.csv`` has the whole table)."""
    items = []
    for sec, rows, _ in _parts(b):
        if len(rows):
            items.append(
                {
                    "summary": f"{section_label(sec.number, sec.title)}（{len(rows)}项数字）",
                    "paragraphs": [narrative.section_paragraph(rows, sec.title)],
                    "table": figure_table(rows),
                }
            )
    tg = targets_rows(b)
    if len(tg):
        items.append(
            {
                "summary": f"{b.report.report_year}年预期目标的原句（{len(tg)}项）",
                "paragraphs": [],
                "table": _table(
                    ["指标", "目标", "限定", "原句"],
                    [
                        [
                            text_of(r["name"]) or "—",
                            figure_text(r),
                            qualifier_text(r) or "—",
                            sentence_parts(r),
                        ]
                        for _, r in tg.iterrows()
                    ],  # fmt: skip
                    "targets",
                ),
            }
        )
    if not items:
        return blocks.render("details.html.j2", intro="报告中没有提取到数字。", csv="", items=[])
    return blocks.render(
        "details.html.j2",
        intro=f"点开各部分，看每个数字和它所在的句子（共{len(b.table)}项；打印版不含此部分）。"
        + ("完整数据见同目录的" if b.out_dir else ""),
        csv="indicators.csv" if b.out_dir else "",
        items=items,
    )
