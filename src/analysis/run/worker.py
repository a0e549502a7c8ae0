"""One job, in a worker process: extract a report, or run a notebook and render it.

A worker is spawned once per batch (see :mod:`analysis.run.pool`), imports the heavy libraries
once (:func:`warm`) and runs jobs until the batch ends. :func:`run` never raises: a failure
becomes a ``failed`` :class:`~analysis.run.jobs.Result`, and the batch goes on.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import shutil
import signal
import socket
import struct
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis import keys
from analysis.errors import AnalysisError, OutputError
from analysis.run import forkserver, kernels
from analysis.run.jobs import CELL_TIMEOUT_S, FORMATS, Job, Result, code_digest, inputs_sha
from analysis.run.jobs import job_key as key_of
from analysis.run.jobs import unchanged as unchanged_job
from analysis.store import output_lock, remove_temporaries

if TYPE_CHECKING:
    from papermill.exceptions import PapermillExecutionError

# The batch process imports this module for the pool (worker.run, worker.warm): what only a
# worker needs (papermill, nbconvert, WeasyPrint, Altair) is imported in warm() and the jobs.

#: The job this worker is running, ``(out_dir, stem)``: what its SIGTERM handler cleans up.
_CURRENT: tuple[Path, str] | None = None
#: The fork server this worker started itself (none when the pool shares one).
_OWN_FORK_SERVER: forkserver.ForkServer | None = None


def warm(fork_server: str | None = None) -> None:
    """Worker start-up: import the heavy libraries once per process, not once per job.

    Kernels come from the fork server at ``fork_server`` (the pool's, see
    :mod:`analysis.run.kernels`); without one, this worker starts its own (a Dask runner).
    """
    global _OWN_FORK_SERVER
    from analysis.briefs import charts, render
    from analysis.run import parameters

    parameters.register()  # injected parameters read as Chinese, not escapes

    # This worker draws the charts' SVGs (one warm vl-convert for all its jobs), not each
    # kernel (~0.5–0.9 s a kernel to start vl-convert's runtime): see charts.add_svgs.
    os.environ[charts.SVG_BY_WORKER] = "1"
    if fork_server is None and kernels.fork_kernels_wanted():
        _OWN_FORK_SERVER = kernels.start_fork_server()
        fork_server = _OWN_FORK_SERVER.address if _OWN_FORK_SERVER else None
    kernels.use_fork_server(fork_server)
    import weasyprint  # noqa: F401

    render.warm()
    # What was just imported lives as long as the process: out of the garbage collector's
    # sight, a full collection no longer walks it (~10% of a PDF's CPU, WeasyPrint allocating
    # millions of objects).
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
    if multiprocessing.parent_process() is not None:  # a pool worker (a runner: see serve)
        _die_with_parent()


def _die_with_parent(parent: int | None = None) -> None:
    """Linux: SIGTERM this worker when the batch process (or the Dask worker, ``parent``) dies,
    even by ``kill -9`` (an orphan would go on writing; its kernel follows it: the fork server
    kills a kernel whose worker is gone, a launched one has ipykernel's parent poller)."""
    forkserver.die_with_parent()
    if parent is None:
        spawner = multiprocessing.parent_process()
        parent = spawner.pid if spawner is not None else None
    if parent is not None and os.getppid() != parent:  # it died before prctl took effect
        os._exit(128 + signal.SIGTERM)


# --- a Dask worker's runner (analysis.run.cluster.Runner) --------------------------------------


def send_message(conn: socket.socket, message: object) -> None:
    """One pickled message, its length first."""
    data = pickle.dumps(message)
    conn.sendall(struct.pack("!Q", len(data)) + data)


def recv_message(conn: socket.socket) -> Any:
    """The next message of :func:`send_message`; ``EOFError`` when the other side is gone."""

    def exactly(n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise EOFError("connection closed")
            data += chunk
        return data

    (size,) = struct.unpack("!Q", exactly(8))
    return pickle.loads(exactly(size))


def serve(fd: int, parent: int) -> None:
    """A runner's loop: warm up, then run each job received on the socket ``fd`` and send
    back its result (``None`` in, ``None`` out: the warm-up is done) until it closes."""
    conn = socket.socket(fileno=fd)
    warm()
    _die_with_parent(parent)
    while True:
        try:
            job = recv_message(conn)
        except (EOFError, OSError):
            break
        send_message(conn, None if job is None else run(job))
    if _OWN_FORK_SERVER is not None:
        _OWN_FORK_SERVER.stop()


def _stop(signum: int, frame: object) -> None:
    """SIGTERM in a worker: stop the kernel, remove the job's temporary files, exit at once.

    No output of the job reaches its final name after this (every write is an atomic rename),
    and its provenance record was removed when it started, so the next run re-runs it.
    """
    if _OWN_FORK_SERVER is not None:  # its kernels go with it
        _OWN_FORK_SERVER.stop()
    # Kernels from the pool's fork server die when this process's connection to it closes.
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
    from analysis.extracted import report_table

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
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from analysis.briefs import charts, render, source

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
        # Marks the job as running (papermill writes the executed notebook there at the end;
        # not after every cell: ~0.2 s a brief of validating and writing the growing notebook).
        shutil.copyfile(job.notebook, tmp_nb)
        try:
            nb = pm.execute_notebook(
                job.notebook, str(tmp_nb), parameters=job.parameters,
                cwd=str(Path(job.notebook).parent), progress_bar=False, kernel_name="python3",
                execution_timeout=CELL_TIMEOUT_S, request_save_on_cell_execute=False,
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
        charts.add_svgs(nb)
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
