"""The vocabulary the pages and the region rules read: ``data/labels.toml`` (the words shown
for the tables' codes) and ``data/levels.toml`` (a region's level from its name). Loaded once.

Indicator names, units and aliases are the catalog's (:mod:`analysis.extract.catalog`).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def _load(name: str) -> dict:
    with resources.files("analysis").joinpath("data", name).open("rb") as f:
        return tomllib.load(f)


def of(group: str) -> dict[str, str]:
    """The labels of one group of codes (``kind``, ``status``, ``level`` …): code → words."""
    return dict(_load("labels.toml")[group])


def label(group: str, code: str) -> str:
    """The words for ``code`` in ``group``; the code itself when the vocabulary lacks it."""
    return _load("labels.toml")[group].get(code, code)


@cache
def _level_rules() -> tuple[dict[str, str], list[tuple[str, str]]]:
    rules = _load("levels.toml")
    names = {n.lower(): level for level, ns in rules["names"].items() for n in ns}
    suffixes = [(s, level) for level, ss in rules["suffixes"].items() for s in ss]
    return names, sorted(suffixes, key=lambda sl: -len(sl[0]))


def region_level(name: str) -> str:
    """The administrative level a region's name states: ``national``, ``province``, ``city``,
    ``county``, ``town``, or ``""`` when the name does not say (``mouxian``).

    省, 自治区 and the four 直辖市 (北京市 …) are provinces; 市, 州, 盟, 地区 cities; 县, 区, 旗
    counties. The one rule for import, region metadata and the comparison.
    """
    names, suffixes = _level_rules()
    key = name.strip().lower()
    if key in names:
        return names[key]
    return next((level for suffix, level in suffixes if key.endswith(suffix)), "")


def headlines(page: str) -> list:
    """The key figures ``page`` (``trends`` or ``compare``) leads with, in order, from
    ``data/headlines.toml``: (indicator, kind) pairs for ``trends``, column tables for
    ``compare``."""
    return list(_load("headlines.toml")[page])


def quantity_words() -> dict[str, list[str]]:
    """The word lists that tell a quantity's name from a task phrase (``data/quantities.toml``,
    read by :mod:`analysis.tables.quantities`)."""
    return _load("quantities.toml")


def phrase(page: str, key: str, **values: object) -> str:
    """A sentence or heading ``page`` writes (``data/pages.toml``), its ``{fields}`` filled in
    from ``values`` (``str.format``): the pages' wording lives beside the vocabulary, not in
    code."""
    return str(_load("pages.toml")[page][key]).format(**values)


def columns(page: str, key: str) -> list[str]:
    """A list of words ``page`` writes (``data/pages.toml``): a table's column names."""
    return [str(w) for w in _load("pages.toml")[page][key]]
