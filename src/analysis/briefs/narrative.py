"""Plain-Chinese wording of figures: legible values, qualifiers, and a paragraph per section.

Everything here returns plain text (never HTML): callers escape it. No function ever returns
``nan``, ``None`` or a tuple as text; a missing piece is an empty string.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis import labels
from analysis.tables.format import _missing, cn_ordinal, number, text_of
from analysis.tables.quantities import quantities

MASK_NOTE = "（数字被遮盖）"

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
        up = "上涨" if text_of(row.get("indicator")) == "cpi" else "增长"  # prices rise, not grow
        return f"{_direction(row, up, '下降')}{span}{unit or '%'}{note}"
    if kind == "pp_change":
        return f"{_direction(row, '提高', '降低')}{span}{unit or '个百分点'}{note}"
    if kind == "rank":
        value = row.get("value")
        if not _missing(value) and float(value) == int(float(value)):
            ordinal = cn_ordinal(int(float(value)))
        else:
            ordinal = span
        if unit.startswith("连"):
            return f"{ordinal}{unit}{note}"
        return f"{unit}第{ordinal}{'名' if masked else ''}{note}"
    if unit.startswith("连"):  # streaks: 十九连丰
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
    prefix = {"at_least": "超过", "at_most": "控制在"}.get(q, "")
    suffix = "左右" if q == "approx" else ""
    if text_of(row.get("kind")) in {"growth", "pp_change", "rank"}:
        prefix = ""
    if q == "at_most" and text_of(row.get("kind")) == "growth":
        suffix = "以内"
    return f"{name}{prefix}{fig}{suffix}"




def _join(items: Iterable[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


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
        return "本部分没有可提取的量化指标，以文字叙述为主。"
    n = len(rows)
    kinds = rows["kind"].fillna("").astype(str)
    masked = rows["masked"].fillna(False).astype(bool)
    targets = rows["is_target"].fillna(False).astype(bool)
    parts = [f"本部分共提及{n}项数字指标"]
    counts = []
    for kind in ("level", "growth", "pp_change", "rank"):
        c = int((kinds == kind).sum())
        if c:
            counts.append(f"{KIND_ZH[kind]}{c}项")
    if counts:
        parts[0] += "，其中" + "、".join(counts)
    if targets.any():
        parts[0] += f"；{int(targets.sum())}项为预期目标"
    text = parts[0] + "。"

    plain = rows[(kinds != "rank") & ~targets]
    main = _importance(plain).head(max_main)
    labels = [figure_label(r) for _, r in main.iterrows()]
    if labels:
        text += "主要数字：" + "；".join(labels) + "。"

    ranks = rows[kinds == "rank"]
    if len(ranks):
        honours = [figure_label(r) for _, r in _importance(ranks).head(3).iterrows()]
        text += "排名与荣誉：" + "；".join(honours) + "。"

    tgt = rows[targets & (kinds != "rank")]
    if len(tgt):
        goals = [figure_label(r) for _, r in _importance(tgt).head(3).iterrows()]
        text += "预期目标：" + "；".join(goals) + "。"

    m = int(masked.sum())
    if m == n:
        text += "所有数字均被遮盖，只能给出区间。"
    elif m:
        names = _join(
            list(dict.fromkeys(text_of(x) for x in rows.loc[masked, "name"] if text_of(x)))[:3]
        )
        text += (
            f"其中{m}项数字被遮盖（如{names}），表中以区间表示。"
            if names
            else (f"其中{m}项数字被遮盖，表中以区间表示。")
        )
    return text


def section_note(rows: pd.DataFrame, max_main: int = 3) -> str:
    """A sentence or two on what is notable in a section: how many figures, the main ones
    (catalogued first), its best ranking and its targets. Plain text, never empty."""
    if rows is None or len(rows) == 0:
        return "以文字叙述为主，没有可提取的数字。"
    kinds = rows["kind"].fillna("").astype(str)
    masked = int(rows["masked"].fillna(False).astype(bool).sum())
    targets = rows["is_target"].fillna(False).astype(bool)
    head = f"共{len(rows)}项数字" + (f"（{masked}项被遮盖）" if masked else "")
    main = _importance(rows[(kinds != "rank") & ~targets]).head(max_main)
    labels = [figure_label(r) for _, r in main.iterrows()]
    text = head + ("：" + "；".join(labels) if labels else "") + "。"
    ranks = rows[kinds == "rank"]
    best = _importance(ranks)
    if len(ranks):
        text += f"排名与荣誉{len(ranks)}项" + (f"，如{figure_label(best.iloc[0])}" if len(best) else "") + "。"
    n_targets = int(targets.sum())
    goals = _importance(rows[targets])
    if n_targets:
        text += f"预期目标{n_targets}项" + (f"，如{figure_label(goals.iloc[0])}" if len(goals) else "") + "。"
    return text
