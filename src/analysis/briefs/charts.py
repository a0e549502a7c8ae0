"""Altair charts for the briefs, with a house theme, rendered to inline SVG (vl-convert).

The theme names a CJK font first (else Chinese renders as tofu or Japanese glyph variants) and
uses only black, greys and outlines, with direct labels, so a chart reads when printed in black
and white. Charts render to SVG with text kept as text: vector and selectable in the PDF.
"""

from __future__ import annotations

import os
from typing import Any

import altair as alt
import pandas as pd

from analysis import labels as words
from analysis.briefs.narrative import figure_text
from analysis.tables.format import number, text_of, truncate

FONT = '"Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK", sans-serif'
INK = "#222222"
MID = "#777777"
LIGHT = "#dddddd"
WIDTH = 520
THEME = "briefs"


def _c(key: str, **values: object) -> str:
    return words.phrase("charts", key, **values)


def _theme() -> alt.theme.ThemeConfig:
    """Black-and-white-safe theme with a CJK font everywhere."""
    return alt.theme.ThemeConfig(
        config={
            "font": FONT,
            "background": "white",
            "view": {"stroke": None},
            "title": {
                "font": FONT,
                "fontSize": 14,
                "fontWeight": "bold",
                "anchor": "start",
                "color": INK,
            },
            "axis": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 11,
                "titleFontSize": 11,
                "labelColor": INK,
                "titleColor": INK,
                "gridColor": "#eeeeee",
                "domainColor": MID,
                "tickColor": MID,
                "labelLimit": 220,
            },
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 11,
                "titleFontSize": 11,
                "orient": "bottom",
            },
            "text": {"font": FONT, "fontSize": 11, "color": INK},
            "bar": {"color": INK},
            "range": {"category": [INK, LIGHT, MID, "#bbbbbb", "#444444"]},
        }
    )


def use_theme() -> None:
    """Register and enable the house theme (idempotent)."""
    if THEME not in alt.theme.names():
        alt.theme.register(THEME, enable=False)(_theme)
    alt.theme.enable(THEME)


#: The mime type of a chart's Vega-Lite spec in a notebook: the one the installed JupyterLab
#: (4.x, its vega5 extension: Vega-Lite 5) renders, live and even in an untrusted notebook.
#: Altair 6 writes Vega-Lite 6 specs; ours use nothing Vega-Lite 5 lacks.
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
_VEGALITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec with the house theme, data inline."""
    use_theme()
    # Our specs are built by code and covered by tests: skip Altair's schema validation (~80 ms
    # a chart).
    return chart.to_dict(validate=False)


#: Set (to ``1``) in a batch worker's environment, so in its kernels': a chart output then
#: carries its spec only, and the worker draws the SVG (:func:`add_svgs`) with its one warm
#: vl-convert, instead of each kernel starting vl-convert's runtime (~0.5–0.9 s) for its
#: first chart. The executed notebook is the same either way.
SVG_BY_WORKER = "ANALYSIS_SVG_BY_WORKER"


def _svg(spec_dict: dict) -> str:
    import vl_convert as vlc

    # vl-convert names Vega-Lite versions "v6_4"; Altair's public SCHEMA_VERSION is "v6.4.1".
    vl_version = "_".join(alt.SCHEMA_VERSION.split(".")[:2])
    return vlc.vegalite_to_svg(spec_dict, vl_version=vl_version).strip()


class ChartRow(list):
    """Charts a page lays side by side while there is room and one under another on a phone:
    each chart is its own notebook output (its own SVG), so none is shrunk to fit a row.
    The page's CSS puts chart outputs inline (``templates/brief/index.html.j2``)."""


def to_svg(chart: alt.TopLevelMixin | ChartRow) -> str:
    """The chart as an inline ``<svg>`` element (no script, no network: it displays offline);
    a :class:`ChartRow` as its charts' SVGs one after another."""
    if isinstance(chart, ChartRow):
        return "\n".join(_svg(spec(c)) for c in chart)
    return _svg(spec(chart))


#: The mime type of a chart's phone layout in a notebook output: JupyterLab ignores it (it
#: draws the Vega-Lite spec); the page template (``brief/index.html.j2``) puts it beside the
#: wide SVG and the stylesheet shows it below 600 px instead, so a phone reads the chart at
#: its own size rather than shrunk.
NARROW_MIME = "image/x-briefs-narrow-svg"
#: Width of a chart's phone layout, labels included: inside a 390 px screen's margins.
NARROW_WIDTH = 340


