"""The front page ``reports/index.html``: per report year, the comparison's headline table
first (sortable by a click on a header), then each region's brief, its source view (labelled
with the count of numbers not extracted, so coverage shows across a corpus) and its trends;
failures listed as failures.

Rendered from ``templates/index.html.j2`` with Jinja2 autoescape: region names, errors and
paths are text, whatever they hold. The page is one offline file (a small inline script sorts
the tables; without it they read in their printed order) and reads on a 390 px phone (wide
tables scroll in their own box). The headline table is rebuilt from what the comparison wrote,
``compare/<year>/compare.csv`` and ``regions.json``, never from the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from analysis import keys
from analysis.briefs.blocks import TEMPLATES
from analysis.briefs.source import index_label
from analysis.errors import AnalysisError
from analysis.extract.metadata import RegionMeta, read_region_meta

STATUS_ZH = {
    "ok": "完成", "skipped": "未变（沿用）", "earlier": "沿用（本次未运行）", "failed": "失败"
}  # fmt: skip


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def region_title(region: str, results: list) -> str:
    """``某县（mouxian）``: the region's label (:attr:`RegionMeta.label`) from its region.toml,
    found through a brief's provenance record; from the folder name alone when there is none."""
    for r in results:
        record = keys.read(Path(r.out_dir) / "provenance.json") if r.kind == "brief" else None
        data_dir = (record or {}).get("parameters", {}).get("data_dir")
        if data_dir:
            try:
                return read_region_meta(Path(data_dir)).label
            except AnalysisError:
                break
    return RegionMeta(region, region, "", "").label


@dataclass
class Link:
    """A link on the page (``href`` already URL-quoted and relative to the index)."""

    href: str
    text: str


@dataclass
class Row:
    """One region in one year: its brief, its trends, status and error."""

    title: str
    status: str
    status_zh: str
    brief: list[Link]
    trends: list[Link]
    error: str


@dataclass
class CompareBlock:
    """A year's comparison: its title, links, headline table (HTML built with escaping) or
    the reason there is none."""

    title: str
    links: list[Link]
    table: Markup | None
    status: str
    error: str = ""


@dataclass
class YearBlock:
    """Everything the page shows for one report year."""

    year: int
    compare: CompareBlock | None
    rows: list[Row] = field(default_factory=list)


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
    level_zh = comparison.LEVEL_ZH.get((manifest or {}).get("level", ""), "地区")
    title = f"{year}年各{level_zh}主要目标对比"
    links = _links(out, folder, [("compare.html", "HTML"), ("compare.pdf", "PDF"),
                                 ("compare.en.html", "English"), ("compare.en.pdf", "English PDF"),
                                 ("compare.csv", "CSV"), ("compare.failed.ipynb", "失败的notebook"),
                                 ("compare.en.failed.ipynb", "failed notebook (en)")])  # fmt: skip
    if result is not None and result.status == "failed":
        return CompareBlock(title, links, None, "failed", _error(result))
    csv = folder / "compare.csv"
    if manifest is None or not csv.is_file():
        return CompareBlock(title, links, None, "failed", "对比表尚未生成")
    try:
        figures = pd.read_csv(csv, dtype={"region": str, "name": str, "text": str})
        cmp = comparison.from_records(year, manifest["level"], [
            r for r in manifest["regions"] if r.get("level") != "national"], figures)  # fmt: skip
        table = Markup(compare.headline_html(cmp, link_prefix="", sortable=True))
    except (KeyError, ValueError, OSError) as e:
        return CompareBlock(title, links, None, "failed", f"compare.csv: {e}")
    return CompareBlock(title, links, table, "ok")


def page_data(out: Path, results: list) -> list[YearBlock]:
    """The page's content, newest year first. Each brief's row links its source view with the
    count of numbers not extracted (issue 13: coverage visible across a corpus)."""
    by_region: dict[str, list] = {}
    for r in results:
        by_region.setdefault(r.region, []).append(r)
    compare_results: dict = {}
    for r in by_region.pop("compare", []):  # a year's two jobs (zh, en): a failure shows
        if r.kind == "compare" and (r.report_year not in compare_results or r.status == "failed"):
            compare_results[r.report_year] = r
    titles = {region: region_title(region, rs) for region, rs in by_region.items()}
    years: dict[int, YearBlock] = {}
    for region in sorted(by_region):
        rs = by_region[region]
        trends = next((r for r in rs if r.kind == "trends"), None)
        trend_links = []
        if trends is not None:
            trend_links = _links(out, Path(trends.out_dir), [("trends.html", "HTML"),
                                                             ("trends.pdf", "PDF")])  # fmt: skip
            if trends.status == "failed":
                trend_links.append(Link("", f"失败：{_error(trends)}"))
        trend_links += _links(out, out / region, [("indicators.csv", "indicators.csv"),
                                                  ("targets.csv", "targets.csv")])  # fmt: skip
        for r in sorted((r for r in rs if r.kind == "brief"), key=lambda r: r.report_year or 0):
            links = _links(out, Path(r.out_dir), [
                ("brief.html", "HTML"), ("brief.pdf", "PDF"), ("brief.ipynb", "notebook"),
                ("brief.failed.ipynb", "失败的notebook"),
                ("source.html", index_label(r.out_dir))])  # fmt: skip
            block = years.setdefault(r.report_year, YearBlock(r.report_year, None))
            block.rows.append(Row(titles[region], r.status, STATUS_ZH.get(r.status, r.status),
                                  links, trend_links, _error(r)))  # fmt: skip
    for year in set(years) | set(compare_results):
        block = years.setdefault(year, YearBlock(year, None))
        block.compare = _compare_block(out, year, compare_results.get(year))
    for block in years.values():  # failed briefs first: they need a look
        block.rows.sort(key=lambda row: (row.status != "failed", row.title))
    return [years[y] for y in sorted(years, reverse=True)]


def other_failures(results: list) -> list[Row]:
    """Failures that belong to no year: a region's tables (targets.csv) or its trends."""
    rows = []
    for r in results:
        if r.status == "failed" and r.kind not in ("brief", "compare", "trends"):
            rows.append(Row(r.region, r.status, STATUS_ZH["failed"], [], [], _error(r)))
    return rows


def index_html(out: Path, results: list) -> str:
    """The front page for ``out`` listing ``results`` (:class:`analysis.run.jobs.Result`)."""
    out = Path(out)
    failed = sum(r.status == "failed" for r in results)
    briefs = sum(r.kind == "brief" for r in results)
    summary = f"共{len(results)}项（简报{briefs}份），失败{failed}项。"
    years = page_data(out, results)
    template = _env().get_template("index.html.j2")
    return template.render(
        years=years,
        sortable=any(y.compare is not None and y.compare.table for y in years),
        others=other_failures(results),
        summary=summary,
        css=Markup((TEMPLATES / "brief" / "compare.css").read_text(encoding="utf-8")),
    )
