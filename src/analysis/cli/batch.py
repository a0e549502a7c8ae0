"""``briefs batch [--data D] [--out O] [--region R ...] [--years Y] [--workers N] [--formats F]
[--force] [--scheduler ADDRESS]``: every brief, see :mod:`analysis.run.batch`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from analysis.errors import InputError, one_line
from analysis.run.batch import batch
from analysis.run.jobs import FORMATS


class Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP) in the batch process: unwinds like Ctrl-C; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``briefs batch``."""
    parser.add_argument(
        "--data", default="data/raw", help="folder of region folders (default data/raw)"
    )
    parser.add_argument("--out", default="reports", help="output folder (default reports)")
    parser.add_argument("--region", nargs="+", action="extend", metavar="R",
                        help="only these regions (folder names)")  # fmt: skip
    parser.add_argument("--years", help="report years: 2019-2023, 2019,2021 or 2020")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default 2)")  # fmt: skip
    parser.add_argument("--formats", default="html,pdf", help="html,pdf (default both)")
    parser.add_argument(
        "--force", action="store_true", help="re-run jobs whose inputs are unchanged"
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="run the jobs on a Dask cluster: tcp://host:8786, or local / local:N to start N "
        "worker processes here; --out, --data and the package must be shared by the workers",
    )  # fmt: skip
    parser.add_argument("--notebook", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Run the batch; print each failed job with its cell and error; 1 when any failed."""
    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    bad = sorted(set(formats) - set(FORMATS))
    if bad:
        raise InputError(None, f"--formats: unknown {', '.join(bad)} (use html,pdf)")
    # Ctrl-C (SIGINT) too: it stops the batch even when this process was started with SIGINT
    # ignored, and it unwinds the same way as SIGTERM.
    previous = {
        s: signal.signal(s, _raise_terminated)
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    try:
        results = batch(
            args.data, args.out, args.region, args.years, max(1, args.workers), formats,
            args.force, args.notebook, getattr(args, "scheduler", None),
        )  # fmt: skip
    except KeyboardInterrupt as e:
        signum = getattr(e, "signum", signal.SIGINT)
        print(f"briefs batch: interrupted ({signal.Signals(signum).name}); finished briefs are "
              "kept and listed in the index, unfinished ones left no output; run the same "
              "command again to build only what is missing", file=sys.stderr)  # fmt: skip
        return 128 + signum
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "skipped", "failed")}
    index = Path(args.out) / "index.html"
    print(f"briefs batch: {counts['ok']} built, {counts['skipped']} unchanged, "
          f"{counts['failed']} failed; see {index}")  # fmt: skip
    for r in results:
        if r.status == "failed":
            where = f" {r.cell}:" if r.cell else ""
            print(one_line(f"FAILED {r.label}:{where} {r.error}"), file=sys.stderr)
    return 1 if counts["failed"] else 0
