"""Compare regions: one year, many regions, their targets side by side.

Input: the indicator tables of many regions' reports of one year, as :class:`Entry` tuples
``(region slug, display name, level, report year, indicator table)`` — and optionally those of
the year before, for who raised, kept or cut a target. Output: a :class:`Comparison` holding the
comparison table (``compare.csv``, contract in :mod:`analysis.schema`), the cells of the
headline table (:func:`cell`), the counts and the data the charts draw (:func:`gdp_targets`,
:func:`gap_data`, :func:`target_changes`) and what the opening paragraph says
(:func:`lede_facts`); :mod:`analysis.briefs.compare` presents it, in Chinese or English. Each
row carries its figure's offsets in its sentence (:func:`sentence_offsets`), the catalog's
labels and its bounds in one unit per indicator (:func:`analysis.extract.norm.norm_bounds`):
cells sort by these (:func:`norm_value`).

Which figure is a region's GDP growth target (or last year's GDP) is decided by
:func:`analysis.tables.targets.pick_targets` and :func:`~analysis.tables.targets.pick_actuals`,
the same rules as the targets table. Like with like: only regions of one level are compared (the
level most of them share unless one is asked for); the national report of the year is a
reference line, not a row.

The convenience loader :func:`load` (notebook defaults, ``briefs compare``) finds the reports
under a data folder and gets each table through :func:`report_table`: from the batch's store
when ``reports_dir`` is given, else by extracting the report.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis import labels
from analysis.errors import AnalysisError, InputError
from analysis.extract import catalog
from analysis.extract.files import RegionReports, discover
from analysis.extract.norm import norm_bounds
from analysis.extracted import read_extraction, report_table
from analysis.schema import compare_frame, validate_compare
from analysis.tables.format import number, text_of
from analysis.tables.sentences import sentence_offsets
from analysis.tables.targets import pick_actuals, pick_targets

STATUSES = ("ok", "failed", "no_report")


LEVEL_ZH = labels.of("level")


#: Tie-break when two levels are equally common: the higher level is compared.
LEVEL_ORDER = ("province", "prefecture", "city", "district", "county", "town", "")


class Entry(NamedTuple):
    """One region's report of the year: ``table`` is its indicator table (``None`` when the
    region has no report for the year, ``status`` ``no_report``, or its brief failed,
    ``status`` ``failed`` with ``error``)."""

    region: str
    name: str
    level: str
    year: int
    table: pd.DataFrame | None
    status: str = "ok"
    error: str = ""


def is_national(e: Entry) -> bool:
    """The State Council's report: the reference, never a compared row."""
    return e.level == "national" or e.region == "national"


def choose_level(entries: list[Entry]) -> str:
    """The level most of the (non-national) regions whose report was read share; '' when none
    (a failed report's level is only a guess from its folder name)."""
    counts = Counter(e.level for e in entries if e.status == "ok" and not is_national(e))
    if not counts:
        return ""
    rank = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    return min(counts, key=lambda lv: (-counts[lv], rank.get(lv, len(rank)), lv))


def entry_figures(entry: Entry) -> list[dict]:
    """The comparison rows of one region: this year's targets (period = year) and last year's
    actuals (period = year − 1) of every catalogued indicator, picked by :mod:`analysis.targets`.
    Values, bounds, text and sentence are copied from the indicator table unchanged."""
    t = entry.table
    if t is None or t.empty:
        return []
    t = t[t["report_year"] == entry.year]
    t = t.assign(sentence_at=sentence_offsets(t))
    targets = pick_targets(t)
    if not targets.empty:
        targets = targets[targets["period"] == entry.year]
    units = {(r.indicator, r.kind): r.unit for r in targets.itertuples() if not pd.isna(r.unit)}
    names = {(r.indicator, r.kind): r.name for r in targets.itertuples() if not pd.isna(r.name)}
    actuals = pick_actuals(t, units, names)
    if not actuals.empty:
        actuals = actuals[actuals["period"] == entry.year - 1]
    rows = []
    for role, picked in (("actual", actuals), ("target", targets)):
        for r in picked.itertuples():
            norm = norm_bounds(r.indicator, r.kind, _num(r.low), _num(r.high), text_of(r.unit))
            at = None if pd.isna(r.sentence_at) else int(r.sentence_at)
            rows.append(
                {
                    "region": entry.region,
                    "name": entry.name,
                    "level": entry.level,
                    "year": entry.year,
                    "indicator": r.indicator,
                    "kind": r.kind,
                    "role": role,
                    "period": entry.year - (role == "actual"),
                    "value": r.value,
                    "low": r.low,
                    "high": r.high,
                    "qualifier": r.qualifier,
                    "unit": r.unit,
                    "text": r.text,
                    "sentence": r.sentence,
                    "start": at,
                    "end": None if at is None else at + len(text_of(r.text)),
                    "label": catalog.label(r.indicator),
                    "label_en": catalog.label_en(r.indicator),
                    "norm_low": norm[0],
                    "norm_high": norm[1],
                    "norm_unit": norm[2],
                }
            )
    return rows


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def figures_frame(entries: list[Entry]) -> pd.DataFrame:
    """The comparison table (contract :data:`analysis.schema.COMPARE_COLUMNS`) of ``entries``."""
    rows = [row for e in entries if e.status == "ok" for row in entry_figures(e)]
    df = compare_frame(rows)
    validate_compare(df)
    return df


