"""Targets against actuals across years: ``briefs targets DIR [-o OUT]``.

A report delivered in year P sets targets for period P (rows with ``is_target`` True); the
report of P+1 reports the actual for P (a report delivered at the end of P, which sets the
targets of P+1, states P's actuals itself: :func:`year_end_reports`). This module lines them
up into the targets table (:data:`analysis.schema.TARGET_COLUMNS`), one row per (indicator,
kind, period).

Which rows are used
-------------------
* Targets: catalogued (``indicator`` set), ``is_target`` True, not ``multi_year``; period is the
  row's ``period`` (the report year when empty). Several candidates → the first in reading
  order of the report whose year is the period (the 主要预期目标 sentence comes before the
  explanations that repeat it).
* Actuals for P: catalogued, not targets, not ``multi_year`` (年均, 累计, 五年, 比2002年 are never
  actuals), ``period`` == P, from the report of P+1, same ``kind`` as the target and, when
  both are known, the same ``unit``. Several candidates → the preferred name first (国内生产总值/
  地区生产总值 before 经济增长 before anything else tagged gdp, see :data:`PREFERRED_NAMES`),
  then exact figures before qualified ones, then reading order (the review part comes first).
  For a level, an exact figure comes before any qualified one whatever its name: a milestone
  (``地区生产总值突破1万亿元``, ``迈上3000亿元台阶``) is at most a floor, never the year's level.
* Rows without a target appear only for (indicator, kind) pairs that have a target in some
  period of the region (status ``no_target``), so the table stays about accountability.
* Targets a report states as absent (``没有提出全年经济增速具体目标``, ``能耗强度目标在…统筹考核``)
  are rows with empty bounds, the statement as ``target_text`` and status ``no_target``.

Bounds and sign
---------------
``target_low``/``target_high`` are the bounds as written, signed like the indicator table
(降低/下降 → negative): ``5%左右`` → 5, 5; ``6.5%－7%`` → 6.5, 7; ``6%以上`` → 6, empty;
``降低2.5%左右`` → −2.5, −2.5; ``下降3%以上`` (a cut of at least 3) → empty, −3.

Direction (on the signed value)
-------------------------------
* ``floor``: more is better — the actual must reach the target (GDP growth, jobs, income …).
* ``ceiling``: less is better — the actual must stay at or under it: CPI, unemployment rates,
  PM2.5, the deficit ratio (a planned limit), and energy intensity, whose targets are cuts (−2.5 means "cut by 2.5 or more", so
  a signed actual of −3.1 meets it and +0.2 misses it).
* ``band``: an indicator the catalog has no direction for, with an exact, approx or range
  target: the actual must fall inside the band.
The qualifier overrides the catalog when it names a side: ``以上``/``不低于`` (at_least) of a
positive number is a floor, ``以内``/``控制在`` (at_most) a ceiling; for a negative number
(a cut) the sides swap, because "a cut of at least 3" bounds the signed value from above.

Status
------
``no_target`` when the period has no numeric target; otherwise ``no_actual`` when the report of
P+1 is absent or states no annual figure; otherwise ``met`` or ``missed``:
* floor: met when actual ≥ the lower bound (a range's lower end); ceiling: met when actual ≤
  the upper bound (a range's upper end); band: met when inside [low, high].
* Approximate targets (``左右``) are met within a tolerance beyond the bound: 0.2 percentage
  points for figures in % (about the size of the revisions between the first estimate and
  the final figure of GDP growth, and less than any miss the reports themselves admit, e.g.
  GDP 2022: 5.5% 左右 → 3%), 2% of the target for other units (1200万人左右 → 1176万人).
  Exact, range and bounded (以上/以内) targets get no tolerance.
* A masked actual is an interval: met when the whole interval meets the target, missed when
  the whole interval misses it; when the interval straddles the threshold the status cannot
  be known and is ``no_actual`` (``actual_low``/``actual_high`` still show the interval).
A ceiling says nothing about undershooting: CPI −0.7% against 4% 左右 is ``met``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.extract import catalog
from analysis.extract.catalog import split_unit
from analysis.extract.files import region_reports
from analysis.extract.structure import Report
from analysis.extracted import region_extractions, report_table
from analysis.schema import TARGET_COLUMNS, target_frame, validate_targets


def _catalogued(indicator: str) -> bool:
    return indicator in catalog.entries()


#: Name fragments in order of preference when several figures of one indicator compete.
PREFERRED_NAMES: dict[str, tuple[str, ...]] = {
    "gdp": (
        "国内生产总值",
        "地区生产总值",
        "国民生产总值",
        "生产总值",
        "GDP",
        "经济增长",
        "经济增速",
    ),
    "cpi": ("居民消费价格",),
    "urban_new_jobs": ("城镇新增就业", "新增城镇就业"),
    "urban_unemployment_rate": ("城镇调查失业率", "调查失业率", "城镇登记失业率"),
    "energy_intensity": ("单位国内生产总值能耗", "单位地区生产总值能耗", "能耗强度"),
}

#: Tolerance for 左右 targets: percentage points for % figures, a share of the target otherwise.
APPROX_PP = 0.2
APPROX_REL = 0.02
_PERCENT_UNITS = frozenset({"%", "个百分点", "百分点"})
_EPS = 1e-9

#: Statements that a target is deliberately not set: (indicator, kind) → pattern.
ABSENT_PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {
    ("gdp", "growth"): re.compile(
        r"[^。；]*(?:没有|未|不)(?:提出|设定)[^。；]{0,8}经济增速[^。；]{0,6}目标[^。；]*"
    ),
    ("energy_intensity", "growth"): re.compile(
        r"[^。；，]*能耗强度目标[^。；]{0,20}统筹考核[^。；，]*|单位(?:国内|地区)生产总值能耗[^。；，\d]{0,16}继续下降"
    ),
}

def unit_scale(unit: object) -> tuple[float, str]:
    """``万亿元`` → (1e12, ``元``); ``%`` → (1, ``%``): the factor to the unit's base
    (:func:`analysis.extract.catalog.split_unit`, missing units as '')."""
    return split_unit("" if unit is None or pd.isna(unit) else str(unit))


def same_base(a: object, b: object) -> bool:
    """True when two units measure the same thing (万人 and 人, 万亿斤 and 亿斤)."""
    return unit_scale(a)[1] == unit_scale(b)[1]


_CLAUSE_MARKS = "，；：。！？,;:!?\n"


def clause(sentence: object, figure: object) -> str:
    """The clause of ``sentence`` (between commas/semicolons) that holds ``figure``.

    ``国内生产总值增长8%左右`` out of the whole 主要预期目标 sentence; ``figure`` itself when it
    is not found in the sentence.
    """
    s = "" if pd.isna(sentence) else str(sentence)
    f = "" if pd.isna(figure) else str(figure)
    i = s.find(f) if f else -1
    if i < 0:
        return f or s
    left = max(s.rfind(m, 0, i) for m in _CLAUSE_MARKS) + 1
    ends = [j for j in (s.find(m, i + len(f)) for m in _CLAUSE_MARKS) if j >= 0]
    right = min(ends) if ends else len(s)
    return s[left:right].strip()


def _upto(clause_text: str, figure: object) -> str:
    """``clause_text`` up to the end of ``figure`` (all of it when the figure is not in it)."""
    f = "" if pd.isna(figure) else str(figure)
    i = clause_text.find(f) if f else -1
    return clause_text if i < 0 else clause_text[: i + len(f)]


def direction_for(indicator: str, qualifier: str, value: float | None) -> str:
    """``floor`` | ``ceiling`` | ``band`` for a target (see the module docstring)."""
    negative = value is not None and not pd.isna(value) and value < 0
    if qualifier in ("at_least", "at_most"):
        floor = (qualifier == "at_least") != negative
        return "floor" if floor else "ceiling"
    if _catalogued(indicator):
        return catalog.direction(indicator)  # less is better for CPI, unemployment, …
    return "band"


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _scaled(v: object, k: float) -> float | None:
    """``v`` times ``k``, rounded off the float noise of the conversion (13908亿 → 1.3908万亿)."""
    n = _num(v)
    return None if n is None else (n if k == 1.0 else round(n * k, 10))


def tolerance(qualifier: str, unit: object, low: float | None, high: float | None) -> float:
    """How far beyond its bound an actual may fall and still meet a ``左右`` target."""
    if qualifier != "approx":
        return 0.0
    if not pd.isna(unit) and str(unit) in _PERCENT_UNITS:
        return APPROX_PP
    ref = high if high is not None else low
    return abs(ref) * APPROX_REL if ref is not None else 0.0


def judge(
    direction: str,
    qualifier: str,
    unit: object,
    target_low: float | None,
    target_high: float | None,
    actual_low: float | None,
    actual_high: float | None,
) -> str:
    """The status of one row (see the module docstring for the rule)."""
    if target_low is None and target_high is None:
        return "no_target"
    if actual_low is None or actual_high is None:
        return "no_actual"
    tol = tolerance(qualifier, unit, target_low, target_high)
    lo = target_low if target_low is not None else target_high
    hi = target_high if target_high is not None else target_low
    if direction == "floor":
        ok, bad = actual_low >= lo - tol - _EPS, actual_high < lo - tol - _EPS
    elif direction == "ceiling":
        ok, bad = actual_high <= hi + tol + _EPS, actual_low > hi + tol + _EPS
    else:
        inside = actual_low >= lo - tol - _EPS and actual_high <= hi + tol + _EPS
        outside = actual_high < lo - tol - _EPS or actual_low > hi + tol + _EPS
        ok, bad = inside, outside
    if ok:
        return "met"
    if bad:
        return "missed"
    return "no_actual"


def _name_rank(indicator: str, name: object) -> int:
    prefs = PREFERRED_NAMES.get(indicator, ())
    n = "" if pd.isna(name) else str(name)
    for i, p in enumerate(prefs):
        if p in n:
            return i
    return len(prefs)


_RESTATED = re.compile(r"目标")
_NOT_ANNUAL = re.compile(
    r"年均|平均每年|每年平均|[一二三四五六七八九十\d]+年(?:来|累计|间|共)|累计|比(?:19|20)\d\d年"
    r"|季度|上半年|下半年|前[一二三四五六七八九十\d]{1,2}个月|[一二三四五六七八九十\d]{1,2}至\d{1,2}月"
)

_QUALIFIER_RANK = {"exact": 0, "approx": 1, "at_least": 1, "at_most": 1, "range": 2}


def _usable(table: pd.DataFrame) -> pd.DataFrame:
    """Catalogued rows with a period (defaulted from the report year), multi-year rows dropped."""
    t = table[table["indicator"].notna() & (table["indicator"].astype(str) != "")].copy()
    if "multi_year" in t.columns:
        t = t[~t["multi_year"].fillna(False).astype(bool)]
    is_target = t["is_target"].fillna(False).astype(bool)
    default = t["report_year"] - (~is_target).astype(int)
    t["period"] = t["period"].fillna(default)
    t["is_target"] = is_target
    return t


def _keep(t: pd.DataFrame, mask: list[bool]) -> pd.DataFrame:
    """Rows of ``t`` where ``mask`` is True (``t[[]]`` would select columns, not rows)."""
    return t.loc[pd.Series(mask, index=t.index, dtype=bool)]


def pick_targets(table: pd.DataFrame) -> pd.DataFrame:
    """One target row per (indicator, kind, period): the first in the period's own report."""
    t = _usable(table)
    t = t[t["is_target"]].copy()
    if t.empty:
        return t
    t["_own"] = (t["report_year"] != t["period"]).astype(int)
    t = t.sort_values(["indicator", "kind", "period", "_own", "report_year", "start"])
    return t.drop_duplicates(["indicator", "kind", "period"]).drop(columns="_own")


