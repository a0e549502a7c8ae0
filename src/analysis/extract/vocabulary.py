"""The words that decide extraction, kept as data (``data/vocabulary.toml``), loaded once.

Code holds the grammar (how a clause is cut, what a figure's kind is); the words it cuts on
live in the data file, one named list each, so that a new verb, a new piece of furniture or a
new old name is a line of data. :func:`words` gives a list as written; :func:`alternation` the
same list as a regular-expression alternation (longest first, escaped).

The lists (see the comments in the file): ``up_verbs`` / ``down_verbs`` (a change's sign),
``bare_verbs`` (verbs that never name what a figure measures), …
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def _lists() -> dict[str, tuple[str, ...]]:
    with resources.files("analysis").joinpath("data/vocabulary.toml").open("rb") as f:
        raw = tomllib.load(f)
    return {k: tuple(v) for k, v in raw.items()}


def words(name: str) -> tuple[str, ...]:
    """The word list ``name`` of ``data/vocabulary.toml``, in the file's order (KeyError when
    there is no such list)."""
    return _lists()[name]


@cache
def alternation(name: str) -> str:
    """The list ``name`` as a regex alternation, longest word first, each word escaped."""
    return "|".join(re.escape(w) for w in sorted(words(name), key=len, reverse=True))


@cache
def _bare_verb_re() -> re.Pattern[str]:
    verbs = alternation("bare_verbs")
    adverbs = alternation("verb_adverbs")
    return re.compile(rf"(?:{adverbs})*(?:{verbs})+(?:了|好|出)?")


def is_bare_verb(name: str) -> bool:
    """True when ``name`` is only a verb (推进, 抓好, 重点抓好, 新开工): it says what was done,
    not what was measured."""
    return bool(name) and _bare_verb_re().fullmatch(name) is not None