@dataclass
class Comparison:
    """One year's comparison: the regions (in the order given), the national reference, the
    regions of other levels left out, the comparison table and last year's targets."""

    year: int
    level: str
    regions: list[Entry]
    reference: Entry | None
    others: list[Entry]
    figures: pd.DataFrame
    previous: pd.DataFrame = field(default_factory=lambda: compare_frame([]))
    #: :func:`figure_row`'s index of ``figures`` (the table it was made from, its length).
    _positions: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def reported(self) -> list[Entry]:
        """The compared regions with a report (built or failed)."""
        return [e for e in self.regions if e.status != "no_report"]

    def rows(self, region: str) -> pd.DataFrame:
        """The comparison rows of one region."""
        return self.figures[self.figures["region"] == region]


def build(
    entries: list[Entry],
    level: str = "",
    regions: list[str] | None = None,
    previous: list[Entry] | None = None,
) -> Comparison:
    """Compare ``entries`` (one report year); raises :class:`InputError` when fewer than two
    regions of the level have a report (a comparison of one region is not built).

    ``regions`` (slugs) keeps those regions, in that order; one without an entry is shown as
    ``no_report``. ``level`` defaults to :func:`choose_level`. ``previous`` holds last year's
    entries (their targets say who raised, kept or cut a target).
    """
    years = {e.year for e in entries}
    if len(years) > 1:
        raise InputError(None, f"entries of several years {sorted(years)}; compare one year")
    if not years:
        raise InputError(None, "no region has a report to compare")
    year = years.pop()
    by_slug = {e.region: e for e in entries}
    if regions:
        chosen = [
            by_slug.get(r) or Entry(r, r, level, year, None, "no_report", "无报告") for r in regions
        ]
    else:
        chosen = list(entries)
    reference = next((e for e in entries if is_national(e) and e.status == "ok"), None)
    chosen = [e for e in chosen if not is_national(e)]
    level = level or choose_level(chosen) or next((e.level for e in chosen), "")
    compared = [e for e in chosen if e.level == level or e.status == "no_report"]
    others = [e for e in chosen if e not in compared]
    with_report = [e for e in compared if e.status != "no_report"]
    if with_report and not any(e.status == "ok" for e in with_report):  # nothing to compare
        names = ", ".join(e.region for e in with_report)
        raise InputError(None, f"{year}: no {level or 'region'} report could be read ({names})")
    if len(with_report) < 2:
        what = LEVEL_ZH.get(level, level or "region")
        names = ", ".join(e.region for e in with_report) or "none"
        raise InputError(
            None,
            f"{year}: {len(with_report)} {level or 'region'} report(s) ({names}); a comparison "
            f"needs two or more regions of one level ({what})",
        )
    figures = figures_frame(compared + ([reference] if reference else []))
    prev = figures_frame([e for e in (previous or []) if e.region in {c.region for c in compared}])
    prev = prev[prev["role"] == "target"].reset_index(drop=True)
    return Comparison(year, level, compared, reference, others, figures, prev)


