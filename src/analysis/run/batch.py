"""``briefs batch``: every report of every region, in stages, on one set of warm workers.

Layout: ``<data>/<region>/<report files>`` (or ``<data>`` itself holding report files: its
name is the region); what a report file is: :mod:`analysis.extract.files`. Stages:

1. **extract** each report once into ``<out>/<region>/<year>/`` (``indicators.parquet``,
   ``indicators.csv``, ``report.json``: :mod:`analysis.extracted`); every later stage reads it;
2. **region tables**: ``<out>/<region>/indicators.csv`` and ``targets.csv``;
3. **briefs and trends**, side by side: ``notebooks/brief.ipynb`` per (region, year) →
   ``brief.ipynb`` (the executed notebook, kept as the record), ``brief.html``, ``brief.pdf``,
   ``provenance.json`` (last); ``notebooks/trends.ipynb`` per region with two or more reports;
4. **comparisons** of each year's regions (they record the briefs' keys);
5. ``<out>/index.html``, last, also when interrupted.

Unchanged jobs are skipped in this process before any worker starts (keys:
:mod:`analysis.run.jobs`); a failing job never stops the others.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from analysis.briefs.render import write_text
from analysis.errors import AnalysisError, InputError, OutputError, one_line
from analysis.extract.files import discover
from analysis.run import compare_jobs
from analysis.run.backend import Backend
from analysis.run.combined import write_combined
from analysis.run.index import index_html
from analysis.run.jobs import (
    FORMATS,
    Job,
    Result,
    parse_years,
    plan_briefs,
    plan_extractions,
    plan_trends,
    unchanged,
)
from analysis.run.pool import backend
from analysis.run.regions import write_region_outputs
from analysis.store import output_lock, remove_temporaries


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
        line = one_line(f"[{done[0]}/{total}] {r.label}: {r.status}{extra}")  # hook: one line
        print(line, file=sys.stderr, flush=True)

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
    under the lock of ``<out>/index`` (two batches take turns; the page matches the files on disk)."""

    with output_lock(out / "index"):
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
    ] + [
        Result("brief", region, year, "failed", str(out / region / str(year)), error=problem)
        for region, reports in found.items()
        for year, problem in reports.refused.items()
        if wanted is None or year in wanted
    ]  # fmt: skip  # years never read: two files, a link leaving the data folder, a pipe
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
            regions_failed = []
            for region, reports in found.items():
                extracted = [y for y in reports.by_year if (region, y) not in failed]
                problem = write_region_outputs(out, region, extracted, force)
                if problem:
                    regions_failed.append(
                        Result("region", region, None, "failed", str(out / region), problem)
                    )
            # Trends read the stored extractions, not the briefs: they run beside the briefs,
            # first, since they take longest (no worker waits alone for a trends job at the end).
            trends = plan_trends(found, out, formats, force)
            together = run_stage(be, trends + ready)
            results += together[len(trends) :] + doubles + regions_failed
            results += together[: len(trends)]
            # After the briefs: a comparison's manifest records each brief's status and key.
            unplanned: list[Result] = []
            later = compare_jobs.plan(out, found, formats, force, unplanned)
            results += run_stage(be, later) + unplanned
            problem = write_combined(out)
            if problem:
                results.append(Result("dataset", "", None, "failed", str(out), problem))
    except BaseException:
        # Interrupted or failed, the index lists every brief that is complete; and the error
        # reported is the first one, not the index's own on a disk that filled up.
        with contextlib.suppress(AnalysisError):
            write_index(out, results or doubles)
        raise
    write_index(out, results or doubles)
    return results
