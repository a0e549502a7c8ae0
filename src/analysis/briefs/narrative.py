"""Plain-Chinese wording of figures: legible values, qualifiers, and a paragraph per section.

Everything here returns plain text (never HTML): callers escape it. No function ever returns
``nan``, ``None`` or a tuple as text; a missing piece is an empty string.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis import labels
from analysis.tables.format import _missing, cn_ordinal, number, text_of, truncate
from analysis.tables.quantities import quantities


def _p(key: str, **values: object) -> str:
    return labels.phrase("narrative", key, **values)


MASK_NOTE = _p("mask_note")

QUALIFIER_ZH = labels.of("qualifier")

KIND_ZH = labels.of("kind")


def _span(row: pd.Series) -> str:
    """The number part: ``512``, ``6–6.5`` or ``100–999`` (absolute values for signed kinds)."""
    kind = text_of(row.get("kind"))
    value, low, high = row.get("value"), row.get("low"), row.get("high")
    signed = kind in {"growth", "pp_change"}
    if not _missing(value):
        return number(abs(float(value)) if signed else value)
    if _missing(low) and _missing(high):
        return ""
    lo, hi = (low, high)
    if signed and not _missing(lo) and not _missing(hi) and float(hi) <= 0:
        lo, hi = abs(float(hi)), abs(float(lo))
    a, b = number(lo), number(hi)
    return a if a == b or not b else (b if not a else f"{a}–{b}")


def _direction(row: pd.Series, up: str, down: str) -> str:
    """``up`` or ``down`` by the sign of the figure (a masked one uses its interval)."""
    value, low, high = row.get("value"), row.get("low"), row.get("high")
    ref = value if not _missing(value) else (high if not _missing(high) else low)
    if _missing(ref):
        return up
    return down if float(ref) < 0 else up


def figure_text(row: pd.Series, with_mask_note: bool = True) -> str:
    """One figure written legibly: ``512亿元``, ``增长5%``, ``100–999亿元（数字被遮盖）``, ``全省第一``.

    Growth and percentage-point changes carry their direction word (增长/下降, 提高/降低).
    """
    kind = text_of(row.get("kind"))
    unit = text_of(row.get("unit"))
    span = _span(row)
    if not span:
        return text_of(row.get("text"))
    masked = bool(row.get("masked")) if not _missing(row.get("masked")) else False
    note = MASK_NOTE if masked and with_mask_note else ""
    if kind == "growth":
        up = _p("price_up") if text_of(row.get("indicator")) == "cpi" else _p("up")  # prices rise
        return f"{_direction(row, up, _p('down'))}{span}{unit or '%'}{note}"
    if kind == "pp_change":
        return f"{_direction(row, _p('pp_up'), _p('pp_down'))}{span}{unit or _p('pp_unit')}{note}"
    if kind == "rank":
        value = row.get("value")
        if not _missing(value) and float(value) == int(float(value)):
            ordinal = cn_ordinal(int(float(value)))
        else:
            ordinal = span
        if unit.startswith(_p("streak")):
            return f"{ordinal}{unit}{note}"
        suffix = _p("rank_masked") if masked else ""
        return _p("rank", unit=unit, ordinal=ordinal, suffix=suffix) + note
    if unit.startswith(_p("streak")):  # streaks: 十九连丰
        value = row.get("value")
        if not _missing(value):
            return f"{cn_ordinal(int(float(value)))}{unit}"
    return f"{span}{unit}{note}"


def qualifier_text(row: pd.Series) -> str:
    """The qualifier in Chinese (``左右``, ``以上（下限）`` …), '' for an exact figure."""
    q = text_of(row.get("qualifier"))
    return "" if q in ("", "exact") else QUALIFIER_ZH.get(q, q)


def figure_label(row: pd.Series) -> str:
    """Name and figure together, as in a sentence: ``地区生产总值突破100–999亿元``."""
    name = text_of(row.get("name")) or text_of(row.get("indicator"))
    fig = figure_text(row)
    q = text_of(row.get("qualifier"))
    prefix = _p(q) if q in ("at_least", "at_most") else ""
    suffix = _p("approx") if q == "approx" else ""
    if text_of(row.get("kind")) in {"growth", "pp_change", "rank"}:
        prefix = ""
    if q == "at_most" and text_of(row.get("kind")) == "growth":
        suffix = _p("within")
    return f"{name}{prefix}{fig}{suffix}"


def _join(items: Iterable[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return _p("list_sep").join(items[:-1]) + _p("and") + items[-1]


def _importance(df: pd.DataFrame) -> pd.DataFrame:
    """The figures that name a quantity (no 我们要重点把握好5个), catalogued first, then in
    reading order."""
    df = quantities(df)
    if df.empty:
        return df
    known = df["indicator"].fillna("").astype(str) != ""
    return df.assign(_known=~known).sort_values(["_known", "start"], kind="stable")


def section_paragraph(rows: pd.DataFrame, title: str = "", max_main: int = 4) -> str:
    """A paragraph summing up one section's figures (count, main figures, rankings, masks).

    ``rows`` are the section's rows of the indicator table; an empty frame gives a sentence
    saying the section states no figures.
    """
    if rows is None or len(rows) == 0:
        return _p("no_figures_paragraph")
    n = len(rows)
    kinds = rows["kind"].fillna("").astype(str)
    masked = rows["masked"].fillna(False).astype(bool)
    targets = rows["is_target"].fillna(False).astype(bool)
    text = _p("count", n=n)
    counts = []
    for kind in ("level", "growth", "pp_change", "rank"):
        c = int((kinds == kind).sum())
        if c:
            counts.append(_p("kind_count", kind=KIND_ZH[kind], n=c))
    if counts:
        text += _p("of_which", counts=_p("list_sep").join(counts))
    if targets.any():
        text += _p("targets_count", n=int(targets.sum()))
    text += _p("end")

    def listed(df: pd.DataFrame, key: str, n: int) -> str:
        items = [figure_label(r) for _, r in _importance(df).head(n).iterrows()]
        return _p(key, items=_p("item_sep").join(items)) if items else ""

    text += listed(rows[(kinds != "rank") & ~targets], "main", max_main)
    text += listed(rows[kinds == "rank"], "honours", 3)
    text += listed(rows[targets & (kinds != "rank")], "goals", 3)

    m = int(masked.sum())
    if m == n:
        text += _p("all_masked")
    elif m:
        names = _join(
            list(dict.fromkeys(text_of(x) for x in rows.loc[masked, "name"] if text_of(x)))[:3]
        )
        text += _p("some_masked_named", n=m, names=names) if names else _p("some_masked", n=m)
    return text


def section_note(rows: pd.DataFrame, max_main: int = 3) -> str:
    """A sentence or two on what is notable in a section: how many figures, the main ones
    (catalogued first), its best ranking and its targets. Plain text, never empty."""
    if rows is None or len(rows) == 0:
        return _p("no_figures_note")
    kinds = rows["kind"].fillna("").astype(str)
    masked = int(rows["masked"].fillna(False).astype(bool).sum())
    targets = rows["is_target"].fillna(False).astype(bool)
    text = (
        _p("note_masked", n=len(rows), masked=masked) if masked else _p("note_count", n=len(rows))
    )
    main = _importance(rows[(kinds != "rank") & ~targets]).head(max_main)
    mains = [figure_label(r) for _, r in main.iterrows()]
    text += (_p("note_main", items=_p("item_sep").join(mains)) if mains else "") + _p("end")
    # Rankings and targets: how many, and the first that names a quantity as the example.
    for key, sub in (("note_ranks", rows[kinds == "rank"]), ("note_targets", rows[targets])):
        if len(sub):
            best = _importance(sub)
            example = _p("for_example", item=figure_label(best.iloc[0])) if len(best) else ""
            text += _p(key, n=len(sub)) + example + _p("end")
    return text


def mark(sentence: str, fig: str, at: int | None, limit: int) -> dict[str, str] | str:
    """``sentence`` with the figure ``fig`` at ``at`` to mark, as the templates' marked cell
    ``{"before", "mark", "after"}``, a long sentence cut around it to about ``limit``
    characters; the plain sentence (cut) when the figure is not there."""
    if at is None or not fig or sentence[at : at + len(fig)] != fig:
        return truncate(sentence, limit)
    before, after = sentence[:at], sentence[at + len(fig) :]
    room = max(limit - len(fig), 10)
    if len(before) > room // 2 and len(before) + len(after) > room:
        keep = max(room // 2, room - len(after))
        before = "…" + before[-keep:]
    if len(before) + len(after) > room:
        after = after[: max(room - len(before), 0)] + "…"
    return {"before": before, "mark": fig, "after": after}
