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
from analysis.tables.sentences import sentence_offsets
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

STATUS_ZH = labels.of("status")


def _p(key: str, **values: object) -> str:
    return labels.phrase("brief", key, **values)


def _cols(key: str) -> list[str]:
    return labels.columns("brief", key)


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
HALF_WIDTH = 150


def _table(header: list[str], rows: list[list[object]], cls: str) -> dict:
    return blocks.table(header, rows, f"brief-table {cls}", WIDTHS.get(cls, []))


def sentence_parts(
    row: pd.Series, limit: int = SENTENCE_LIMIT, at: int | None = None
) -> dict[str, str] | str:
    """The source sentence with the figure to mark (:func:`narrative.mark`): at ``at`` (its
    place in the sentence, :func:`analysis.tables.sentences.sentence_offsets`), else at the
    first string like it."""
    sentence, fig = text_of(row.get("sentence")), text_of(row.get("text"))
    if at is None and fig:
        at = sentence.find(fig) if fig in sentence else None
    return narrative.mark(sentence, fig, at, limit)


def _part(number: int) -> str:
    return _p("opening") if number == 0 else _p("part", n=cn_ordinal(number))


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
    return _p("title", region=b.region_name, year=b.report.report_year)


def header_html(b: Brief) -> str:
    """Title; the report's own title, date and source when known; the facts to trust it."""
    from analysis import __version__

    r = b.report
    masked = int(b.table["masked"].fillna(False).astype(bool).sum())
    facts = [
        (_p("fact_region"), r.meta.label),
        (_p("fact_year"), _p("year", year=r.report_year)),
        (_p("fact_period"), _p("year", year=r.period)),
        (
            _p("fact_figures"),
            _p("figures_masked", n=len(b.table), masked=masked)
            if masked
            else _p("figures", n=len(b.table)),
        ),
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
            [
                h["name"],
                figure_text(level) if level is not None else "—",
                figure_text(growth) if growth is not None else "—",
                qualifier_text(ref) or "—",
                _part(int(ref["section"])),
            ]
        )
    return pd.DataFrame(rows, columns=_cols("headline_columns"))


def headline_html(b: Brief) -> str:
    """The key figures with their change (a note when the report has none)."""
    df = headline_table(b)
    if df.empty:
        return blocks.section_html(notes=[_p("no_headline")])
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
    return charts.figure_chart(
        rows, _p("headline_chart"), _p("headline_axis"), width=width, label_limit=9
    )