def pick_actuals(
    table: pd.DataFrame,
    units: dict[tuple[str, str], str] | None = None,
    names: dict[tuple[str, str], str] | None = None,
) -> pd.DataFrame:
    """One actual row per (indicator, kind, period), from the report of period + 1 (or of
    the period itself when that report was delivered at the end of it: :func:`year_end_reports`).

    ``units`` maps (indicator, kind) to the target's unit; candidates in a unit of another
    base are dropped (1.3万亿斤 of grain cannot be compared with 6.5亿吨); another scale of
    the same base (13908亿斤) is kept and converted by :func:`region_targets`. ``names`` maps it to the
    target's name; a candidate of the same name comes first (城镇登记失业率 against a
    城镇登记失业率 target, not the 调查 rate). Clauses that restate a target or span several
    years (年均, 平均每年, 五年, 累计, 比2002年) or part of one (一季度, 上半年, 前10个月) are
    dropped even when the extractor did not flag them ``multi_year``, and so is a figure equal
    (value and qualifier) to one of its own report's targets for the same indicator.
    """
    t = _usable(table)
    # A figure that repeats one of its own report's targets (提出…控制在3.5%左右 in the
    # explanation after the target list) is that target, not last year's actual.
    own = t[t["is_target"] & (t["report_year"] == t["period"])]
    restated = set(
        zip(
            own["report_year"],
            own["indicator"],
            own["kind"],
            own["value"],
            own["qualifier"],
            strict=True,
        )
    )
    reviewing = (t["report_year"] == t["period"] + 1) | (
        t["report_year"].isin(year_end_reports(table)) & (t["report_year"] == t["period"])
    )
    t = t[~t["is_target"] & reviewing].copy()
    key = zip(t["report_year"], t["indicator"], t["kind"], t["value"], t["qualifier"], strict=True)
    t = _keep(t, [k not in restated for k in key])
    if units:
        want = [units.get((i, k)) for i, k in zip(t["indicator"], t["kind"], strict=True)]
        unit = t["unit"].astype(object).where(t["unit"].notna(), None)
        keep = [w is None or u is None or same_base(w, u) for w, u in zip(want, unit, strict=True)]
        t = _keep(t, keep)
    if t.empty:
        return t
    # The clause up to the figure: what follows it (达14.2万亿元、年均增长5.7%) is another figure's.
    clauses = [_upto(clause(s, x), x) for s, x in zip(t["sentence"], t["text"], strict=True)]
    # A clause that restates a target (未实现年初确定的…目标) or spans years is no actual.
    keep = [not (_RESTATED.search(c) or _NOT_ANNUAL.search(c)) for c in clauses]
    t = _keep(t, keep)
    if t.empty:
        return t
    names = names or {}
    t["_name"] = [
        -1 if names.get((i, k)) == n else _name_rank(i, n)
        for i, k, n in zip(t["indicator"], t["kind"], t["name"], strict=True)
    ]
    t["_qual"] = t["qualifier"].map(_QUALIFIER_RANK).fillna(3)
    # A level stated exactly anywhere beats a milestone (突破, 迈上…台阶): a floor is no level.
    t["_floor"] = ((t["kind"] == "level") & (t["_qual"] > 0)).astype(int)
    t = t.sort_values(["indicator", "kind", "period", "_floor", "_name", "_qual", "start"])
    return t.drop_duplicates(["indicator", "kind", "period"]).drop(
        columns=["_name", "_qual", "_floor"]
    )


