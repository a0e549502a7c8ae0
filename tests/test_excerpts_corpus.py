"""Corpus tier: the 16 provincial reports reposted as news sites do read as well as whole.

Each report (imported once per session, see conftest) is turned into three shapes of
tests/excerpts.py, knowing nothing of the report: ``reposted`` (its outline on top as a table
of contents, a 图片 caption every third line), the whole text without its section headings,
and the targets paragraph alone. Every truth field of tests/provinces_truth.py must come out as from the whole report;
in the targets paragraph, every target it quotes.
"""

from __future__ import annotations

import pytest

import excerpts

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize(
    ("shape", "partial"),
    [
        (excerpts.reposted, False),
        (excerpts.without_headings, False),
        (excerpts.targets_excerpt, True),
    ],
    ids=["reposted", "no-headings", "targets-paragraph"],
)
def test_excerpts_read_as_well_as_whole_reports(provinces: dict, shape, partial: bool) -> None:
    checked, misses = 0, []
    for province, (report, _) in provinces.items():
        counts, m = excerpts.score(report.text, province, shape, partial)
        checked += sum(len(v) for v in counts.values())
        misses += m
    # Every field of the 16 reports (14 each), or the 53 targets their paragraphs quote (each
    # in the indicator table and in the targets table).
    assert checked == (106 if partial else 16 * 14)
    assert not misses, "\n".join(misses)
