"""Bytes on disk → decoded report text (before normalisation). MINIMAL PLACEHOLDER: UTF-8 only."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def read_text(path: str | Path) -> str:
    """Read a report file (txt/html/docx/pdf) and return its text, decoded, not yet normalised.

    Raises :class:`InputError` naming the file and the problem.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    return p.read_bytes().decode("utf-8-sig")
