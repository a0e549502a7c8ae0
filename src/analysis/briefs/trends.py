"""The multi-year trends brief: one region's reports side by side.

DataFrames, Altair charts (house theme, :mod:`analysis.briefs.charts`; the notebook shows each
as one Vega-Lite + SVG output) and HTML blocks from the Jinja2 templates of
:mod:`analysis.briefs.blocks` (autoescaped) for ``notebooks/trends.ipynb``. The printed brief is
a few pages: the headline series, targets met or missed, how the reports changed; the
year-by-year tables stay on screen, collapsed.
"""

from __future__ import annotations

import pandas as pd

from analysis import labels
from analysis.briefs import blocks, charts
from analysis.briefs.charts import (
    alt,  # through charts: its import of Altair skips a slow format checker
)
from analysis.tables.format import number, text_of, truncate
from analysis.tables.trends import (
    HEADLINE_SERIES,
    Trends,
    _targeted,
    _unit_of,
    display_name,
    headline_series,
    keyword_table,
    name_history,
    structure,
    word_shift,
)

STATUS_ZH = labels.of("status")


def _p(key: str, **values: object) -> str:
    return labels.phrase("trends", key, **values)


def _p_list(key: str) -> list[str]:
    return labels.columns("trends", key)


KIND_ZH = labels.of("kind")
DIRECTION_ZH = labels.of("direction")


# --- units ---------------------------------------------------------------------------------


# --- charts --------------------------------------------------------------------------------


def _year_axis(
    years: pd.Series, field: str = "period", title: str = "年份", width: int = 400
) -> alt.X:
    """A year axis over ``years`` (no zero, a little room at both ends), with as many ticks as
    ``width`` px hold apart (a year label is ~30 px: 1960 1970, never 19601970)."""
    lo, hi = int(years.min()), int(years.max())
    return alt.X(
        f"{field}:Q",
        title=title,
        scale=alt.Scale(domain=[lo - 0.6, hi + 0.6], zero=False, nice=False),
        axis=alt.Axis(
            format="d", tickMinStep=1, values=_ticks(lo, hi, max(2, width // 42)), labelOverlap=True
        ),
    )


def _ticks(lo: int, hi: int, most: int = 12) -> list[int]:
    """Round-year ticks, at most ``most`` of them: every year for short spans, every 2, 5, 10
    or 20 years for longer ones."""
    span = hi - lo
    step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= most - 1), 50)
    first = lo + (-lo) % step
    return list(range(first, hi + 1, step))


def _segments(periods: pd.Series) -> list[int]:
    """A segment number per row: consecutive years share one, so lines break at gaps."""
    seg, prev, out = 0, None, []
    for p in periods:
        if prev is not None and p != prev + 1:
            seg += 1
        out.append(seg)
        prev = p
    return out


def series_chart(
    data: pd.DataFrame, title: str, unit: str, width: int = charts.WIDTH - 80, height: int = 170
) -> alt.Chart | None:
    """Line over the years; a masked figure is a dashed bar over its interval."""
    if data.empty:
        return None
    exact = data[data["value"].notna()].copy()
    exact["segment"] = _segments(exact["period"])
    masked = data[data["value"].isna()]
    x = _year_axis(data["period"], width=width)
    layers = []
    if len(exact):
        base = alt.Chart(exact).encode(x=x, y=alt.Y("value:Q", title=unit))
        layers.append(base.mark_line(color=charts.INK, strokeWidth=1.5).encode(detail="segment:N"))
        layers.append(
            base.mark_point(
                filled=True, color=charts.INK, size=30 if len(exact) <= 20 else 10
            ).encode(tooltip=charts.tooltip(exact, ["period", "value", "unit", "sentence"]))
        )
        if len(exact) <= 12 and width / len(exact) >= 34:  # room for each label: no overlap
            layers.append(
                base.mark_text(dy=-9, fontSize=11).encode(text=alt.Text("value:Q", format=".4~g"))
            )
    if len(masked):
        layers.append(
            alt.Chart(masked)
            .mark_rule(color=charts.MID, strokeDash=[3, 2], strokeWidth=6, opacity=0.6)
            .encode(x=x, y=alt.Y("low:Q", title=unit), y2="high:Q")
        )
    return alt.layer(*layers).properties(title=title, width=width, height=height)