def from_records(year: int, level: str, regions: list[dict], figures: pd.DataFrame) -> Comparison:
    """A comparison rebuilt from a written ``compare.csv`` and the list of its regions (dicts
    with region, name, level, status, error): what the index page shows without re-reading a
    report."""
    entries = [
        Entry(r["region"], r.get("name") or r["region"], r.get("level", level), year, None,
              r.get("status", "ok"), r.get("error", ""))
        for r in regions
    ]  # fmt: skip
    ref = figures[figures["level"] == "national"]
    reference = (
        Entry(str(ref["region"].iloc[0]), str(ref["name"].iloc[0]), "national", year, None)
        if len(ref)
        else None
    )
    return Comparison(year, level, entries, reference, [], figures)


def report_files(data_dir: str | Path, year: int) -> dict[str, RegionReports]:
    """Region folder name → its reports, for the regions with a report for ``year`` (or two, or
    one refused): the batch's own discovery (:func:`analysis.extract.files.discover`), so a
    link leaving the data folder is refused here as there."""
    return {
        name: reports
        for name, reports in discover(data_dir).items()
        if year in reports.by_year or year in reports.duplicates or year in reports.refused
    }


def region_table(
    region: str, year: int, reports: RegionReports, reports_dir: str | Path = ""
) -> pd.DataFrame:
    """One region's indicator table for ``year``: the batch's stored extraction under
    ``reports_dir`` (its brief must have finished: ``provenance.json``), else extracted from the
    report file. Raises :class:`AnalysisError` with the reason when there is none."""
    if year in reports.refused:
        raise InputError(None, reports.refused[year])
    if year in reports.duplicates:
        names = ", ".join(reports.duplicates[year])
        raise InputError(reports.folder, f"two report files for {year} ({names}); keep one")
    if str(reports_dir):
        stored = Path(reports_dir) / region / str(year)
        if not (stored / "provenance.json").is_file():
            raise InputError(stored, "the brief failed (no finished brief for this report)")
        return read_extraction(stored)[1]
    return report_table(reports.by_year[year], region, year)[1]


def read_entries(
    data_dir: str | Path,
    year: int,
    regions: list[str] | None = None,
    reports_dir: str | Path = "",
) -> list[Entry]:
    """An :class:`Entry` per region folder under ``data_dir`` with a report for ``year`` (only
    ``regions`` when given); a report that cannot be read becomes a ``failed`` entry."""
    from analysis.extract.metadata import read_region_meta
    from analysis.labels import region_level

    entries = []
    for slug, reports in report_files(data_dir, year).items():
        if regions and slug not in regions:
            continue
        folder = reports.folder
        try:
            meta = read_region_meta(folder)
            name, level = meta.name, meta.level
        except AnalysisError:
            name, level = slug, region_level(slug)
        if slug == "national":
            level = "national"
        try:
            table = region_table(slug, year, reports, reports_dir)
            entries.append(Entry(slug, name, level, year, table))
        except AnalysisError as e:
            entries.append(Entry(slug, name, level, year, None, "failed", str(e)))
    return entries


def load(
    year: int,
    data_dir: str | Path = "../data/raw",
    regions: list[str] | None = None,
    level: str = "",
    reports_dir: str | Path = "",
) -> Comparison:
    """Compare the reports of ``year`` under ``data_dir`` (every region with a report unless
    ``regions`` names some), with last year's reports for the change in targets."""
    year = int(year)
    regions = list(regions) if regions else None
    if not Path(data_dir).is_dir():
        raise InputError(data_dir, "no such data folder")
    unknown = [r for r in regions or [] if not (Path(data_dir) / r).is_dir()]
    if unknown:
        raise InputError(data_dir, f"no region folder {', '.join(unknown)}")
    entries = read_entries(data_dir, year, regions, reports_dir)
    if not entries:
        raise InputError(data_dir, f"no report for {year} (<region>/{year}.txt|html|docx|pdf)")
    if regions:  # the national reference is wanted even when not named
        have = {e.region for e in entries}
        entries += [e for e in read_entries(data_dir, year, ["national"], reports_dir)
                    if e.region not in have]  # fmt: skip
    slugs = [e.region for e in entries if not is_national(e)]
    previous = [e for e in read_entries(data_dir, year - 1, slugs, reports_dir) if e.status == "ok"]
    return build(entries, level, regions, previous)


@dataclass(frozen=True)
class Column:
    """A column of the headline table: one (indicator, kind, role)."""

    key: str
    indicator: str
    kind: str
    role: str
    label: str
    label_en: str = ""


