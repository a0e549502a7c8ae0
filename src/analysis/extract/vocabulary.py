"""The words that decide extraction, kept as data: ``data/vocabulary/<name>.txt``.

Code holds the grammar (how a clause is cut, what makes a figure a change or a level); the
words it cuts on live in these files, one word a line (``#`` starts a comment), each read once.
A new verb, a new piece of page furniture or a new time word is then a line of data, and so
is a new indicator or an old name (those live in ``data/catalog.csv``, see
:mod:`analysis.extract.catalog`).

- :func:`words` — a list as written, in the file's order;
- :func:`alternation` — the same list as a regex alternation, longest word first, escaped;
- :func:`pairs` — a list of ``word meaning`` lines as a mapping (qualifier words → meaning);
- :func:`is_bare_verb` — a name that is only a verb (``bare_verbs``, ``verb_adverbs``).

Each file says, in its opening comment, what it decides and where it is read.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def words(name: str) -> tuple[str, ...]:
    """The words of ``data/vocabulary/<name>.txt`` in the file's order (FileNotFoundError
    when there is no such list)."""
    path = resources.files("analysis").joinpath(f"data/vocabulary/{name}.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s for s in (ln.split("#", 1)[0].strip() for ln in lines) if s)


@cache
def alternation(name: str) -> str:
    """The list ``name`` as a regex alternation, longest word first, each word escaped."""
    return "|".join(re.escape(w) for w in sorted(words(name), key=len, reverse=True))


@cache
def pairs(name: str) -> dict[str, str]:
    """The list ``name`` of ``word meaning`` lines as a mapping, in the file's order."""
    return dict(tuple(line.split(maxsplit=1)) for line in words(name))  # type: ignore[misc]


@cache
def _bare_verb_re() -> re.Pattern[str]:
    verbs, adverbs = alternation("bare_verbs"), alternation("verb_adverbs")
    return re.compile(rf"(?:{adverbs})*(?:{verbs})+(?:了|好|出)?")


def is_bare_verb(name: str) -> bool:
    """True when ``name`` is only a verb (推进, 抓好, 重点抓好, 新开工): it says what was done,
    not what was measured."""
    return bool(name) and _bare_verb_re().fullmatch(name) is not None