def target_chart(
    rows: pd.DataFrame, title: str, unit: str, width: int = charts.WIDTH - 80, height: int = 190
) -> alt.Chart | None:
    """Target band (grey box, or a bar for a single number) and the actual (point) per year.

    The point is filled when the target was met, a cross when missed, hollow without a
    target or undecidable; an open-ended target (以上/以内) is a bar with a triangle pointing
    the way the actual may go.
    """
    if rows.empty:
        return None
    d = rows.copy()
    d["period"] = d["period"].astype(int)
    d["lo"] = d["target_low"].astype("Float64").fillna(d["target_high"].astype("Float64"))
    d["hi"] = d["target_high"].astype("Float64").fillna(d["target_low"].astype("Float64"))
    d["结果"] = d["status"].map(STATUS_ZH)
    d["actual_mid"] = (
        d["actual"]
        .astype("Float64")
        .fillna((d["actual_low"].astype("Float64") + d["actual_high"].astype("Float64")) / 2)
    )
    d = d.astype({"lo": float, "hi": float, "actual_mid": float}, errors="ignore")
    layers = []
    x = _year_axis(d["period"], "x0", width=width)
    d["x0"] = d["period"] - 0.38
    d["x1"] = d["period"] + 0.38
    has_t = d[d["lo"].notna()].copy()
    if len(has_t):
        band = has_t[has_t["lo"] != has_t["hi"]]
        if len(band):
            layers.append(
                alt.Chart(band)
                .mark_rect(color=charts.LIGHT, stroke=charts.MID)
                .encode(x=x, x2="x1:Q", y=alt.Y("lo:Q", title=unit), y2="hi:Q")
            )
        point = has_t[has_t["lo"] == has_t["hi"]]
        if len(point):
            layers.append(
                alt.Chart(point)
                .mark_rule(color=charts.MID, strokeWidth=3)
                .encode(x=x, x2="x1:Q", y=alt.Y("lo:Q", title=unit))
            )
        # 以上/以内: a triangle beside the bar, pointing the way the actual may go.
        for side, shape, offset in (
            ("target_high", "triangle-up", -8),
            ("target_low", "triangle-down", 8),
        ):
            open_side = has_t[has_t[side].isna()]
            if len(open_side):
                layers.append(
                    alt.Chart(open_side)
                    .mark_point(shape=shape, color=charts.MID, filled=True, size=60, yOffset=offset)
                    .encode(x=_year_axis(d["period"], width=width), y=alt.Y("lo:Q", title=unit))
                )
    actual = d[d["actual_mid"].notna()]
    if len(actual):
        order = [v for v in STATUS_ZH.values() if v in set(actual["结果"])]
        shapes = {"完成": "circle", "未完成": "cross", "无实际数": "circle", "未设目标": "circle"}
        fills = {"完成": charts.INK, "未完成": charts.INK, "无实际数": "white", "未设目标": "white"}
        layers.append(
            alt.Chart(actual)
            .mark_point(size=70, stroke=charts.INK, strokeWidth=1.5, opacity=1)
            .encode(
                x=_year_axis(d["period"], width=width),
                y=alt.Y("actual_mid:Q", title=unit),
                shape=alt.Shape(
                    "结果:N",
                    scale=alt.Scale(domain=order, range=[shapes[o] for o in order]),
                    legend=alt.Legend(title="实际值", orient="bottom"),
                ),
                fill=alt.Fill(
                    "结果:N",
                    scale=alt.Scale(domain=order, range=[fills[o] for o in order]),
                    legend=alt.Legend(title="实际值", orient="bottom"),
                ),
                tooltip=charts.tooltip(
                    actual, ["period", "target_text", "actual_text", "结果", "actual_report_year"]
                ),
            )
        )
    if not layers:
        return None
    return alt.layer(*layers).properties(title=title, width=width, height=height)


