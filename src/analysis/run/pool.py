"""Jobs on this machine: a pool of warm worker processes and the batch's fork server.

:class:`LocalPool` runs jobs in spawned worker processes (:mod:`analysis.run.worker`), whose
kernels are forked by one fork server shared by the pool (:mod:`analysis.run.kernels`).
:func:`backend` picks it, or a Dask cluster for ``--scheduler``.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from analysis.run import kernels, worker
from analysis.run.backend import Backend
from analysis.run.forkserver import ForkServer
from analysis.run.jobs import Job


class LocalPool(Backend):
    """``workers`` spawned worker processes on this machine, started on the first job.

    Worker processes even for one worker: kernels chatter on the worker's stderr (which
    :func:`analysis.run.worker.warm` silences), and every job runs the same way. Spawned, not
    forked: a worker forked from a process that had started threads (a vl-convert runtime,
    say) would hand its kernels a runtime whose threads are gone, and their first chart would
    wait forever.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._forks: ForkServer | None = None

    def _start(self) -> ProcessPoolExecutor:
        # The fork server first: it imports the kernels' modules while the workers import
        # theirs, and one server does it for every worker.
        if self._forks is None or self._forks.process.poll() is not None:
            self._forks = kernels.start_fork_server()
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.warm,
            initargs=(self._forks.address if self._forks else None,),
        )

    def _stop_fork_server(self) -> None:
        if self._forks is not None:
            forks, self._forks = self._forks, None
            forks.stop()

    def submit(self, job: Job) -> Future:
        if self._pool is None:
            self._pool = self._start()
        try:
            return self._pool.submit(worker.run, job)
        except BrokenProcessPool:  # a worker died in an earlier stage: new workers for this one
            self._pool = self._start()
            return self._pool.submit(worker.run, job)

    def completed(self, futures: Iterable[Future]) -> Iterator[Future]:
        return as_completed(futures)

    def lost(self, error: BaseException) -> str:
        if isinstance(error, BrokenProcessPool):  # a worker was killed: the pool stops every job
            return (
                "a worker process died (killed, or out of memory); run the batch again to "
                "build what is missing"
            )
        return super().lost(error)

    def cancel(self, futures: Sequence[Future], grace: float = 10.0) -> None:
        """Cancel the queued jobs and terminate the workers (each stops its kernel and removes
        its temporary files, see :func:`analysis.run.worker._stop`); kill those still alive
        after ``grace`` s."""
        if self._pool is None:
            self._stop_fork_server()
            return
        handlers = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            pool, self._pool = self._pool, None
            # The workers first: once they are gone, nothing the pool's own threads wait on is
            # left running, and its shutdown cannot wait for a job.
            procs = multiprocessing.active_children()  # the pool's workers
            for p in procs:
                if p.is_alive():
                    p.terminate()
            deadline = time.monotonic() + grace
            for p in procs:
                p.join(max(0.1, deadline - time.monotonic()))
                if p.is_alive():
                    p.kill()
                    p.join(1)
            pool.shutdown(wait=False, cancel_futures=True)
            self._stop_fork_server()
        finally:
            for s, h in handlers.items():
                signal.signal(s, h)

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True)
        self._stop_fork_server()


def backend(workers: int, scheduler: str | None = None) -> Backend:
    """The backend for ``--workers``/``--scheduler``: a Dask cluster when an address is given."""
    if scheduler:
        from analysis.run.cluster import DaskCluster  # distributed: only when asked for

        return DaskCluster(scheduler)
    return LocalPool(workers)
