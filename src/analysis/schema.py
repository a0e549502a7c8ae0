"""The data contracts: the indicator table and the targets table.

This module is the one place where the columns are defined. Other work (notebooks, batch,
checks outside this repository) relies on these exact names and meanings.

Indicator table — one row per figure a report states
-----------------------------------------------------
``region``        region slug (folder name under ``data/raw``), e.g. ``mouxian``, ``national``
``report_year``   the year the report was delivered (2023 for the 2023 report)
``period``        the year the figure refers to (usually ``report_year - 1`` in the review part,
                  ``report_year`` for targets); empty when unknown
``section``       section number within the report (0 = preamble before the first heading)
``section_title`` the section's heading as written ("" for the preamble)
``sentence``      the whole sentence the figure stands in
``start``, ``end``character offsets of the figure in the normalised report text
``text``          ``normalised_text[start:end]``: the figure as written, e.g. ``突破***亿元``
``name``          the indicator phrase as written, e.g. ``地区生产总值``, ``城镇常住居民人均可支配收入``
``indicator``     canonical id from the catalog (``gdp``, ``cpi`` …); empty when not in the catalog
``kind``          ``level`` | ``growth`` | ``pp_change`` | ``rank``
``value``         the number in ``unit`` as written (亿元 stays 亿元); signed for growth
                  (下降 → negative); empty when masked or a range
``low``, ``high`` bounds of the written number: equal to ``value`` when exact, the mask's interval
                  when masked, the two ends of a range
``unit``          as written, simplified characters: 亿元, %, 个百分点, 元, 家, 微克/立方米, 连丰 …
``qualifier``     how the indicator relates to the number: ``exact`` | ``approx`` | ``at_least`` |
                  ``at_most`` | ``range``  (突破 → at_least, 左右 → approx, 以内 → at_most)
``masked``        True when digits are hidden by ``*``
``is_target``     True when the figure is a target (the coming year's 主要预期目标 and the like)

Extra columns (not part of the contract, appended after it):

``scope``         what the part of the report holding the figure does (see
                  :data:`SCOPES`): ``review_year`` (the past year's review), ``review_plan``
                  (the review of the five-year period or the government's term: a level is the
                  final year's, ``period`` = the last reviewed year; a change or a total is
                  ``multi_year``; the base of 从A提高到B is the year before the period),
                  ``next_plan`` (the next five-year plan: ``multi_year``, never a target),
                  ``targets`` (the 主要预期目标 passage: targets), ``tasks`` (this year's work:
                  a figure to reach is a target), ``other`` (preamble, closing, notes).
                  ``period``, ``is_target`` and ``multi_year`` derive from it and the sentence.
``multi_year``    年均, 累计, 五年, 比2002年 …: not an annual figure
``base_value``, ``base_unit``  the value scaled to 元, 人, 吨 …
``norm_low``, ``norm_high``, ``norm_unit``  the bounds in one unit per indicator: a level in
                  the catalog's ``norm_unit`` (every GDP level in 亿元), a growth in %, a
                  change in 个百分点; empty when there is none (a rank, a unit of another kind,
                  no catalog indicator): :func:`analysis.extract.norm.norm_bounds`

Targets table — one row per (indicator, kind, period)
------------------------------------------------------
``region, indicator, name, kind, period, target_low, target_high, target_qualifier, direction,
target_text, actual, actual_low, actual_high, actual_text, actual_report_year, status`` — see
:mod:`analysis.targets` for the status rule.

Comparison table (``compare.csv``) — one row per (region, indicator, kind, role)
-------------------------------------------------------------------------------
Many regions' reports of one year side by side (:mod:`analysis.briefs.compare`); long form.

``region``        region slug
``name``          the region's display name (``region.toml``'s ``name``, else the slug)
``level``         administrative level (``province``, ``city``, ``county`` …, ``national`` for
                  the reference row of the State Council's report)
``year``          the report year compared
``indicator``     catalog id (only catalogued figures are compared)
``kind``          ``level`` | ``growth`` | ``pp_change`` | ``rank``
``role``          ``actual`` (last year's figure, ``period`` = year − 1) or ``target`` (this
                  year's, ``period`` = year)
``period``        the year the figure refers to
``value``, ``low``, ``high``, ``qualifier``, ``unit``
                  exactly as in the indicator table (no conversion: 万亿元 stays 万亿元)
``text``          the figure as written (``5%左右``, ``5%—5.5%``, ``突破1900亿元``)
``sentence``      the sentence it stands in (each cell of the comparison traces back to it)

Extra columns (after the ones above):

``start``, ``end``  the figure's offsets in ``sentence``: ``sentence[start:end] == text``
``label``, ``label_en``  the catalog's labels of ``indicator`` (Chinese, English)
``norm_low``, ``norm_high``, ``norm_unit``  as in the indicator table: one unit per indicator
                  (GDP levels in 亿元 whether written in 亿元 or 万亿元); sort and pivot on these

Which row is a region's figure is decided by :func:`analysis.targets.pick_targets` and
:func:`analysis.targets.pick_actuals`. A figure a report does not state has no row; a masked
figure has a row with an empty ``value`` and the mask's interval in ``low``/``high``.
"""

