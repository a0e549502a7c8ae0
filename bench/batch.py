"""Batch benchmark: ``briefs batch --workers 2 --force`` against the loop a user would write.

    .venv/bin/python bench/batch.py [--years 1978-] [--workers 2] [--no-naive] [--keep]

Inputs: the national corpus (read in place: a temporary data folder holds symlinks to it) and
the county sample. The naive loop runs, per report, one process per step: the papermill CLI,
``jupyter nbconvert --to html --no-input``, then the WeasyPrint CLI. Both write to temporary
folders (never reports/). Measured in one run: wall time, per-stage times (summed over reports;
for the batch from each job's provenance.json), a re-run with nothing changed, and peak resident
memory per process kind (sampled every 0.1 s over the process tree with psutil).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import psutil

from extract import parse_years  # bench/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT.parent / "shared" / "corpus" / "national"
SAMPLE = ROOT / "data" / "raw" / "mouxian"
NOTEBOOK = ROOT / "notebooks" / "brief.ipynb"
RESULTS = ROOT / "bench" / "results"
STAGES = ("execute", "html", "pdf")
AIM_RERUN_S = 2.0


class TreeSampler:
    """Peak RSS of every process in a tree, sampled on a thread; kinds from the command line."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self._roots: list[psutil.Process] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def watch(self, pid: int) -> None:
        """Add a process (and, from then on, its descendants) to the sampled tree."""
        with contextlib.suppress(psutil.NoSuchProcess):
            self._roots.append(psutil.Process(pid))

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            for root in list(self._roots):
                try:
                    procs = [root, *root.children(recursive=True)]
                except psutil.NoSuchProcess:
                    self._roots.remove(root)
                    continue
                for p in procs:
                    try:
                        rss = p.memory_info().rss / 2**20
                        known = self.peaks.get(p.pid, ("?", 0.0))[0]
                        # A process caught between fork and exec has no command line yet.
                        kind = known if known != "?" else kind_of(p.cmdline())
                    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                        continue
                    if kind in ("briefs", "batch worker") and p.pid != root.pid:
                        # Forked processes keep the parent's command line: pool workers are the
                        # root's children, kernels forked from a warm worker its grandchildren.
                        with contextlib.suppress(psutil.Error):
                            kind = "batch worker" if p.ppid() == root.pid else "kernel (forked)"
                    self.peaks[p.pid] = (kind, max(rss, self.peaks.get(p.pid, ("", 0.0))[1]))
            self._stop.wait(self.interval)

    def by_kind(self) -> dict[str, dict]:
        """Per kind: how many processes, the largest peak and the median peak (MiB)."""
        kinds: dict[str, list[float]] = {}
        for kind, peak in self.peaks.values():
            kinds.setdefault(kind, []).append(peak)
        # gcc, ld, ldconfig …: ctypes.util.find_library runs them when WeasyPrint loads pango.
        small = [k for k, v in kinds.items() if max(v) < 10]
        if small:
            kinds["helpers <10 MiB"] = [x for k in small for x in kinds.pop(k)]
        return {
            k: {"processes": len(v), "max_mb": max(v), "median_mb": statistics.median(v)}
            for k, v in sorted(kinds.items())
        }


def kind_of(cmdline: Sequence[str]) -> str:
    """A label for a process of either run, from its program names (not its path arguments)."""
    progs = " ".join(Path(a).name for a in cmdline[:3])
    if "ipykernel" in progs:
        return "kernel"
    if "multiprocessing" in " ".join(cmdline):
        return "batch worker"
    for name in ("papermill", "nbconvert", "weasyprint", "briefs"):
        if name in progs:
            return name
    return Path(cmdline[0]).name if cmdline else "?"


