"""The comparison of the 16 provincial 2026 reports against the hand-checked truth.

The reports are imported with ``briefs import`` once per session (``province_data`` in
conftest). Every field of every province must agree: the comparison only picks rows, so a
miss here is a miss of the extractor (tests/test_provinces_corpus.py says which).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.briefs import compare, compare_charts
from analysis.tables import compare as tcompare
from provinces_truth import PROVINCES

#: truth field → (indicator, kind, role) of the comparison table.
FIELDS = {
    "gdp_level_2025": ("gdp", "level", "actual"),
    "gdp_growth_2025": ("gdp", "growth", "actual"),
    "gdp_target_2026": ("gdp", "growth", "target"),
    "cpi_target_2026": ("cpi", "growth", "target"),
    "jobs_target_2026": ("urban_new_jobs", "level", "target"),
    "unemployment_target_2026": ("urban_unemployment_rate", "level", "target"),
}


@pytest.fixture(scope="module")
def comparison(province_data: Path) -> tcompare.Comparison:
    return tcompare.load(2026, province_data)


def _cases():
    for province in PROVINCES:
        for name in FIELDS:
            yield pytest.param(province, name, id=f"{province}-{name}")


@pytest.mark.corpus
@pytest.mark.parametrize(("province", "name"), list(_cases()))
def test_comparison_agrees_with_the_truth(comparison, province, name):
    truth = PROVINCES[province][name]
    indicator, kind, role = FIELDS[name]
    f = comparison.figures
    hit = f[(f["region"] == province) & (f["indicator"] == indicator) & (f["kind"] == kind)
            & (f["role"] == role)]  # fmt: skip
    if truth is None:
        assert hit.empty, f"not stated, yet the comparison has {hit['text'].tolist()}"
        return
    assert len(hit) == 1, f"{truth['text']} is missing"
    row = hit.iloc[0]
    assert row["qualifier"] == truth["qualifier"]
    if "low" in truth:  # a target: bounds as the truth writes them (an open side is None)
        assert float(row["low"]) == truth["low"]
        if truth["high"] is not None:
            assert float(row["high"]) == truth["high"]
    else:
        assert float(row["value"]) == truth["value"]
        if "unit" in truth:
            assert row["unit"] == truth["unit"]
    # Traceable: the figure as written stands in its sentence.
    assert row["text"] in row["sentence"]


@pytest.mark.corpus
def test_all_sixteen_provinces_are_rows_of_one_level(comparison):
    assert comparison.level == "province" and comparison.reference is None
    assert sorted(e.region for e in comparison.regions) == sorted(PROVINCES)
    page = compare.headline_html(comparison)
    assert page.count('<tr class="ok">') == 16
    for province in PROVINCES:
        assert f'href="../../{compare.quote(province)}/2026/brief.html"' in page


@pytest.mark.corpus
def test_the_comparison_draws_at_least_four_charts(comparison):
    svgs = [compare_charts.svg(chart) for chart, _, _ in compare_charts.chart_list(comparison)]
    assert len(svgs) >= 4 and all(s.startswith("<svg") for s in svgs)
    # The GDP target chart writes every stated target as written.
    stated = comparison.figures[(comparison.figures["indicator"] == "gdp")
                                & (comparison.figures["role"] == "target")]  # fmt: skip
    for text in stated["text"]:
        assert text in svgs[0] or text.replace("-", "—") in svgs[0]
