"""Decoded text → normalised text. MINIMAL PLACEHOLDER."""

from __future__ import annotations


def normalise(text: str) -> str:
    """Return the normalised text: simplified characters, half-width digits and %, no
    zero-width characters, stray line breaks inside sentences and numbers joined."""
    return text.replace("\r\n", "\n").replace("％", "%")