def bundle(chart: alt.TopLevelMixin, narrow: alt.TopLevelMixin | None = None) -> dict[str, object]:
    """One notebook output for a chart: its Vega-Lite spec (JupyterLab draws it, live, even
    when the notebook is untrusted) and its SVG (what nbconvert puts in the HTML and PDF);
    with ``narrow``, that layout's SVG for phones (:data:`NARROW_MIME`). Under
    :data:`SVG_BY_WORKER` the SVGs are left to the batch worker (:func:`add_svgs`)."""
    spec_dict = spec(chart)
    title = spec_dict.get("title") or ""
    title = title.get("text", "") if isinstance(title, dict) else title
    out: dict[str, object] = {
        VEGALITE_MIME: {**spec_dict, "$schema": _VEGALITE_SCHEMA},
        "text/plain": _c("plain_titled", title=title) if title else _c("plain"),
    }
    later = os.environ.get(SVG_BY_WORKER) == "1"
    if not later:
        out["image/svg+xml"] = _svg(spec_dict)
    if narrow is not None:
        if later:  # the worker draws it and puts it under NARROW_MIME (add_svgs)
            out[_NARROW_SPEC] = spec(narrow)
        else:
            out[NARROW_MIME] = to_svg(narrow)
    return out


#: Between a batch kernel and its worker only: the phone layout's spec, still to be drawn.
_NARROW_SPEC = "application/x-briefs-narrow-vegalite+json"


def add_svgs(nb: Any) -> int:
    """Give every chart output of an executed notebook that carries only its specs the SVGs
    :func:`bundle` would have drawn (the same notebook as a kernel drawing them itself);
    returns how many were drawn."""
    drawn = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if VEGALITE_MIME in data and "image/svg+xml" not in data:
                spec_dict = {k: v for k, v in data[VEGALITE_MIME].items() if k != "$schema"}
                data["image/svg+xml"] = _svg(spec_dict)
                drawn += 1
            if _NARROW_SPEC in data:
                data[NARROW_MIME] = _svg(data.pop(_NARROW_SPEC))
                drawn += 1
    return drawn


def show(
    chart: alt.TopLevelMixin | ChartRow | None, narrow: alt.TopLevelMixin | None = None
) -> None:
    """Display ``chart`` in a notebook as ONE output (:func:`bundle`, with its phone layout
    ``narrow`` when given), a :class:`ChartRow` as one output a chart; nothing for ``None``.

    Never inside an HTML output: JupyterLab's sanitiser strips SVG from untrusted HTML."""
    if chart is None:
        return
    from IPython.display import display

    if isinstance(chart, ChartRow):
        for c in chart:
            display(bundle(c), raw=True)
    else:
        display(bundle(chart, narrow), raw=True)


