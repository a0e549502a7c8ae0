"""Plain-text forms of cell values: missing values as '', numbers without a trailing ``.0``,
long texts cut. Used by the tables and by every page that shows them."""

from __future__ import annotations

import math

import pandas as pd


def _missing(v: object) -> bool:
    """True for None, NaN and pandas' NA (all render as nothing)."""
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def text_of(v: object) -> str:
    """``v`` as text, '' when missing (so ``nan``/``<NA>`` never reach a reader)."""
    return "" if _missing(v) else str(v)


def number(v: object, digits: int = 2) -> str:
    """A number as Chinese readers write it: no trailing ``.0``, at most ``digits`` decimals."""
    if _missing(v):
        return ""
    x = float(v)  # type: ignore[arg-type]
    if math.isinf(x):
        return ""
    if abs(x - round(x)) < 10 ** -(digits + 2):
        return str(int(round(x)))
    return f"{x:.{digits}f}".rstrip("0").rstrip(".")


def truncate(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (tables; the CSV keeps it whole)."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_CN_DIGITS = "零一二三四五六七八九"


def cn_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (rankings and streaks up to 99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")