# --- names ---------------------------------------------------------------------------------

#: How a kind reads after the indicator's name, where the generic word does not fit.
_KIND_WORDING = {("cpi", "growth"): "涨幅", ("energy_intensity", "growth"): "变化"}


def _label(t: Trends, indicator: str, kind: str) -> str:
    word = _KIND_WORDING.get((indicator, kind))
    if word is None:
        word = "增速" if kind == "growth" else KIND_ZH.get(kind, "") if kind != "level" else ""
    return f"{display_name(t, indicator)}{word}"


def _year_list(years: list[int]) -> str:
    """2020, 2021, 2022, 2024 → 2020–2022、2024."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _pct_widths(widths: list[int]) -> list[str]:
    return [f"{w}%" for w in widths]


# --- header --------------------------------------------------------------------------------


def title(t: Trends) -> str:
    """The trends brief's title (its ``<h1>``)."""
    return _p("title", region=t.region_name)


def header_html(t: Trends) -> str:
    """Title, the years covered and, with a single report, what this brief can show."""
    from analysis import __version__

    years = t.years
    span = (
        _p("span", first=years[0], last=years[-1])
        if len(years) > 1
        else _p("one_year", year=years[0])
    )
    masked = int(t.table["masked"].fillna(False).astype(bool).sum())
    facts = [
        (_p("fact_region"), f"{t.region_name}（{t.region}）"),
        (_p("fact_reports"), _p("reports", n=len(years), span=span)),
        (_p("fact_figures"), _p("figures", n=len(t.table), masked=masked)),
        (_p("fact_targets"), _p("targets", n=len(t.targets))),
    ]
    notes = []
    if t.skipped:
        notes.append(_p("skipped", n=len(t.skipped), files="；".join(t.skipped)))
    if len(years) < 2:
        notes.append(_p("single_report"))
    gaps = [y for y in range(years[0], years[-1] + 1) if y not in years] if years else []
    if gaps and len(years) > 1:
        notes.append(_p("gaps", years=_year_list(gaps)))
    return blocks.render(
        "header.html.j2",
        title=title(t),
        source=None,
        facts=facts,
        file="",
        sha256="、".join(r.sha256[:12] for r in t.reports[:3]) + ("…" if len(years) > 3 else ""),
        version=__version__,
        notes=notes,
    )


# --- headline series -----------------------------------------------------------------------

#: Small multiples: charts per row, and each chart's size (CSS px; a row fits an A4 column).
SMALL_WIDTH, SMALL_HEIGHT = 170, 95


def headline_chart(t: Trends) -> alt.TopLevelMixin | None:
    """The headline series with two years or more, as small multiples (a chart each)."""
    panels = []
    for indicator, kind, s in headline_series(t):
        if len(s) < 2:
            continue
        unit = s["unit"].iloc[0]
        title = f"{_label(t, indicator, kind)}（{unit}）"
        panels.append(series_chart(s, title, unit, SMALL_WIDTH, SMALL_HEIGHT))
    panels = [p for p in panels if p is not None]
    if not panels:
        return None
    return charts.ChartRow(panels)  # small multiples: three a row on a screen, one on a phone


def headline_html(t: Trends) -> str:
    """What the headline charts show; the series with a single year as a table."""
    have = headline_series(t)
    if not have:
        return blocks.section_html(notes=[_p("no_headline")])
    single = [(i, k, s.iloc[0]) for i, k, s in have if len(s) == 1]
    multi = [s for _, _, s in have if len(s) > 1]
    paragraphs, tables, notes = [], [], []
    if multi:
        paragraphs.append(_p("headline_intro"))
        masked = sum(int(s["value"].isna().sum()) for s in multi)
        if masked:
            notes.append(_p("headline_masked", n=masked))
    if single:
        rows = [
            [
                _label(t, indicator, kind),
                str(r["period"]),
                text_of(r["text"]),
                f"{number(r['value'])}{r['unit']}"
                if not pd.isna(r["value"])
                else _p(
                    "masked_value", low=number(r["low"]), high=number(r["high"]), unit=r["unit"]
                ),
            ]
            for indicator, kind, r in single
        ]
        tables.append(
            blocks.table(
                _p_list("single_columns"),
                rows,
                "brief-table",
                _pct_widths([34, 12, 24, 30]),
                caption=_p("single_caption"),
            )
        )
    return blocks.section_html(paragraphs=paragraphs, notes=notes, tables=tables)