def side_by_side(*charts: alt.TopLevelMixin | None) -> alt.TopLevelMixin | ChartRow | None:
    """The charts that exist, as a :class:`ChartRow` (one alone as itself; ``None`` if none)."""
    present = [c for c in charts if c is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return ChartRow(present)


def tooltip(data: pd.DataFrame, fields: list[str]) -> list[alt.Tooltip]:
    """Tooltips for the ``fields`` ``data`` has (value, unit, the sentence …): a reader of the
    interactive chart (JupyterLab) sees the figure and where it stands."""
    numeric = {"value", "period", "actual_report_year"}
    return [alt.Tooltip(f"{f}:{'Q' if f in numeric else 'N'}") for f in fields if f in data]


#: Band keys are ``label¦n``: Vega merges equal band values, and two figures may share a name;
#: the axis shows the label alone (no "（2）").
_KEY_SEP = "¦"
#: A key's label may hold a line break: Vega draws an array of strings as lines.
_LABEL_EXPR = f"split(split(datum.label, '{_KEY_SEP}')[0], '\\n')"


def wrap(label: str, limit: int) -> str:
    """``label`` in lines of at most ``limit`` characters, two balanced lines at most (a longer
    label is cut at the end of the second line): a label is never cut at ``limit``."""
    label = truncate(label, 2 * limit)
    if len(label) <= limit:
        return label
    half = (len(label) + 1) // 2
    return label[:half] + "\n" + label[half:]


def _keys(labels: list[str], limit: int) -> list[str]:
    """Band keys: the wrapped label and the row's number (see :data:`_KEY_SEP`)."""
    return [f"{wrap(label, limit)}{_KEY_SEP}{i}" for i, label in enumerate(labels)]


def _row_height(keys: list[str]) -> int:
    """A band's height: room for two lines when a label wraps."""
    return 28 if any("\n" in k for k in keys) else 20


def figure_data(
    rows: pd.DataFrame, label_limit: int = 16, exact_label: str | None = None
) -> pd.DataFrame:
    """One chart row per figure: label, bar ends x0..x1, the figure as text, masked flag.

    An exact figure is a bar from 0 to its value; a masked or ranged figure is a box over its
    interval (the true value is somewhere inside).
    """
    exact_label = exact_label or _c("exact")
    out = []
    for _, r in rows.iterrows():
        value, low, high = r.get("value"), r.get("low"), r.get("high")
        if text_of(value):
            x0, x1 = 0.0, float(value)
        elif text_of(low) and text_of(high):
            x0, x1 = float(low), float(high)
        else:
            continue
        masked = bool(r.get("masked")) if text_of(r.get("masked")) else False
        label = text_of(r.get("name")) or text_of(r.get("indicator")) or text_of(r.get("text"))
        out.append(
            {
                "label": label,
                "x0": min(x0, x1),
                "x1": max(x0, x1),
                "figure": figure_text(r, with_mask_note=False)
                + (_c("masked_suffix") if masked else ""),
                "kind": _c("masked_box") if masked else (_c("range") if x0 != 0 else exact_label),
                "unit": text_of(r.get("unit")),
                "sentence": truncate(text_of(r.get("sentence")), 120),
            }
        )
    columns = ["label", "x0", "x1", "figure", "kind", "unit", "sentence"]
    df = pd.DataFrame(out, columns=columns)
    df.insert(1, "key", _keys(df["label"].tolist(), label_limit))
    return df


def figure_chart(
    rows: pd.DataFrame,
    title: str,
    axis_title: str,
    exact_label: str | None = None,
    width: int = WIDTH - 200,
    label_limit: int = 16,
) -> alt.Chart | None:
    """Horizontal bars (exact) and outlined boxes (masked/ranged) with the figure written beside.

    ``None`` when no row has a number to draw.
    """
    exact_label = exact_label or _c("exact")
    data = figure_data(rows, label_limit=label_limit, exact_label=exact_label)
    if data.empty:
        return None
    # The scale fits the data (an axis to 7 for a maximum of 3 misleads); the figures written
    # beside the bars reach past the plot, and the chart grows to hold them.
    lo = min(0.0, float(data["x0"].min()))
    hi = max(0.0, float(data["x1"].max())) or 1.0
    domain = [lo, hi]
    order = data["key"].tolist()
    height = max(40, _row_height(order) * len(data))
    boxed = _c("masked_box")
    styles = {exact_label: INK, _c("range"): MID, boxed: "white"}
    present = [k for k in styles if k in set(data["kind"])]
    base = alt.Chart(data).encode(
        y=alt.Y(
            "key:N", sort=order, title=None, axis=alt.Axis(labelLimit=240, labelExpr=_LABEL_EXPR)
        ),
        tooltip=[alt.Tooltip(f"{f}:N", title=_c(f"tip_{f}"))
                 for f in ("label", "figure", "unit", "sentence")],
    )  # fmt: skip
    bars = base.mark_bar(stroke=INK, strokeWidth=1, height=14).encode(
        x=alt.X("x0:Q", title=axis_title, scale=alt.Scale(domain=domain, nice=True, zero=True)),
        x2="x1:Q",
        fill=alt.Fill(
            "kind:N",
            title=None,
            scale=alt.Scale(domain=present, range=[styles[k] for k in present]),
            legend=alt.Legend(orient="bottom", symbolStrokeColor=INK, symbolType="square"),
        ),
        strokeDash=alt.condition(alt.datum.kind == boxed, alt.value([4, 2]), alt.value([1, 0])),
    )
    labels = base.mark_text(align="left", dx=4, baseline="middle").encode(x="x1:Q", text="figure:N")
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=MID).encode(x="x:Q")
    return (bars + labels + zero).properties(title=title, width=width, height=height)


def _axis_title(unit: str, kind: str) -> str:
    name = (
        _c(f"axis_{kind}") if kind in ("growth", "pp_change", "level", "rank") else _c("axis_level")
    )
    return _c("axis_unit", name=name, unit=unit) if unit else name


def pick_group(rows: pd.DataFrame) -> pd.DataFrame:
    """The figures of one section that share a kind and a unit and so suit one chart.

    The largest such group wins (growth in % on a tie: it is the comparable measure);
    rankings are left to the table. Ties between units go to the one mentioned first.
    """
    if rows.empty:
        return rows
    kinds = rows["kind"].fillna("").astype(str)
    units = rows["unit"].fillna("").astype(str)
    growth = rows[(kinds == "growth") & units.isin(["%", ""])]
    levels = rows[kinds.isin(["level", "pp_change"]) & (units != "")]
    best = growth
    if len(levels):
        key = levels["kind"].astype(str) + "|" + levels["unit"].astype(str)
        counts = key.value_counts(sort=False)
        first = {k: i for i, k in reversed(list(enumerate(key)))}
        top = min(counts.index, key=lambda k: (-counts[k], first[k]))
        group = levels[key == top]
        if len(group) >= 2 and len(group) > len(growth):
            best = group
    return best


