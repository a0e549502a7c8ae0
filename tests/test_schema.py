"""The data contracts: column names, order, dtypes, and the validators."""

from __future__ import annotations

import pytest

from analysis.schema import (
    INDICATOR_COLUMNS,
    INDICATOR_EXTRA_COLUMNS,
    TARGET_COLUMNS,
    indicator_frame,
    target_frame,
    validate_indicators,
    validate_targets,
)


def _row(**kw: object) -> dict:
    base = dict(region="x", report_year=2023, period=2022, section=1, section_title="一",
                sentence="增长5%。", start=2, end=4, text="5%", name="地区生产总值",
                indicator="gdp", kind="growth", value=5.0, low=5.0, high=5.0, unit="%",
                qualifier="exact", masked=False, is_target=False)  # fmt: skip
    base.update(kw)
    return base


def test_indicator_columns_are_the_contract() -> None:
    assert INDICATOR_COLUMNS == (
        "region", "report_year", "period", "section", "section_title", "sentence", "start",
        "end", "text", "name", "indicator", "kind", "value", "low", "high", "unit",
        "qualifier", "masked", "is_target",
    )  # fmt: skip
    df = indicator_frame([_row()])
    assert tuple(df.columns[: len(INDICATOR_COLUMNS)]) == INDICATOR_COLUMNS
    assert str(df["masked"].dtype) == "boolean" and str(df["value"].dtype) == "Float64"
    # The extra columns follow the contract; scope first (the role of the figure's part).
    assert tuple(df.columns[len(INDICATOR_COLUMNS) :]) == INDICATOR_EXTRA_COLUMNS
    assert INDICATOR_EXTRA_COLUMNS[0] == "scope"


def test_targets_columns_are_the_contract() -> None:
    assert TARGET_COLUMNS == (
        "region", "indicator", "name", "kind", "period", "target_low", "target_high",
        "target_qualifier", "direction", "target_text", "actual", "actual_low", "actual_high",
        "actual_text", "actual_report_year", "status",
    )  # fmt: skip
    assert tuple(target_frame([]).columns) == TARGET_COLUMNS


def test_validate_checks_the_row_against_its_text() -> None:
    good = indicator_frame([_row()])
    assert validate_indicators(good, "增长5%。") is None
    # The same row against a text where its offsets hold something else is refused.
    with pytest.raises(ValueError, match="text"):
        validate_indicators(good, "增长6%。")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (dict(kind="speed"), "kind"),
        (dict(qualifier="roughly"), "qualifier"),
        (dict(low=6.0), "bounds"),
        (dict(masked=True), "masked figure has a value"),
        (dict(value=9.0), "outside"),
        (dict(text="6%"), "text"),
        (dict(scope="future"), "scope"),
    ],
)
def test_validate_rejects(bad: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_indicators(indicator_frame([_row(**bad)]), "增长5%。")


def test_validate_targets_rejects_duplicates_and_unknown_status() -> None:
    row = dict(region="x", indicator="gdp", name="国内生产总值", kind="growth", period=2024,
               status="met", direction="floor")  # fmt: skip
    validate_targets(target_frame([row]))
    with pytest.raises(ValueError, match="duplicate"):
        validate_targets(target_frame([row, row]))
    with pytest.raises(ValueError, match="status"):
        validate_targets(target_frame([{**row, "status": "ok"}]))
