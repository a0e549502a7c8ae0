"""The front page ``reports/index.html``, for readers: a short navigation (comparisons, trends,
regions, data), then each year's comparison (the newest with its headline table, sortable by a
click on a header), then each region's trends, then every region's briefs grouped by level and,
within a region, by decade (the newest decade open, older ones folded), then the one-file
dataset. What a batch did this time (built, unchanged, kept from an earlier run) is the batch's
own output, not the page's; briefs that could not be made are listed last, with their errors.

Rendered from ``templates/index.html.j2`` with Jinja2 autoescape: region names, errors and
paths are text, whatever they hold. The page is one offline file (a small inline script sorts
the table; without it the table reads in its printed order) and reads on a 390 px phone. The
headline table is rebuilt from what the comparison wrote, ``compare/<year>/compare.csv`` and
``regions.json``, never from the reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from analysis import keys
from analysis.briefs.blocks import TEMPLATES
from analysis.briefs.source import index_label
from analysis.errors import AnalysisError
from analysis.extract.metadata import RegionMeta, read_region_meta
from analysis.labels import region_level


def _p(key: str, **values: object) -> str:
    from analysis import labels

    return labels.phrase("index", key, **values)


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def region_meta(region: str, results: list) -> RegionMeta:
    """The region's metadata from its region.toml, found through a brief's provenance record;
    from the folder name alone when there is none (``national`` still reads 全国)."""
    for r in results:
        record = keys.read(Path(r.out_dir) / "provenance.json") if r.kind == "brief" else None
        data_dir = (record or {}).get("parameters", {}).get("data_dir")
        if data_dir:
            try:
                return read_region_meta(Path(data_dir))
            except AnalysisError:
                break
    return RegionMeta(region, region, region_level(region), "")


def region_title(region: str, results: list) -> str:
    """``某县（mouxian）``: the region's label (:attr:`RegionMeta.label`)."""
    return region_meta(region, results).label


@dataclass
class Link:
    """A link on the page (``href`` already URL-quoted and relative to the index)."""

    href: str
    text: str


@dataclass
class YearRow:
    """One brief of a region: its year and links (none when it failed: see the failures)."""

    year: int
    links: list[Link]


@dataclass
class Decade:
    """A region's briefs of one decade, newest first; ``open`` for the newest decade."""

    label: str
    rows: list[YearRow]
    open: bool


@dataclass
class RegionCard:
    """A region: its name, its briefs by decade, its trends and its tables."""

    title: str
    level: str
    decades: list[Decade]
    trends: list[Link]


@dataclass
class Failure:
    """Something a batch could not make: what, its links (a failed notebook) and the error."""

    title: str
    links: list[Link]
    error: str


@dataclass
class CompareBlock:
    """A year's comparison: its title, links, headline table (HTML built with escaping) or
    the reason there is none."""

    year: int
    title: str
    links: list[Link]
    table: Markup | None
    status: str
    error: str = ""


def _links(out: Path, folder: Path, names: list[tuple[str, str]]) -> list[Link]:
    links = []
    for name, text in names:
        path = folder / name
        if path.exists():
            rel = path.resolve().relative_to(out.resolve()).as_posix()
            links.append(Link(quote(rel), text))
    return links


def _error(r) -> str:
    return f"{r.cell}：{r.error}" if r.cell else r.error


def _compare_block(out: Path, year: int, result) -> CompareBlock | None:
    """The comparison of ``year`` from ``compare/<year>/`` (``result``: this run's job, if any)."""
    import pandas as pd

    from analysis.briefs import compare
    from analysis.run.compare_jobs import read_manifest
    from analysis.tables import compare as comparison

    folder = out / "compare" / str(year)
    manifest = read_manifest(folder)
    if manifest is None and result is None:
        return None
    level_zh = comparison.LEVEL_ZH.get((manifest or {}).get("level", ""), _p("region"))
    title = _p("compare_title", year=year, level=level_zh)
    links = _links(out, folder, [("compare.html", "HTML"), ("compare.pdf", "PDF"),
                                 ("compare.en.html", "English"), ("compare.en.pdf", "English PDF"),
                                 ("compare.csv", "CSV"), ("compare.failed.ipynb", _p("failed_notebook")),
                                 ("compare.en.failed.ipynb", "failed notebook (en)")])  # fmt: skip
    if result is not None and result.status == "failed":
        return CompareBlock(year, title, links, None, "failed", _error(result))
    csv = folder / "compare.csv"
    if manifest is None or not csv.is_file():
        return CompareBlock(year, title, links, None, "failed", _p("compare_missing"))
    try:
        figures = pd.read_csv(
            csv, encoding="utf-8-sig", dtype={"region": str, "name": str, "text": str}
        )
        cmp = comparison.from_records(year, manifest["level"], [
            r for r in manifest["regions"] if r.get("level") != "national"], figures)  # fmt: skip
        table = Markup(compare.headline_html(cmp, link_prefix="", sortable=True))
    except (KeyError, ValueError, OSError) as e:
        return CompareBlock(year, title, links, None, "failed", f"compare.csv: {e}")
    return CompareBlock(year, title, links, table, "ok")


