"""Where jobs run: local worker processes or a Dask cluster, behind one interface.

:class:`Backend` is the one result loop: submit every job, collect results as they finish,
turn a lost worker or an exception into a ``failed`` result, stop what is queued when the batch
is interrupted. :class:`LocalPool` runs jobs in spawned worker processes on this machine;
:class:`analysis.run.cluster.DaskCluster` on a Dask cluster. A backend is opened once per
batch and runs every stage (extraction, briefs, trends) on the same warm workers.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from analysis.run import worker
from analysis.run.jobs import Job, Result


class Backend:
    """Runs jobs; subclasses say how to submit one and how futures complete."""

    def submit(self, job: Job) -> Any:
        """Start ``job`` (:func:`analysis.run.worker.run`); return its future."""
        raise NotImplementedError

    def completed(self, futures: Iterable[Any]) -> Iterator[Any]:
        """``futures`` as they finish."""
        raise NotImplementedError

    def lost(self, error: BaseException) -> str:
        """What to tell the user when a job's future raised ``error``."""
        return f"{type(error).__name__}: {error}"

    def cancel(self, futures: Sequence[Any]) -> None:
        """Stop queued and running jobs (the batch was interrupted)."""

    def close(self) -> None:
        """Release the workers."""

    def run(self, jobs: Sequence[Job], on_result: Callable[[Result], None]) -> list[Result]:
        """Run ``jobs``; ``on_result`` sees each result as it comes; results in job order."""
        futures = {self.submit(job): job for job in jobs}
        results: list[Result] = []
        try:
            for fut in self.completed(futures):
                job = futures[fut]
                try:
                    res = fut.result()
                except Exception as e:  # a dead worker, a lost connection …
                    res = job.failed(self.lost(e))
                results.append(res)
                on_result(res)
        except BaseException:  # Ctrl-C, SIGTERM: stop the workers, or they go on
            self.cancel(list(futures))
            raise
        by_job = {(r.kind, r.region, r.report_year): r for r in results}
        return [by_job[(j.kind, j.region, j.report_year)] for j in jobs]

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        # Interrupted between stages (Ctrl-C, SIGTERM): stop the workers, never wait for them.
        if exc_type is not None:
            self.cancel([])
        self.close()


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

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.warm,
        )

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
        finally:
            for s, h in handlers.items():
                signal.signal(s, h)

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True)


def backend(workers: int, scheduler: str | None = None) -> Backend:
    """The backend for ``--workers``/``--scheduler``: a Dask cluster when an address is given."""
    if scheduler:
        from analysis.run.cluster import DaskCluster  # distributed: only when asked for

        return DaskCluster(scheduler)
    return LocalPool(workers)
