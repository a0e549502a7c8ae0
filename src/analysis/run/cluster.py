"""The batch on a Dask distributed cluster (``briefs batch --scheduler ADDRESS``).

The unit of work is the same as on one machine, :func:`analysis.run.worker.run` (a job in, a
:class:`~analysis.run.jobs.Result` out, never raising), submitted with ``Client.submit`` and
collected by the one result loop of :class:`analysis.run.backend.Backend`. Each Dask worker runs
its jobs in one warm runner process of its own, like a local pool worker. Workers write the
outputs themselves, so ``--out`` (and the reports and the notebook) must be paths every worker
sees: a preflight check refuses to start otherwise, and refuses workers running another version
of the package. Addresses are parsed by :func:`analysis.run.dataset.dask_client` (``local``,
``local:N``, ``tcp://host:8786``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from distributed import as_completed

from analysis import __version__
from analysis.errors import AnalysisError
from analysis.run import worker
from analysis.run.backend import Backend
from analysis.run.dataset import dask_client
from analysis.run.jobs import Job, Result

_SERVE = "import sys; from analysis.run.worker import serve; serve(*map(int, sys.argv[1:]))"


class Runner:
    """A Dask worker's runner: one warm process that runs its jobs one at a time
    (:func:`analysis.run.worker.serve`), a job in and a result out over a socket pair.

    Started with :mod:`subprocess`, not multiprocessing: a Dask worker's process is daemonic,
    and multiprocessing refuses children to those. The runner dies with the Dask worker
    (``PR_SET_PDEATHSIG``) and its kernels with it.
    """

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _SERVE, str(theirs.fileno()), str(os.getpid())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        self._conn = ours
        self._lock = threading.Lock()  # a Dask worker with several threads: one job at a time

    def call(self, message: Job | None) -> Result | None:
        """Send a job (``None``: wait for the warm-up) and return its result; ``EOFError``
        or ``OSError`` when the runner died."""
        with self._lock:
            worker.send_message(self._conn, message)
            return worker.recv_message(self._conn)

    def stop(self) -> None:
        """Close the connection (the runner exits at once: it ran its last job) and wait."""
        self._conn.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


#: This Dask worker's runner, started on first use.
_RUNNER: Runner | None = None
_RUNNER_LOCK = threading.Lock()


def _runner() -> Runner:
    """This Dask worker's runner process, started on first use; it is warmed up like a local
    pool worker (:func:`analysis.run.worker.warm`) and has a fork server of its own."""
    global _RUNNER
    with _RUNNER_LOCK:
        if _RUNNER is None or _RUNNER.process.poll() is not None:
            _RUNNER = Runner()
        return _RUNNER


def warm() -> None:
    """Start this worker's runner and wait for its warm-up (~3 s once, not once per job)."""
    _runner().call(None)


def stop() -> None:
    """Stop this worker's runner (the batch is over: its memory goes back to the worker's host,
    and a closing worker does not wait for it)."""
    global _RUNNER
    with _RUNNER_LOCK:
        runner, _RUNNER = _RUNNER, None
    if runner is not None:
        runner.stop()


def run_on_worker(job: Job) -> Result:
    """The Dask task: :func:`analysis.run.worker.run` in this worker's runner process.

    A runner that dies (killed, out of memory) fails its job and is replaced for the next one.
    """
    global _RUNNER
    runner = _runner()
    try:
        result = runner.call(job)
    except (EOFError, OSError):
        result = None
    if result is None:
        with _RUNNER_LOCK:
            if _RUNNER is runner:
                _RUNNER = None
        return job.failed("the worker's runner process died (killed, or out of memory)")
    return result


def worker_view(paths: Sequence[str]) -> dict[str, object]:
    """What a worker sees: the package version and which of ``paths`` exist (runs on workers)."""
    return {"version": __version__, "missing": [p for p in paths if not os.path.exists(p)]}


def preflight(client: Any, out: Path, paths: Iterable[str]) -> None:
    """Refuse a cluster whose workers cannot see ``out`` or ``paths``, or run another version.

    ``out`` is checked through a marker file written here and looked for on every worker: a
    path that merely exists on a worker's own disk is not the shared folder.
    """
    out.mkdir(parents=True, exist_ok=True)
    marker = out / f".scheduler-check-{uuid.uuid4().hex}"
    marker.write_text("", encoding="utf-8")
    try:
        views = client.run(worker_view, [str(marker), *paths])  # {worker address: view}
    finally:
        marker.unlink(missing_ok=True)
    if not views:
        raise AnalysisError(None, "--scheduler: the cluster has no workers")
    problems = []
    for addr, view in sorted(views.items()):
        if view["version"] != __version__:
            problems.append(f"{addr} runs analysis {view['version']}, this is {__version__}")
        missing = view["missing"]
        if str(marker) in missing:
            problems.append(f"{addr} does not see the output folder {out}")
            missing = [p for p in missing if p != str(marker)]
        if missing:
            more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            problems.append(f"{addr} does not see {missing[0]}{more}")
    if problems:
        raise AnalysisError(
            None,
            "--scheduler: workers must share the input and output paths and run the same "
            "version: " + "; ".join(problems),
        )


class DaskCluster(Backend):
    """Jobs on the Dask cluster at ``address``, connected on the first stage."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._stack = contextlib.ExitStack()
        self._client: Any = None

    def run(self, jobs: Sequence[Job], on_result: Callable[[Result], None]) -> list[Result]:
        if not jobs:
            return []
        if self._client is None:
            self._client = self._stack.enter_context(dask_client(self.address))
        out_root = Path(os.path.commonpath([j.out_dir for j in jobs]))
        needed = sorted({j.notebook for j in jobs if j.notebook} | {j.source for j in jobs})
        preflight(self._client, out_root, needed)
        # Once per worker now; a worker that joins later warms up on its first job.
        self._client.run(warm)
        return super().run(jobs, on_result)

    def submit(self, job: Job) -> Any:
        # pure=False: a job writes files; never deduplicate or cache it as a pure function.
        return self._client.submit(
            run_on_worker, job, pure=False, key=f"{job.kind}-{uuid.uuid4().hex}"
        )

    def completed(self, futures: Iterable[Any]) -> Iterator[Any]:
        return iter(as_completed(list(futures)))

    def lost(self, error: BaseException) -> str:
        # KilledWorker (the worker died twice), a lost connection …
        return f"on the cluster: {type(error).__name__}: {error}"

    def cancel(self, futures: Sequence[Any]) -> None:
        if self._client is not None:
            self._client.cancel(list(futures))  # interrupted: queued jobs do not run on

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.run(stop)
        self._client = None
        self._stack.close()