def targets_chart(b: Brief, width: int = HALF_WIDTH) -> charts.alt.Chart | None:
    """This year's targets that share a unit (bars; a grey box for a range)."""
    return charts.section_chart(
        top_targets(b),
        _p("targets_heading", year=b.report.report_year),
        _p("targets_axis"),
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


def last_year_status(b: Brief) -> pd.DataFrame:
    """Last year's targets against this report's actuals: 指标, 上年目标, 实际, 结果.

    Empty without last year's report. Raises :class:`AnalysisError` when that report is
    unreadable."""
    from analysis.tables import targets

    status = targets.status_for_year(
        b.data_dir, b.report.report_year, b.out_dir.parent if b.out_dir else ""
    )
    cols = _cols("status_columns")
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
        this = blocks.section(heading=_p("targets_heading", year=year), notes=[_p("no_targets")])
    else:
        shown = top_targets(b)
        rows = [
            [text_of(r["name"]) or "—", figure_text(r), qualifier_text(r) or "—"]
            for _, r in shown.iterrows()
        ]
        more = len(df) - len(shown)
        this = blocks.section(
            heading=_p("targets_heading", year=year),
            tables=[_table(_cols("goals_columns"), rows, "goals")],
            notes=[_p("more_targets", n=more)] if more > 0 else [],
        )
    try:
        status = last_year_status(b)
    except AnalysisError as err:  # a broken earlier report must not sink this year's brief
        last = blocks.section(
            heading=_p("status_heading", year=year - 1),
            notes=[_p("status_error", problem=err.problem)],
        )
    else:
        if status.empty:
            last = blocks.section(
                heading=_p("status_heading", year=year - 1), notes=[_p("no_last_year")]
            )
        else:
            counts = status[status.columns[-1]].value_counts()
            summary = "，".join(
                _p("status_count", status=k, n=counts[k])
                for k in (STATUS_ZH["met"], STATUS_ZH["missed"])
                if k in counts
            )
            shown = status.head(GOALS_MAX)
            more = len(status) - len(shown)
            last = blocks.section(
                heading=_p("status_heading", year=year - 1),
                paragraphs=[
                    _p("status_summary", n=len(status), summary=summary or _p("status_undecided"))
                ],
                tables=[_table(list(status.columns), shown.to_numpy().tolist(), "status")],
                notes=[_p("more_status", n=more)] if more > 0 else [],
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
    part, shown_col, masked_col = prof.columns  # 部分, 公布, 遮盖 (tables.year)
    total = int(prof[shown_col].sum() + prof[masked_col].sum())
    masked = int(prof[masked_col].sum())
    if total == 0:
        first = _p("no_figures")
    else:
        first = _p("disclosed", total=total, shown=total - masked, masked=masked,
                   share=masked / total)  # fmt: skip
        if masked:
            share = prof[masked_col] / (prof[shown_col] + prof[masked_col]).clip(lower=1)
            top = prof.assign(share=share).sort_values("share", ascending=False, kind="stable")
            top = top.iloc[0]
            first += _p("most_masked", part=top[part], n=int(top[masked_col]))
    words = keywords.top_words(b.report.text, 8)
    second = (
        _p("top_words", words="、".join(f"{w}（{c}）" for w, c in words))
        if words
        else _p("no_words")
    )
    return blocks.section_html(paragraphs=[first, second], notes=[_p("words_note")])


def profile_chart(b: Brief) -> charts.alt.TopLevelMixin | None:
    """The report's top words, beside the disclosure profile when page one did not show it."""
    words = charts.keyword_chart(
        keywords.top_words(b.report.text, 12), _p("words_chart"), HALF_WIDTH
    )
    if targets_chart(b) is None:  # page one already shows the disclosure profile
        return words
    return charts.side_by_side(
        charts.disclosure_chart(disclosure_profile(b), width=HALF_WIDTH), words
    )


# --- the evidence (screen only) -----------------------------------------------------------


def figure_table(rows: pd.DataFrame, places: dict | None = None) -> dict:
    """A section's figures with the sentence each stands in, the figure marked at its place
    (``places``: row index → offset in the sentence, :func:`sentence_offsets`)."""
    body = []
    for i, r in rows.iterrows():
        tags = []
        if text_of(r["is_target"]) and bool(r["is_target"]):
            tags.append(_p("tag_target"))
        if "multi_year" in r and text_of(r["multi_year"]) and bool(r["multi_year"]):
            tags.append(_p("tag_multi_year"))
        body.append(
            [
                text_of(r["name"]) or "—",
                narrative.KIND_ZH.get(text_of(r["kind"]), text_of(r["kind"])),
                {"text": figure_text(r), "href": f"source.html#fig-{int(r['start'])}"},
                "、".join([q for q in [qualifier_text(r)] if q] + tags) or "—",
                sentence_parts(r, at=(places or {}).get(i)),
            ]
        )
    return _table(_cols("figure_columns"), body, "figures")


def details_html(b: Brief) -> str:
    """Every figure with its sentence, one collapsed part per section (screen only: print
    leaves it out; ``indicators.csv`` has the whole table)."""
    places = dict(zip(b.table.index, sentence_offsets(b.table), strict=True))
    items = []
    for sec, rows, _ in _parts(b):
        if len(rows):
            items.append(
                {
                    "summary": _p(
                        "section_item", label=section_label(sec.number, sec.title), n=len(rows)
                    ),
                    "paragraphs": [narrative.section_paragraph(rows, sec.title)],
                    "table": figure_table(rows, places),
                }
            )
    tg = targets_rows(b)
    if len(tg):
        items.append(
            {
                "summary": _p("targets_item", year=b.report.report_year, n=len(tg)),
                "paragraphs": [],
                "table": _table(
                    _cols("target_columns"),
                    [
                        [
                            text_of(r["name"]) or "—",
                            figure_text(r),
                            qualifier_text(r) or "—",
                            sentence_parts(r, at=places.get(i)),
                        ]
                        for i, r in tg.iterrows()
                    ],  # fmt: skip
                    "targets",
                ),
            }
        )
    if not items:
        return blocks.render("details.html.j2", intro=_p("no_details"), csv="", items=[])
    return blocks.render(
        "details.html.j2",
        intro=_p("details_intro", n=len(b.table)) + (_p("details_csv") if b.out_dir else ""),
        csv="indicators.csv" if b.out_dir else "",
        items=items,
    )
