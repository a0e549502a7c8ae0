"""One job, in a worker process: extract a report, or run a notebook and render it.

A worker is spawned once per batch (see :mod:`analysis.run.pool`), imports the heavy libraries
once (:func:`warm`) and runs jobs until the batch ends. :func:`run` never raises: a failure
becomes a ``failed`` :class:`~analysis.run.jobs.Result`, and the batch goes on.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from pathlib import Path

import papermill as pm
import psutil
from papermill.exceptions import PapermillExecutionError

from analysis import keys
from analysis.briefs import render, source
from analysis.errors import AnalysisError, OutputError
from analysis.extracted import report_table
from analysis.run import kernels, parameters
from analysis.run.jobs import CELL_TIMEOUT_S, FORMATS, Job, Result, code_digest, inputs_sha
from analysis.run.jobs import job_key as key_of
from analysis.run.jobs import unchanged as unchanged_job
from analysis.store import output_lock, remove_temporaries

parameters.register()  # injected parameters read 广东省, not escapes

#: The job this worker is running, ``(out_dir, stem)``: what its SIGTERM handler cleans up.
_CURRENT: tuple[Path, str] | None = None


def warm() -> None:
    """Worker start-up: import the heavy libraries once per process, not once per job."""
    import weasyprint  # noqa: F401

    render._exporter()
    # Brief kernels are forked from this process with their imports done (~2 s a job less).
    kernels.warm_kernels()
    # What was just imported lives as long as the process: out of the garbage collector's
    # sight, a full collection no longer walks it (~10% of a PDF's CPU, WeasyPrint allocating
    # millions of objects), in this worker and in the kernels forked from it.
    gc.collect()
    gc.freeze()
    # Kernels inherit the worker's stdout and stderr and chatter on them (TCP warning,
    # KeyboardInterrupt at shutdown); what matters reaches the parent as a Result. Neither keeps
    # the batch's own pipes open either (a caller reading them waits for EOF).
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    # Ctrl-C reaches the whole process group: the parent decides and terminates the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: SIGTERM this worker when the batch process dies, even by ``kill -9`` (an orphan
    would go on writing; its kernel follows it through ipykernel's parent poller)."""
    kernels.die_with_parent()
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # it died before prctl took effect
        os._exit(128 + signal.SIGTERM)


def _stop(signum: int, frame: object) -> None:
    """SIGTERM in a worker: stop the kernel, remove the job's temporary files, exit at once.

    No output of the job reaches its final name after this (every write is an atomic rename),
    and its provenance record was removed when it started, so the next run re-runs it.
    """
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


def _cell_of(err: PapermillExecutionError) -> str:
    """``cell 2 (读取报告并提取指标…)``: the failing cell's index and its first line."""
    lines = [ln.strip().lstrip("#").strip() for ln in str(err.source or "").splitlines()]
    first = next((ln for ln in lines if ln), "")
    return f"cell {err.cell_index} ({first[:40]})" if first else f"cell {err.cell_index}"


def _remove(paths: list[Path]) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def run(job: Job) -> Result:
    """Run one job; never raises (a failure becomes a ``failed`` result).

    Holds the job's lock (:func:`analysis.store.output_lock` of ``<out_dir>/<stem>``)
    throughout: a second batch on the same output folder waits, then finds the job done and skips it. Cleans what a killed earlier run
    left first.
    """
    global _CURRENT
    out = Path(job.out_dir)
    try:
        with output_lock(out / job.stem):
            _CURRENT = (out, job.stem)
            try:
                _clean(out, job.stem)
                return _extract(job) if job.kind == "extract" else _notebook(job)
            finally:
                _CURRENT = None
    except AnalysisError as e:  # the lock itself cannot be taken (unwritable --out …)
        return job.failed(str(e))


def _extract(job: Job) -> Result:
    """Store the report's extraction in its year folder (unless it is there already)."""
    skip = unchanged_job(job)  # again, under the lock: another batch may have just made it
    if skip is not None:
        return skip
    t0 = time.perf_counter()
    try:
        report_table(job.source, job.region, job.report_year, job.out_dir)
    except AnalysisError as e:
        return job.failed(str(e))
    except Exception as e:  # a worker must report, not die: the batch goes on
        return job.failed(f"{type(e).__name__}: {e}")
    return Result(job.kind, job.region, job.report_year, "ok", job.out_dir,
                  timings={"extract_s": round(time.perf_counter() - t0, 3)})  # fmt: skip


def _notebook(job: Job) -> Result:
    """Run the job's notebook with papermill and render it (HTML, PDF)."""
    out = Path(job.out_dir)
    stem = job.stem
    result = Result(job.kind, job.region, job.report_year, "ok", job.out_dir)
    wanted = job.outputs
    rendering = False  # once set, a failure removes this run's outputs: none or all of them
    try:
        skip = unchanged_job(job)  # again, under the lock: another batch may have just built it
        if skip is not None:
            return skip
        source_sha = inputs_sha(job)
        key = key_of(job)
        out.mkdir(parents=True, exist_ok=True)
        failed_nb = out / f"{stem}.failed.ipynb"
        _remove([job.record, failed_nb])
        t0, started = time.perf_counter(), time.time()
        tmp_nb = out / f".{stem}.running.ipynb"
        try:
            nb = pm.execute_notebook(
                job.notebook, str(tmp_nb), parameters=job.parameters,
                cwd=str(Path(job.notebook).parent), progress_bar=False, kernel_name="python3",
                execution_timeout=CELL_TIMEOUT_S, **kernels.kernel_options(),
            )  # fmt: skip
        except OSError as err:  # papermill writing the notebook it runs: a full disk
            target = err.filename or out / f"{stem}.ipynb"
            raise OutputError(target, f"cannot write: {err.strerror or err}") from err
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
        # The brief's source view, from the same stored extraction the notebook read.
        extra = source.brief_outputs(out) if job.kind == "brief" else {}
        # The kernel's start-up, a part of execute_s: recorded beside the timings.
        kernel_s = round(kernels.kernel_start_seconds(nb, started, t1 - t0), 2)
        result.timings = {
            "execute_s": round(t1 - t0, 2),
            "html_s": round(t2 - t1, 2),
            "pdf_s": round(t3 - t2, 2),
        }
        result.outputs = [p.name for p in wanted]
        keys.write(
            job.record,
            {
                "key": key,
                "kind": job.kind,
                "source": job.source,
                "source_sha256": source_sha.split("+")[0],
                "also_reads": list(job.also_reads),
                "notebook": Path(job.notebook).name,
                "notebook_sha256": keys.sha256_file(job.notebook),
                "parameters": job.parameters,
                "versions": keys.versions(),
                "code_sha256": code_digest(),
                "timings": result.timings,
                "kernel_start_s": kernel_s,
                "outputs": result.outputs,
                **extra,
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
