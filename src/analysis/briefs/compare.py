"""Compare regions: one year, many regions, their targets side by side.

Input: the indicator tables of many regions' reports of one year, as :class:`Entry` tuples
``(region slug, display name, level, report year, indicator table)`` — and optionally those of
the year before, for who raised, kept or cut a target. Output: a :class:`Comparison` holding the
comparison table (``compare.csv``, contract in :mod:`analysis.schema`) and what the notebook
shows: the headline table (:func:`headline_html`), the charts and the counts.

Which figure is a region's GDP growth target (or last year's GDP) is decided by
:func:`analysis.targets.pick_targets` and :func:`analysis.targets.pick_actuals`, the same rules
as the targets table. Like with like: only regions of one level are compared (the level most
of them share unless one is asked for); the national report of the year is a reference line,
not a row. Every string from a report is escaped here (``html.escape``) before it reaches a page.

The convenience loader :func:`load` (notebook defaults, ``briefs compare``) finds the reports
under a data folder and gets each table through :func:`report_table`: from the batch's store
when ``reports_dir`` is given, else by extracting the report.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pandas as pd

from analysis.briefs.narrative import number, text_of, truncate
from analysis.errors import AnalysisError, InputError
from analysis.extract.files import RegionReports, region_reports
from analysis.extracted import read_extraction, report_table
from analysis.schema import compare_frame, validate_compare
from analysis.targets import pick_actuals, pick_targets

# --- inputs --------------------------------------------------------------------------------

STATUSES = ("ok", "failed", "no_report")
LEVEL_ZH = {
    "province": "省份",
    "prefecture": "地区",
    "city": "城市",
    "district": "区",
    "county": "县",
    "town": "乡镇",
    "national": "全国",
}
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
    """The level most of the (non-national) regions with a report share; '' when none."""
    counts = Counter(e.level for e in entries if e.status != "no_report" and not is_national(e))
    if not counts:
        return ""
    rank = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    return min(counts, key=lambda lv: (-counts[lv], rank.get(lv, len(rank)), lv))


# --- the comparison table --------------------------------------------------------------------


def entry_figures(entry: Entry) -> list[dict]:
    """The comparison rows of one region: this year's targets (period = year) and last year's
    actuals (period = year − 1) of every catalogued indicator, picked by :mod:`analysis.targets`.
    Values, bounds, text and sentence are copied from the indicator table unchanged."""
    t = entry.table
    if t is None or t.empty:
        return []
    t = t[t["report_year"] == entry.year]
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
                }
            )
    return rows


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
    def level_zh(self) -> str:
        """``省份``, ``城市`` … (the level's name in Chinese)."""
        return LEVEL_ZH.get(self.level, "地区")

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
    level = level or choose_level(chosen)
    compared = [e for e in chosen if e.level == level or e.status == "no_report"]
    others = [e for e in chosen if e not in compared]
    with_report = [e for e in compared if e.status != "no_report"]
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


# --- loading (notebook defaults, CLI) ---------------------------------------------------------

_REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def report_files(data_dir: str | Path, year: int) -> dict[str, RegionReports]:
    """Region folder name → its reports, for the regions with a report (or two) for ``year``
    (what a report file is: :mod:`analysis.extract.files`)."""
    data = Path(data_dir)
    if not data.is_dir():
        raise InputError(data, "no such data folder")
    found: dict[str, RegionReports] = {}
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and not p.name.startswith(".")):
        reports = region_reports(folder)
        if year in reports.by_year or year in reports.duplicates:
            found[folder.name] = reports
    return found


def region_table(
    region: str, year: int, reports: RegionReports, reports_dir: str | Path = ""
) -> pd.DataFrame:
    """One region's indicator table for ``year``: the batch's stored extraction under
    ``reports_dir`` (its brief must have finished: ``provenance.json``), else extracted from the
    report file. Raises :class:`AnalysisError` with the reason when there is none."""
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
    from analysis.extract.metadata import guess_level, read_region_meta

    entries = []
    for slug, reports in report_files(data_dir, year).items():
        if regions and slug not in regions:
            continue
        folder = reports.folder
        try:
            meta = read_region_meta(folder)
            name, level = meta.name, meta.level
        except AnalysisError:
            name, level = slug, guess_level(slug)
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


# --- what a cell shows -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of the headline table: one (indicator, kind, role)."""

    key: str
    indicator: str
    kind: str
    role: str
    label: str