HEADLINE: tuple[Column, ...] = tuple(
    Column(c["key"], c["indicator"], c["kind"], c["role"], c["label"], c.get("label_en", ""))
    for c in labels.headlines("compare")
)


TARGET_COLUMNS = tuple(c for c in HEADLINE if c.role == "target")
#: The headline columns by key (``gdp_target`` …).
COLUMNS = {c.key: c for c in HEADLINE}


@dataclass(frozen=True)
class Cell:
    """What one cell of the headline table holds: ``state`` is ``stated``, ``masked``,
    ``not_stated``, ``no_report`` or ``failed``; ``text`` the figure as written (the error of a
    failed report); ``sentence`` where the figure stands; ``sort`` the figure in its norm unit
    (a range's midpoint), what a column sorts by; ``bounds`` (:func:`bounds`) and
    ``qualifier``, for writing the column in one unit (:mod:`analysis.briefs.compare`)."""

    state: str
    text: str = ""
    sentence: str = ""
    sort: float | None = None
    bounds: tuple[float, float, str] | None = None
    qualifier: str = ""


def figure_row(cmp: Comparison, region: str, col: Column) -> pd.Series | None:
    """The comparison row of ``region`` for ``col``, or ``None`` when not stated."""
    i = _row_positions(cmp).get((region, col.indicator, col.kind, col.role))
    return None if i is None else cmp.figures.iloc[i]


def _row_positions(cmp: Comparison) -> dict[tuple, int]:
    """(region, indicator, kind, role) → the position of its first row in ``cmp.figures``,
    made once per figures table: a page looks up ~10 cells per region, and a boolean mask
    over the table per cell cost ~0.5 s for 16 regions."""
    f = cmp.figures
    cached = cmp._positions
    if cached is None or cached[0] is not f or cached[1] != len(f):
        positions: dict[tuple, int] = {}
        for i, key in enumerate(
            zip(f["region"], f["indicator"], f["kind"], f["role"], strict=True)
        ):
            positions.setdefault(key, i)
        cached = cmp._positions = (f, len(f), positions)
    return cached[2]


def ref_value(row: pd.Series | None) -> float | None:
    """One number for a figure, for sorting and plotting: the value, a range's midpoint, a
    mask's midpoint; ``None`` when there is none."""
    if row is None:
        return None
    if not pd.isna(row["value"]):
        return float(row["value"])
    if not pd.isna(row["low"]) and not pd.isna(row["high"]):
        return (float(row["low"]) + float(row["high"])) / 2
    return None


def norm_value(row: pd.Series | None) -> float | None:
    """A figure in its norm unit (``norm_low``/``norm_high``'s midpoint), for sorting a column
    whose reports write 亿元 and 万亿元; :func:`ref_value` for a figure without a norm."""
    if row is None:
        return None
    low, high = row.get("norm_low"), row.get("norm_high")
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return ref_value(row)
    return (float(low) + float(high)) / 2


def _masked(row: pd.Series) -> bool:
    return pd.isna(row["value"]) and row["qualifier"] != "range"


def cell(cmp: Comparison, entry: Entry, col: Column) -> Cell:
    """The cell of ``entry`` in column ``col``."""
    if entry.status == "no_report":
        return Cell("no_report")
    if entry.status == "failed":
        return Cell("failed", entry.error)
    row = figure_row(cmp, entry.region, col)
    if row is None:
        return Cell("not_stated")
    sentence = text_of(row["sentence"])
    if _masked(row):
        return Cell("masked", text_of(row["text"]), sentence)
    return Cell("stated", text_of(row["text"]), sentence, norm_value(row), bounds(row),
                str(row["qualifier"]))  # fmt: skip


def bounds(row: pd.Series) -> tuple[float, float, str]:
    """A figure's bounds and unit: in its norm unit when it has one (``norm_low``,
    ``norm_high``, ``norm_unit``), else as written (``low``, ``high``, ``unit``)."""
    low, high = row.get("norm_low"), row.get("norm_high")
    if low is not None and high is not None and not pd.isna(low) and not pd.isna(high):
        return float(low), float(high), text_of(row["norm_unit"])
    return float(row["low"]), float(row["high"]), text_of(row["unit"])


