"""``briefs batch``: run the brief notebook once per (region, report year) and render it.

Layout: ``<data>/<region>/<report_year>.<txt|html|docx|pdf>`` (or ``<data>`` itself holding
report files: its name is the region). Outputs under ``<out>/<region>/<report_year>/``:
``brief.ipynb`` (the executed notebook, kept as the record), ``brief.html``, ``brief.pdf``,
``indicators.csv``, ``provenance.json``; per region ``indicators.csv`` (all years),
``targets.csv`` and the trends notebook when :mod:`analysis.targets` is there; and
``<out>/index.html`` last. Jobs run in worker processes; a failing job never stops the others.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.errors import AnalysisError, InputError, OutputError
from analysis.run import provenance
from analysis.store import locked, remove_temporaries, write_table

REPO = Path(__file__).resolve().parents[3]
NOTEBOOKS = REPO / "notebooks"
#: A notebook cell that runs longer than this fails its brief instead of holding the batch.
CELL_TIMEOUT_S = 600
REPORT_FILE = re.compile(r"^((?:19|20)\d\d)\.(txt|html?|docx|pdf)$", re.I)
FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Job:
    """One notebook run: ``kind`` is ``brief`` (a report year) or ``trends`` (a region)."""

    kind: str
    region: str
    report_year: int | None
    notebook: str
    parameters: dict
    out_dir: str
    source: str
    formats: tuple[str, ...] = FORMATS
    force: bool = False
    also_reads: tuple[str, ...] = ()  # other inputs of the job (the previous year's report)

    @property
    def label(self) -> str:
        """``mouxian 2023`` or ``mouxian trends``."""
        return f"{self.region} {self.report_year if self.kind == 'brief' else 'trends'}"

    @property
    def stem(self) -> str:
        return "brief" if self.kind == "brief" else "trends"


@dataclass
class Result:
    """What became of a job: ``ok``, ``skipped`` or ``failed`` (with the cell and the error)."""

    kind: str
    region: str
    report_year: int | None
    status: str
    out_dir: str
    error: str = ""
    cell: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``mouxian 2023``, ``mouxian trends`` or ``mouxian targets``."""
        year = str(self.report_year)
        what = {"brief": year, "trends": "trends", "compare": year}.get(self.kind, "targets")
        return f"{self.region} {what}"


# --- discovery --------------------------------------------------------------------------


def parse_years(spec: str | None) -> set[int] | None:
    """``2019-2023``, ``2019,2021`` or ``2020`` → a set of years (``None``: all years)."""
    if not spec:
        return None
    years: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d{4})\s*[-–:]\s*(\d{4})", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            years.update(range(min(a, b), max(a, b) + 1))
        elif re.fullmatch(r"\d{4}", part):
            years.add(int(part))
        else:
            raise InputError(None, f"--years {spec!r}: use 2019-2023, 2019,2021 or 2020")
    return years