# --- targets -------------------------------------------------------------------------------


#: Target charts drawn (headline indicators first); the rest are in the tables.
MAX_TARGET_CHARTS = 4


def targets_chart(t: Trends, max_charts: int = MAX_TARGET_CHARTS) -> alt.TopLevelMixin | None:
    """Target band and actual point per year, for the first ``max_charts`` targeted
    indicators (a chart each)."""
    panels = []
    for indicator, kind in _targeted(t)[:max_charts]:
        rows = t.targets[(t.targets["indicator"] == indicator) & (t.targets["kind"] == kind)]
        chart = target_chart(
            rows, _p("target_chart_title", label=_label(t, indicator, kind)), _unit_of(t, indicator, kind),
            width=270, height=130,
        )  # fmt: skip
        if chart is not None:
            panels.append(chart)
    if not panels:
        return None
    return charts.ChartRow(panels)  # two a row on a screen, one on a phone


def targets_html(t: Trends, max_charts: int = MAX_TARGET_CHARTS) -> str:
    """How to read the target charts, the count of targets met and missed per indicator, and
    the measures that changed name over the years."""
    pairs = _targeted(t)
    if not pairs:
        return blocks.section_html(notes=[_p("no_targets")])
    summary = status_summary(t)
    notes = [_p("targets_legend")]
    for indicator, kind in pairs:
        history = name_history(t, indicator, kind)
        if history:
            spans = "、".join(f"{n}（{a}–{b}）" if a != b else f"{n}（{a}）" for n, a, b in history)
            notes.append(_p("renamed", label=_label(t, indicator, kind), spans=spans))
    if len(pairs) > max_charts:
        notes.append(_p("more_targets", shown=max_charts, more=len(pairs) - max_charts))
    met, missed = int(summary[STATUS_ZH["met"]].sum()), int(summary[STATUS_ZH["missed"]].sum())
    return blocks.section_html(
        paragraphs=[_p("targets_summary", n=len(pairs), met=met, missed=missed)],
        notes=notes,
    )


#: How each status is drawn in :func:`status_chart`: black and white, so print keeps it.
_STATUS_FILL = {"met": charts.INK, "missed": charts.MID, "no_actual": charts.LIGHT,
                "no_target": "white"}  # fmt: skip


