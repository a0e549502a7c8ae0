"""What a region's name may be: the one rule ``briefs import``, ``briefs batch`` and every
reader of a data folder share.

A region's name is the name of its folder under the data folder (``data/raw/某某省``), and
the batch writes ``<out>/<name>/…`` and passes the name to the notebooks. So a name is at most
64 characters of letters and digits of any script, spaces, ``- _ . ·`` and parentheses
(``()``, ``（）``), and does not start with ``.``. Everything else is refused with the reason:
path separators and ``..`` (they leave the folder), control characters (they break lines),
bidirectional and other invisible format characters (``U+202E`` shows ``abc`` as ``cba``: a
name would not read as what it is), and any other symbol (quotes, ``<``, ``%``, ``#``: they
mean something in a URL, a page or a shell). Import refuses what the batch could not build.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 64
ALLOWED = "letters, digits, spaces, - _ . · and parentheses"
_ALLOWED_CHAR = re.compile(r"[\w\u00b7 .\-()（）]")
# Bidirectional controls: embeddings, overrides, isolates and marks (all Unicode category Cf).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def region_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a region folder (``"contains a path separator"``), or ``None``."""
    if not name.strip():
        return "is empty"
    if "/" in name or "\\" in name:
        return "contains a path separator"
    if name in (".", "..") or ".." in name.split("."):
        return "contains '..'"
    if name.startswith("."):
        return "starts with '.'"
    for c in name:
        category = unicodedata.category(c)
        if category == "Cc":
            return "contains a control character"
        if c in _BIDI:
            return f"contains a bidirectional control (U+{ord(c):04X})"
        if category == "Cf":
            return f"contains an invisible format character (U+{ord(c):04X})"
    if len(name) > MAX_CHARS:
        return f"is longer than {MAX_CHARS} characters ({len(name)})"
    bad = next((c for c in name if not _ALLOWED_CHAR.fullmatch(c)), None)
    if bad is not None:
        return f"contains {bad!r} (a region name holds {ALLOWED})"
    return None