def _by_year(folder: Path) -> dict[int, list[Path]]:
    out: dict[int, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        m = REPORT_FILE.match(p.name)
        if m and p.is_file():
            out.setdefault(int(m.group(1)), []).append(p)
    return out


def report_years(folder: Path) -> dict[int, Path]:
    """The report files of one region folder by report year (``2023.txt`` → 2023); a year with
    two files (``2023.txt`` and ``2023.pdf``) is left out: see :func:`duplicate_years`."""
    return {y: ps[0] for y, ps in _by_year(folder).items() if len(ps) == 1}


def duplicate_years(folder: Path) -> dict[int, list[str]]:
    """Years with more than one report file in ``folder``: year → file names. Which one is the
    report is the user's call, so the batch fails that year and names the files."""
    return {y: [p.name for p in ps] for y, ps in _by_year(folder).items() if len(ps) > 1}


def discover(
    data: str | Path, regions: list[str] | None = None, years: set[int] | None = None
) -> dict[str, tuple[Path, dict[int, Path]]]:
    """Regions under ``data`` → (region folder, {report year: file}), filtered.

    ``data`` holding report files itself is one region named after the folder.
    """
    data = Path(data)
    if not data.is_dir():
        raise InputError(data, "no such data folder")
    folders = [data] if report_years(data) else sorted(p for p in data.iterdir() if p.is_dir())
    found: dict[str, tuple[Path, dict[int, Path]]] = {}
    for folder in folders:
        name = folder.resolve().name
        if regions and name not in regions:
            continue
        files = report_years(folder)
        if years is not None:
            files = {y: f for y, f in files.items() if y in years}
        if files:
            found[name] = (folder.resolve(), files)
    if regions:
        missing = sorted(set(regions) - set(found))
        if missing:
            raise InputError(data, f"no reports for region(s) {', '.join(missing)}")
    return found


def plan(
    found: dict[str, tuple[Path, dict[int, Path]]],
    out: Path,
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    notebook: Path | None = None,
) -> list[Job]:
    """One brief job per (region, report year), with absolute paths as parameters."""
    nb = (notebook or NOTEBOOKS / "brief.ipynb").resolve()
    jobs = []
    for region, (folder, files) in found.items():
        for year, src in sorted(files.items()):
            out_dir = (out / region / str(year)).resolve()
            params = {
                "region": region,
                "report_year": year,
                "source": str(src.resolve()),
                "out_dir": str(out_dir),
                "data_dir": str(folder),
            }
            jobs.append(
                Job(
                    "brief",
                    region,
                    year,
                    str(nb),
                    params,
                    str(out_dir),
                    str(src.resolve()),
                    formats,
                    force,
                    tuple(str(p.resolve()) for p in [files.get(year - 1)] if p is not None),
                )  # fmt: skip
            )
    return jobs


# --- one job (runs in a worker process) ------------------------------------------------


def _warm() -> None:
    """Worker start-up: import the heavy libraries once per process, not once per job."""
    import papermill  # noqa: F401
    import weasyprint  # noqa: F401

    from analysis.briefs import render
    from analysis.run import cluster as scheduler

    render._exporter()
    # Brief kernels are forked from this process with their imports done (~2 s a job less).
    scheduler.warm_kernels()
    # Kernels inherit the worker's stderr and chatter on it (TCP warning, KeyboardInterrupt at
    # shutdown); what matters reaches the parent as a Result.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    # Ctrl-C reaches the whole process group: the parent decides and terminates the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)
    signal.signal(signal.SIGHUP, _worker_stop)
    _die_with_parent()


#: The job a worker is running, ``(out_dir, stem)``: what its SIGTERM handler cleans up.
_CURRENT: tuple[Path, str] | None = None


def _die_with_parent() -> None:
    """Linux: SIGTERM this worker when the batch process dies, even by ``kill -9`` (an orphan
    would go on writing; its kernel follows it through ipykernel's parent poller)."""
    import multiprocessing

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # it died before prctl took effect
        os._exit(128 + signal.SIGTERM)


def _worker_stop(signum: int, frame: object) -> None:
    """SIGTERM in a worker: stop the kernel, remove the job's temporary files, exit at once.

    No output of the job reaches its final name after this (every write is an atomic rename),
    and its provenance record was removed when it started, so the next run re-runs it.
    """
    import psutil

    kids = psutil.Process().children(recursive=True)
    for k in kids:
        k.terminate()
    _, alive = psutil.wait_procs(kids, timeout=3)
    for k in alive:
        k.kill()
    if _CURRENT is not None:
        _clean(*_CURRENT)
    os._exit(128 + signum)


def _clean(out: Path, stem: str) -> None:
    """Remove what a killed run of the ``stem`` job left in ``out``: the notebook papermill was
    writing and atomic writes' temporary files (hold the job's lock)."""
    (out / f".{stem}.running.ipynb").unlink(missing_ok=True)
    if stem == "brief":  # the year folder is the job's alone
        remove_temporaries(out)
    else:  # the region folder: only the trends job's files
        remove_temporaries(
            out, tuple(f"{stem}.{x}" for x in ("ipynb", "html", "pdf", "provenance.json"))
        )


def _cell_of(err) -> str:
    """``cell 2 (读取报告并提取指标…)``: the failing cell's index and its first line."""
    lines = [ln.strip().lstrip("#").strip() for ln in str(err.source or "").splitlines()]
    first = next((ln for ln in lines if ln), "")
    return f"cell {err.cell_index} ({first[:40]})" if first else f"cell {err.cell_index}"


def _remove(paths: list[Path]) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def run_job(job: Job) -> Result:
    """Run one notebook and render it; never raises (a failure becomes a ``failed`` result).

    Holds the job's lock (``<out_dir>/.<stem>.lock``) throughout: a second batch on the same
    output folder waits, then finds the job done and skips it. Cleans what a killed earlier run
    left first.
    """
    global _CURRENT
    out = Path(job.out_dir)
    try:
        with locked(out / f".{job.stem}.lock"):
            _CURRENT = (out, job.stem)
            try:
                _clean(out, job.stem)
                return _run_job(job)
            finally:
                _CURRENT = None
    except AnalysisError as e:  # the lock itself cannot be taken (unwritable --out …)
        return Result(job.kind, job.region, job.report_year, "failed", job.out_dir, error=str(e))


def _inputs_sha(job: Job) -> str:
    """The source's sha256, joined with that of the previous year's report when the brief
    reads it (last year's target status): a change there re-runs this year's brief too."""
    sha = provenance.sha256_path(job.source)
    extra = [provenance.sha256_path(p) for p in job.also_reads if Path(p).exists()]
    return "+".join([sha, *extra])


def unchanged(job: Job) -> Result | None:
    """A ``skipped`` result when ``job``'s outputs exist and its key is the recorded one, else
    ``None``. Cheap (two hashes and a small JSON read): the batch asks in the parent before any
    worker or kernel starts, so a re-run with nothing changed starts neither."""
    if job.force:
        return None
    out = Path(job.out_dir)
    prov_path = out / ("provenance.json" if job.kind == "brief" else f"{job.stem}.provenance.json")
    wanted = [out / f"{job.stem}.ipynb"] + [out / f"{job.stem}.{f}" for f in job.formats]
    old = provenance.read(prov_path)
    if not old or not all(p.exists() for p in wanted):
        return None
    try:
        source_sha = _inputs_sha(job)
        key = provenance.job_key(source_sha, provenance.sha256_file(job.notebook), job.parameters)
    except OSError:
        return None  # the job itself reports the unreadable input
    if old.get("key") != key:
        return None
    return Result(job.kind, job.region, job.report_year, "skipped", job.out_dir,
                  outputs=[p.name for p in wanted])  # fmt: skip


def _run_job(job: Job) -> Result:
    """:func:`run_job` under the job's lock."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from analysis.briefs import render
    from analysis.run import cluster as scheduler

    out = Path(job.out_dir)
    stem = job.stem
    prov_path = out / f"{stem}.provenance.json" if job.kind != "brief" else out / "provenance.json"
    result = Result(job.kind, job.region, job.report_year, "ok", job.out_dir)
    wanted: list[Path] = []
    rendering = False  # once set, a failure removes this run's outputs: none or all of them
    try:
        source_sha = _inputs_sha(job)
        # The spec'd inputs: source, notebook, package version, parameters. The code digest
        # is recorded in provenance.json but not keyed (it changes with every edit in a
        # shared checkout; bump the version or pass --force after changing the code).
        key = provenance.job_key(source_sha, provenance.sha256_file(job.notebook), job.parameters)
        wanted = [out / f"{stem}.ipynb"] + [out / f"{stem}.{f}" for f in job.formats]
        skip = unchanged(job)  # again, under the lock: another batch may have just built it
        if skip is not None:
            return skip

        out.mkdir(parents=True, exist_ok=True)
        failed_nb = out / f"{stem}.failed.ipynb"
        _remove([prov_path, failed_nb])
        t0, started = time.perf_counter(), time.time()
        tmp_nb = out / f".{stem}.running.ipynb"
        try:
            nb = pm.execute_notebook(
                job.notebook, str(tmp_nb), parameters=job.parameters, cwd=str(Path(job.notebook).parent),
                progress_bar=False, kernel_name="python3", execution_timeout=CELL_TIMEOUT_S,
                **scheduler.kernel_options(),
            )  # fmt: skip
        except PapermillExecutionError as err:
            os.replace(tmp_nb, failed_nb)
            _remove([out / f"{stem}.{f}" for f in (*FORMATS, "ipynb")])
            result.status = "failed"
            result.cell = _cell_of(err)
            result.error = f"{err.ename}: {err.evalue}"
            result.outputs = [failed_nb.name]
            return result
        finally:
            tmp_nb.unlink(missing_ok=True)
        t1 = time.perf_counter()
        rendering = True
        render.write_notebook(nb, out / f"{stem}.ipynb")
        page = render.to_html(nb, render.notebook_title(nb))
        if "html" in job.formats:
            render.write_text(page, out / f"{stem}.html")
        t2 = time.perf_counter()
        if "pdf" in job.formats:
            render.html_to_pdf(page, out / f"{stem}.pdf", base_url=out)
        t3 = time.perf_counter()
        # The kernel's start-up, a part of execute_s: recorded beside the timings.
        kernel_s = round(scheduler.kernel_start_seconds(nb, started, t1 - t0), 2)
        result.timings = {
            "execute_s": round(t1 - t0, 2),
            "html_s": round(t2 - t1, 2),
            "pdf_s": round(t3 - t2, 2),
        }
        result.outputs = [p.name for p in wanted]
        provenance.write(
            prov_path,
            {
                "key": key,
                "kind": job.kind,
                "source": job.source,
                "source_sha256": source_sha.split("+")[0],
                "also_reads": list(job.also_reads),
                "notebook": Path(job.notebook).name,
                "notebook_sha256": provenance.sha256_file(job.notebook),
                "parameters": job.parameters,
                "versions": provenance.versions(),
                "code_sha256": provenance.code_digest(),
                "timings": result.timings,
                "kernel_start_s": kernel_s,
                "outputs": result.outputs,
            },
        )
    except AnalysisError as e:
        result.status, result.error = "failed", str(e)
    except Exception as e:  # a worker must report, not die: the batch goes on
        result.status, result.error = "failed", f"{type(e).__name__}: {e}"
    if result.status == "failed" and rendering:  # e.g. the disk filled up while writing the PDF
        _remove(wanted)
        result.outputs = []
    return result


# --- region outputs, index ---------------------------------------------------------------


def region_table(out: Path, region: str, years: list[int]) -> pd.DataFrame | None:
    """All years' indicator tables of a region, read back from the year folders (as text)."""
    frames = []
    for y in sorted(years):
        f = out / region / str(y) / "indicators.csv"
        if f.exists():
            frames.append(pd.read_csv(f, dtype=str, keep_default_na=False))
    return pd.concat(frames, ignore_index=True) if frames else None


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """A text table read back from CSV with the contract's dtypes."""
    from analysis.schema import indicator_frame

    df = table.replace({"": None})
    for col in ("masked", "is_target", "multi_year"):
        if col in df:
            df[col] = df[col].map({"True": True, "False": False, None: None})
    for col in ("report_year", "period", "section", "start", "end", "value", "low", "high",
                "base_value"):  # fmt: skip
        if col in df:
            df[col] = pd.to_numeric(df[col], errors="coerce")
    return indicator_frame(df.to_dict("records"))


def _absent(sources: dict[int, Path], region: str) -> pd.DataFrame | None:
    """Targets the reports state as absent (2020: no GDP target); unreadable reports are left
    out (their briefs failed and say why)."""
    from analysis.extract.structure import read_report
    from analysis.targets import absent_targets

    frames = []
    for year, src in sorted(sources.items()):
        try:
            frames.append(absent_targets(read_report(src, region=region, year=year)))
        except AnalysisError:
            continue
    return pd.concat(frames, ignore_index=True) if frames else None


def write_region_outputs(
    out: Path,
    region: str,
    years: list[int],
    sources: dict[int, Path] | None = None,
    force: bool = False,
) -> str:
    """``<region>/indicators.csv`` and, when :mod:`analysis.targets` exists, ``targets.csv``
    (with the targets the reports in ``sources`` state as absent).

    Holds the region's lock (``<out>/<region>/.region.lock``): two batches take turns.
    Skipped (unless ``force``) when made from the same briefs as last time, see
    :func:`region_key`. Returns an error message ('' when fine): the batch reports it and
    fails, but goes on.
    """
    folder = out / region
    try:
        with locked(folder / ".region.lock"):
            remove_temporaries(folder, ("indicators.csv", "targets.csv"))
            stamp = folder / "tables.provenance.json"
            key = region_key(out, region, years)
            old = provenance.read(stamp) or {}
            made = old.get("outputs") or []
            same = key and old.get("key") == key and made
            if same and not force and all((folder / n).exists() for n in made):
                return ""
            stamp.unlink(missing_ok=True)
            problem = _write_region_outputs(out, region, years, sources or {})
            if not problem and key:
                made = [n for n in ("indicators.csv", "targets.csv") if (folder / n).exists()]
                provenance.write(stamp, {"key": key, "years": sorted(years), "outputs": made})
            return problem
    except AnalysisError as e:
        return str(e)


def region_key(out: Path, region: str, years: list[int]) -> str:
    """What a region's tables are made of: the key of every year's brief (its source, notebook,
    parameters and the package version); '' when a year has no brief record (then the tables
    are always rebuilt). A re-run with nothing changed then reads ``years`` small JSON files
    instead of every report and table (~2 s for the national corpus)."""
    keys = []
    for y in sorted(years):
        record = provenance.read(out / region / str(y) / "provenance.json")
        if not record or not record.get("key"):
            return ""
        keys.append(f"{y}:{record['key']}")
    return provenance.job_key("", "", {"region": region, "briefs": keys})


def _write_region_outputs(
    out: Path, region: str, years: list[int], sources: dict[int, Path]
) -> str:
    table = region_table(out, region, years)
    if table is None:
        return ""
    write_table(table, out / region / "indicators.csv")
    try:
        from analysis.targets import region_targets
    except (ImportError, AttributeError):
        return ""
    try:
        targets = region_targets(_typed(table), _absent(sources, region))
        write_table(targets, out / region / "targets.csv")
    except Exception as e:  # report and keep going, like a failed notebook
        return f"targets.csv: {type(e).__name__}: {e}"
    return ""


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


# --- the command --------------------------------------------------------------------------


def _progress(total: int):
    """tqdm on a terminal, plain log lines otherwise."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="job", file=sys.stderr)
        return lambda r: (bar.set_postfix_str(f"{r.label} {r.status}"), bar.update(1)), bar.close
    done = [0]

    def log(r: Result) -> None:
        done[0] += 1
        took = sum(r.timings.values())
        extra = f" ({took:.1f} s)" if took else ""
        print(f"[{done[0]}/{total}] {r.label}: {r.status}{extra}", file=sys.stderr, flush=True)

    return log, lambda: None


def run_jobs(jobs: list[Job], workers: int, scheduler: str | None = None) -> list[Result]:
    """Run jobs in ``workers`` processes, or on the Dask cluster at ``scheduler``, reporting
    progress; results in job order. Unchanged jobs are skipped here, before any worker starts."""
    results: list[Result] = []
    if not jobs:
        return results
    tick, close = _progress(len(jobs))
    try:
        todo = []
        for j in jobs:
            skip = unchanged(j)
            if skip is None:
                todo.append(j)
            else:
                results.append(skip)
                tick(skip)
        if todo and scheduler:
            from analysis.run.cluster import run_on_cluster

            results += run_on_cluster(todo, scheduler, tick)
            todo = []
        if todo:
            # Worker processes even for one worker: kernels chatter on the worker's stderr (which
            # _warm silences), and every job runs the same way.
            # Spawned, not forked: a worker forked from a process that had started threads (a
            # vl-convert runtime, say) would hand its kernels a runtime whose threads are gone,
            # and their first chart would wait forever.
            with ProcessPoolExecutor(
                max_workers=max(1, min(workers, len(todo))),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm,
            ) as pool:
                try:
                    futures = {pool.submit(run_job, j): j for j in todo}
                    for fut in as_completed(futures):
                        job = futures[fut]
                        try:
                            res = fut.result()
                        except BrokenProcessPool:  # a worker was killed: the pool stops every job
                            res = Result(job.kind, job.region, job.report_year, "failed", job.out_dir,
                                         error="a worker process died (killed, or out of memory); "
                                         "run the batch again to build what is missing")  # fmt: skip
                        except Exception as e:
                            res = Result(job.kind, job.region, job.report_year, "failed", job.out_dir,
                                         error=f"{type(e).__name__}: {e}")  # fmt: skip
                        results.append(res)
                        tick(res)
                except BaseException:  # Ctrl-C, SIGTERM: stop the workers, or the pool waits
                    _stop(pool)
                    raise
    finally:
        close()
    order = {(j.kind, j.region, j.report_year): i for i, j in enumerate(jobs)}
    return sorted(results, key=lambda r: order.get((r.kind, r.region, r.report_year), len(order)))


def _check_out(out: Path) -> None:
    """Fail before any job when ``out`` cannot be written: one line, no work done in vain."""
    import tempfile

    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test.", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise OutputError(out, f"cannot write: {e.strerror or e}") from e


def _stop(pool: ProcessPoolExecutor, grace: float = 10.0) -> None:
    """Cancel the queued jobs and terminate the workers (each stops its kernel and removes its
    temporary files, see :func:`_worker_stop`); kill those still alive after ``grace`` s."""
    handlers = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        procs = list((pool._processes or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.terminate()
        deadline = time.monotonic() + grace
        for p in procs:
            p.join(max(0.1, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join(1)
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)


class Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP) in the batch process: unwinds like Ctrl-C; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def write_index(out: Path, results: list[Result]) -> None:
    """``<out>/index.html``: this run's results and every brief already in ``out``, written
    under ``<out>/.index.lock`` (two batches take turns; the page matches the files on disk)."""
    from analysis.briefs.index import index_html
    from analysis.briefs.render import write_text

    with locked(out / ".index.lock"):
        remove_temporaries(out, ("index.html",))
        write_text(index_html(out, results + earlier_results(out, results)), out / "index.html")


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
    """Build every brief under ``data`` into ``out``; returns one result per job.

    ``scheduler`` (a Dask address, see :mod:`analysis.run.cluster`) runs the jobs on a cluster
    instead of ``workers`` local processes; ``out`` must then be a path the workers share.
    """
    out = Path(out).resolve()
    wanted_years = parse_years(years)
    found = discover(data, regions, wanted_years)
    if not found:
        raise InputError(data, "no report files named <year>.<txt|html|docx|pdf>")
    _check_out(out)
    jobs = plan(found, out, formats, force, Path(notebook) if notebook else None)
    doubles = [
        Result("brief", region, year, "failed", str(out / region / str(year)),
               error=f"two report files for {year} ({', '.join(names)}); keep one")
        for region, (folder, _) in found.items()
        for year, names in duplicate_years(folder).items()
        if wanted_years is None or year in wanted_years
    ]  # fmt: skip
    try:
        results = run_jobs(jobs, workers, scheduler)
    except KeyboardInterrupt:
        # The index lists what is complete on disk (a brief with its provenance record).
        write_index(out, doubles)
        raise
    results += doubles

    trend_jobs = []
    trends_nb = NOTEBOOKS / "trends.ipynb"
    for region, (folder, files) in found.items():
        problem = write_region_outputs(out, region, sorted(files), files, force)
        if problem:
            results.append(Result("region", region, None, "failed", str(out / region), problem))
        if len(files) >= 2 and trends_nb.exists() and _has_targets():
            params = {"region": region, "data_dir": str(folder)}
            trend_jobs.append(
                Job(
                    "trends",
                    region,
                    None,
                    str(trends_nb.resolve()),
                    params,
                    str(out / region),
                    str(folder),
                    formats,
                    force,
                )  # fmt: skip
            )
    from analysis.run import compare_jobs

    trend_jobs += compare_jobs.plan(out, found, formats, force)  # hook: compare
    try:
        results += run_jobs(trend_jobs, workers, scheduler)
    finally:  # interrupted or not, the index lists every brief that is complete
        write_index(out, results)
    return results


def _has_targets() -> bool:
    try:
        from analysis import targets

        return hasattr(targets, "region_targets")
    except ImportError:
        return False


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs batch``."""
    parser.add_argument(
        "--data", default="data/raw", help="folder of region folders (default data/raw)"
    )
    parser.add_argument("--out", default="reports", help="output folder (default reports)")
    parser.add_argument("--region", nargs="+", action="extend", metavar="R",
                        help="only these regions (folder names)")  # fmt: skip
    parser.add_argument("--years", help="report years: 2019-2023, 2019,2021 or 2020")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default 2)")  # fmt: skip
    parser.add_argument("--formats", default="html,pdf", help="html,pdf (default both)")
    parser.add_argument(
        "--force", action="store_true", help="re-run jobs whose inputs are unchanged"
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="run the jobs on a Dask cluster: tcp://host:8786, or local / local:N to start N "
        "worker processes here; --out, --data and the package must be shared by the workers",
    )  # fmt: skip
    parser.add_argument("--notebook", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Run the batch; print each failed job with its cell and error; 1 when any failed."""
    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    bad = sorted(set(formats) - set(FORMATS))
    if bad:
        raise InputError(None, f"--formats: unknown {', '.join(bad)} (use html,pdf)")
    previous = {s: signal.signal(s, _raise_terminated) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        results = batch(
            args.data, args.out, args.region, args.years, max(1, args.workers), formats,
            args.force, args.notebook, getattr(args, "scheduler", None),
        )  # fmt: skip
    except KeyboardInterrupt as e:
        signum = getattr(e, "signum", signal.SIGINT)
        print(f"briefs batch: interrupted ({signal.Signals(signum).name}); finished briefs are "
              "kept and listed in the index, unfinished ones left no output; run the same "
              "command again to build only what is missing", file=sys.stderr)  # fmt: skip
        return 128 + signum
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "skipped", "failed")}
    index = Path(args.out) / "index.html"
    print(f"briefs batch: {counts['ok']} built, {counts['skipped']} unchanged, "
          f"{counts['failed']} failed; see {index}")  # fmt: skip
    for r in results:
        if r.status == "failed":
            where = f" {r.cell}:" if r.cell else ""
            print(f"FAILED {r.label}:{where} {r.error}", file=sys.stderr)
    return 1 if counts["failed"] else 0