def year_end_reports(table: pd.DataFrame) -> set[int]:
    """Report years whose 主要预期目标 are for the next year: reports delivered at the end of
    the year they review (一、2025年工作回顾 … 明年主要预期目标, in a report of 2025). Such a
    report states the actuals of its own year."""
    if "scope" not in table.columns:
        return set()
    t = table[(table["scope"] == "targets") & table["is_target"].fillna(False).astype(bool)]
    ahead = (t["period"] == t["report_year"] + 1).groupby(t["report_year"]).mean()
    return {int(y) for y, share in ahead.items() if share > 0.5}


def _target_bounds(row: pd.Series) -> tuple[float | None, float | None]:
    """Bounds as written: the open side of 以上/以内 is empty (signed: a cut bounds from above)."""
    low, high, value = _num(row["low"]), _num(row["high"]), _num(row["value"])
    ref = value if value is not None else (low if low is not None else high)
    negative = ref is not None and ref < 0
    if row["qualifier"] == "at_least":
        return (None, high) if negative else (low, None)
    if row["qualifier"] == "at_most":
        return (low, None) if negative else (None, high)
    return low, high


def region_targets(table: pd.DataFrame, absent: pd.DataFrame | None = None) -> pd.DataFrame:
    """The targets table of one region from its indicator table (all report years).

    ``absent`` holds targets stated as absent (columns indicator, kind, period, name,
    target_text; see :func:`absent_targets`); a numeric target of the same period wins.
    """
    targets = pick_targets(table)
    # The latest target's unit stands for the indicator (targets are sorted by period).
    units = {(r.indicator, r.kind): r.unit for r in targets.itertuples() if not pd.isna(r.unit)}
    names = {(r.indicator, r.kind): r.name for r in targets.itertuples() if not pd.isna(r.name)}
    actuals = pick_actuals(table, units, names)
    region = table["region"].dropna()
    region_name = str(region.iloc[0]) if len(region) else ""

    rows: dict[tuple[str, str, int], dict] = {}
    for _, r in targets.iterrows():
        low, high = _target_bounds(r)
        key = (str(r["indicator"]), str(r["kind"]), int(r["period"]))
        # One unit per indicator (the latest target's): the table has no unit column.
        unit = units.get((key[0], key[1]), r["unit"])
        if not pd.isna(r["unit"]) and unit != r["unit"] and same_base(unit, r["unit"]):
            k = unit_scale(r["unit"])[0] / unit_scale(unit)[0]
            low, high = _scaled(low, k), _scaled(high, k)
        value = (
            _num(r["value"]) if _num(r["value"]) is not None else (low if low is not None else high)
        )
        rows[key] = {
            "region": region_name,
            "indicator": key[0],
            "name": r["name"],
            "kind": key[1],
            "period": key[2],
            "target_low": low,
            "target_high": high,
            "target_qualifier": r["qualifier"],
            "direction": direction_for(key[0], str(r["qualifier"]), value),
            "target_text": clause(r["sentence"], r["text"]),
            "_unit": unit if same_base(unit, r["unit"]) else r["unit"],
        }
    if absent is not None:
        for _, a in absent.iterrows():
            key = (str(a["indicator"]), str(a["kind"]), int(a["period"]))
            rows.setdefault(
                key,
                {
                    "region": region_name,
                    "indicator": key[0],
                    "name": a["name"],
                    "kind": key[1],
                    "period": key[2],
                    "target_text": a["target_text"],
                },
            )
    with_target = {(k[0], k[1]) for k in rows}
    for _, r in actuals.iterrows():
        key = (str(r["indicator"]), str(r["kind"]), int(r["period"]))
        if (key[0], key[1]) not in with_target:
            continue
        row = rows.setdefault(
            key,
            {
                "region": region_name,
                "indicator": key[0],
                "name": r["name"],
                "kind": key[1],
                "period": key[2],
                "_unit": units.get((key[0], key[1]), r["unit"]),
            },
        )
        # The actual in the target's unit: 13908亿斤 against 1.3万亿斤 → 1.3908.
        k = 1.0
        if row.get("_unit") is not None and not pd.isna(r["unit"]):
            k = unit_scale(r["unit"])[0] / unit_scale(row["_unit"])[0]
        row.update(
            {
                "actual": _scaled(r["value"], k),
                "actual_low": _scaled(r["low"], k),
                "actual_high": _scaled(r["high"], k),
                "actual_text": clause(r["sentence"], r["text"]),
                "actual_report_year": int(r["report_year"]),
            }
        )
    for row in rows.values():
        row["status"] = judge(
            row.get("direction", ""),
            str(row.get("target_qualifier", "")),
            row.get("_unit"),
            row.get("target_low"),
            row.get("target_high"),
            row.get("actual_low"),
            row.get("actual_high"),
        )
    ordered = [rows[k] for k in sorted(rows)]
    out = target_frame([{c: r.get(c) for c in TARGET_COLUMNS} for r in ordered])
    validate_targets(out)
    return out


