"""Which figures name a measurable quantity: the rows a reader's first page may show.

The indicator table keeps every figure a report states; page one of a brief and the section
summaries show only catalogued indicators and figures whose name is a quantity (赤字率, 新增普通
高中学位), not a task or a speech phrase (重点抓好 14个 from 重点抓好以下14个方面的工作; 锻造更多
1000亿元 from 千亿元级产业集群). The word lists are in ``data/quantities.toml``.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import labels
from analysis.tables.format import text_of

_DIGIT = re.compile(r"[0-9０-９]")


def clean_name(name: str) -> str:
    """The report's name for a figure without the words around it (``赤字率拟`` → ``赤字率``)."""
    words = labels.quantity_words()
    name = name.strip()
    for p in words["strip_prefixes"]:
        if name.startswith(p) and len(name) > len(p) + 1:
            name = name[len(p) :]
    for s in words["strip_suffixes"]:
        if name.endswith(s) and len(name) > len(s) + 1:
            name = name[: -len(s)]
    return name


def is_quantity(row: pd.Series) -> bool:
    """True for a catalogued indicator, or a figure written with digits whose name is a
    quantity: at least two characters, no task word, not broken off mid-phrase."""
    if text_of(row.get("indicator")):
        return True
    no_digits = not _DIGIT.search(text_of(row.get("text")))
    if no_digits and text_of(row.get("kind")) != "rank":  # 千亿元级: a class of things
        return False
    name = clean_name(text_of(row.get("name")))
    words = labels.quantity_words()
    return (
        len(name) >= 2
        and not any(w in name for w in words["task_words"])
        and not name.endswith(tuple(words["dangling_ends"]))
    )


def quantities(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``df`` that name a quantity, their names cleaned (:func:`clean_name`)."""
    if df.empty:
        return df
    keep = df[[is_quantity(r) for _, r in df.iterrows()]].copy()
    keep["name"] = keep["name"].map(lambda n: clean_name(text_of(n)) if text_of(n) else n)
    return keep


def distinct_targets(df: pd.DataFrame) -> pd.DataFrame:
    """Each target (indicator — or name when uncatalogued —, kind, period) once: the main-
    targets sentence (scope ``targets``) wins over later repeats, else the first mention."""
    if df.empty:
        return df
    ids = df["indicator"].map(text_of)
    key = ids.where(ids != "", df["name"].map(text_of))
    main = df["scope"].map(text_of) == "targets" if "scope" in df else False
    ranked = df.assign(_key=key, _main=~pd.Series(main, index=df.index), _pos=range(len(df)))
    first = ranked.sort_values(["_main", "_pos"], kind="stable").drop_duplicates(
        ["_key", "kind", "period"]
    )
    return first.sort_values("_pos").drop(columns=["_key", "_main", "_pos"])
