"""The comparison's charts (Altair, rendered to SVG by :mod:`analysis.briefs.charts`): the GDP
growth targets region by region, how many regions chose each target, target against last
year's growth, the gap between them, the change from last year's target, and how many regions
state each headline target.

Each chart function takes a :class:`analysis.tables.compare.Comparison`, the page's language
(``zh`` or ``en``: the words are ``data/compare.toml``'s) and ``narrow`` (the phone layout:
:data:`analysis.briefs.charts.NARROW_WIDTH` wide with its labels, no side column of text,
larger type) and returns a chart, or ``None`` when there is nothing to draw. Every mark that
stands for a figure carries a tooltip (region, the figure as written, its value and unit, its
sentence) for JupyterLab, where the Vega-Lite spec is drawn live. :func:`chart_list` gives the
page's charts with their captions; the data each chart draws comes from
:mod:`analysis.tables.compare`.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from analysis import labels
from analysis.briefs import charts
from analysis.briefs.compare import column_label, figure_text, level_words, words
from analysis.tables.compare import (
    COLUMNS,
    Comparison,
    counts,
    gap_data,
    gdp_targets,
    reference_target,
    short_name,
    target_changes,
)
from analysis.tables.format import truncate

alt = charts.alt

#: Smallest text of a phone layout, in px (a phone shows it at this size: the chart is not
#: scaled down).
NARROW_FONT = 11


def _domain(values: list[float], pad: float = 0.5) -> list[float]:
    vals = [v for v in values if v is not None and not math.isnan(v)]
    lo, hi = min(vals), max(vals)
    return [math.floor((lo - pad) * 2) / 2, math.ceil((hi + pad) * 2) / 2]


def _short(cmp: Comparison, d: pd.DataFrame, lang: str) -> list[str]:
    """The regions' short names in ``lang`` (某某 / Mou Mou)."""
    if lang == "zh":
        return d["short"].tolist()
    return [labels.region_en(n, r).split(" (")[0] for n, r in zip(d["name"], d["region"],
                                                                    strict=True)]  # fmt: skip


def _tips(w: dict, *fields: tuple[str, str]) -> list:
    """Tooltip fields: (column, the words' key naming it)."""
    return [alt.Tooltip(f"{col}:N", title=w[key]) for col, key in fields]


def _finish(chart, title: str, width: float, height: float, narrow: bool):
    """Size, title and (in the phone layout) the larger type."""
    chart = chart.properties(title=title, width=width, height=height)
    if narrow:
        chart = (
            chart.configure_axis(labelFontSize=NARROW_FONT, titleFontSize=NARROW_FONT)
            .configure_legend(labelFontSize=NARROW_FONT)
            .configure_title(fontSize=13)
        )
    return chart