HEADLINE: tuple[Column, ...] = (
    Column("gdp_level", "gdp", "level", "actual", "地区生产总值"),
    Column("gdp_growth", "gdp", "growth", "actual", "GDP增速"),
    Column("gdp_target", "gdp", "growth", "target", "GDP增速"),
    Column("cpi", "cpi", "growth", "target", "CPI涨幅"),
    Column("jobs", "urban_new_jobs", "level", "target", "城镇新增就业"),
    Column("unemployment", "urban_unemployment_rate", "level", "target", "城镇调查失业率"),
    Column("budget", "general_budget_revenue", "growth", "target", "一般公共预算收入"),
    Column("retail", "retail_sales", "growth", "target", "社会消费品零售总额"),
    Column("investment", "fixed_asset_investment", "growth", "target", "固定资产投资"),
)
TARGET_COLUMNS = tuple(c for c in HEADLINE if c.role == "target")

NOT_STATED, MASKED, NO_REPORT, FAILED = "未提及", "数字被遮盖", "无报告", "失败"


@dataclass(frozen=True)
class Cell:
    """What one cell of the headline table shows: ``state`` is ``stated``, ``masked``,
    ``not_stated``, ``no_report`` or ``failed``; ``sentence`` is where the figure stands."""

    state: str
    text: str
    sentence: str = ""
    sort: float | None = None


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


def _masked(row: pd.Series) -> bool:
    return pd.isna(row["value"]) and row["qualifier"] != "range"


def cell(cmp: Comparison, entry: Entry, col: Column) -> Cell:
    """The cell of ``entry`` in column ``col``."""
    if entry.status == "no_report":
        return Cell("no_report", NO_REPORT)
    if entry.status == "failed":
        return Cell("failed", FAILED, entry.error)
    row = figure_row(cmp, entry.region, col)
    if row is None:
        return Cell("not_stated", NOT_STATED)
    sentence = text_of(row["sentence"])
    if _masked(row):
        return Cell("masked", f"{MASKED}（{text_of(row['text'])}）", sentence)
    return Cell("stated", text_of(row["text"]), sentence, ref_value(row))


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
    t = ref_value(figure_row(cmp, e.region, HEADLINE[2]))
    a = ref_value(figure_row(cmp, e.region, HEADLINE[1]))
    return (status, t is None, -(t or 0), a is None, -(a or 0), e.name)


def ordered(cmp: Comparison) -> list[Entry]:
    """The regions by this year's GDP growth target (highest first), then last year's growth;
    failed and missing reports last."""
    return sorted(cmp.regions, key=lambda e: _sort_key(cmp, e))


# --- HTML blocks -------------------------------------------------------------------------------


def e(value: object) -> str:
    """Escape any value for HTML; missing values become ''."""
    return html.escape(text_of(value), quote=True)


_SHORT_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")


def short_name(name: str) -> str:
    """``广西壮族自治区`` → ``广西``, ``重庆市`` → ``重庆``: names for charts."""
    for suffix in _SHORT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def brief_href(region: str, year: int, prefix: str = "../../") -> str:
    """The link from the comparison's folder to a region's brief of the year."""
    return f"{prefix}{quote(region)}/{year}/brief.html"


def title(cmp: Comparison) -> str:
    """``2026年各省份政府工作报告主要目标对比``."""
    return f"{cmp.year}年各{cmp.level_zh}政府工作报告主要目标对比"


