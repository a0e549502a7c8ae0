"""The one result loop every way of running jobs shares.

:class:`Backend` submits every job, collects results as they finish, turns a lost worker or an
exception into a ``failed`` result, and stops what is queued when the batch is interrupted.
Subclasses say how a job is submitted and how futures complete:
:class:`analysis.run.pool.LocalPool` (worker processes on this machine) and
:class:`analysis.run.cluster.DaskCluster` (a Dask cluster). A backend is opened once per batch
and runs every stage on the same warm workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

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
