"""Where each figure of an indicator table stands in its sentence.

The table's ``start``/``end`` are offsets in the report's text; a page that marks a figure in
its sentence needs its place in the sentence, and the first string like it may be another
figure (two targets of 10%左右 in one sentence).
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.tables.format import text_of


def sentence_offsets(table: pd.DataFrame) -> list[int | None]:
    """Each row's figure's offset in its ``sentence`` (the indicator table's ``start`` is in the
    report's text), so that a figure written twice in a sentence (one region: 外贸进出口总额增长10%左右…
    一般公共预算收入增长10%左右) is found at its own place, not at the first match. The rows of
    one sentence share its start in the text: a figure written once in the sentence gives it
    (``start`` minus its place). Without one, the k-th row of a figure (by ``start``) is its
    k-th occurrence in the sentence. ``None`` when neither rule places a row."""
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(table["section"], table["sentence"], strict=True)):
        groups.setdefault(key, []).append(i)
    texts = [text_of(x) for x in table["text"]]
    starts = [int(x) for x in table["start"]]
    out: list[int | None] = [None] * len(table)
    for (_, sentence), rows in groups.items():
        sentence = text_of(sentence)
        anchor = next((starts[i] - sentence.find(texts[i]) for i in rows
                       if texts[i] and sentence.count(texts[i]) == 1), None)  # fmt: skip
        if anchor is not None:
            for i in rows:
                at = starts[i] - anchor
                if texts[i] and sentence[at : at + len(texts[i])] == texts[i]:
                    out[i] = at
            continue
        by_text: dict[str, list[int]] = {}
        for i in sorted(rows, key=lambda i: starts[i]):
            by_text.setdefault(texts[i], []).append(i)
        for text, same in by_text.items():
            places = [m.start() for m in re.finditer(re.escape(text), sentence)] if text else []
            if len(places) == len(same):
                for i, at in zip(same, places, strict=True):
                    out[i] = at
    return out
