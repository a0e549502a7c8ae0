"""What a year is, wherever one is read: a file name, a dataset's ``year`` column, a
``region.toml`` report key, a report's title, a command-line argument.

The one rule: four digits from 1940 to 2099, each an ASCII digit ``0–9`` or its full-width
form ``０–９`` (what a Chinese input method types, and what report text is normalised from),
in any mix: ``2024``, ``２０２４`` and ``20２４`` are 2024. Digits of other scripts
(Arabic-Indic ``٢٠٢٤``, Devanagari ``२०२४``) are not a year anywhere, nor part of one.
"""

from __future__ import annotations

import argparse
import re

FIRST, LAST = 1940, 2099
#: A year in ASCII digits, for patterns over text whose digits are already ASCII.
YEAR = r"(?:19[4-9][0-9]|20[0-9][0-9])"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
# In a name: a year alone (2023) or opening a compact date (20230305); never a part of a
# longer run of digits of any script.
_IN_NAME = re.compile(rf"(?<!\d)({YEAR})(?:[01][0-9][0-3][0-9])?(?!\d)")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits written as ASCII (``２０２４`` → ``2024``)."""
    return text.translate(_FULL_WIDTH)


def parse_year(text: str) -> int | None:
    """The year ``text`` is (spaces aside), or ``None``: ``"２０２４"`` → 2024, ``"20٢٤"`` → None."""
    s = ascii_digits(text.strip())
    return int(s) if re.fullmatch(YEAR, s) else None


def year_in_name(name: str) -> int | None:
    """The year a file name states (``2023年政府工作报告``, ``20230305``), or ``None``."""
    m = _IN_NAME.search(ascii_digits(name))
    return int(m.group(1)) if m else None


def year_argument(text: str) -> int:
    """``argparse`` type of a year argument (``--year 2024``), by :func:`parse_year`."""
    year = parse_year(text)
    if year is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year ({FIRST}–{LAST})")
    return year