def target_chart(cmp: Comparison, lang: str = "zh", narrow: bool = False):
    """This year's GDP growth target per region, sorted: a dot for 左右, a square for a bare
    figure, a bar for a range, a diamond with an arrow to the edge for 以上/以内; last year's actual
    growth as an open circle beside it; the national target as a dashed line. The wide layout
    writes each target as the report does in a column on the right."""
    w = words(lang)
    d = gdp_targets(cmp)
    if d.empty:
        return None
    d["who"] = _short(cmp, d, lang)
    d["shown"] = [figure_text(r, lang) for r in d["row"]]
    d = d.drop(columns="row")
    marks = w["chart_marks"]
    nat, _ = reference_target(cmp)
    nat_row = None if cmp.reference is None else _row(cmp, cmp.reference.region)
    lo, hi = _domain([*d["low"], *d["high"], *d["actual"].dropna(), *([nat] if nat else [])])
    x_scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y = alt.Y("who:N", sort=d["who"].tolist(), title=None, axis=alt.Axis(labelLimit=120))
    plot_w = charts.NARROW_WIDTH - 90 if narrow else charts.WIDTH - 170
    tips = _tips(w, ("who", "tooltip_region"), ("shown", "tooltip_figure"),
                 ("text", "tooltip_figure"), ("sentence", "tooltip_sentence"))  # fmt: skip
    pts = []
    for _, r in d.iterrows():
        q = r["qualifier"]
        if q in ("approx", "exact", "at_least", "at_most"):
            mark = {"approx": marks[0], "exact": marks[1]}.get(q, marks[2])
            pts.append({"who": r["who"], "x": r["ref"], "mark": mark, "shown": r["shown"],
                        "text": r["text"], "sentence": r["sentence"]})  # fmt: skip
        if not math.isnan(r["actual"]):
            pts.append({"who": r["who"], "x": r["actual"], "mark": marks[3],
                        "shown": f"{r['actual']:g}%", "text": f"{r['actual']:g}%",
                        "sentence": r["actual_sentence"]})  # fmt: skip
    points = pd.DataFrame(pts, columns=["who", "x", "mark", "shown", "text", "sentence"])
    present = [m for m in marks if m in set(points["mark"])]
    # 以上/以内 a diamond: in the legend it must differ from 左右 (the arrow is not in the legend).
    shape = dict(zip(marks, ("circle", "square", "diamond", "circle"), strict=True))
    fill = dict(zip(marks, (charts.INK, charts.INK, charts.INK, "white"), strict=True))
    legend = alt.Legend(title=None, orient="bottom", columns=2, symbolStrokeColor=charts.INK,
                        symbolOpacity=1, labelLimit=plot_w)  # fmt: skip
    layers = []
    ranges = d[d["qualifier"] == "range"]
    if len(ranges):
        layers.append(
            alt.Chart(ranges).mark_bar(height=9, color=charts.INK)
            .encode(x=alt.X("low:Q", scale=x_scale, title=w["axis_growth"]), x2="high:Q", y=y,
                    tooltip=tips)
        )  # fmt: skip
    open_rows = []
    for _, r in d[d["qualifier"].isin(["at_least", "at_most"])].iterrows():
        up = r["qualifier"] == "at_least"
        open_rows.append({"who": r["who"], "x0": r["ref"], "x1": hi if up else lo,
                          "shape": "triangle-right" if up else "triangle-left"})  # fmt: skip
    if open_rows:
        o = pd.DataFrame(open_rows)
        layers.append(
            alt.Chart(o).mark_rule(color=charts.INK, strokeWidth=1.5)
            .encode(x=alt.X("x0:Q", scale=x_scale), x2="x1:Q", y=y)
        )  # fmt: skip
        layers.append(
            alt.Chart(o).mark_point(filled=True, color=charts.INK, size=50)
            .encode(x=alt.X("x1:Q", scale=x_scale), y=y, shape=alt.Shape("shape:N", scale=None))
        )  # fmt: skip
    layers.append(
        alt.Chart(points)
        .mark_point(size=70, opacity=1, stroke=charts.INK, strokeWidth=1.2)
        .encode(
            x=alt.X("x:Q", scale=x_scale, title=w["axis_growth"]),
            y=y,
            shape=alt.Shape("mark:N", legend=legend, scale=alt.Scale(
                domain=present, range=[shape[m] for m in present])),
            fill=alt.Fill("mark:N", legend=legend, scale=alt.Scale(
                domain=present, range=[fill[m] for m in present])),
            # Encoded (one colour) so the legend draws the open circle's outline too.
            stroke=alt.Stroke("mark:N", legend=legend, scale=alt.Scale(
                domain=present, range=[charts.INK] * len(present))),
            tooltip=tips,
        )
    )  # fmt: skip
    if not narrow:
        layers.append(
            alt.Chart(d).mark_text(align="left", dx=6, baseline="middle")
            .encode(y=y, x=alt.value(plot_w + 4), text="shown:N", tooltip=tips)
        )  # fmt: skip
    if nat is not None and nat_row is not None:
        rule = pd.DataFrame({"x": [nat], "label": [w["national_target"].format(
            text=figure_text(nat_row, lang))]})  # fmt: skip
        layers.append(
            alt.Chart(rule).mark_rule(strokeDash=[4, 3], color=charts.MID)
            .encode(x=alt.X("x:Q", scale=x_scale), tooltip=alt.Tooltip("label:N", title=None))
        )  # fmt: skip
        layers.append(
            alt.Chart(rule).mark_text(align="left", dx=3, dy=-6, baseline="bottom",
                                      color=charts.MID)
            .encode(x=alt.X("x:Q", scale=x_scale), y=alt.value(0), text="label:N")
        )  # fmt: skip
    head = w["target_title_narrow" if narrow else "target_title"].format(year=cmp.year)
    return _finish(alt.layer(*layers), head, plot_w, max(120, (24 if narrow else 18) * len(d)),
                   narrow)  # fmt: skip


def _row(cmp: Comparison, region: str):
    from analysis.tables.compare import figure_row

    return figure_row(cmp, region, COLUMNS["gdp_target"])