def status_chart(t: Trends, most: int = 12) -> alt.Chart | None:
    """The count of each result per indicator (:func:`status_summary`) as stacked bars: met
    (black), missed (grey), no actual (light grey), no target (white); the counts written in."""
    every = status_summary(t)
    if every.empty:
        return None
    summary = every.head(most)  # key indicators first; the rest are in the status details
    names = list(STATUS_ZH.values())
    order = summary["指标"].tolist()
    long = summary.melt(id_vars="指标", value_vars=names, var_name="结果", value_name="次数")
    long = long[long["次数"] > 0].assign(
        rank=lambda d: d["结果"].map({n: i for i, n in enumerate(names)})
    )
    fills = [_STATUS_FILL[k] for k in STATUS_ZH]
    base = alt.Chart(long).encode(
        y=alt.Y("指标:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("次数:Q", stack="zero", title=_p("status_axis"), axis=alt.Axis(tickMinStep=1)),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("指标:N"), alt.Tooltip("结果:N"), alt.Tooltip("次数:Q")],
    )
    bars = base.mark_bar(stroke=charts.INK, strokeWidth=1, height=14).encode(
        fill=alt.Fill("结果:N", title=None, scale=alt.Scale(domain=names, range=fills),
                      legend=alt.Legend(orient="bottom", symbolStrokeColor=charts.INK)),
    )  # fmt: skip
    # A count is written inside its bar only when the bar has room for it.
    roomy = alt.datum["次数"] >= 0.06 * float(summary[names].sum(axis=1).max())
    text = base.transform_filter(roomy).mark_text(baseline="middle", fontSize=11).encode(
        x=alt.X("次数:Q", stack="zero", bandPosition=0.5),
        text=alt.Text("次数:Q"),
        color=alt.Color("结果:N", scale=alt.Scale(domain=names,
                        range=["white", "white", charts.INK, charts.INK]), legend=None),
    )  # fmt: skip
    return (bars + text).properties(
        title=_p("status_chart_title")
        if len(every) <= most
        else _p("status_chart_title_top", n=len(every), shown=most),
        width=220,
        height=max(40, 20 * len(order)),
    )


def _bounds_text(r: pd.Series) -> str:
    lo, hi = r["target_low"], r["target_high"]
    if pd.isna(lo) and pd.isna(hi):
        return "—"
    if pd.isna(hi):
        return f"≥{number(lo)}"
    if pd.isna(lo):
        return f"≤{number(hi)}"
    return number(lo) if lo == hi else f"{number(lo)}–{number(hi)}"


def _actual_text(r: pd.Series) -> str:
    if not pd.isna(r["actual"]):
        return number(r["actual"])
    if not pd.isna(r["actual_low"]):
        return f"{number(r['actual_low'])}–{number(r['actual_high'])}（遮盖）"
    return "—"


def status_summary(t: Trends) -> pd.DataFrame:
    """Counts of each status per indicator and kind (columns 指标, 完成, 未完成, 无实际数, 未设目标),
    headline indicators first."""
    rows = []
    order = {p: i for i, p in enumerate(HEADLINE_SERIES)}
    groups = sorted(
        t.targets.groupby(["indicator", "kind"], sort=False),
        key=lambda kv: (order.get(kv[0], len(order)), kv[0]),
    )
    for (indicator, kind), g in groups:
        counts = g["status"].value_counts()
        rows.append(
            {"指标": _label(t, str(indicator), str(kind))}
            | {zh: int(counts.get(k, 0)) for k, zh in STATUS_ZH.items()}
        )
    return pd.DataFrame(rows, columns=["指标", *STATUS_ZH.values()])


def status_html(t: Trends) -> str:
    """Year by year, per indicator: the target and the actual as both reports word them, and
    the result (collapsed; screen only)."""
    df = t.targets
    # Years with a target (or a target stated as absent); actuals alone are in the charts.
    df = df[df["target_low"].notna() | df["target_high"].notna() | df["target_text"].notna()]
    order = {p: i for i, p in enumerate(HEADLINE_SERIES)}
    items = []
    for (indicator, kind), g in sorted(
        df.groupby(["indicator", "kind"], sort=False),
        key=lambda kv: (order.get(kv[0], len(order)), kv[0]),
    ):
        rows = [
            [
                str(int(r["period"])),
                truncate(text_of(r["target_text"]), 40) or "—",
                _bounds_text(r),
                truncate(text_of(r["actual_text"]), 40) or "—",
                _actual_text(r),
                STATUS_ZH.get(text_of(r["status"]), text_of(r["status"])),
            ]
            for _, r in g.sort_values("period").iterrows()
        ]
        items.append(
            {
                "summary": _p(
                    "status_item", label=_label(t, str(indicator), str(kind)), n=len(rows)
                ),
                "paragraphs": [],
                "table": blocks.table(
                    _p_list("status_columns"),
                    rows,
                    "brief-table status",
                    _pct_widths([8, 32, 10, 32, 9, 9]),
                ),  # fmt: skip
            }
        )
    intro = _p("status_intro") if items else _p("status_none")
    return blocks.render("details.html.j2", intro=intro, csv="", items=items)


# --- the reports themselves ----------------------------------------------------------------


def structure_chart(t: Trends, df: pd.DataFrame | None = None) -> alt.Chart | None:
    """Figures, catalogued figures and targets per report, over the years."""
    df = structure(t) if df is None else df
    if len(df) < 2:
        return None
    df = df.assign(segment=_segments(df["年份"]))
    names = ["数字", "目录指标", "目标"]
    long = df.melt(
        id_vars=["年份", "segment"],
        value_vars=names,
        var_name="项",
        value_name="数量",
    )
    return (
        alt.Chart(long.rename(columns={"年份": "period"}))
        .mark_line(point={"filled": True, "size": 36})
        .encode(
            x=_year_axis(df["年份"], width=290),
            y=alt.Y("数量:Q", title=_p("structure_axis")),
            # Three series told apart by dash, grey and marker alike (print is black and white).
            strokeDash=alt.StrokeDash(
                "项:N",
                scale=alt.Scale(domain=names, range=[[1, 0], [5, 2], [1, 2]]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            color=alt.Color(
                "项:N",
                scale=alt.Scale(domain=names, range=[charts.INK, "#555555", "#888888"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            shape=alt.Shape(
                "项:N",
                scale=alt.Scale(domain=names, range=["circle", "square", "triangle-up"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            detail="segment:N",
            tooltip=[
                alt.Tooltip("period:Q", title="年份"),
                alt.Tooltip("项:N"),
                alt.Tooltip("数量:Q"),
            ],
        )  # fmt: skip
        .properties(title=_p("structure_title"), width=290, height=120)
    )


def structure_html(t: Trends) -> str:
    """How the reports changed, in two sentences; the per-report table collapsed."""
    df = structure(t)
    longest = df.loc[df["字数"].idxmax()]
    most = df.loc[df["数字"].idxmax()]
    text = _p(
        "structure_text", n=len(df), chars=int(df["字数"].mean()), figures=df["数字"].mean(),
        longest=longest["年份"], longest_chars=longest["字数"], most=most["年份"],
        most_figures=most["数字"],
    )  # fmt: skip
    rows = [
        [str(r["年份"]), f"{r['字数']:,}", str(r["部分"]), str(r["数字"]), str(r["遮盖"]),
         str(r["目标"]), truncate(r["标题"], 70) or "—"]
        for _, r in df.iterrows()
    ]  # fmt: skip
    table = blocks.table(
        _p_list("structure_columns"), rows,
        "brief-table structure", _pct_widths([8, 9, 7, 7, 7, 7, 55]),
    )  # fmt: skip
    return blocks.section_html(paragraphs=[text]) + blocks.render(
        "details.html.j2",
        intro="",
        csv="",
        items=[
            {
                "summary": _p("structure_item", n=len(df)),
                "paragraphs": [],
                "table": table,
            }
        ],  # fmt: skip
    )


def keywords_html(t: Trends, n: int = 8) -> str:
    """The words that rose and fell most over the years; each report's top words collapsed."""
    table = keyword_table(t, n)
    rows = [[str(r["年份"]), {"words": r["高频词"]} if r["高频词"] else "—"]
            for _, r in table.iterrows()]  # fmt: skip
    paragraphs, tables = [], []
    rising, falling = word_shift(t)
    if rising or falling:
        years = t.years
        half = len(years) // 2
        paragraphs.append(_p("shift", a=years[0], b=years[half - 1], c=years[half], d=years[-1]))
        pairs = [
            [
                rising[i][0] if i < len(rising) else "",
                f"+{rising[i][1]:.1f}" if i < len(rising) else "",
                falling[i][0] if i < len(falling) else "",
                f"{falling[i][1]:.1f}" if i < len(falling) else "",
            ]
            for i in range(max(len(rising), len(falling)))
        ]
        tables.append(blocks.table(_p_list("shift_columns"), pairs, "brief-table keywords"))
    per_year = blocks.table(_p_list("keyword_columns"), rows, "brief-table keywords",
                            _pct_widths([10, 90]))  # fmt: skip
    return blocks.section_html(
        paragraphs=paragraphs,
        notes=[_p("keyword_note")],
        tables=tables,
    ) + blocks.render(
        "details.html.j2", intro="", csv="",
        items=[{"summary": _p("keyword_item", n=len(rows)), "paragraphs": [],
                "table": per_year}],
    )  # fmt: skip
