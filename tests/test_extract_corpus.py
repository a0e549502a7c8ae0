"""Corpus tier: the national reports, read in place from ../shared/corpus/national.

Figures were verified by reading the texts (tests/corpus_truth.py).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.schema import validate_indicators
from analysis.tables.targets import pick_actuals
from corpus_truth import (
    GDP_ACTUALS,
    GDP_LEVELS_FROM_REVIEWS,
    GDP_TARGETS,
    OLDER_GDP_ACTUALS,
    OLDER_GDP_TARGETS,
)

pytestmark = pytest.mark.corpus


def table(national: dict, year: int) -> tuple[str, pd.DataFrame]:
    report, df = national[year]
    return report.text, df


def test_every_report_parses_into_a_valid_table(national: dict) -> None:
    assert len(national) >= 50
    for year, (report, df) in national.items():
        validate_indicators(df, report.text)
        assert len(df) > 0, year
        assert len({s for s in df.section}) >= 1


@pytest.mark.parametrize("year", sorted(GDP_TARGETS | OLDER_GDP_TARGETS))
def test_gdp_growth_target(national: dict, year: int) -> None:
    truth = (GDP_TARGETS | OLDER_GDP_TARGETS)[year]
    _, df = table(national, year)
    t = df[df.indicator.isin(["gdp", "gnp"]) & (df.kind == "growth") & df.is_target]
    assert len(t), f"{year}: no GDP growth target"
    first = t.iloc[0]
    assert first.low == truth["low"]
    assert first.high == (truth["high"] if truth["high"] is not None else truth["low"])
    assert first.period == year


@pytest.mark.parametrize("year", sorted(GDP_ACTUALS | OLDER_GDP_ACTUALS))
def test_gdp_growth_actual(national: dict, year: int) -> None:
    truth = (GDP_ACTUALS | OLDER_GDP_ACTUALS)[year]
    _, df = table(national, year)
    a = df[
        df.indicator.isin(["gdp", "gnp"])
        & (df.kind == "growth")
        & ~df.is_target
        & ~df.multi_year
        & (df.period == truth["period"])
    ]
    assert truth["value"] in a.value.tolist(), f"{year}: {a.text.tolist()}"


def test_no_years_ordinals_or_codes_as_figures(national: dict) -> None:
    for path, (report, df) in national.items():
        text = report.text
        for r in df.itertuples():
            before = text[max(0, r.start - 1) : r.start]
            assert not re.fullmatch(r"(19|20)\d\d年?", r.text), (path.name, r.text)
            assert not re.match(r"[A-Za-z]", before), (path.name, r.text, r.sentence)
            assert not before.endswith("第") or r.kind == "rank", (path.name, r.text)
            assert r.unit != "", (path.name, r.text)


@pytest.mark.parametrize("year", sorted(GDP_LEVELS_FROM_REVIEWS))
def test_gdp_level_stated_only_in_the_five_year_review(national: dict, year: int) -> None:
    """The review's final level is that year's annual level (what the trends chart picks); the
    base of 从A增加到B is the level five years earlier, never the final year's."""
    _, df = table(national, year)
    levels = df[(df.indicator == "gdp") & (df.kind == "level") & ~df.multi_year]
    for truth in GDP_LEVELS_FROM_REVIEWS[year]:
        rows = levels[levels.period == truth["period"]]
        assert list(rows.value) == [truth["value"]], (year, truth, rows.text.tolist())
        assert truth["text"] in rows.sentence.iloc[0]
    picked = pick_actuals(df)
    final = GDP_LEVELS_FROM_REVIEWS[year][0]
    got = picked[(picked.indicator == "gdp") & (picked.kind == "level")]
    assert list(zip(got.period, got.value, strict=True)) == [(final["period"], final["value"])]
