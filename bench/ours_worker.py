"""Our side of the extraction benchmark: one pipeline stage timed in its own process.

Reads a JSON request ``{"stage": ..., "files": [...], "repeat": N}`` on stdin and prints one JSON
object. Each stage runs in a fresh process so that its peak resident memory is its own.

Stages: ``pipeline`` (file → table: load, normalise, report structure, extract), ``report``
(file → Report: load, normalise, structure), ``normalise`` (raw text → normalised text) and
``extract`` (Report → table).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from analysis.extract.indicators import extract
from analysis.extract.load import read_text
from analysis.extract.normalise import normalise
from analysis.extract.structure import read_report

STAGES = ("pipeline", "report", "normalise", "extract")


def rss_mb() -> float:
    """Current resident set size in MiB (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def make_pass(stage: str, files: list[Path]) -> Callable[[], int]:
    """A function doing one pass of ``stage`` over ``files``; returns the number of rows/items."""
    if stage == "pipeline":
        return lambda: sum(len(extract(read_report(f))) for f in files)
    if stage == "report":
        return lambda: sum(len(read_report(f).sentences) for f in files)
    if stage == "normalise":
        raws = [read_text(f) for f in files]
        return lambda: sum(len(normalise(r)) for r in raws)
    if stage == "extract":
        reports = [read_report(f) for f in files]
        return lambda: sum(len(extract(r)) for r in reports)
    raise ValueError(f"unknown stage {stage!r}")


def bench(stage: str, files: list[Path], repeat: int) -> dict:
    """Median wall time of ``repeat`` passes and the process's peak memory over its baseline."""
    chars = sum(len(read_text(f)) for f in files)
    one_pass = make_pass(stage, files)
    baseline = rss_mb()
    times: list[float] = []
    cpu: list[float] = []  # CPU time: steadier than wall time on a shared machine
    found = 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        found = one_pass()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "name": stage,
        "chars": chars,
        "times_s": times,
        "median_s": statistics.median(times),
        "cpu_median_s": statistics.median(cpu),
        "found": found,
        "baseline_mb": baseline,
        "maxrss_mb": maxrss,
    }


def main() -> int:
    """Read the request on stdin, print the answer on stdout."""
    req = json.load(sys.stdin)
    files = [Path(f) for f in req["files"]]
    json.dump(bench(req["stage"], files, int(req.get("repeat", 5))), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