#: The order of the level groups on the page (others after, then regions without a level).
LEVEL_ORDER = ("national", "province", "city", "prefecture", "district", "county", "town")


def _decades(rows: list[YearRow]) -> list[Decade]:
    """Briefs by decade, newest first: ``2020年代`` (the newest open, older ones folded)."""
    by: dict[int, list[YearRow]] = {}
    for row in sorted(rows, key=lambda r: -r.year):
        by.setdefault(row.year // 10 * 10, []).append(row)
    return [
        Decade(_p("decade", decade=d), by[d], i == 0)
        for i, d in enumerate(sorted(by, reverse=True))
    ]


@dataclass
class Page:
    """What the front page shows (see the module)."""

    compares: list[CompareBlock]
    trends: list[RegionCard]
    groups: list[tuple[str, list[RegionCard]]]
    failures: list[Failure]
    datasets: list[Link]
    years: str
    n_briefs: int


def page_data(out: Path, results: list) -> Page:
    """The page's content from this run's ``results`` and what earlier runs left in ``out``."""
    from analysis import labels

    by_region: dict[str, list] = {}
    for r in results:
        by_region.setdefault(r.region, []).append(r)
    compare_results: dict = {}
    for r in by_region.pop("compare", []):  # a year's two jobs (zh, en): a failure shows
        if r.kind == "compare" and (r.report_year not in compare_results or r.status == "failed"):
            compare_results[r.report_year] = r
    failures: list[Failure] = []
    cards: list[RegionCard] = []
    for region in sorted(by_region):
        rs = by_region[region]
        meta = region_meta(region, rs)
        title = meta.label
        trends = next((r for r in rs if r.kind == "trends"), None)
        trend_links = []
        if trends is not None:
            trend_links = _links(out, Path(trends.out_dir), [("trends.html", "HTML"),
                                                             ("trends.pdf", "PDF")])  # fmt: skip
            if trends.status == "failed":
                failures.append(Failure(_p("trends_failed", region=title), [], _error(trends)))
        trend_links += _links(out, out / region, [("indicators.csv", "indicators.csv"),
                                                  ("targets.csv", "targets.csv")])  # fmt: skip
        rows = []
        for r in sorted((r for r in rs if r.kind == "brief"), key=lambda r: r.report_year or 0):
            if r.status == "failed":
                failed = _links(
                    out, Path(r.out_dir), [("brief.failed.ipynb", _p("failed_notebook"))]
                )
                failures.append(Failure(f"{title} · {r.report_year}", failed, _error(r)))
                continue
            links = _links(out, Path(r.out_dir), [
                ("brief.html", "HTML"), ("brief.pdf", "PDF"), ("brief.ipynb", "notebook"),
                ("source.html", index_label(r.out_dir))])  # fmt: skip
            rows.append(YearRow(int(r.report_year), links))
        for r in rs:
            if r.status == "failed" and r.kind not in ("brief", "trends"):
                failures.append(Failure(title or r.kind, [], _error(r)))
        cards.append(RegionCard(title, meta.level, _decades(rows), trend_links))
    level_names = labels.of("level")
    rank = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    cards.sort(key=lambda c: (rank.get(c.level, len(rank)), c.title))
    groups: dict[str, list[RegionCard]] = {}
    for c in cards:
        if c.decades:
            groups.setdefault(level_names.get(c.level, _p("other_regions")), []).append(c)
    compares = []
    for year in sorted(set(compare_results) | _compare_years(out), reverse=True):
        block = _compare_block(out, year, compare_results.get(year))
        if block is not None:
            compares.append(block)
            if block.status == "failed":
                failures.append(Failure(block.title, block.links, block.error))
    years = sorted(row.year for c in cards for d in c.decades for row in d.rows)
    span = (
        "" if not years else (f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}")
    )
    return Page(
        compares=compares,
        trends=[c for c in cards if c.trends],
        groups=list(groups.items()),
        failures=failures,
        datasets=_links(
            out,
            out,
            [("indicators.parquet", "indicators.parquet"), ("targets.parquet", "targets.parquet")],
        ),  # fmt: skip
        years=span,
        n_briefs=len(years),
    )


def _compare_years(out: Path) -> set[int]:
    """The years an earlier run compared (``compare/<year>/``)."""
    folder = out / "compare"
    if not folder.is_dir():
        return set()
    return {int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit()}


def index_html(out: Path, results: list) -> str:
    """The front page for ``out`` listing ``results`` (:class:`analysis.run.jobs.Result`) and
    what earlier runs left there."""
    page = page_data(Path(out), results)
    template = _env().get_template("index.html.j2")
    return template.render(
        page=page,
        sortable=any(c.table for c in page.compares),
        css=Markup((TEMPLATES / "brief" / "compare.css").read_text(encoding="utf-8")),
    )
