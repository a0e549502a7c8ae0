"""Where the batch's jobs run: on a Dask distributed cluster, and in kernels forked from a warm
worker process.

**Cluster** (``briefs batch --scheduler ADDRESS``). The unit of work is the same as on one
machine, :func:`analysis.run.batch.run_job` (a job in, a :class:`~analysis.run.batch.Result` out, never
raising), submitted with ``Client.submit`` and collected with ``as_completed`` for progress.
Each Dask worker runs its jobs in one warm runner process of its own, like a local pool worker.
Workers write the outputs themselves, so ``--out`` (and the reports and the notebook) must be
paths every worker sees: a preflight check refuses to start otherwise, and refuses workers
running another version of the package. Addresses are parsed by
:func:`analysis.run.dataset.dask_client` (``local``, ``local:N``, ``tcp://host:8786``).

**Forked kernels.** Every brief kernel would import pandas, Altair, IPython and the package and
load jieba's dictionary (~2 s of CPU, the largest fixed cost of a job after the PDF layout). A
worker that called :func:`warm_kernels` has done that once; :class:`ForkKernelManager` then
starts each job's kernel as a fork of the worker: still one fresh kernel process per notebook
(its own session, namespace and lifetime), which starts with those modules already imported.
It forks only from a single-threaded process (a local pool worker, a Dask worker's runner)
and launches a normal kernel anywhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyter_client.manager import AsyncKernelManager

from analysis.errors import AnalysisError

if TYPE_CHECKING:
    from analysis.run.batch import Job, Result


#: A Dask worker's runner: one warm, single-threaded process that runs its jobs.
_RUNNER: Any = None
_RUNNER_LOCK = threading.Lock()


def _runner() -> Any:
    """This Dask worker's runner process, started on first use (spawned: a Dask worker runs
    threads, and forking a threaded process is unsafe). It is warmed up like a local pool
    worker (:func:`analysis.run.batch._warm`), so it forks each job's kernel as they do."""
    global _RUNNER
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from analysis.run.batch import _warm

    with _RUNNER_LOCK:
        if _RUNNER is None:
            # Dask's worker processes are daemonic, and multiprocessing refuses children to
            # those (they could outlive it); the runner dies with the worker (_warm sets
            # PR_SET_PDEATHSIG), so lift the flag while it starts.
            config = multiprocessing.current_process()._config
            daemon = config.get("daemon")
            config["daemon"] = False
            try:
                _RUNNER = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"), initializer=_warm
                )
                _RUNNER.submit(int)  # starts the process now, under the lifted flag
            finally:
                config["daemon"] = daemon
        return _RUNNER


def warm() -> None:
    """Start this worker's runner and wait for its warm-up (~3 s once, not once per job)."""
    _runner().submit(int).result()


def stop() -> None:
    """Stop this worker's runner (the batch is over: its memory goes back to the worker's host,
    and a closing worker does not wait for it)."""
    global _RUNNER
    with _RUNNER_LOCK:
        runner, _RUNNER = _RUNNER, None
    if runner is not None:
        runner.shutdown(wait=True, cancel_futures=True)


def run_job_on_worker(job: Job) -> Result:
    """The Dask task: :func:`analysis.run.batch.run_job` in this worker's runner process.

    A runner that dies (killed, out of memory) fails its job and is replaced for the next one.
    """
    global _RUNNER
    from concurrent.futures.process import BrokenProcessPool

    from analysis.run.batch import run_job

    runner = _runner()
    try:
        return runner.submit(run_job, job).result()
    except BrokenProcessPool:
        with _RUNNER_LOCK:
            if _RUNNER is runner:
                _RUNNER = None
        return _failed(job, "the worker's runner process died (killed, or out of memory)")


def worker_view(paths: Sequence[str]) -> dict[str, object]:
    """What a worker sees: the package version and which of ``paths`` exist (runs on workers)."""
    from analysis import __version__

    return {"version": __version__, "missing": [p for p in paths if not os.path.exists(p)]}


def preflight(client: object, out: Path, paths: Iterable[str]) -> None:
    """Refuse a cluster whose workers cannot see ``out`` or ``paths``, or run another version.

    ``out`` is checked through a marker file written here and looked for on every worker: a
    path that merely exists on a worker's own disk is not the shared folder.
    """
    from analysis import __version__

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


def _failed(job: Job, error: str) -> Result:
    from analysis.run.batch import Result

    return Result(job.kind, job.region, job.report_year, "failed", job.out_dir, error=error)


def run_on_cluster(
    jobs: Sequence[Job], address: str, on_result: Callable[[Result], None]
) -> list[Result]:
    """Run ``jobs`` on the Dask cluster at ``address``; ``on_result`` sees each as it finishes.

    Results come back in completion order (the caller orders them). A task that raises, or
    whose worker dies, becomes a ``failed`` result: the other jobs go on.
    """
    if not jobs:
        return []
    from distributed import as_completed

    from analysis.run.dataset import dask_client

    out_root = Path(os.path.commonpath([j.out_dir for j in jobs]))
    needed = sorted({j.notebook for j in jobs} | {j.source for j in jobs})
    results: list[Result] = []
    with dask_client(address) as client:
        preflight(client, out_root, needed)
        # Once per worker now; a worker that joins later warms up on its first job.
        client.run(warm)
        # pure=False: a job writes files; never deduplicate or cache it as a pure function.
        futures = {
            client.submit(run_job_on_worker, job, pure=False, key=f"brief-{uuid.uuid4().hex}"): job
            for job in jobs
        }
        try:
            for fut in as_completed(futures):
                job = futures[fut]
                try:
                    res = fut.result()
                except Exception as e:  # KilledWorker (the worker died twice), lost connection …
                    res = _failed(job, f"on the cluster: {type(e).__name__}: {e}")
                results.append(res)
                on_result(res)
        finally:
            client.cancel(list(futures))  # interrupted: queued jobs do not run on
            with contextlib.suppress(Exception):
                client.run(stop)
    return results