def absent_targets(report) -> pd.DataFrame:
    """Targets ``report`` states as absent or sets without a number, for its own year."""
    rows = []
    for (indicator, kind), pattern in ABSENT_PATTERNS.items():
        for m in pattern.finditer(report.text):
            if report.target_spans and not report.in_target_part(m.start()):
                continue
            rows.append(
                {
                    "indicator": indicator,
                    "kind": kind,
                    "period": report.report_year,
                    "name": "",
                    "target_text": m.group().strip(),
                }
            )
            break
    return pd.DataFrame(rows, columns=["indicator", "kind", "period", "name", "target_text"])


def targets_of(pairs: Iterable[tuple[Report, pd.DataFrame]]) -> pd.DataFrame:
    """The targets table of one region's reports, given as ``(report, indicator table)``."""
    tables, absent = [], []
    for report, table in pairs:
        tables.append(table)
        absent.append(absent_targets(report))
    if not tables:
        return target_frame([])
    return region_targets(
        pd.concat(tables, ignore_index=True), pd.concat(absent, ignore_index=True)
    )


def targets_dir(path: str | Path) -> pd.DataFrame:
    """Line up the targets of every report in the folder ``path`` (one region)."""
    pairs, skipped = region_extractions(path)
    if not pairs:
        raise InputError(path, f"no readable report ({'; '.join(skipped) or 'no report files'})")
    return targets_of(pairs)


def status_for_year(
    data_dir: str | Path, report_year: int, tables_dir: str | Path = ""
) -> pd.DataFrame:
    """Last year's targets against this report's actuals: rows with period == report_year − 1.

    Reads only the two reports concerned, from their stored extractions in
    ``tables_dir/<year>`` when there are (a batch), else extracting them; an empty targets
    table when the previous report is absent.
    """
    files = region_reports(Path(data_dir)).by_year
    if report_year - 1 not in files or report_year not in files:
        return target_frame([])
    pairs = [
        report_table(files[y], year=y, folder=Path(tables_dir) / str(y) if tables_dir else None)
        for y in (report_year - 1, report_year)
    ]
    table = targets_of(pairs)
    return table[table["period"] == report_year - 1].reset_index(drop=True)
