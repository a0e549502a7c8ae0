"""Brief kernels forked from a warm worker, and every use of a library's private API.

Every brief kernel would import pandas, Altair, IPython and the package and load jieba's
dictionary (~2 s of CPU, the largest fixed cost of a job after the PDF layout). A worker that
called :func:`warm_kernels` has done that once; :class:`ForkKernelManager` then starts each
job's kernel as a fork of the worker: still one fresh kernel process per notebook (its own
session, namespace and lifetime), which starts with those modules already imported. It forks
only from a single-threaded process (a local pool worker, a Dask worker's runner) and launches a
normal kernel anywhere else.

The private APIs this needs are used here and nowhere else, each with the reason next to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from jupyter_client.manager import AsyncKernelManager

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

        # What the notebooks import (charts first: see its import of Altair).
        from analysis.briefs import charts, compare, compare_charts, trends, year  # noqa: F401
        from analysis.tables import keywords  # noqa: F401

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


def die_with_parent() -> None:
    """Linux: have this process SIGTERMed when its parent dies, even by ``kill -9``."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def children_allowed() -> Iterator[None]:
    """Let a daemonic process (a Dask worker) start a child process for a while.

    Private API: multiprocessing refuses children to daemonic processes (they could outlive
    it) and offers no public switch; the child started here dies with its parent anyway
    (:func:`die_with_parent`), so the flag is lifted while it starts.
    """
    config = multiprocessing.current_process()._config
    daemon = config.get("daemon")
    config["daemon"] = False
    try:
        yield
    finally:
        config["daemon"] = daemon


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
        libc = ctypes.CDLL(None, use_errno=True)
        # Die with the worker, like a launched kernel would through its parent poller.
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        # Its command line stays the worker's; name it for ps -o comm, top and psutil.name().
        libc.prctl(15, b"briefs-kernel")  # PR_SET_NAME
    except (OSError, AttributeError):
        pass
    # Private API: forked inside the worker's running event loop, the child would find that
    # loop marked as running and refuse to start its own; Python 3.11 has no public way to
    # clear the mark (3.12 clears it after fork itself).
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

    # Private API: jupyter_client has no public hook for how a kernel process is started; this
    # override is the one place it is done, and it falls back to the library's own launch.
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