# --- kernels forked from a warm worker ------------------------------------------------------

#: Set by :func:`warm_kernels` in a worker whose kernels may be forked from it.
_WARM_KERNELS = False


def warm_kernels() -> None:
    """Import what a brief kernel imports and load jieba's dictionary, once, in this process;
    from then on :func:`kernel_options` has its kernels forked from it.

    ``BRIEFS_FORK_KERNELS=0`` in the environment turns this off (every kernel launched as a
    new ``python -m ipykernel_launcher``), to compare or to rule it out.
    """
    global _WARM_KERNELS
    if os.environ.get("BRIEFS_FORK_KERNELS", "1") == "0":
        return
    try:
        import ipykernel.kernelapp  # noqa: F401
        import pandas  # noqa: F401
        from IPython.display import HTML  # noqa: F401

        from analysis.briefs import (
            charts,  # noqa: F401
            keywords,  # noqa: F401
            trends,  # noqa: F401
        )

        # What the brief and trends notebooks import (charts first: see its import of Altair).
        from analysis.briefs import year as brief  # noqa: F401

        keywords._jieba()
    except Exception:  # launched kernels then, where the error shows in the failing cell
        return
    _WARM_KERNELS = True


def kernel_options() -> dict[str, Any]:
    """Extra ``papermill.execute_notebook`` arguments: the forking kernel manager in a worker
    that called :func:`warm_kernels`, nothing elsewhere."""
    if not _WARM_KERNELS:
        return {}
    return {"kernel_manager_class": f"{__name__}.ForkKernelManager"}


class ForkedProcess:
    """The part of ``subprocess.Popen``'s interface jupyter_client uses, for a forked child."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = self.stdout = self.stderr = None

    def poll(self) -> int | None:
        """The exit status once the child has exited, else ``None`` (reaps it)."""
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                self.returncode = 0
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Block until the child exits (``TimeoutError`` after ``timeout`` seconds)."""
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise TimeoutError(f"kernel {self.pid} still running")
            time.sleep(0.02)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        """Signal the child unless it has exited (its pid may belong to another process then)."""
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        """SIGTERM."""
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL."""
        self.send_signal(signal.SIGKILL)


def _become_kernel(argv: list[str], env: dict[str, str], cwd: str | None) -> None:
    """In the forked child: shed the worker's process state, then run an IPython kernel."""
    os.setsid()  # its own process group: interrupts and kills reach the kernel only
    # The worker's handlers (stop the batch, clean its files) are not the kernel's business.
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        # Die with the worker, like a launched kernel would through its parent poller.
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        # Its command line stays the worker's; name it for ps -o comm, top and psutil.name().
        libc.prctl(15, b"briefs-kernel")  # PR_SET_NAME
    except (OSError, AttributeError):
        pass
    # Forked inside the worker's running event loop: the kernel starts its own.
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.environ.clear()
    os.environ.update(env)
    if cwd:
        os.chdir(cwd)
    # Read from the environment when ipykernel was imported (in the worker, before the fork):
    # name the parent here, so the kernel exits with the worker and prints no console banner.
    argv = [*argv, f"--IPKernelApp.parent_handle={os.getppid()}"]
    sys.argv = ["ipykernel_launcher", *argv]
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=argv)


class ForkKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels are forks of this (warm, single-threaded) process.

    Everything else (connection file, ports, messaging, interrupt, shutdown, kill) is
    jupyter_client's: only the launch differs, and only for the ipykernel command line.
    """

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        forkable = (
            threading.active_count() == 1
            and "-f" in kernel_cmd
            and "ipykernel_launcher" in kernel_cmd[:3]
        )
        if not forkable:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        prov = self.provisioner
        argv = kernel_cmd[kernel_cmd.index("-f") :]
        env = dict(kw.get("env") or os.environ)
        cwd = kw.get("cwd")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the kernel: never returns into the worker's code
            code = 1
            try:
                _become_kernel(argv, env, str(cwd) if cwd else None)
                code = 0
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        prov.process = ForkedProcess(pid)
        prov.pid = prov.pgid = pid
        prov.cwd = cwd
        self._reconcile_connection_info(prov.connection_info)


def kernel_start_seconds(nb: Any, started: float, total: float) -> float:
    """Seconds from ``started`` (``time.time()`` before papermill was called) to the start of
    the first cell papermill timed: the kernel's start-up. 0 when the notebook has no timing;
    never more than ``total``, the whole run's time."""
    from datetime import datetime

    for cell in nb.cells:
        stamp = cell.get("metadata", {}).get("papermill", {}).get("start_time")
        if stamp:
            try:
                first = datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
            except ValueError:
                return 0.0
            return min(max(first - started, 0.0), total)
    return 0.0
