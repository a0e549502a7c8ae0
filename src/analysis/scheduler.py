"""``briefs batch --scheduler ADDRESS``: the batch's jobs on a Dask distributed cluster.

The unit of work is the same as on one machine, :func:`analysis.batch.run_job` (a job in, a
:class:`~analysis.batch.Result` out, never raising), submitted with ``Client.submit`` and
collected with ``as_completed`` for progress. Workers write the outputs themselves, so
``--out`` (and the reports and the notebook) must be paths every worker sees: a preflight
check refuses to start otherwise, and refuses workers running another version of the package.
Addresses are parsed by :func:`analysis.dataset.dask_client` (``local``, ``local:N``,
``tcp://host:8786``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from distributed import WorkerPlugin

from .errors import AnalysisError

if TYPE_CHECKING:
    from .batch import Job, Result


class Warmup(WorkerPlugin):
    """Dask worker plugin: import the renderer once per worker process, not once per job.

    ``quiet`` (for the worker processes ``local`` starts here) sends the worker's stderr, which
    its kernels inherit and chatter on, to /dev/null, as the local pool does; a real cluster's
    worker logs are left alone.
    """

    name = "analysis-warmup"

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def setup(self, worker: object = None) -> None:
        """Import papermill, WeasyPrint and build the HTML exporter (~1.5 s, paid once)."""
        warm()
        if self.quiet:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)


def warm() -> None:
    """Import the heavy libraries of :func:`~analysis.batch.run_job` and build the exporter."""
    import papermill  # noqa: F401
    import weasyprint  # noqa: F401

    from . import render

    render._exporter()


def worker_view(paths: Sequence[str]) -> dict[str, object]:
    """What a worker sees: the package version and which of ``paths`` exist (runs on workers)."""
    from . import __version__

    return {"version": __version__, "missing": [p for p in paths if not os.path.exists(p)]}


def preflight(client: object, out: Path, paths: Iterable[str]) -> None:
    """Refuse a cluster whose workers cannot see ``out`` or ``paths``, or run another version.

    ``out`` is checked through a marker file written here and looked for on every worker: a
    path that merely exists on a worker's own disk is not the shared folder.
    """
    from . import __version__

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
    from .batch import Result

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

    from .batch import run_job
    from .dataset import dask_client

    out_root = Path(os.path.commonpath([j.out_dir for j in jobs]))
    needed = sorted({j.notebook for j in jobs} | {j.source for j in jobs})
    results: list[Result] = []
    with dask_client(address) as client:
        preflight(client, out_root, needed)
        local = address == "local" or address.startswith("local:")
        client.register_plugin(Warmup(quiet=local), name=Warmup.name)
        # pure=False: a job writes files; never deduplicate or cache it as a pure function.
        futures = {
            client.submit(run_job, job, pure=False, key=f"brief-{uuid.uuid4().hex}"): job
            for job in jobs
        }
        for fut in as_completed(futures):
            job = futures[fut]
            try:
                res = fut.result()
            except Exception as e:  # KilledWorker (the worker died twice), lost connection …
                res = _failed(job, f"on the cluster: {type(e).__name__}: {e}")
            results.append(res)
            on_result(res)
    return results