def scatter_chart(cmp: Comparison, lang: str = "zh", narrow: bool = False):
    """This year's GDP growth target (a range at its midpoint) against last year's actual
    growth; the dashed diagonal is "target = last year's growth"."""
    w = words(lang)
    d = gdp_targets(cmp).dropna(subset=["actual"])
    if d.empty:
        return None
    d = d.assign(who=_short(cmp, d, lang))
    sep = w["list_sep"]
    groups = (
        d.groupby(["actual", "ref"], sort=False)
        .agg(short=("who", lambda s: sep.join(s)), text=("text", lambda s: sep.join(s)))
        .reset_index()
    )
    nat, _ = reference_target(cmp)
    lo, hi = _domain([*d["actual"], *d["ref"], *([nat] if nat else [])])
    scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    diag = pd.DataFrame({"x": [lo, hi], "y": [lo, hi]})
    line = (
        alt.Chart(diag)
        .mark_line(strokeDash=[4, 3], color=charts.MID)
        .encode(
            x=alt.X("x:Q", scale=scale, title=w["scatter_x"].format(year=cmp.year - 1)),
            y=alt.Y(
                "y:Q",
                scale=scale,
                title=w["scatter_y_narrow" if narrow else "scatter_y"].format(year=cmp.year),
            ),
        )
    )
    size = charts.NARROW_WIDTH - 70 if narrow else charts.WIDTH - 160
    height = size * 0.75
    font = NARROW_FONT if narrow else LABEL_FONT
    dots = (
        alt.Chart(groups)
        .mark_point(filled=True, color=charts.INK, size=60)
        .encode(x=alt.X("actual:Q", scale=scale), y=alt.Y("ref:Q", scale=scale),
                tooltip=[alt.Tooltip("short:N", title=w["tooltip_region"]),
                         alt.Tooltip("actual:Q", title=w["scatter_x"].format(year=cmp.year - 1)),
                         alt.Tooltip("text:N", title=w["tooltip_figure"])])
    )  # fmt: skip
    placed = place_labels(groups, (lo, hi), size, height, font)
    layers = [line, dots]
    left_out = placed[placed["align"] == ""]
    for align in ("left", "center", "right"):
        part = placed[placed["align"] == align]
        if len(part):
            layers.append(
                alt.Chart(part)
                .mark_text(align=align, baseline="middle", fontSize=font)
                .encode(x=alt.X("lx:Q", scale=scale), y=alt.Y("ly:Q", scale=scale),
                        text="short:N")
            )  # fmt: skip
    head = w["scatter_title_narrow" if narrow else "scatter_title"]
    if len(left_out):  # named under the title, with their two figures, instead
        notes = [f"{n} ({a:g}, {r:g})" for n, a, r in zip(left_out["short"], left_out["actual"],
                                                           left_out["ref"], strict=True)]  # fmt: skip
        lines = _wrap([w["scatter_unlabelled"], *notes], sep, 40 if narrow else 70)
        head = alt.TitleParams(head, subtitle=lines, subtitleFontSize=font,
                               subtitleColor=charts.INK)  # fmt: skip
    return _finish(alt.layer(*layers), head, size, height, narrow)


def _wrap(items: list[str], sep: str, width: int) -> list[str]:
    """A heading item and the items after it (joined by ``sep``) in lines of about ``width``
    display columns (CJK counts two), broken between items: a subtitle does not wrap."""

    def cols(text: str) -> int:
        return sum(2 if ord(ch) > 0x2000 else 1 for ch in text)

    lines: list[str] = []
    line = items[0]
    for i, item in enumerate(items[1:]):
        piece = (sep if i else "") + item
        if cols(line + piece) > width:
            lines.append((line + (sep if i else "")).rstrip())
            line = item
        else:
            line += piece
    return [*lines, line]


LABEL_FONT = 10
#: Where a point's label may go, tried in order: (dx, dy) in pixels from the point and the
#: text's alignment. Right of the point first, then above, below, beside those, left, and
#: further out.
_SPOTS = (
    (6, 0, "left"), (0, -11, "center"), (0, 11, "center"), (4, -11, "left"), (4, 11, "left"),
    (-4, -11, "right"), (-4, 11, "right"), (-6, 0, "right"), (0, -22, "center"),
    (0, 22, "center"),
)  # fmt: skip


def _text_width(text: str, font: float = LABEL_FONT) -> float:
    """Pixels a label takes at ``font`` px: CJK full width, other characters about 0.6."""
    return sum(font if ord(ch) > 0x2000 else 0.6 * font for ch in text)


