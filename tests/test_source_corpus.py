"""The source view over the corpus: for the sample, every national year and the 16 provinces of
2026, every row of the indicator table has exactly one mark whose offsets and text match it, the
page holds the whole text, and the misses shown are the ones counted.

Reads ``../shared`` in place (the provinces' ``full_text`` is written to a temporary
``<tmp>/<province>/2026.txt``); skipped when it is absent. Each report is extracted and rendered
once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.briefs import source
from analysis.extract.indicators import extract_report
from analysis.tables import census
from conftest import CORPUS, PROVINCES, SAMPLE
from test_source import View, check_marks, whole_text


def _province(csv_file: Path) -> str:
    """The province a CSV of the corpus holds (its name: 2026_<province>_政府工作报告.csv)."""
    return csv_file.stem.split("_")[1]


NAMES = (
    ["sample"]
    + [f"national/{p.stem}" for p in sorted(CORPUS.glob("*.txt"))]
    + [f"provinces/{_province(p)}" for p in sorted(PROVINCES.glob("*.csv"))]
)

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="session")
def views(national: dict, provinces: dict) -> dict:
    """name → (report, table, parsed page), built once from the session's extractions."""
    pairs = {"sample": extract_report(SAMPLE)}
    pairs |= {f"national/{year}": pair for year, pair in national.items()}
    pairs |= {f"provinces/{name}": pair for name, pair in provinces.items()}
    return {n: (r, t, View(source.source_html(r, t))) for n, (r, t) in pairs.items()}


@pytest.mark.parametrize("name", NAMES)
def test_every_row_has_exactly_one_mark(views, name):
    report, table, view = views[name]
    check_marks(report, table, view)


@pytest.mark.parametrize("name", NAMES)
def test_the_whole_text_and_its_misses(views, name):
    report, table, view = views[name]
    assert whole_text(view) == "".join(report.text.split())
    assert view.misses == [t for _, _, t in census.missed_numbers(report, table)]


def test_the_corpus_is_all_there(views):
    """Every national year, the 16 provinces and the sample; most numbers are covered by a row."""
    assert sum(n.startswith("provinces/") for n in views) == 16
    assert sum(n.startswith("national/") for n in views) >= 50
    covered = missed = 0
    for report, table, _ in views.values():
        numbers = census.number_census(report, table)
        covered += sum(n.reason == "covered" for n in numbers)
        missed += sum(not n.reason for n in numbers)
    assert covered > 8 * missed