def make_data(tmp: Path, years: list[int], sample: bool) -> list[tuple[str, int, Path, Path]]:
    """``tmp/data/<region>/<year>.txt`` as symlinks to the inputs (read in place, not copied).

    Returns the jobs: (region, report year, source file, region folder).
    """
    jobs = []
    national = tmp / "data" / "national"
    national.mkdir(parents=True)
    for y in years:
        (national / f"{y}.txt").symlink_to(CORPUS / f"{y}.txt")
        jobs.append(("national", y, CORPUS / f"{y}.txt", national))
    if sample:
        county = tmp / "data" / "mouxian"
        county.mkdir()
        for f in SAMPLE.iterdir():
            (county / f.name).symlink_to(f)
        jobs.append(("mouxian", 2023, SAMPLE / "2023.txt", county))
    return jobs


def timed(cmd: list[str], sampler: TreeSampler, cwd: Path | None = None) -> tuple[float, int]:
    """Run ``cmd`` with its process tree sampled; (wall seconds, exit status)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    sampler.watch(proc.pid)
    _, err = proc.communicate()
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = "\n".join(err.strip().splitlines()[-5:])
        print(f"  {Path(cmd[0]).name} exited {proc.returncode}:\n{tail}", file=sys.stderr)
    return took, proc.returncode


def run_naive(jobs: list[tuple[str, int, Path, Path]], out: Path) -> dict:
    """The user's loop: per report, papermill CLI → nbconvert CLI → WeasyPrint CLI."""
    stages = {s: 0.0 for s in STAGES}
    failed = 0
    with TreeSampler() as sampler:
        t0 = time.perf_counter()
        for region, year, source, folder in jobs:
            d = out / region / str(year)
            d.mkdir(parents=True)
            nb = d / "brief.ipynb"
            steps = {
                "execute": (
                    [
                        str(BIN / "papermill"),
                        str(NOTEBOOK),
                        str(nb),
                        "--cwd",
                        str(NOTEBOOK.parent),
                        "-p",
                        "region",
                        region,
                        "-p",
                        "report_year",
                        str(year),
                        "-p",
                        "source",
                        str(source),
                        "-p",
                        "out_dir",
                        str(d),
                        "-p",
                        "data_dir",
                        str(folder),
                        "--no-progress-bar",
                    ]
                ),  # fmt: skip
                "html": [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)],
                "pdf": [str(BIN / "weasyprint"), str(d / "brief.html"), str(d / "brief.pdf")],
            }
            for stage, cmd in steps.items():
                took, rc = timed(cmd, sampler)
                stages[stage] += took
                if rc != 0:
                    failed += 1
                    break
            print(f"  naive {region} {year}: done", file=sys.stderr, flush=True)
        wall = time.perf_counter() - t0
    return {"wall_s": wall, "stages_s": stages, "failed": failed, "memory": sampler.by_kind()}


def run_batch(data: Path, out: Path, workers: int, force: bool) -> dict:
    """``briefs batch`` over ``data`` into ``out``; per-stage sums from the provenance files."""
    cmd = [str(BIN / "briefs"), "batch", "--data", str(data), "--out", str(out),
           "--workers", str(workers)]  # fmt: skip
    if force:
        cmd.append("--force")
    with TreeSampler() as sampler:
        wall, rc = timed(cmd, sampler)
    stages = {s: 0.0 for s in STAGES}
    for prov in out.glob("*/*/provenance.json"):
        timings = json.loads(prov.read_text(encoding="utf-8")).get("timings", {})
        for s in STAGES:
            stages[s] += float(timings.get(f"{s}_s", 0.0))
    return {
        "wall_s": wall,
        "exit": rc,
        "stages_s": stages,
        "briefs": len(list(out.glob("*/*/brief.pdf"))),
        "memory": sampler.by_kind(),
    }