def place_labels(
    points: pd.DataFrame,
    domain: tuple[float, float],
    width: float,
    height: float,
    font: float = LABEL_FONT,
) -> pd.DataFrame:
    """Labels for the scatter's points (``actual``, ``ref``, ``short``) that do not overlap
    each other or another point: each label takes the first spot of :data:`_SPOTS` whose box is
    free (the chart's scale is ``domain`` on both axes, ``width`` × ``height`` pixels, text
    ``font`` px). Returns the points with the label's position in data units (``lx``, ``ly``)
    and ``align``; ``align`` is '' for a point no spot is free for (its label is left out
    rather than drawn over another)."""
    lo, hi = domain
    kx, ky = width / (hi - lo), height / (hi - lo)
    px = [((a - lo) * kx, (hi - r) * ky) for a, r in zip(points["actual"], points["ref"],
                                                          strict=True)]  # fmt: skip
    dots = [(x - 4, y - 4, x + 4, y + 4) for x, y in px]
    taken: list[tuple[float, float, float, float]] = []
    step = font + 1  # the spots' vertical offsets are for 10 px text

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0 or x1 > width or y0 < 0 or y1 > height:
            return False
        return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in
                   taken + dots)  # fmt: skip

    rows = []
    # Crowded points first (most neighbours within a label's reach), so they get near spots.
    order = sorted(range(len(px)), key=lambda i: -sum(
        abs(px[i][0] - x) < 40 and abs(px[i][1] - y) < 14 for x, y in px))  # fmt: skip
    for i in order:
        (x, y), text = px[i], str(points["short"].iloc[i])
        tw, h = _text_width(text, font), font + 2
        chosen = (0.0, 0.0, "")
        for dx, dy, align in _SPOTS:
            dy = dy * step / 11
            x0 = x + dx - {"left": 0, "center": tw / 2, "right": tw}[align]
            box = (x0, y + dy - h / 2, x0 + tw, y + dy + h / 2)
            if free(box):
                chosen = (dx, dy, align)
                taken.append(box)
                break
        dx, dy, align = chosen
        rows.append({**points.iloc[i].to_dict(), "lx": points["actual"].iloc[i] + dx / kx,
                     "ly": points["ref"].iloc[i] - dy / ky, "align": align})  # fmt: skip
    return pd.DataFrame(rows, columns=[*points.columns, "lx", "ly", "align"])


def histogram_chart(cmp: Comparison, lang: str = "zh", narrow: bool = False):
    """How many regions chose each GDP growth target (as written), with their names."""
    w = words(lang)
    d = gdp_targets(cmp)
    if d.empty:
        return None
    d["who"] = _short(cmp, d, lang)
    d["shown"] = [figure_text(r, lang) if lang == "en" else lb for r, lb in zip(d["row"],
                                                                                 d["label"],
                                                                                 strict=True)]  # fmt: skip
    sep = w["list_sep"]
    g = (
        d.groupby("label", sort=False)
        .agg(n=("who", "size"), names=("who", lambda s: sep.join(s)), ref=("ref", "max"),
             shown=("shown", "first"))
        .reset_index()
    )  # fmt: skip
    silent = [x for x in cmp.regions if x.status == "ok" and x.region not in set(d["region"])]
    if silent:
        names = sep.join(
            short_name(x.name)
            if lang == "zh"
            else labels.region_en(x.name, x.region).split(" (")[0]
            for x in silent
        )
        g.loc[len(g)] = {"label": "", "n": len(silent), "names": names, "ref": -math.inf,
                         "shown": w["hist_silent"]}  # fmt: skip
    g = g.sort_values("ref", ascending=False)
    limit = 14 if narrow else 28
    g["note"] = [w["hist_note"].format(n=n, names=truncate(s, limit))
                 for n, s in zip(g["n"], g["names"], strict=True)]  # fmt: skip
    g["kind"] = ["silent" if r == -math.inf else "target" for r in g["ref"]]
    y = alt.Y("shown:N", sort=g["shown"].tolist(), title=None)
    top = float(g["n"].max())
    tips = [alt.Tooltip("shown:N", title=w["tooltip_figure"]),
            alt.Tooltip("n:Q", title=w["hist_axis"]),
            alt.Tooltip("names:N", title=w["tooltip_region"])]  # fmt: skip
    bars = alt.Chart(g).mark_bar(height=14, stroke=charts.INK).encode(
        y=y,
        # Room on the right for the names; the axis itself stops at the largest count.
        x=alt.X("n:Q", title=w["hist_axis"], scale=alt.Scale(domain=[0, top * 2.6], nice=False),
                axis=alt.Axis(values=list(range(int(top) + 1)), format="d")),
        fill=alt.Fill("kind:N", scale=alt.Scale(domain=["target", "silent"],
                      range=[charts.INK, "white"]), legend=None),
        tooltip=tips,
    )  # fmt: skip
    text = (
        alt.Chart(g)
        .mark_text(align="left", dx=4, baseline="middle", fontSize=NARROW_FONT if narrow else 10)
        .encode(y=y, x="n:Q", text="note:N")
    )
    width = charts.NARROW_WIDTH - 100 if narrow else charts.WIDTH - 140
    return _finish(bars + text, w["hist_title"], width, max(60, 24 * len(g)), narrow)