from __future__ import annotations

import pandas as pd

INDICATOR_COLUMNS: tuple[str, ...] = (
    "region",
    "report_year",
    "period",
    "section",
    "section_title",
    "sentence",
    "start",
    "end",
    "text",
    "name",
    "indicator",
    "kind",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "masked",
    "is_target",
)

#: Extra columns the extractor appends after the contract columns.
INDICATOR_EXTRA_COLUMNS: tuple[str, ...] = (
    "scope", "multi_year", "base_value", "base_unit", "norm_low", "norm_high", "norm_unit",
)  # fmt: skip

TARGET_COLUMNS: tuple[str, ...] = (
    "region",
    "indicator",
    "name",
    "kind",
    "period",
    "target_low",
    "target_high",
    "target_qualifier",
    "direction",
    "target_text",
    "actual",
    "actual_low",
    "actual_high",
    "actual_text",
    "actual_report_year",
    "status",
)

COMPARE_COLUMNS: tuple[str, ...] = (
    "region",
    "name",
    "level",
    "year",
    "indicator",
    "kind",
    "role",
    "period",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "text",
    "sentence",
    "start",
    "end",
    "label",
    "label_en",
    "norm_low",
    "norm_high",
    "norm_unit",
)

ROLES = frozenset({"actual", "target"})
KINDS = frozenset({"level", "growth", "pp_change", "rank"})
SCOPES = frozenset({"review_year", "review_plan", "next_plan", "targets", "tasks", "other"})
QUALIFIERS = frozenset({"exact", "approx", "at_least", "at_most", "range"})
STATUSES = frozenset({"met", "missed", "no_actual", "no_target"})
DIRECTIONS = frozenset({"floor", "ceiling", "band"})

_INDICATOR_DTYPES: dict[str, str] = {
    "region": "string",
    "report_year": "Int64",
    "period": "Int64",
    "section": "Int64",
    "section_title": "string",
    "sentence": "string",
    "start": "Int64",
    "end": "Int64",
    "text": "string",
    "name": "string",
    "indicator": "string",
    "kind": "string",
    "value": "Float64",
    "low": "Float64",
    "high": "Float64",
    "unit": "string",
    "qualifier": "string",
    "masked": "boolean",
    "is_target": "boolean",
    "scope": "string",
    "multi_year": "boolean",
    "base_value": "Float64",
    "base_unit": "string",
    "norm_low": "Float64",
    "norm_high": "Float64",
    "norm_unit": "string",
}

_TARGET_DTYPES: dict[str, str] = {
    "region": "string",
    "indicator": "string",
    "name": "string",
    "kind": "string",
    "period": "Int64",
    "target_low": "Float64",
    "target_high": "Float64",
    "target_qualifier": "string",
    "direction": "string",
    "target_text": "string",
    "actual": "Float64",
    "actual_low": "Float64",
    "actual_high": "Float64",
    "actual_text": "string",
    "actual_report_year": "Int64",
    "status": "string",
}


_COMPARE_DTYPES: dict[str, str] = {
    "region": "string",
    "name": "string",
    "level": "string",
    "year": "Int64",
    "indicator": "string",
    "kind": "string",
    "role": "string",
    "period": "Int64",
    "value": "Float64",
    "low": "Float64",
    "high": "Float64",
    "qualifier": "string",
    "unit": "string",
    "text": "string",
    "sentence": "string",
    "start": "Int64",
    "end": "Int64",
    "label": "string",
    "label_en": "string",
    "norm_low": "Float64",
    "norm_high": "Float64",
    "norm_unit": "string",
}


def indicator_frame(rows: list[dict]) -> pd.DataFrame:
    """Build an indicator table with the contract's columns (in order) and dtypes."""
    columns = INDICATOR_COLUMNS + INDICATOR_EXTRA_COLUMNS
    return _frame(rows, columns, _INDICATOR_DTYPES)


def _frame(rows: list[dict], columns: tuple[str, ...], dtypes: dict[str, str]) -> pd.DataFrame:
    # Column by column with the final dtype: several times faster than DataFrame(rows).astype.
    return pd.DataFrame({c: pd.array([r.get(c) for r in rows], dtype=dtypes[c]) for c in columns})