def lede(cmp: Comparison) -> str:
    """A paragraph a reader can stop after: who set what GDP target, against last year."""
    rows = [(e, figure_row(cmp, e.region, HEADLINE[2])) for e in cmp.regions if e.status == "ok"]
    stated = [(e, r) for e, r in rows if r is not None and not _masked(r)]
    n = len(cmp.reported)
    parts = [f"{cmp.year}年，{n}个{cmp.level_zh}的政府工作报告纳入对比"]
    if not stated:
        return parts[0] + "，均未提出可比较的地区生产总值增速目标。"
    parts.append(f"其中{len(stated)}个提出了地区生产总值增速目标")
    labels = Counter(target_label(r) for _, r in stated)
    k = labels.most_common(1)[0][1]
    tops = [lb for lb, n in labels.items() if n == k]
    if len(tops) == 1:
        parts.append(f"最常见的是“{tops[0]}”（{k}个）")
    elif k > 1 and len(tops) <= 3:
        parts.append("最常见的是" + "、".join(f"“{t}”" for t in tops) + f"（各{k}个）")
    values = [ref_value(r) for _, r in stated]
    if max(values) != min(values):

        def who(v: float) -> str:
            hits = [(x, r) for x, r in stated if ref_value(r) == v]
            texts = dict.fromkeys(text_of(r["text"]) for _, r in hits)
            return "、".join(x.name for x, _ in hits) + f"（{'、'.join(texts)}）"

        parts.append(f"最高为{who(max(values))}，最低为{who(min(values))}")
    kinds = Counter(r["qualifier"] for _, r in stated)
    words = [
        f"{kinds[q]}个{w}"
        for q, w in (("approx", "定为“左右”"), ("range", "给出区间"), ("at_least", "定为“以上”"),
                     ("exact", "只写一个数"), ("at_most", "定为“以内”"))
        if kinds[q]
    ]  # fmt: skip
    text = "，".join(parts) + "。" + "，".join(words) + "。"
    gaps = gap_data(cmp)
    if len(gaps):
        up, down = int((gaps["gap"] > 1e-9).sum()), int((gaps["gap"] < -1e-9).sum())
        same = len(gaps) - up - down
        text += f"与上年实际增速相比，{up}个目标更高，{down}个更低" + (
            f"，{same}个持平。" if same else "。"
        )
    if cmp.reference is not None:
        ref = figure_row(cmp, cmp.reference.region, HEADLINE[2])
        if ref is not None:
            text += f"全国目标为{text_of(ref['text'])}。"
    return text


def header_html(cmp: Comparison) -> str:
    """Title, the lede, and what was compared (and what was left out)."""
    notes = []
    failed = [x.name for x in cmp.regions if x.status == "failed"]
    missing = [x.name for x in cmp.regions if x.status == "no_report"]
    if failed:
        notes.append(f"简报失败、未能读取数字的地区：{'、'.join(failed)}。")
    if missing:
        notes.append(f"没有{cmp.year}年报告的地区：{'、'.join(missing)}。")
    if cmp.others:
        left = "、".join(f"{x.name}（{LEVEL_ZH.get(x.level, x.level or '级别不明')}）"
                        for x in cmp.others)  # fmt: skip
        notes.append(f"级别不同、不参与排序的地区：{left}。")
    notes.append(
        f"“上年”指{cmp.year - 1}年（报告回顾的年份），“目标”为{cmp.year}年主要预期目标，"
        "均照报告原文书写；鼠标移到数字上可看原句，原句也在文末和 compare.csv 中。"
    )
    body = "".join(f'<p class="brief-note">{e(n)}</p>' for n in notes)
    return (
        f'<header class="brief-header"><h1>{e(title(cmp))}</h1>'
        f'<p class="compare-lede">{e(lede(cmp))}</p>{body}</header>'
    )


_STATE_CLASS = {
    "stated": "",
    "masked": "masked",
    "not_stated": "none",
    "no_report": "noreport",
    "failed": "failed",
}


def cell_html(c: Cell) -> str:
    """A ``<td>``: the figure as written, its sentence as the hover title."""
    cls = _STATE_CLASS[c.state]
    attrs = f' class="{cls}"' if cls else ""
    if c.sentence:
        attrs += f' title="{e(c.sentence)}"'
    if c.sort is not None:
        attrs += f' data-sort="{c.sort:g}"'
    return f"<td{attrs}>{e(c.text)}</td>"