def gap_chart(cmp: Comparison, lang: str = "zh", narrow: bool = False):
    """This year's GDP growth target minus last year's actual growth, per region."""
    w = words(lang)
    d = gap_data(cmp)
    if d.empty:
        return None
    d = d.assign(who=_short(cmp, d, lang)).drop(columns="row")
    d["side"] = [w["gap_up"] if g > 1e-9 else w["gap_down"] for g in d["gap"]]
    d["note"] = [f"{g:+.1f}".replace("+0.0", "0").replace("-0.0", "0") for g in d["gap"]]
    span = max(1.0, float(d["gap"].abs().max()))
    y = alt.Y("who:N", sort=d["who"].tolist(), title=None)
    x = alt.X("gap:Q", title=w["gap_axis_narrow" if narrow else "gap_axis"],
              scale=alt.Scale(domain=[-span * 1.3, span * 1.3], nice=False),
              axis=alt.Axis(tickCount=5 if narrow else 10))  # fmt: skip
    tips = _tips(w, ("who", "tooltip_region"), ("note", "tooltip_value"),
                 ("text", "tooltip_figure"), ("sentence", "tooltip_sentence"))  # fmt: skip
    bars = alt.Chart(d).mark_bar(height=11, stroke=charts.INK).encode(
        y=y,
        x=x,
        fill=alt.Fill("side:N", scale=alt.Scale(domain=[w["gap_up"], w["gap_down"]],
                      range=[charts.INK, "white"]), legend=alt.Legend(title=None, orient="bottom")),
        tooltip=tips,
    )  # fmt: skip
    font = NARROW_FONT if narrow else 10
    pos, neg = d[d["gap"] >= 0], d[d["gap"] < 0]
    text = alt.Chart(pos).mark_text(baseline="middle", fontSize=font, align="left", dx=4).encode(
        y=y, x=x, text="note:N"
    ) + alt.Chart(neg).mark_text(baseline="middle", fontSize=font, align="right", dx=-4).encode(
        y=y, x=x, text="note:N"
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=charts.MID).encode(x="x:Q")
    width = charts.NARROW_WIDTH - 100 if narrow else charts.WIDTH - 170
    return _finish(bars + text + zero, w["gap_title"], width, max(80, 17 * len(d)), narrow)


