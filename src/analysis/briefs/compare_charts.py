"""The comparison's charts (Altair, rendered to SVG by :mod:`analysis.briefs.charts`): the GDP
growth targets region by region, how many regions chose each target, target against last
year's growth, the gap between them, and the change from last year's target.

Each chart function takes a :class:`analysis.briefs.compare.Comparison` and returns a chart,
or ``None`` when there is nothing to draw; :func:`chart_list` gives the page's charts with their
captions. The data each chart draws comes from :mod:`analysis.briefs.compare`.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from analysis.briefs import charts
from analysis.tables.compare import (
    Comparison,
    gap_data,
    gdp_targets,
    reference_target,
    short_name,
    target_changes,
)
from analysis.tables.format import truncate

alt = charts.alt

_MARKS = ("目标（左右）", "目标（确数）", "目标（以上/以内）", "上年实际增速")


def _domain(values: list[float], pad: float = 0.5) -> list[float]:
    vals = [v for v in values if v is not None and not math.isnan(v)]
    lo, hi = min(vals), max(vals)
    return [math.floor((lo - pad) * 2) / 2, math.ceil((hi + pad) * 2) / 2]


def target_chart(cmp: Comparison):
    """This year's GDP growth target per region, sorted: a dot for 左右, a square for a bare
    figure, a bar for a range, a diamond with an arrow to the edge for 以上/以内; last year's actual
    growth as an open circle beside it; the national target as a dashed line."""
    d = gdp_targets(cmp)
    if d.empty:
        return None
    nat, nat_text = reference_target(cmp)
    lo, hi = _domain([*d["low"], *d["high"], *d["actual"].dropna(), *([nat] if nat else [])])
    order = d["short"].tolist()
    x_scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y = alt.Y("short:N", sort=order, title=None, axis=alt.Axis(labelLimit=120))
    height = max(120, 22 * len(d))

    pts = []
    for _, r in d.iterrows():
        q = r["qualifier"]
        if q in ("approx", "exact", "at_least", "at_most"):
            mark = {"approx": _MARKS[0], "exact": _MARKS[1]}.get(q, _MARKS[2])
            pts.append({"short": r["short"], "x": r["ref"], "标记": mark})
        if not math.isnan(r["actual"]):
            pts.append({"short": r["short"], "x": r["actual"], "标记": _MARKS[3]})
    points = pd.DataFrame(pts, columns=["short", "x", "标记"])
    present = [m for m in _MARKS if m in set(points["标记"])]
    # 以上/以内 a diamond: in the legend it must differ from 左右 (the arrow is not in the legend).
    shape = {_MARKS[0]: "circle", _MARKS[1]: "square", _MARKS[2]: "diamond", _MARKS[3]: "circle"}
    fill = {_MARKS[0]: charts.INK, _MARKS[1]: charts.INK, _MARKS[2]: charts.INK,
            _MARKS[3]: "white"}  # fmt: skip
    layers = []
    ranges = d[d["qualifier"] == "range"]
    if len(ranges):
        layers.append(
            alt.Chart(ranges).mark_bar(height=9, color=charts.INK)
            .encode(x=alt.X("low:Q", scale=x_scale, title="地区生产总值增速（%）"), x2="high:Q", y=y)
        )  # fmt: skip
    open_rows = []
    for _, r in d[d["qualifier"].isin(["at_least", "at_most"])].iterrows():
        up = r["qualifier"] == "at_least"
        open_rows.append({"short": r["short"], "x0": r["ref"], "x1": hi if up else lo,
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
            x=alt.X("x:Q", scale=x_scale, title="地区生产总值增速（%）"),
            y=y,
            shape=alt.Shape("标记:N", scale=alt.Scale(domain=present, range=[shape[m] for m in present]),
                            legend=alt.Legend(title=None, orient="bottom", columns=2,
                                              symbolStrokeColor=charts.INK, symbolOpacity=1)),
            fill=alt.Fill("标记:N", scale=alt.Scale(domain=present, range=[fill[m] for m in present]),
                          legend=alt.Legend(title=None, orient="bottom", columns=2,
                                            symbolStrokeColor=charts.INK, symbolOpacity=1)),
            # Encoded (one colour) so the legend draws the open circle's outline too.
            stroke=alt.Stroke("标记:N", scale=alt.Scale(domain=present,
                              range=[charts.INK] * len(present)), legend=alt.Legend(
                              title=None, orient="bottom", columns=2, symbolOpacity=1)),
        )
    )  # fmt: skip
    layers.append(
        alt.Chart(d).mark_text(align="left", dx=6, baseline="middle")
        .encode(y=y, x=alt.value(charts.WIDTH - 170 + 4), text="text:N")
    )  # fmt: skip
    if nat is not None:
        rule = pd.DataFrame({"x": [nat], "label": [f"全国目标 {nat_text}"]})
        layers.append(
            alt.Chart(rule).mark_rule(strokeDash=[4, 3], color=charts.MID)
            .encode(x=alt.X("x:Q", scale=x_scale))
        )  # fmt: skip
        layers.append(
            alt.Chart(rule).mark_text(align="left", dx=3, dy=-6, baseline="bottom",
                                      color=charts.MID)
            .encode(x=alt.X("x:Q", scale=x_scale), y=alt.value(0), text="label:N")
        )  # fmt: skip
    return alt.layer(*layers).properties(
        title=f"{cmp.year}年地区生产总值增速目标（右列为原文写法）",
        width=charts.WIDTH - 170,
        height=height,
    )


def scatter_chart(cmp: Comparison):
    """This year's GDP growth target (a range at its midpoint) against last year's actual
    growth; the dashed diagonal is "target = last year's growth"."""
    d = gdp_targets(cmp).dropna(subset=["actual"])
    if d.empty:
        return None
    groups = (
        d.groupby(["actual", "ref"], sort=False)["short"].agg(lambda s: "、".join(s)).reset_index()
    )
    nat, _ = reference_target(cmp)
    lo, hi = _domain([*d["actual"], *d["ref"], *([nat] if nat else [])])
    scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    diag = pd.DataFrame({"x": [lo, hi], "y": [lo, hi]})
    line = (
        alt.Chart(diag)
        .mark_line(strokeDash=[4, 3], color=charts.MID)
        .encode(
            x=alt.X("x:Q", scale=scale, title=f"{cmp.year - 1}年实际增速（%）"),
            y=alt.Y("y:Q", scale=scale, title=f"{cmp.year}年目标（%，区间取中值）"),
        )
    )
    size = charts.WIDTH - 160
    height = size * 0.75
    dots = (
        alt.Chart(groups)
        .mark_point(filled=True, color=charts.INK, size=60)
        .encode(x=alt.X("actual:Q", scale=scale), y=alt.Y("ref:Q", scale=scale))
    )
    placed = place_labels(groups, (lo, hi), size, height)
    layers = [line, dots]
    for align in ("left", "center", "right"):
        part = placed[placed["align"] == align]
        if len(part):
            layers.append(
                alt.Chart(part)
                .mark_text(align=align, baseline="middle", fontSize=LABEL_FONT)
                .encode(x=alt.X("lx:Q", scale=scale), y=alt.Y("ly:Q", scale=scale),
                        text="short:N")
            )  # fmt: skip
    return alt.layer(*layers).properties(
        title="今年目标与上年实际：虚线上方的目标高于上年实际增速", width=size, height=height
    )


LABEL_FONT = 10
#: Where a point's label may go, tried in order: (dx, dy) in pixels from the point and the
#: text's alignment. Right of the point first, then above, below, beside those, left, and
#: further out.
_SPOTS = (
    (6, 0, "left"), (0, -11, "center"), (0, 11, "center"), (4, -11, "left"), (4, 11, "left"),
    (-4, -11, "right"), (-4, 11, "right"), (-6, 0, "right"), (0, -22, "center"),
    (0, 22, "center"),
)  # fmt: skip


def _text_width(text: str) -> float:
    """Pixels a label takes at :data:`LABEL_FONT`: CJK full width, other characters about 0.6."""
    return sum(LABEL_FONT if ord(ch) > 0x2000 else 0.6 * LABEL_FONT for ch in text)


def place_labels(
    points: pd.DataFrame, domain: tuple[float, float], width: float, height: float
) -> pd.DataFrame:
    """Labels for the scatter's points (``actual``, ``ref``, ``short``) that do not overlap
    each other or another point: each label takes the first spot of :data:`_SPOTS` whose box is
    free (the chart's scale is ``domain`` on both axes, ``width`` × ``height`` pixels).
    Returns the points with the label's position in data units (``lx``, ``ly``) and ``align``."""
    lo, hi = domain
    kx, ky = width / (hi - lo), height / (hi - lo)
    px = [((a - lo) * kx, (hi - r) * ky) for a, r in zip(points["actual"], points["ref"],
                                                          strict=True)]  # fmt: skip
    dots = [(x - 4, y - 4, x + 4, y + 4) for x, y in px]
    taken: list[tuple[float, float, float, float]] = []

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
        w, h = _text_width(text), LABEL_FONT + 2
        chosen = _SPOTS[0]
        for dx, dy, align in _SPOTS:
            x0 = x + dx - {"left": 0, "center": w / 2, "right": w}[align]
            box = (x0, y + dy - h / 2, x0 + w, y + dy + h / 2)
            if free(box):
                chosen = (dx, dy, align)
                taken.append(box)
                break
        dx, dy, align = chosen
        rows.append({**points.iloc[i].to_dict(), "lx": points["actual"].iloc[i] + dx / kx,
                     "ly": points["ref"].iloc[i] - dy / ky, "align": align})  # fmt: skip
    return pd.DataFrame(rows, columns=[*points.columns, "lx", "ly", "align"])


def histogram_chart(cmp: Comparison):
    """How many regions chose each GDP growth target (as written), with their names."""
    d = gdp_targets(cmp)
    if d.empty:
        return None
    g = (
        d.groupby("label", sort=False)
        .agg(n=("short", "size"), names=("short", lambda s: "、".join(s)), ref=("ref", "max"))
        .reset_index()
    )
    silent = [x for x in cmp.regions if x.status == "ok" and x.region not in set(d["region"])]
    if silent:
        names = "、".join(short_name(x.name) for x in silent)
        g.loc[len(g)] = {"label": "未提及", "n": len(silent), "names": names, "ref": -math.inf}
    g = g.sort_values("ref", ascending=False)
    g["note"] = [f"{n}个：{truncate(s, 28)}" for n, s in zip(g["n"], g["names"], strict=True)]
    g["kind"] = ["未提及" if lb == "未提及" else "目标" for lb in g["label"]]
    y = alt.Y("label:N", sort=g["label"].tolist(), title=None)
    top = float(g["n"].max())
    bars = alt.Chart(g).mark_bar(height=14, stroke=charts.INK).encode(
        y=y,
        x=alt.X("n:Q", title="地区数", scale=alt.Scale(domain=[0, top * 2.6], nice=False),
                axis=alt.Axis(tickMinStep=1, format="d")),
        fill=alt.Fill("kind:N", scale=alt.Scale(domain=["目标", "未提及"],
                      range=[charts.INK, "white"]), legend=None),
    )  # fmt: skip
    text = (
        alt.Chart(g)
        .mark_text(align="left", dx=4, baseline="middle", fontSize=10)
        .encode(y=y, x="n:Q", text="note:N")
    )
    return (bars + text).properties(
        title="各种GDP增速目标各有几个地区", width=charts.WIDTH - 140, height=max(60, 24 * len(g))
    )


def gap_chart(cmp: Comparison):
    """This year's GDP growth target minus last year's actual growth, per region."""
    d = gap_data(cmp)
    if d.empty:
        return None
    d["side"] = ["高于上年实际" if g > 1e-9 else "不高于上年实际" for g in d["gap"]]
    d["note"] = [f"{g:+.1f}".replace("+0.0", "0").replace("-0.0", "0") for g in d["gap"]]
    span = max(1.0, float(d["gap"].abs().max()))
    y = alt.Y("short:N", sort=d["short"].tolist(), title=None)
    x = alt.X("gap:Q", title="目标减上年实际增速（百分点，区间取中值）",
              scale=alt.Scale(domain=[-span * 1.3, span * 1.3], nice=False))  # fmt: skip
    bars = alt.Chart(d).mark_bar(height=12, stroke=charts.INK).encode(
        y=y,
        x=x,
        fill=alt.Fill("side:N", scale=alt.Scale(domain=["高于上年实际", "不高于上年实际"],
                      range=[charts.INK, "white"]), legend=alt.Legend(title=None, orient="bottom")),
    )  # fmt: skip
    pos, neg = d[d["gap"] >= 0], d[d["gap"] < 0]
    text = alt.Chart(pos).mark_text(baseline="middle", fontSize=10, align="left", dx=4).encode(
        y=y, x=x, text="note:N"
    ) + alt.Chart(neg).mark_text(baseline="middle", fontSize=10, align="right", dx=-4).encode(
        y=y, x=x, text="note:N"
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=charts.MID).encode(x="x:Q")
    return (bars + text + zero).properties(
        title="目标比上年实际增速高还是低", width=charts.WIDTH - 170, height=max(80, 20 * len(d))
    )


def change_chart(cmp: Comparison):
    """Last year's GDP growth target (open) against this year's (filled), per region: who
    raised, kept or cut it. ``None`` without last year's reports."""
    d = target_changes(cmp)
    if d.empty:
        return None
    n = Counter(d["change"])
    lo, hi = _domain([*d["before"], *d["after"]])
    scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y = alt.Y("short:N", sort=d["short"].tolist(), title=None)
    d["note"] = [f"{c}（{b}→{a}）" for c, b, a in zip(d["change"], d["before_text"],
                                                     d["after_text"], strict=True)]  # fmt: skip
    rule = alt.Chart(d).mark_rule(color=charts.MID, strokeWidth=2).encode(
        y=y, x=alt.X("before:Q", scale=scale, title="地区生产总值增速目标（%，区间取中值）"),
        x2="after:Q",
    )  # fmt: skip
    long = d.melt(id_vars=["short"], value_vars=["before", "after"], var_name="w", value_name="x")
    long["w"] = long["w"].map({"before": f"{cmp.year - 1}年目标", "after": f"{cmp.year}年目标"})
    dom = [f"{cmp.year - 1}年目标", f"{cmp.year}年目标"]
    dots = alt.Chart(long).mark_point(size=70, stroke=charts.INK, opacity=1).encode(
        y=y, x=alt.X("x:Q", scale=scale),
        fill=alt.Fill("w:N", scale=alt.Scale(domain=dom, range=["white", charts.INK]),
                      legend=alt.Legend(title=None, orient="bottom")),
    )  # fmt: skip
    text = (
        alt.Chart(d)
        .mark_text(align="left", dx=6, baseline="middle", fontSize=10)
        .encode(y=y, x=alt.value(charts.WIDTH - 200 + 4), text="note:N")
    )
    head = f"上调{n['上调']}个、持平{n['持平']}个、下调{n['下调']}个"
    return (rule + dots + text).properties(
        title=f"与{cmp.year - 1}年目标相比：{head}", width=charts.WIDTH - 200,
        height=max(80, 22 * len(d)),
    )  # fmt: skip


def chart_list(cmp: Comparison) -> list[tuple[object, str]]:
    """The comparison's charts with their captions, in page order (charts without data left
    out)."""
    items = [
        (target_chart(cmp), "圆点为“左右”，方块为只写一个数的目标，横条为区间（如5%—5.5%），菱形为"
         "“以上/以内”目标，箭头指向其开放一侧；空心圆为上年实际增速。"),
        (histogram_chart(cmp), "按原文写法归类；“未提及”为报告没有提出GDP增速目标的地区。"),
        (scatter_chart(cmp), "横轴为上年实际增速，纵轴为今年目标；同一点的地区并列标注。"),
        (gap_chart(cmp), "今年目标减上年实际增速：正数表示目标高于上年实际。"),
        (change_chart(cmp), "空心为上年目标，实心为今年目标；区间目标取中值比较。"),
    ]  # fmt: skip
    return [(c, cap) for c, cap in items if c is not None]


def svg(chart) -> str:
    """The chart as inline SVG (house theme)."""
    return charts.to_svg(chart)