def headline_html(
    cmp: Comparison, link_prefix: str = "../../", links: bool = True, sortable: bool = False
) -> str:
    """The headline table: a row per region (highest GDP target first), each region linked to
    its brief (``link_prefix`` leads from the page to the reports folder); 未提及 / 数字被遮盖 /
    无报告 / 失败 each look different. The national report, when there is one, is a reference
    row below the table's body, not a ranked row. ``sortable`` numbers the header cells
    (``data-col``) for the index page's sorting script."""
    actual_cols = [c for c in HEADLINE if c.role == "actual"]

    def col(i: int) -> str:
        return f' data-col="{i}"' if sortable else ""

    head = (
        f'<thead><tr><th rowspan="2"{col(0)}>地区</th>'
        f'<th colspan="{len(actual_cols)}">{cmp.year - 1}年实际</th>'
        f'<th colspan="{len(TARGET_COLUMNS)}">{cmp.year}年目标</th></tr><tr>'
        + "".join(f"<th{col(i + 1)}>{e(c.label)}</th>" for i, c in enumerate(HEADLINE))
        + "</tr></thead>"
    )
    rows = []
    for entry in ordered(cmp):
        name = e(entry.name)
        if links and entry.status == "ok":
            name = f'<a href="{e(brief_href(entry.region, cmp.year, link_prefix))}">{name}</a>'
        if entry.status == "failed":
            name += '<span class="tag">（失败）</span>'
        cells = "".join(cell_html(cell(cmp, entry, c)) for c in HEADLINE)
        rows.append(f'<tr class="{e(entry.status)}"><th scope="row">{name}</th>{cells}</tr>')
    foot = ""
    if cmp.reference is not None:
        cells = "".join(cell_html(cell(cmp, cmp.reference, c)) for c in HEADLINE)
        foot = f'<tfoot><tr class="reference"><th scope="row">参照：{e(cmp.reference.name)}</th>{cells}</tr></tfoot>'
    legend = (
        '<p class="compare-legend"><span class="none">未提及</span>：报告没有写这一数字；'
        '<span class="masked">数字被遮盖</span>：数字以*号遮盖；'
        '<span class="noreport">无报告</span>：该地区没有本年报告；'
        '<span class="failed">失败</span>：报告未能读取（见其简报）。</p>'
    )
    return (
        f'<div class="compare-scroll"><table class="compare-table">{head}<tbody>{"".join(rows)}'
        f"</tbody>{foot}</table></div>{legend}"
    )


def counts(cmp: Comparison) -> pd.DataFrame:
    """Per target: how many regions state it, mask it, do not state it, and which do not."""
    out = []
    ok = [x for x in cmp.regions if x.status == "ok"]
    for col in TARGET_COLUMNS:
        cells = [(x, cell(cmp, x, col)) for x in ok]
        out.append(
            {
                "目标": col.label,
                "提出": sum(c.state == "stated" for _, c in cells),
                "遮盖": sum(c.state == "masked" for _, c in cells),
                "未提及": sum(c.state == "not_stated" for _, c in cells),
                "未提及的地区": "、".join(x.name for x, c in cells if c.state == "not_stated"),
            }
        )
    return pd.DataFrame(out, columns=["目标", "提出", "遮盖", "未提及", "未提及的地区"])


def silent_regions(cmp: Comparison) -> list[str]:
    """Regions (with a readable report) that state none of the headline targets."""
    return [
        x.name
        for x in cmp.regions
        if x.status == "ok" and all(cell(cmp, x, c).state == "not_stated" for c in TARGET_COLUMNS)
    ]


