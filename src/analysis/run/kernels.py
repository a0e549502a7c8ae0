"""How a batch starts its notebook kernels: warm, from a fork server, through a provisioner.

A batch starts one fork server (:mod:`analysis.run.forkserver`) that imports what a brief
kernel imports (:data:`KERNEL_MODULES`); each worker then starts its kernels with the
jupyter_client kernel provisioner :class:`analysis.run.provisioner.ForkServerProvisioner`,
registered by entry point and chosen with ``JUPYTER_DEFAULT_PROVISIONER_NAME``
(:func:`use_fork_server`), which has the server fork each kernel, or launches it the ordinary
way when the server cannot fork it safely. Still one fresh kernel process per notebook.
"""

from __future__ import annotations

import os
from typing import Any

from analysis.run import forkserver

#: The provisioner's entry-point name (``pyproject.toml``).
PROVISIONER = "briefs-fork-server"

#: What a brief, trends or comparison kernel imports, loaded once in the fork server; jieba's
#: dictionary too (``module:function`` is called).
KERNEL_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "IPython.display",
    "pandas",
    "analysis.briefs.charts",  # first: Altair
    "analysis.briefs.year",
    "analysis.briefs.trends",
    "analysis.briefs.compare",
    "analysis.briefs.compare_charts",
    "analysis.tables.year",
    "analysis.tables.trends",
    "analysis.tables.compare",
    "analysis.tables.keywords:tokenizer",
)


def fork_kernels_wanted() -> bool:
    """``BRIEFS_FORK_KERNELS=0`` launches every kernel the ordinary way (to compare, or to
    rule the fork server out)."""
    return os.environ.get("BRIEFS_FORK_KERNELS", "1") != "0"


def start_fork_server() -> forkserver.ForkServer | None:
    """A fork server preloading :data:`KERNEL_MODULES`, or ``None`` when turned off."""
    return forkserver.start(KERNEL_MODULES) if fork_kernels_wanted() else None


def use_fork_server(address: str | None) -> None:
    """In a worker: start this process's kernels with :class:`ForkServerProvisioner`, forked
    by the server at ``address`` (launched the ordinary way when ``None``)."""
    os.environ["JUPYTER_DEFAULT_PROVISIONER_NAME"] = PROVISIONER
    if address:
        os.environ[forkserver.ADDRESS_ENV] = address
    else:
        os.environ.pop(forkserver.ADDRESS_ENV, None)


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
