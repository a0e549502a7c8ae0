"""Word lists kept as data: ``data/vocabulary/<name>.txt``, one word a line, ``#`` comments.

Code holds the grammar, these files the words (issue 16): a new time word or milestone noun
is a line of data. Each list is read once.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def words(name: str) -> tuple[str, ...]:
    """The words of ``data/vocabulary/<name>.txt`` in the file's order."""
    path = resources.files("analysis").joinpath(f"data/vocabulary/{name}.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s for s in (ln.split("#", 1)[0].strip() for ln in lines) if s)


@cache
def alternation(name: str) -> str:
    """The list ``name`` as a regex alternation, longest word first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(words(name), key=len, reverse=True))