def change_chart(cmp: Comparison, lang: str = "zh", narrow: bool = False):
    """Last year's GDP growth target (open) against this year's (filled), per region: who
    raised, kept or cut it. ``None`` without last year's reports."""
    w = words(lang)
    d = target_changes(cmp)
    if d.empty:
        return None
    n = Counter(d["change"])
    d["who"] = _short(cmp, d, lang)
    now = {r: figure_text(row, lang) for r, row in zip(gdp_targets(cmp)["region"],
                                                       gdp_targets(cmp)["row"], strict=True)}  # fmt: skip
    d["note"] = [w["change_note"].format(change=w["change"][c], before=figure_text(b, lang),
                                         after=now.get(r, a))
                 for c, b, r, a in zip(d["change"], d["before_row"], d["region"], d["after_text"],
                                       strict=True)]  # fmt: skip
    d = d.drop(columns="before_row")
    lo, hi = _domain([*d["before"], *d["after"]])
    scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y = alt.Y("who:N", sort=d["who"].tolist(), title=None)
    rule = alt.Chart(d).mark_rule(color=charts.MID, strokeWidth=2).encode(
        y=y, x=alt.X("before:Q", scale=scale, title=w["change_axis"]), x2="after:Q",
        tooltip=[alt.Tooltip("who:N", title=w["tooltip_region"]),
                 alt.Tooltip("note:N", title=w["tooltip_figure"])],
    )  # fmt: skip
    long = d.melt(id_vars=["who", "note"], value_vars=["before", "after"], var_name="when",
                  value_name="x")  # fmt: skip
    dom = [w["change_year"].format(year=cmp.year - 1), w["change_year"].format(year=cmp.year)]
    long["when"] = long["when"].map({"before": dom[0], "after": dom[1]})
    dots = alt.Chart(long).mark_point(size=70, stroke=charts.INK, opacity=1).encode(
        y=y, x=alt.X("x:Q", scale=scale),
        fill=alt.Fill("when:N", scale=alt.Scale(domain=dom, range=["white", charts.INK]),
                      legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("who:N", title=w["tooltip_region"]),
                 alt.Tooltip("when:N", title=None), alt.Tooltip("x:Q", title=w["tooltip_value"])],
    )  # fmt: skip
    width = charts.NARROW_WIDTH - 90 if narrow else charts.WIDTH - 200
    layers = rule + dots
    if not narrow:
        layers += (
            alt.Chart(d)
            .mark_text(align="left", dx=6, baseline="middle", fontSize=10)
            .encode(y=y, x=alt.value(width + 4), text="note:N")
        )
    key = "change_title_narrow" if narrow else "change_title"
    head = w[key].format(year=cmp.year - 1, raised=n["raised"], kept=n["kept"], cut=n["cut"])
    return _finish(layers, head, width, max(80, 22 * len(d)), narrow)


def counts_chart(cmp: Comparison, lang: str = "zh", narrow: bool = False):
    """The counts table as a picture: per headline target, how many regions state it
    (black), mask its figure (grey) and do not state it (white)."""
    w = words(lang)
    c = counts(cmp)
    if c.empty or not (c["stated"] + c["masked"] + c["not_stated"]).any():
        return None
    states = w["counts_state"]
    rows = []
    for _, r in c.iterrows():
        label = column_label(COLUMNS[r["key"]], lang)
        for i, (code, word) in enumerate(zip(("stated", "masked", "not_stated"), states,
                                             strict=True)):  # fmt: skip
            rows.append({"target": label, "state": word, "n": int(r[code]), "order": i})
    d = pd.DataFrame(rows)
    order = [column_label(COLUMNS[k], lang) for k in c["key"]]
    total = int(c[["stated", "masked", "not_stated"]].sum(axis=1).max())
    level = level_words(cmp, lang)
    y = alt.Y("target:N", sort=order, title=None, axis=alt.Axis(labelLimit=150 if narrow else 220))
    bars = alt.Chart(d).mark_bar(height=14, stroke=charts.INK, strokeWidth=0.8).encode(
        y=y,
        x=alt.X("n:Q", stack="zero", title=w["counts_axis"].format(level=level),
                scale=alt.Scale(domain=[0, total], nice=False),
                axis=alt.Axis(tickMinStep=1, format="d", tickCount=min(total, 8))),
        fill=alt.Fill("state:N", scale=alt.Scale(domain=states,
                      range=[charts.INK, "#999999", "white"]),
                      legend=alt.Legend(title=None, orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("target:N", title=w["tooltip_figure"]),
                 alt.Tooltip("state:N", title=None), alt.Tooltip("n:Q", title=w["tooltip_value"])],
    )  # fmt: skip
    width = charts.NARROW_WIDTH - 130 if narrow else charts.WIDTH - 200
    title = w["counts_title"].format(level=level)
    return _finish(bars, title, width, 22 * len(c), narrow)


#: The page's charts in order: (function, caption key in ``data/compare.toml``'s captions).
CHARTS = (
    (target_chart, "target"),
    (histogram_chart, "histogram"),
    (scatter_chart, "scatter"),
    (gap_chart, "gap"),
    (change_chart, "change"),
)


def chart_list(cmp: Comparison, lang: str = "zh") -> list[tuple[object, object, str]]:
    """The comparison's GDP charts as (wide chart, phone layout, caption), in page order
    (charts without data left out)."""
    captions = words(lang)["captions"]
    out = []
    for make, key in CHARTS:
        wide = make(cmp, lang)
        if wide is not None:
            out.append((wide, make(cmp, lang, narrow=True), captions[key]))
    return out


def svg(chart) -> str:
    """The chart as inline SVG (house theme)."""
    return charts.to_svg(chart)