def counts_html(cmp: Comparison) -> str:
    """The counts table and the regions that state no target at all."""
    df = counts(cmp)
    n = sum(x.status == "ok" for x in cmp.regions)
    rows = "".join(
        f'<tr><th scope="row">{e(r["目标"])}</th><td>{r["提出"]}</td><td>{r["遮盖"]}</td>'
        f"<td>{r['未提及']}</td><td>{e(r['未提及的地区']) or '—'}</td></tr>"
        for _, r in df.iterrows()
    )
    table = (
        '<table class="brief-table compare-counts"><colgroup><col style="width:22%">'
        '<col style="width:4.5em"><col style="width:4.5em"><col style="width:4.5em"><col>'
        "</colgroup><thead><tr><th>目标</th><th>提出</th><th>遮盖</th><th>未提及</th>"
        f"<th>未提及的地区</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    silent = silent_regions(cmp)
    tail = (
        f"没有提出其中任何一项数字目标的地区：{'、'.join(silent)}。"
        if silent
        else f"{n}个地区都至少提出了其中一项数字目标。"
    )
    return (
        f"<h2>各项目标有几个{e(cmp.level_zh)}提出</h2>"
        f'<p class="brief-note">共{n}个地区可读取报告。</p>{table}'
        f'<p class="brief-note">{e(tail)}</p>'
    )


def sources_html(cmp: Comparison, limit: int = 90) -> str:
    """Every headline figure with its sentence: where each cell of the table comes from. The
    printed page lists the GDP growth targets' sentences only (rows of class ``more`` are not
    printed); the HTML and ``compare.csv`` hold them all."""
    rows = []
    for entry in ordered(cmp):
        for col in HEADLINE:
            row = figure_row(cmp, entry.region, col)
            if row is None:
                continue
            when = f"{cmp.year - 1}年" if col.role == "actual" else f"{cmp.year}年目标"
            cls = "key" if col.key == "gdp_target" else "more"
            rows.append(
                f'<tr class="{cls}"><td>{e(entry.name)}</td><td>{e(when)}{e(col.label)}</td>'
                f"<td>{e(row['text'])}</td><td>{_sentence_html(row, limit)}</td></tr>"
            )
    return (
        '<h2>原文出处</h2><p class="brief-note compare-screen-only">表中每个数字所在的原句'
        "（完整原句见 compare.csv 的 sentence 列）。</p>"
        '<p class="brief-note compare-print-only">各地GDP增速目标所在的原句；其他数字的原句见'
        "网页版和 compare.csv 的 sentence 列。</p>"
        '<table class="brief-table compare-sources"><colgroup><col style="width:14%">'
        '<col style="width:17%"><col style="width:13%"><col></colgroup><thead><tr><th>地区</th>'
        f"<th>指标</th><th>原文数字</th><th>原句</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table>"
    )


def _sentence_html(row: pd.Series, limit: int) -> str:
    sentence, fig = text_of(row["sentence"]), text_of(row["text"])
    at = sentence.find(fig) if fig else -1
    if at < 0:
        return e(truncate(sentence, limit))
    before, after = sentence[:at], sentence[at + len(fig) :]
    room = max(limit - len(fig), 10) // 2
    before = ("…" + before[-room:]) if len(before) > room else before
    after = (after[:room] + "…") if len(after) > room else after
    return f"{e(before)}<mark>{e(fig)}</mark>{e(after)}"


def note_html(text: str) -> str:
    """A caption or note under a chart."""
    return f'<p class="brief-note compare-caption">{e(text)}</p>'


# --- chart data --------------------------------------------------------------------------------


def gdp_targets(cmp: Comparison) -> pd.DataFrame:
    """One row per region with a GDP growth target: name, bounds, qualifier, the target as
    written, its plotting value and last year's actual growth (NaN when not stated)."""
    out = []
    for x in cmp.regions:
        if x.status != "ok":
            continue
        t = figure_row(cmp, x.region, HEADLINE[2])
        if t is None or _masked(t):
            continue
        a = figure_row(cmp, x.region, HEADLINE[1])
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
            }
        )
    cols = ["region", "name", "short", "qualifier", "low", "high", "ref", "label", "text", "actual"]
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
    上调 (raised), 持平 (kept) or 下调 (cut), comparing the plotted values (a range's midpoint)."""
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
        change = "上调" if delta > 1e-9 else ("下调" if delta < -1e-9 else "持平")
        out.append({"short": r["short"], "name": r["name"], "before": before, "after": r["ref"],
                    "before_text": target_label(hit.iloc[0]), "after_text": r["label"],
                    "delta": delta, "change": change})  # fmt: skip
    cols = ["short", "name", "before", "after", "before_text", "after_text", "delta", "change"]
    df = pd.DataFrame(out, columns=cols)
    return df.sort_values(["delta", "name"], ascending=[False, True]).reset_index(drop=True)


def _reference_target(cmp: Comparison) -> tuple[float | None, str]:
    if cmp.reference is None:
        return None, ""
    r = figure_row(cmp, cmp.reference.region, HEADLINE[2])
    return (ref_value(r), text_of(r["text"])) if r is not None else (None, "")


# --- charts ------------------------------------------------------------------------------------

_MARKS = ("目标（左右）", "目标（确数）", "目标（以上/以内）", "上年实际增速")


def _domain(values: list[float], pad: float = 0.5) -> list[float]:
    vals = [v for v in values if v is not None and not math.isnan(v)]
    lo, hi = min(vals), max(vals)
    return [math.floor((lo - pad) * 2) / 2, math.ceil((hi + pad) * 2) / 2]


def target_chart(cmp: Comparison):
    """This year's GDP growth target per region, sorted: a dot for 左右, a square for a bare
    figure, a bar for a range, a dot with an arrow to the edge for 以上/以内; last year's actual
    growth as an open circle beside it; the national target as a dashed line."""
    from analysis.briefs import charts  # Altair: imported only when charts are drawn

    alt = charts.alt
    d = gdp_targets(cmp)
    if d.empty:
        return None
    nat, nat_text = _reference_target(cmp)
    lo, hi = _domain([*d["low"], *d["high"], *d["actual"].dropna(), *([nat] if nat else [])])
    order = d["short"].tolist()
    x_scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y = alt.Y("short:N", sort=order, title=None, axis=alt.Axis(labelLimit=120))
    height = max(120, 22 * len(d))

    pts = []
    for _, r in d.iterrows():
        q = r["qualifier"]
        if q in ("approx", "exact", "at_least", "at_most"):
            mark = {"approx": _MARKS[0], "exact": _MARKS[1]}.get(q, _MARKS[2])
            pts.append({"short": r["short"], "x": r["ref"], "标记": mark})
        if not math.isnan(r["actual"]):
            pts.append({"short": r["short"], "x": r["actual"], "标记": _MARKS[3]})
    points = pd.DataFrame(pts, columns=["short", "x", "标记"])
    present = [m for m in _MARKS if m in set(points["标记"])]
    shape = {_MARKS[0]: "circle", _MARKS[1]: "square", _MARKS[2]: "circle", _MARKS[3]: "circle"}
    fill = {_MARKS[0]: charts.INK, _MARKS[1]: charts.INK, _MARKS[2]: charts.INK,
            _MARKS[3]: "white"}  # fmt: skip
    layers = []
    ranges = d[d["qualifier"] == "range"]
    if len(ranges):
        layers.append(
            alt.Chart(ranges).mark_bar(height=9, color=charts.INK)
            .encode(x=alt.X("low:Q", scale=x_scale, title="地区生产总值增速（%）"), x2="high:Q", y=y)
        )  # fmt: skip
    open_rows = []
    for _, r in d[d["qualifier"].isin(["at_least", "at_most"])].iterrows():
        up = r["qualifier"] == "at_least"
        open_rows.append({"short": r["short"], "x0": r["ref"], "x1": hi if up else lo,
                          "shape": "triangle-right" if up else "triangle-left"})  # fmt: skip
    if open_rows:
        o = pd.DataFrame(open_rows)
        layers.append(
            alt.Chart(o).mark_rule(color=charts.INK, strokeWidth=1.5)
            .encode(x=alt.X("x0:Q", scale=x_scale), x2="x1:Q", y=y)
        )  # fmt: skip
        layers.append(
            alt.Chart(o).mark_point(filled=True, color=charts.INK, size=50)
            .encode(x=alt.X("x1:Q", scale=x_scale), y=y, shape=alt.Shape("shape:N", scale=None))
        )  # fmt: skip
    layers.append(
        alt.Chart(points)
        .mark_point(size=70, opacity=1, stroke=charts.INK, strokeWidth=1.2)
        .encode(
            x=alt.X("x:Q", scale=x_scale, title="地区生产总值增速（%）"),
            y=y,
            shape=alt.Shape("标记:N", scale=alt.Scale(domain=present, range=[shape[m] for m in present]),
                            legend=alt.Legend(title=None, orient="bottom", columns=2,
                                              symbolStrokeColor=charts.INK, symbolOpacity=1)),
            fill=alt.Fill("标记:N", scale=alt.Scale(domain=present, range=[fill[m] for m in present]),
                          legend=alt.Legend(title=None, orient="bottom", columns=2,
                                            symbolStrokeColor=charts.INK, symbolOpacity=1)),
            # Encoded (one colour) so the legend draws the open circle's outline too.
            stroke=alt.Stroke("标记:N", scale=alt.Scale(domain=present,
                              range=[charts.INK] * len(present)), legend=alt.Legend(
                              title=None, orient="bottom", columns=2, symbolOpacity=1)),
        )
    )  # fmt: skip
    layers.append(
        alt.Chart(d).mark_text(align="left", dx=6, baseline="middle")
        .encode(y=y, x=alt.value(charts.WIDTH - 170 + 4), text="text:N")
    )  # fmt: skip
    if nat is not None:
        rule = pd.DataFrame({"x": [nat], "label": [f"全国目标 {nat_text}"]})
        layers.append(
            alt.Chart(rule).mark_rule(strokeDash=[4, 3], color=charts.MID)
            .encode(x=alt.X("x:Q", scale=x_scale))
        )  # fmt: skip
        layers.append(
            alt.Chart(rule).mark_text(align="left", dx=3, dy=-6, baseline="bottom",
                                      color=charts.MID)
            .encode(x=alt.X("x:Q", scale=x_scale), y=alt.value(0), text="label:N")
        )  # fmt: skip
    return alt.layer(*layers).properties(
        title=f"{cmp.year}年地区生产总值增速目标（右列为原文写法）",
        width=charts.WIDTH - 170,
        height=height,
    )


def scatter_chart(cmp: Comparison):
    """This year's GDP growth target (a range at its midpoint) against last year's actual
    growth; the dashed diagonal is "target = last year's growth"."""
    from analysis.briefs import charts  # Altair: imported only when charts are drawn

    alt = charts.alt
    d = gdp_targets(cmp).dropna(subset=["actual"])
    if d.empty:
        return None
    groups = (
        d.groupby(["actual", "ref"], sort=False)["short"].agg(lambda s: "、".join(s)).reset_index()
    )
    nat, _ = _reference_target(cmp)
    lo, hi = _domain([*d["actual"], *d["ref"], *([nat] if nat else [])])
    scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    diag = pd.DataFrame({"x": [lo, hi], "y": [lo, hi]})
    line = (
        alt.Chart(diag)
        .mark_line(strokeDash=[4, 3], color=charts.MID)
        .encode(
            x=alt.X("x:Q", scale=scale, title=f"{cmp.year - 1}年实际增速（%）"),
            y=alt.Y("y:Q", scale=scale, title=f"{cmp.year}年目标（%，区间取中值）"),
        )
    )
    dots = (
        alt.Chart(groups)
        .mark_point(filled=True, color=charts.INK, size=60)
        .encode(x=alt.X("actual:Q", scale=scale), y=alt.Y("ref:Q", scale=scale))
    )
    labels = (
        alt.Chart(groups)
        .mark_text(align="left", dx=6, baseline="middle", fontSize=10)
        .encode(x=alt.X("actual:Q", scale=scale), y=alt.Y("ref:Q", scale=scale), text="short:N")
    )
    size = charts.WIDTH - 160
    return (line + dots + labels).properties(
        title="今年目标与上年实际：虚线上方的目标高于上年实际增速", width=size, height=size * 0.75
    )


def histogram_chart(cmp: Comparison):
    """How many regions chose each GDP growth target (as written), with their names."""
    from analysis.briefs import charts  # Altair: imported only when charts are drawn

    alt = charts.alt
    d = gdp_targets(cmp)
    if d.empty:
        return None
    g = (
        d.groupby("label", sort=False)
        .agg(n=("short", "size"), names=("short", lambda s: "、".join(s)), ref=("ref", "max"))
        .reset_index()
    )
    silent = [x for x in cmp.regions if x.status == "ok" and x.region not in set(d["region"])]
    if silent:
        names = "、".join(short_name(x.name) for x in silent)
        g.loc[len(g)] = {"label": "未提及", "n": len(silent), "names": names, "ref": -math.inf}
    g = g.sort_values("ref", ascending=False)
    g["note"] = [f"{n}个：{truncate(s, 28)}" for n, s in zip(g["n"], g["names"], strict=True)]
    g["kind"] = ["未提及" if lb == "未提及" else "目标" for lb in g["label"]]
    y = alt.Y("label:N", sort=g["label"].tolist(), title=None)
    top = float(g["n"].max())
    bars = alt.Chart(g).mark_bar(height=14, stroke=charts.INK).encode(
        y=y,
        x=alt.X("n:Q", title="地区数", scale=alt.Scale(domain=[0, top * 2.6], nice=False),
                axis=alt.Axis(tickMinStep=1, format="d")),
        fill=alt.Fill("kind:N", scale=alt.Scale(domain=["目标", "未提及"],
                      range=[charts.INK, "white"]), legend=None),
    )  # fmt: skip
    text = (
        alt.Chart(g)
        .mark_text(align="left", dx=4, baseline="middle", fontSize=10)
        .encode(y=y, x="n:Q", text="note:N")
    )
    return (bars + text).properties(
        title="各种GDP增速目标各有几个地区", width=charts.WIDTH - 140, height=max(60, 24 * len(g))
    )


def gap_chart(cmp: Comparison):
    """This year's GDP growth target minus last year's actual growth, per region."""
    from analysis.briefs import charts  # Altair: imported only when charts are drawn

    alt = charts.alt
    d = gap_data(cmp)
    if d.empty:
        return None
    d["side"] = ["高于上年实际" if g > 1e-9 else "不高于上年实际" for g in d["gap"]]
    d["note"] = [f"{g:+.1f}".replace("+0.0", "0").replace("-0.0", "0") for g in d["gap"]]
    span = max(1.0, float(d["gap"].abs().max()))
    y = alt.Y("short:N", sort=d["short"].tolist(), title=None)
    x = alt.X("gap:Q", title="目标减上年实际增速（百分点，区间取中值）",
              scale=alt.Scale(domain=[-span * 1.3, span * 1.3], nice=False))  # fmt: skip
    bars = alt.Chart(d).mark_bar(height=12, stroke=charts.INK).encode(
        y=y,
        x=x,
        fill=alt.Fill("side:N", scale=alt.Scale(domain=["高于上年实际", "不高于上年实际"],
                      range=[charts.INK, "white"]), legend=alt.Legend(title=None, orient="bottom")),
    )  # fmt: skip
    pos, neg = d[d["gap"] >= 0], d[d["gap"] < 0]
    text = alt.Chart(pos).mark_text(baseline="middle", fontSize=10, align="left", dx=4).encode(
        y=y, x=x, text="note:N"
    ) + alt.Chart(neg).mark_text(baseline="middle", fontSize=10, align="right", dx=-4).encode(
        y=y, x=x, text="note:N"
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color=charts.MID).encode(x="x:Q")
    return (bars + text + zero).properties(
        title="目标比上年实际增速高还是低", width=charts.WIDTH - 170, height=max(80, 20 * len(d))
    )


def change_chart(cmp: Comparison):
    """Last year's GDP growth target (open) against this year's (filled), per region: who
    raised, kept or cut it. ``None`` without last year's reports."""
    from analysis.briefs import charts  # Altair: imported only when charts are drawn

    alt = charts.alt
    d = target_changes(cmp)
    if d.empty:
        return None
    n = Counter(d["change"])
    lo, hi = _domain([*d["before"], *d["after"]])
    scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y = alt.Y("short:N", sort=d["short"].tolist(), title=None)
    d["note"] = [f"{c}（{b}→{a}）" for c, b, a in zip(d["change"], d["before_text"],
                                                     d["after_text"], strict=True)]  # fmt: skip
    rule = alt.Chart(d).mark_rule(color=charts.MID, strokeWidth=2).encode(
        y=y, x=alt.X("before:Q", scale=scale, title="地区生产总值增速目标（%，区间取中值）"),
        x2="after:Q",
    )  # fmt: skip
    long = d.melt(id_vars=["short"], value_vars=["before", "after"], var_name="w", value_name="x")
    long["w"] = long["w"].map({"before": f"{cmp.year - 1}年目标", "after": f"{cmp.year}年目标"})
    dom = [f"{cmp.year - 1}年目标", f"{cmp.year}年目标"]
    dots = alt.Chart(long).mark_point(size=70, stroke=charts.INK, opacity=1).encode(
        y=y, x=alt.X("x:Q", scale=scale),
        fill=alt.Fill("w:N", scale=alt.Scale(domain=dom, range=["white", charts.INK]),
                      legend=alt.Legend(title=None, orient="bottom")),
    )  # fmt: skip
    text = (
        alt.Chart(d)
        .mark_text(align="left", dx=6, baseline="middle", fontSize=10)
        .encode(y=y, x=alt.value(charts.WIDTH - 200 + 4), text="note:N")
    )
    head = f"上调{n['上调']}个、持平{n['持平']}个、下调{n['下调']}个"
    return (rule + dots + text).properties(
        title=f"与{cmp.year - 1}年目标相比：{head}", width=charts.WIDTH - 200,
        height=max(80, 22 * len(d)),
    )  # fmt: skip


def chart_list(cmp: Comparison) -> list[tuple[object, str]]:
    """The comparison's charts with their captions, in page order (charts without data left
    out)."""
    items = [
        (target_chart(cmp), "点为“左右”，方块为只写一个数的目标，横条为区间（如5%—5.5%），箭头指向"
         "“以上/以内”目标的开放一侧；空心圆为上年实际增速。"),
        (histogram_chart(cmp), "按原文写法归类；“未提及”为报告没有提出GDP增速目标的地区。"),
        (scatter_chart(cmp), "横轴为上年实际增速，纵轴为今年目标；同一点的地区并列标注。"),
        (gap_chart(cmp), "今年目标减上年实际增速：正数表示目标高于上年实际。"),
        (change_chart(cmp), "空心为上年目标，实心为今年目标；区间目标取中值比较。"),
    ]  # fmt: skip
    return [(c, cap) for c, cap in items if c is not None]


def svg(chart) -> str:
    """The chart as inline SVG (house theme)."""
    from analysis.briefs import charts

    return charts.to_svg(chart)
