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


def compare_words(language: str = "zh") -> dict:
    """The comparison page's words in ``language`` (``zh`` or ``en``), from
    ``data/compare.toml``; raises ``ValueError`` for another language."""
    words = _load("compare.toml")
    if language not in words or not isinstance(words[language], dict):
        raise ValueError(f"language {language!r}: the comparison is written in zh or en")
    return words[language]


def short_suffixes() -> list[str]:
    """Endings dropped for a region's short name in charts (省, 自治区 …), longest first."""
    return sorted(_load("compare.toml")["short_suffixes"], key=len, reverse=True)


@cache
def _regions_en() -> dict[str, str]:
    import csv

    with resources.files("analysis").joinpath("data", "regions_en.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {k: r["en"] for r in rows for k in (r["name"], r["short"])}


def region_en(name: str, slug: str = "") -> str:
    """A region's name in English: a province-level unit's from ``data/regions_en.csv``, the
    State Council's report ``China``; any other place in pinyin with its Chinese name beside (某县 → Mouxian (某县))."""
    known = _regions_en()
    if slug == "national" or name in known:
        return known.get(name, "China")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name
    from pypinyin import lazy_pinyin

    stem = name
    for suffix in _load("compare.toml")["pinyin_suffixes"]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            break
    spelled = "".join(lazy_pinyin(stem)).capitalize()
    return f"{spelled} ({name})"