def target_label(row: pd.Series | None) -> str:
    """A target in one canonical form, for counting alike targets: ``5%左右``, ``5%以上``,
    ``4.5%—5%``, ``5%``; '' when none."""
    if row is None or _masked(row):
        return ""
    unit = text_of(row["unit"])
    low, high, q = row["low"], row["high"], row["qualifier"]
    if q == "range":
        return f"{number(low)}{unit}—{number(high)}{unit}"
    v = number(row["value"])
    return f"{v}{unit}" + {"approx": "左右", "at_least": "以上", "at_most": "以内"}.get(q, "")


def _sort_key(cmp: Comparison, e: Entry) -> tuple:
    status = {"ok": 0, "failed": 1, "no_report": 2}.get(e.status, 3)
    t = ref_value(figure_row(cmp, e.region, COLUMNS["gdp_target"]))
    a = ref_value(figure_row(cmp, e.region, COLUMNS["gdp_growth"]))
    return (status, t is None, -(t or 0), a is None, -(a or 0), e.name)


def ordered(cmp: Comparison) -> list[Entry]:
    """The regions by this year's GDP growth target (highest first), then last year's growth;
    failed and missing reports last."""
    return sorted(cmp.regions, key=lambda e: _sort_key(cmp, e))


def short_name(name: str) -> str:
    """``某某壮族自治区`` → ``某某``, ``某某市`` → ``某某``: names for charts."""
    for suffix in labels.short_suffixes():
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


COUNT_COLUMNS = ("key", "stated", "masked", "not_stated", "missing")


def counts(cmp: Comparison) -> pd.DataFrame:
    """Per target column (``key``): how many regions state it, mask it, do not state it, and
    which do not (``missing``: a list of :class:`Entry`)."""
    out = []
    ok = [x for x in cmp.regions if x.status == "ok"]
    for col in TARGET_COLUMNS:
        cells = [(x, cell(cmp, x, col)) for x in ok]
        out.append(
            {
                "key": col.key,
                "stated": sum(c.state == "stated" for _, c in cells),
                "masked": sum(c.state == "masked" for _, c in cells),
                "not_stated": sum(c.state == "not_stated" for _, c in cells),
                "missing": [x for x, c in cells if c.state == "not_stated"],
            }
        )
    return pd.DataFrame(out, columns=list(COUNT_COLUMNS))


def silent_regions(cmp: Comparison) -> list[Entry]:
    """Regions (with a readable report) that state none of the headline targets."""
    return [
        x
        for x in cmp.regions
        if x.status == "ok" and all(cell(cmp, x, c).state == "not_stated" for c in TARGET_COLUMNS)
    ]


def gdp_targets(cmp: Comparison) -> pd.DataFrame:
    """One row per region with a GDP growth target: name, bounds, qualifier, the target in one
    canonical form (``label``) and as written (``text``, its ``sentence``, its comparison row
    ``row``), its plotting value and last year's actual growth (NaN when not stated, its
    sentence ``actual_sentence``)."""
    out = []
    for x in cmp.regions:
        if x.status != "ok":
            continue
        t = figure_row(cmp, x.region, COLUMNS["gdp_target"])
        if t is None or _masked(t):
            continue
        a = figure_row(cmp, x.region, COLUMNS["gdp_growth"])
        out.append(
            {
                "region": x.region,
                "name": x.name,
                "short": short_name(x.name),
                "qualifier": str(t["qualifier"]),
                "low": float(t["low"]),
                "high": float(t["high"]),
                "ref": ref_value(t),
                "label": target_label(t),
                "text": text_of(t["text"]),
                "actual": ref_value(a) if a is not None and not _masked(a) else math.nan,
                "sentence": text_of(t["sentence"]),
                "actual_sentence": text_of(a["sentence"]) if a is not None else "",
                "row": t,
            }
        )
    cols = ["region", "name", "short", "qualifier", "low", "high", "ref", "label", "text", "actual",
            "sentence", "actual_sentence", "row"]  # fmt: skip
    df = pd.DataFrame(out, columns=cols)
    return df.sort_values(["ref", "actual", "name"], ascending=[False, False, True]).reset_index(
        drop=True
    )


def gap_data(cmp: Comparison) -> pd.DataFrame:
    """This year's GDP growth target minus last year's actual growth (percentage points), for
    regions that state both."""
    d = gdp_targets(cmp).dropna(subset=["actual"]).copy()
    d["gap"] = (d["ref"] - d["actual"]).round(2)
    return d.sort_values(["gap", "name"], ascending=[False, True]).reset_index(drop=True)


