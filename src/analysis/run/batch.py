"""``briefs batch``: every report of every region, in stages, on one set of warm workers.

Layout: ``<data>/<region>/<report files>`` (or ``<data>`` itself holding report files: its
name is the region); what a report file is: :mod:`analysis.extract.files`. Stages:

1. **extract** each report once into ``<out>/<region>/<year>/`` (``indicators.parquet``,
   ``indicators.csv``, ``report.json``: :mod:`analysis.extracted`); every later stage reads it;
2. **briefs**: ``notebooks/brief.ipynb`` per (region, year) → ``brief.ipynb`` (the executed
   notebook, kept as the record), ``brief.html``, ``brief.pdf``, ``provenance.json`` (last);
3. **region tables**: ``<out>/<region>/indicators.csv`` and ``targets.csv``;
4. **trends**: ``notebooks/trends.ipynb`` per region with two or more reports;
5. ``<out>/index.html``, last, also when interrupted.

Unchanged jobs are skipped in this process before any worker starts (keys:
:mod:`analysis.run.jobs`); a failing job never stops the others.
"""

from __future__ import annotations

import html
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from analysis.briefs.render import write_text
from analysis.briefs.source import index_label as source_label
from analysis.errors import AnalysisError, InputError, OutputError
from analysis.extract.metadata import read_region_meta
from analysis.run import provenance
from analysis.run.jobs import (
    FORMATS,
    Job,
    Result,
    discover,
    parse_years,
    plan_briefs,
    plan_extractions,
    plan_trends,
    unchanged,
)
from analysis.run.pool import Backend, backend
from analysis.run.regions import write_region_outputs
from analysis.store import locked, remove_temporaries


def _progress(total: int):
    """tqdm on a terminal, plain log lines otherwise."""
    if sys.stderr.isatty():
        from tqdm import tqdm  # only on a terminal

        bar = tqdm(total=total, unit="job", file=sys.stderr)
        return lambda r: (bar.set_postfix_str(f"{r.label} {r.status}"), bar.update(1)), bar.close
    done = [0]

    def log(r: Result) -> None:
        done[0] += 1
        took = sum(r.timings.values())
        extra = f" ({took:.1f} s)" if took else ""
        print(f"[{done[0]}/{total}] {r.label}: {r.status}{extra}", file=sys.stderr, flush=True)

    return log, lambda: None


def _check_out(out: Path) -> None:
    """Fail before any job when ``out`` cannot be written: one line, no work done in vain."""

    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test.", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise OutputError(out, f"cannot write: {e.strerror or e}") from e


def write_index(out: Path, results: list[Result]) -> None:
    """``<out>/index.html``: this run's results and every brief already in ``out``, written
    under ``<out>/.index.lock`` (two batches take turns; the page matches the files on disk)."""

    with locked(out / ".index.lock"):
        remove_temporaries(out, ("index.html",))
        write_text(index_html(out, results + earlier_results(out, results)), out / "index.html")


def earlier_results(out: Path, results: list[Result]) -> list[Result]:
    """Briefs already in ``out`` that this run did not touch (other regions or years), so the
    index lists every brief, not only this run's."""
    seen = {(r.kind, r.region, r.report_year) for r in results}
    found: list[Result] = []
    if not out.is_dir():
        return found
    for region_dir in sorted(p for p in out.iterdir() if p.is_dir()):
        region = region_dir.name
        for year_dir in sorted(p for p in region_dir.iterdir() if p.is_dir() and p.name.isdigit()):
            year = int(year_dir.name)
            if ("brief", region, year) in seen:
                continue
            if (year_dir / "provenance.json").exists():
                found.append(Result("brief", region, year, "earlier", str(year_dir)))
            elif (year_dir / "brief.failed.ipynb").exists():
                found.append(Result("brief", region, year, "failed", str(year_dir),
                                    error="上次运行失败，详见失败的notebook"))  # fmt: skip
        if ("trends", region, None) not in seen and (
            region_dir / "trends.provenance.json"
        ).exists():
            found.append(Result("trends", region, None, "earlier", str(region_dir)))
    return found


INDEX_COLS = (
    '<colgroup><col style="width:8em"><col style="width:7em"><col style="width:16em"><col>'
    "</colgroup>"
)
STATUS_ZH = {
    "ok": "完成", "skipped": "未变（沿用）", "earlier": "沿用（本次未运行）", "failed": "失败"
}  # fmt: skip


def _region_title(region: str, results: list[Result]) -> str:
    """``某县（mouxian）``: the display name from the region's region.toml, found through a
    brief's provenance record; the slug alone when there is none."""

    for r in results:
        record = provenance.read(Path(r.out_dir) / "provenance.json") if r.kind == "brief" else None
        data_dir = (record or {}).get("parameters", {}).get("data_dir")
        if data_dir:
            try:
                name = read_region_meta(Path(data_dir)).name
            except AnalysisError:
                break
            return f"{name}（{region}）" if name and name != region else region
    return region


