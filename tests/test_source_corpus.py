"""The source view over the corpus: for the sample, every national year and the 16 provinces of
2026, every row of the indicator table has exactly one mark whose offsets and text match it, the
page holds the whole text, and the misses shown are the ones counted.

Reads ``../shared`` in place (the provinces' ``full_text`` is written to a temporary
``<tmp>/<province>/2026.txt``); skipped when it is absent. Each report is extracted and rendered
once per session.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.briefs import source
from analysis.extract.indicators import extract_report
from conftest import CORPUS, SAMPLE
from test_source import View, check_marks, whole_text

PROVINCES = CORPUS.parent / "provinces-2026"
NAMES = (
    ["sample"]
    + [f"national/{p.stem}" for p in sorted(CORPUS.glob("*.txt"))]
    + [f"provinces/{p.name}" for p in sorted(PROVINCES.glob("*.csv"))]
)

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="session")
def views(tmp_path_factory) -> dict:
    """name → (report, table, parsed page), built once."""
    if not CORPUS.is_dir() or not PROVINCES.is_dir():
        pytest.skip("../shared/corpus is absent")
    tmp = tmp_path_factory.mktemp("provinces")
    out = {}
    for name in NAMES:
        if name == "sample":
            report, table = extract_report(SAMPLE)
        elif name.startswith("national/"):
            report, table = extract_report(CORPUS / f"{name.split('/')[1]}.txt", region="national")
        else:
            with open(PROVINCES / name.split("/")[1], encoding="utf-8-sig", newline="") as f:
                row = next(csv.DictReader(f))
            path = Path(tmp, row["province"], "2026.txt")
            path.parent.mkdir()
            path.write_text(row["full_text"], encoding="utf-8")
            report, table = extract_report(path)
        out[name] = (report, table, View(source.source_html(report, table)))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_row_has_exactly_one_mark(views, name):
    report, table, view = views[name]
    check_marks(report, table, view)


@pytest.mark.parametrize("name", NAMES)
def test_the_whole_text_and_its_misses(views, name):
    report, table, view = views[name]
    assert whole_text(view) == "".join(report.text.split())
    assert view.misses == [t for _, _, t in source.missed_numbers(report, table)]


def test_the_corpus_is_all_there(views):
    """Every national year, the 16 provinces and the sample; most numbers are covered by a row."""
    assert sum(n.startswith("provinces/") for n in views) == 16
    assert sum(n.startswith("national/") for n in views) >= 50
    covered = missed = 0
    for report, table, _ in views.values():
        census = source.number_census(report, table)
        covered += sum(n.reason == "covered" for n in census)
        missed += sum(not n.reason for n in census)
    assert covered > 8 * missed