def print_table(naive: dict | None, batch: dict, rerun: dict, n_jobs: int, workers: int) -> None:
    """One table: stage times of both runs, the ratio, the re-run and memory per process kind."""
    print(f"\n{'':<34} {'naive loop':>11} {'briefs batch':>13} {'naive/batch':>12}")
    print("-" * 73)

    def row(label: str, a: float | None, b: float, unit: str = "s") -> None:
        na = f"{a:>10.1f}{unit}" if a is not None else f"{'-':>11}"
        ratio = f"{a / b:>11.1f}×" if a is not None and b else f"{'-':>12}"
        print(f"{label:<34} {na} {b:>12.1f}{unit} {ratio}")

    row(f"wall, {n_jobs} reports", naive and naive["wall_s"], batch["wall_s"])
    row("wall per report", naive and naive["wall_s"] / n_jobs, batch["wall_s"] / n_jobs)
    for s in STAGES:
        row(f"  {s} (sum over reports)", naive and naive["stages_s"][s], batch["stages_s"][s])
    ok = "met" if rerun["wall_s"] < AIM_RERUN_S else "NOT met"
    print(f"{'re-run, nothing changed':<34} {'-':>11} {rerun['wall_s']:>12.2f}s"
          f"   (aim < {AIM_RERUN_S:g} s: {ok})")  # fmt: skip
    print(
        f"\npeak RSS per process (MiB; batch with --workers {workers}; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):"
    )
    print(f"  {'process':<16} {'run':<8} {'count':>6} {'max':>8} {'median':>8}")
    for label, run in (("naive", naive), ("batch", batch)):
        if run is None:
            continue
        for kind, m in run["memory"].items():
            print(f"  {kind:<16} {label:<8} {m['processes']:>6} {m['max_mb']:>8.0f} "
                  f"{m['median_mb']:>8.0f}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run both, print the table, save the raw figures to bench/results/batch.json."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--years", default="1978-", help="national report years: 1978- (default), 2015-2025, all"
    )
    ap.add_argument("--workers", type=int, default=2, help="briefs batch --workers (default 2)")
    ap.add_argument("--no-sample", action="store_true", help="leave out the county sample")
    ap.add_argument("--no-naive", action="store_true", help="time briefs batch only")
    ap.add_argument("--keep", action="store_true", help="keep the temporary output folders")
    ap.add_argument("--json", type=Path, default=RESULTS / "batch.json", help="raw results")
    args = ap.parse_args(argv)

    if not CORPUS.is_dir():
        sys.exit(f"bench/batch.py: {CORPUS}: the national corpus is absent")
    available = sorted(int(p.stem) for p in CORPUS.glob("*.txt") if p.stem.isdigit())
    years = parse_years(args.years, available)
    tmp = Path(tempfile.mkdtemp(prefix="briefs-bench-"))
    try:
        jobs = make_data(tmp, years, sample=not args.no_sample)
        what = (
            f"{len(years)} national reports ({years[0]}–{years[-1]})"
            if years
            else "no national report"
        )
        print(f"{what}{'' if args.no_sample else ' + the county sample'}: {len(jobs)} briefs; "
              f"outputs in {tmp}")  # fmt: skip
        print("briefs batch --force …", file=sys.stderr, flush=True)
        batch = run_batch(tmp / "data", tmp / "batch", args.workers, force=True)
        print("briefs batch (re-run, nothing changed) …", file=sys.stderr, flush=True)
        rerun = run_batch(tmp / "data", tmp / "batch", args.workers, force=False)
        naive = None if args.no_naive else run_naive(jobs, tmp / "naive")
        print_table(naive, batch, rerun, len(jobs), args.workers)
        if batch["exit"] != 0 or (naive and naive["failed"]):
            print("\nsome briefs failed: see the messages above", file=sys.stderr)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "years": years,
                    "sample": not args.no_sample,
                    "jobs": len(jobs),
                    "load_average": os.getloadavg()[0],
                    "workers": args.workers,
                    "cores": os.cpu_count(),
                    "batch": batch,
                    "rerun": rerun,
                    "naive": naive,
                },
                indent=1,
            ),  # fmt: skip
            encoding="utf-8",
        )
        print(f"\nraw results: {args.json}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
