"""A whole report turned into the shapes news sites repost it in (issue 16, class 7).

Each function takes a report's normalised text (one paragraph a line) and returns a new text;
none knows any particular report. Used by tests/test_excerpts_corpus.py and bench/halves.py.

- :func:`targets_excerpt`: the title and the paragraph holding the year's 主要预期目标 (with the
  list after it when the cue ends with a colon): no section heading at all.
- :func:`with_toc`: a table of contents (the report's own top-level headings, one a line) put
  after the title, as pages that print the report's outline first do.
- :func:`with_captions`: a stray caption line (图片) after every third paragraph.
- :func:`without_headings`: the whole report with its top-level heading lines removed.

:func:`score` reads one province's report in one shape and checks it against the truth of
tests/provinces_truth.py (the checks of tests/test_provinces_corpus.py).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

_CUE = re.compile(r"主要预期目标|预期目标是|主要目标是")
_NUMERALS = "一二三四五六七八九十"
_TOP_HEADING = re.compile(
    rf"^(?:[{_NUMERALS}]{{1,2}}、|第[{_NUMERALS}]{{1,2}}部分)[^。；]{{0,40}}$"
)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def targets_excerpt(text: str) -> str:
    """The title line and the 主要预期目标 paragraph (a plan's 主要目标 is skipped: the year's
    cue is the last one naming the report's targets before the year's tasks)."""
    lines = _lines(text)
    picked = [i for i, ln in enumerate(lines) if "主要预期目标" in ln and re.search(r"\d", ln)]
    if not picked:
        picked = [i for i, ln in enumerate(lines) if _CUE.search(ln)]
    i = picked[0]
    body = [lines[i]]
    if lines[i].rstrip().endswith(("：", ":")) and i + 1 < len(lines):
        body.append(lines[i + 1])
    return "\n".join([lines[0], *body]) + "\n"


def top_headings(text: str) -> list[str]:
    """The report's top-level heading lines (一、… 二、…), numbers rising from 一."""
    out: list[str] = []
    for ln in _lines(text):
        if _TOP_HEADING.match(ln) and ln.startswith(_NUMERALS[len(out)] if len(out) < 10 else "-"):
            out.append(ln)
    return out


def with_toc(text: str, one_line: bool = False) -> str:
    """``text`` with its own top-level headings listed after the title (each on its own line,
    or all on one line separated by spaces)."""
    lines = _lines(text)
    heads = top_headings(text)
    toc = [" ".join(heads)] if one_line else heads
    return "\n".join([lines[0], "目录", *toc, *lines[1:]])


def with_captions(text: str, every: int = 3) -> str:
    """``text`` with a line 图片 after every ``every``-th paragraph."""
    out: list[str] = []
    for i, ln in enumerate(_lines(text), 1):
        out.append(ln)
        if i % every == 0:
            out.append("图片")
    return "\n".join(out)


def without_headings(text: str) -> str:
    """``text`` without its top-level heading lines."""
    heads = set(top_headings(text))
    return "\n".join(ln for ln in _lines(text) if ln not in heads)


def reposted(text: str) -> str:
    """A report as a news site reposts it: its outline on top and a caption every few lines."""
    return with_captions(with_toc(text))


def fields_of(province: str, text: str) -> dict:
    """The truth fields of ``province`` whose quotes are all in ``text``."""
    import provinces_truth as truth

    squashed = truth.squash(text)
    out = {}
    for field, want in truth.PROVINCES[province].items():
        quotes = [q for q in ((want or {}).get("text"), (want or {}).get("growth_text")) if q]
        if quotes and all(truth.squash(q) in squashed for q in quotes):
            out[field] = want
    return out


def score(
    whole: str, province: str, shape: Callable[[str], str], partial: bool = False
) -> tuple[dict[str, list[bool]], list[str]]:
    """Right/wrong per group (``key``: the 2025 figures, ``targets``: the 2026 targets) of one
    province's report (normalised text ``whole``) turned into ``shape``, and a line per miss.
    ``partial``: the shape keeps part of the text; only fields quoted in it are checked, and
    no 2025 figure."""
    import provinces_truth as truth
    import test_provinces_corpus as tpc
    from analysis.extract.indicators import extract_report
    from analysis.tables import targets as tg

    text = shape(whole)
    folder = Path(tempfile.mkdtemp()) / province
    folder.mkdir()
    (folder / "2026.txt").write_text(text, encoding="utf-8")
    report, table = extract_report(folder / "2026.txt")
    e = tpc.Extracted(report, table, tg.region_targets(table, tg.absent_targets(report)))
    fields = fields_of(province, text) if partial else truth.PROVINCES[province]
    counts: dict[str, list[bool]] = {"key": [], "targets": []}
    misses: list[str] = []
    for field, want in fields.items():
        if field in tpc.TARGET_FIELDS:
            problems = [(f"{field} [{k}]", p) for k, p in tpc.check_target(e, field, want).items()]
        elif partial:
            continue
        elif field == "budget_revenue_2025":
            problems = tpc.check_budget(e, want)
        else:
            problems = [(field, tpc.check_actual(e, field, want))]
        group = "targets" if field in tpc.TARGET_FIELDS else "key"
        for name, p in problems:
            counts[group].append(p is None)
            if p is not None:
                misses.append(f"{province} {name}: {p}")
    return counts, misses