def target_frame(rows: list[dict]) -> pd.DataFrame:
    """Build a targets table with the contract's columns (in order) and dtypes."""
    return _frame(rows, TARGET_COLUMNS, _TARGET_DTYPES)


def compare_frame(rows: list[dict]) -> pd.DataFrame:
    """Build a comparison table with the contract's columns (in order) and dtypes."""
    return _frame(rows, COMPARE_COLUMNS, _COMPARE_DTYPES)


def validate_indicators(df: pd.DataFrame, text: str | None = None) -> None:
    """Raise ``ValueError`` when ``df`` breaks the indicator-table contract.

    With ``text`` (the normalised report text) also checks ``text == text[start:end]``.
    """
    missing = [c for c in INDICATOR_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"indicator table lacks columns {missing}")
    if tuple(df.columns[: len(INDICATOR_COLUMNS)]) != INDICATOR_COLUMNS:
        raise ValueError("indicator table columns are not in contract order")
    problems: list[str] = []
    for i, r in enumerate(df.itertuples(index=False)):
        if r.kind not in KINDS:
            problems.append(f"row {i}: kind {r.kind!r}")
        if r.qualifier not in QUALIFIERS:
            problems.append(f"row {i}: qualifier {r.qualifier!r}")
        scope = getattr(r, "scope", None)
        if scope is not None and not pd.isna(scope) and scope not in SCOPES:
            problems.append(f"row {i}: scope {scope!r}")
        if pd.isna(r.low) or pd.isna(r.high) or r.low > r.high:
            problems.append(f"row {i}: bounds {r.low}..{r.high}")
        if r.masked and not pd.isna(r.value):
            problems.append(f"row {i}: masked figure has a value")
        if not pd.isna(r.value) and not (r.low <= r.value <= r.high):
            problems.append(f"row {i}: value {r.value} outside {r.low}..{r.high}")
        if not (0 <= r.start < r.end):
            problems.append(f"row {i}: offsets {r.start}..{r.end}")
        if text is not None and text[r.start : r.end] != r.text:
            problems.append(f"row {i}: text {r.text!r} != text[{r.start}:{r.end}]")
        if problems:
            break
    if problems:
        raise ValueError("; ".join(problems))


def validate_targets(df: pd.DataFrame) -> None:
    """Raise ``ValueError`` when ``df`` breaks the targets-table contract."""
    if tuple(df.columns) != TARGET_COLUMNS:
        raise ValueError(f"targets table columns {list(df.columns)} != {list(TARGET_COLUMNS)}")
    bad = set(df["status"].dropna()) - STATUSES
    if bad:
        raise ValueError(f"unknown status values {sorted(bad)}")
    bad = set(df["direction"].dropna()) - DIRECTIONS
    if bad:
        raise ValueError(f"unknown direction values {sorted(bad)}")
    dup = df.duplicated(["indicator", "kind", "period"])
    if dup.any():
        raise ValueError(f"{int(dup.sum())} duplicate (indicator, kind, period) rows")


def validate_compare(df: pd.DataFrame) -> None:
    """Raise ``ValueError`` when ``df`` breaks the comparison-table contract."""
    if tuple(df.columns) != COMPARE_COLUMNS:
        raise ValueError(f"comparison columns {list(df.columns)} != {list(COMPARE_COLUMNS)}")
    for col, vocabulary in (("role", ROLES), ("kind", KINDS), ("qualifier", QUALIFIERS)):
        bad = set(df[col].dropna()) - vocabulary
        if bad or df[col].isna().any():
            raise ValueError(f"{col}: values {sorted(map(str, bad)) or ['<empty>']}")
    want = df["year"] - (df["role"] == "actual").astype(int)
    wrong = df["period"] != want
    if wrong.any():
        i = int(wrong.to_numpy().nonzero()[0][0])
        raise ValueError(f"row {i}: period {df['period'].iloc[i]} for a {df['role'].iloc[i]} "
                         f"of {df['year'].iloc[i]}")  # fmt: skip
    bounds = df["low"].isna() | df["high"].isna() | (df["low"] > df["high"])
    if bounds.any():
        i = int(bounds.to_numpy().nonzero()[0][0])
        raise ValueError(f"row {i}: bounds {df['low'].iloc[i]}..{df['high'].iloc[i]}")
    dup = df.duplicated(["region", "indicator", "kind", "role"])
    if dup.any():
        raise ValueError(f"{int(dup.sum())} duplicate (region, indicator, kind, role) rows")
    for i, (sentence, text, a, b) in enumerate(zip(df["sentence"], df["text"], df["start"],
                                                   df["end"], strict=True)):  # fmt: skip
        if not pd.isna(a) and str(sentence)[int(a) : int(b)] != text:
            raise ValueError(f"row {i}: text {text!r} is not sentence[{a}:{b}]")