def target_changes(cmp: Comparison) -> pd.DataFrame:
    """Last year's GDP growth target against this year's, per region with both: ``change`` is
    ``raised``, ``kept`` or ``cut``, comparing the plotted values (a range's midpoint);
    ``before_row`` is last year's comparison row."""
    cur = gdp_targets(cmp)
    p = cmp.previous
    p = p[(p["indicator"] == "gdp") & (p["kind"] == "growth")]
    out = []
    for _, r in cur.iterrows():
        hit = p[p["region"] == r["region"]]
        if hit.empty or _masked(hit.iloc[0]):
            continue
        before = ref_value(hit.iloc[0])
        delta = round(r["ref"] - before, 2)
        change = "raised" if delta > 1e-9 else ("cut" if delta < -1e-9 else "kept")
        out.append({"region": r["region"], "short": r["short"], "name": r["name"],
                    "before": before, "after": r["ref"], "before_text": target_label(hit.iloc[0]),
                    "after_text": r["label"], "delta": delta, "change": change,
                    "before_row": hit.iloc[0]})  # fmt: skip
    cols = ["region", "short", "name", "before", "after", "before_text", "after_text", "delta",
            "change", "before_row"]  # fmt: skip
    df = pd.DataFrame(out, columns=cols)
    return df.sort_values(["delta", "name"], ascending=[False, True]).reset_index(drop=True)


@dataclass
class Lede:
    """What the comparison's opening paragraph says (:func:`lede_facts`): ``reported`` regions,
    those ``stated`` with their GDP growth target row, the commonest targets (``top``: rows,
    each said by ``top_count`` regions), the highest and lowest (entries and rows, empty when
    all agree), how many targets of each qualifier, the gaps to last year's growth (higher,
    lower, same; ``None`` without last year's figures) and the national target's row."""

    reported: int
    stated: list[tuple[Entry, pd.Series]]
    top: list[pd.Series]
    top_count: int
    highest: list[tuple[Entry, pd.Series]]
    lowest: list[tuple[Entry, pd.Series]]
    qualifiers: Counter
    gaps: tuple[int, int, int] | None
    national: pd.Series | None


def lede_facts(cmp: Comparison) -> Lede:
    """The facts of the comparison's lede: who set what GDP growth target, against last year."""
    rows = [(e, figure_row(cmp, e.region, COLUMNS["gdp_target"]))
            for e in cmp.regions if e.status == "ok"]  # fmt: skip
    stated = [(e, r) for e, r in rows if r is not None and not _masked(r)]
    top: list[pd.Series] = []
    k = 0
    highest: list[tuple[Entry, pd.Series]] = []
    lowest: list[tuple[Entry, pd.Series]] = []
    if stated:
        by_label: dict[str, list[pd.Series]] = {}
        for _, r in stated:
            by_label.setdefault(target_label(r), []).append(r)
        k = max(len(v) for v in by_label.values())
        top = [v[0] for v in by_label.values() if len(v) == k]
        values = [ref_value(r) for _, r in stated]
        if max(values) != min(values):
            highest = [(e, r) for e, r in stated if ref_value(r) == max(values)]
            lowest = [(e, r) for e, r in stated if ref_value(r) == min(values)]
    gaps = gap_data(cmp)
    gap_counts = None
    if len(gaps):
        up, down = int((gaps["gap"] > 1e-9).sum()), int((gaps["gap"] < -1e-9).sum())
        gap_counts = (up, down, len(gaps) - up - down)
    national = None
    if cmp.reference is not None:
        national = figure_row(cmp, cmp.reference.region, COLUMNS["gdp_target"])
    return Lede(len(cmp.reported), stated, top, k, highest, lowest,
                Counter(str(r["qualifier"]) for _, r in stated), gap_counts, national)  # fmt: skip


def reference_target(cmp: Comparison) -> tuple[float | None, str]:
    """The national GDP growth target (plotting value, as written), ``(None, "")`` without."""
    if cmp.reference is None:
        return None, ""
    r = figure_row(cmp, cmp.reference.region, COLUMNS["gdp_target"])
    return (ref_value(r), text_of(r["text"])) if r is not None else (None, "")