def index_html(out: Path, results: list[Result]) -> str:
    """A self-contained page listing every brief by region and year, with links and status."""

    def e(s: object) -> str:
        return html.escape(str(s), quote=True)

    def link(r: Result, name: str, text: str) -> str:
        path = Path(r.out_dir) / name
        if not path.exists():
            return ""
        rel = path.relative_to(out.resolve()).as_posix()
        return f'<a href="{e(quote(rel))}">{e(text)}</a>'

    rows_by_region: dict[str, list[Result]] = {}
    for r in results:
        rows_by_region.setdefault(r.region, []).append(r)
    parts = []
    for region in sorted(rows_by_region):
        rows = []
        for r in sorted(
            rows_by_region[region], key=lambda r: (r.kind != "brief", r.report_year or 0)
        ):
            stem = "brief" if r.kind == "brief" else "trends"
            links = " ".join(
                x for x in (link(r, f"{stem}.html", "HTML"), link(r, f"{stem}.pdf", "PDF"),
                            link(r, "source.html", source_label(r.out_dir)),
                            link(r, f"{stem}.ipynb", "notebook"),
                            link(r, f"{stem}.failed.ipynb", "失败的notebook")) if x
            )  # fmt: skip
            what = {"brief": f"{r.report_year}年报告", "trends": "历年走势"}.get(
                r.kind, "目标对照表"
            )
            err = f"{r.cell}：{r.error}" if r.cell else r.error
            rows.append(
                f'<tr class="{e(r.status)}"><td>{e(what)}</td><td>{e(STATUS_ZH.get(r.status, r.status))}</td>'
                f"<td>{links}</td><td>{e(err)}</td></tr>"
            )
        extra = " ".join(
            f'<a href="{e(quote(region))}/{n}">{n}</a>'
            for n in ("indicators.csv", "targets.csv") if (out / region / n).exists()
        )  # fmt: skip
        parts.append(
            f"<h2>{e(_region_title(region, rows_by_region[region]))}</h2><p>{extra}</p><table>{INDEX_COLS}<thead><tr><th>简报</th><th>状态</th>"
            f"<th>文件</th><th>错误</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    failed = sum(r.status == "failed" for r in results)
    summary = f"共{len(results)}项，失败{failed}项。"
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>简报目录</title>'
        '<style>body{font-family:"Noto Sans CJK SC","Noto Sans CJK JP",sans-serif;'
        "max-width:960px;margin:24px auto;padding:0 16px;color:#111}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:4px 8px;"
        "text-align:left;vertical-align:top}th{background:#eee}tr.failed td{background:#fbeaea}"
        "a{margin-right:8px}</style></head><body>"
        f"<h1>简报目录</h1><p>{e(summary)}</p>{''.join(parts)}</body></html>\n"
    )


def run_stage(be: Backend, jobs: list[Job]) -> list[Result]:
    """Run one stage's jobs on ``be``, reporting progress; results in job order. Unchanged jobs
    are skipped here, before any worker starts."""
    if not jobs:
        return []
    tick, close = _progress(len(jobs))
    try:
        skipped: dict[int, Result] = {}
        for i, job in enumerate(jobs):
            skip = unchanged(job)
            if skip is not None:
                skipped[i] = skip
                tick(skip)
        todo = [j for i, j in enumerate(jobs) if i not in skipped]
        ran = iter(be.run(todo, tick) if todo else [])
        return [skipped[i] if i in skipped else next(ran) for i in range(len(jobs))]
    finally:
        close()


def batch(
    data: str | Path = "data/raw",
    out: str | Path = "reports",
    regions: list[str] | None = None,
    years: str | None = None,
    workers: int = 2,
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    notebook: str | Path | None = None,
    scheduler: str | None = None,
) -> list[Result]:
    """Build every brief under ``data`` into ``out``; returns one result per brief, trends
    and failed region table (extractions that fail show as their brief's failure).

    ``scheduler`` (a Dask address, see :mod:`analysis.run.cluster`) runs the jobs on a cluster
    instead of ``workers`` local processes; ``out`` must then be a path the workers share.
    """
    out = Path(out).resolve()
    wanted = parse_years(years)
    found = discover(data, regions)
    doubles = [
        Result("brief", region, year, "failed", str(out / region / str(year)),
               error=f"two report files for {year} ({', '.join(names)}); keep one")
        for region, reports in found.items()
        for year, names in reports.duplicates.items()
        if wanted is None or year in wanted
    ]  # fmt: skip
    briefs = plan_briefs(found, out, wanted, formats, force, Path(notebook) if notebook else None)
    if not briefs and not doubles:
        raise InputError(data, "no report files (<year>.txt|html|docx|pdf)")
    _check_out(out)
    results: list[Result] = []
    try:
        with backend(workers, scheduler) as be:
            extractions = run_stage(be, plan_extractions(found, out, wanted))
            failed = {(r.region, r.report_year): r for r in extractions if r.status == "failed"}
            # A report that cannot be extracted fails its brief, with the extraction's error.
            ready = [j for j in briefs if (j.region, j.report_year) not in failed]
            results = [
                Result("brief", j.region, j.report_year, "failed", j.out_dir,
                       error=failed[(j.region, j.report_year)].error)
                for j in briefs if (j.region, j.report_year) in failed
            ]  # fmt: skip
            results += run_stage(be, ready) + doubles
            for region, reports in found.items():
                extracted = [y for y in reports.by_year if (region, y) not in failed]
                problem = write_region_outputs(out, region, extracted, force)
                if problem:
                    results.append(
                        Result("region", region, None, "failed", str(out / region), problem)
                    )
            results += run_stage(be, plan_trends(found, out, formats, force))
    finally:  # interrupted or not, the index lists every brief that is complete
        write_index(out, results or doubles)
    return results