def section_chart(
    rows: pd.DataFrame, title: str, exact_label: str | None = None, **size: int
) -> alt.Chart | None:
    """A chart for one section's figures, or ``None`` when they do not suit one.

    ``size``: ``width`` and ``label_limit`` of :func:`figure_chart`."""
    group = pick_group(rows)
    if len(group) < 2:  # one bar is not a chart; the table shows it
        return None
    unit = text_of(group["unit"].iloc[0]) or "%"
    kind = text_of(group["kind"].iloc[0])
    return figure_chart(group.head(12), title, _axis_title(unit, kind), exact_label, **size)


def disclosure_chart(profile: pd.DataFrame, width: int = WIDTH - 220) -> alt.Chart | None:
    """Stacked bars per section: figures disclosed (dark) and masked (white, dashed outline).

    ``profile`` has columns 部分, 公布, 遮盖 (one row per section:
    :func:`analysis.tables.year.disclosure_profile`).
    """
    prof = profile.set_axis(["part", "shown", "masked"], axis=1)
    if prof.empty or int(prof[["shown", "masked"]].to_numpy().sum()) == 0:
        return None
    prof = prof.assign(key=_keys(prof["part"].tolist(), 12))
    order = prof["key"].tolist()
    states = [_c("shown"), _c("masked")]
    long = prof.rename(columns={"shown": states[0], "masked": states[1]}).melt(
        id_vars=["key", "part"], value_vars=states, var_name="state", value_name="n"
    )
    long = long[long["n"] > 0]
    base = alt.Chart(long).encode(
        y=alt.Y("key:N", sort=order, title=None, axis=alt.Axis(labelExpr=_LABEL_EXPR)),
        tooltip=[alt.Tooltip("part:N", title=_c("tip_part")),
                 alt.Tooltip("state:N", title=_c("tip_status")),
                 alt.Tooltip("n:Q", title=_c("tip_count"))],
    )  # fmt: skip
    bars = base.mark_bar(stroke=INK, strokeWidth=1, height=14).encode(
        x=alt.X("sum(n):Q", title=_c("disclosure_axis"), stack="zero"),
        fill=alt.Fill(
            "state:N", title=None, scale=alt.Scale(domain=states, range=[INK, "white"]), sort=states
        ),
        order=alt.Order("state:N", sort="ascending"),
    )
    # A count is written inside its bar only when the bar has room for it.
    roomy = alt.datum.n >= 0.08 * float(prof[["shown", "masked"]].sum(axis=1).max())
    labels = (
        base.transform_filter(roomy)
        .mark_text(baseline="middle", fontSize=11)
        .encode(
            x=alt.X("sum(n):Q", stack="zero", bandPosition=0.5),
            text=alt.Text("sum(n):Q"),
            detail="state:N",
            color=alt.Color(
                "state:N", scale=alt.Scale(domain=states, range=["white", INK]), legend=None
            ),
            order=alt.Order("state:N", sort="ascending"),
        )
    )
    height = max(40, _row_height(order) * len(prof))
    return (bars + labels).properties(title=_c("disclosure_title"), width=width, height=height)


def keyword_chart(
    words: list[tuple[str, int]], title: str, width: int = WIDTH - 220
) -> alt.Chart | None:
    """Horizontal bars of the most frequent words with their counts written beside."""
    if not words:
        return None
    data = pd.DataFrame(words, columns=["word", "n"])
    data["note"] = data["n"].map(lambda c: _c("times", n=number(c)))
    order = data["word"].tolist()
    base = alt.Chart(data).encode(
        y=alt.Y("word:N", sort=order, title=None),
        tooltip=[alt.Tooltip("word:N", title=_c("tip_word")),
                 alt.Tooltip("n:Q", title=_c("tip_times"))],
    )  # fmt: skip
    bars = base.mark_bar(color=MID, height=12).encode(
        x=alt.X(
            "n:Q",
            title=_c("keyword_axis"),
            scale=alt.Scale(domain=[0, float(data["n"].max()) * 1.25], nice=False),
        )
    )
    labels = base.mark_text(align="left", dx=3, baseline="middle").encode(x="n:Q", text="note:N")
    return (bars + labels).properties(title=title, width=width, height=max(40, 16 * len(data)))
