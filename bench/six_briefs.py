"""Six full briefs against six bare papermill runs, in one run, as ratios (issue 19).

    .venv/bin/python bench/six_briefs.py [--pairs 3] [--years 2019,2021,2022,2023,2024,2025]

A: ``briefs batch --workers 2 --force`` (HTML and PDF) of six national reports (copied into a
temporary data folder) and their trends brief, start-up included, into
a new output folder each time. B: the papermill CLI six times, one after another, on a
one-cell notebook (``1 + 1``) with the python3 kernel: the floor of any notebook run.
A no-op re-run of A (nothing changed) is timed too, and one more run of A gives the CPU
seconds of each kind of process (the batch, its workers, the fork server, the kernels).

The two alternate (A B A B …) so that a change in the machine's load hits both; each pair
gives a ratio A/B, and the median ratio is the figure (the aim: at most 0.75). The load
average is recorded before every run: the machine is shared. Raw figures go to
``bench/results/six_briefs.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT.parent / "shared" / "corpus" / "national"
RESULTS = ROOT / "bench" / "results"
YEARS = (2019, 2021, 2022, 2023, 2024, 2025)
AIM = 0.75


def timed(cmd: list[str], **kw) -> float:
    """Wall seconds of ``cmd`` (which must succeed)."""
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed: {done.stderr[-1500:]}")
    return took


def cpu_by_kind(cmd: list[str]) -> dict:
    """CPU seconds per kind of process of one run of ``cmd`` (sampled every 0.1 s)."""
    from batch import TreeSampler  # bench/ is the script's folder, first on sys.path

    with TreeSampler() as sampler:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sampler.watch(proc.pid)
        proc.wait()
    return {k: v["cpu_s"] for k, v in sampler.by_kind().items()}


def one_cell_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--years", default=",".join(map(str, YEARS)))
    args = ap.parse_args(argv)
    years = [int(y) for y in args.years.split(",")]
    if not all((CORPUS / f"{y}.txt").exists() for y in years):
        print(f"needs {CORPUS}/<year>.txt for {years}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-six-") as tmp:
        root = Path(tmp)
        data = root / "data" / "national"
        data.mkdir(parents=True)
        for y in years:
            shutil.copyfile(CORPUS / f"{y}.txt", data / f"{y}.txt")  # links out are refused
        nb = root / "one.ipynb"
        one_cell_notebook(nb)
        batch = [str(BIN / "briefs"), "batch", "--data", str(root / "data"), "--workers", "2"]
        bare = [str(BIN / "papermill"), "-k", "python3", "--no-progress-bar", str(nb)]
        rows = []
        # One of each first, not counted: caches (jieba's dictionary, the disk) warm for both.
        timed([*batch, "--out", str(root / "warm"), "--force"])
        timed([*bare, str(root / "warm.ipynb")])
        for i in range(args.pairs):
            load = round(os.getloadavg()[0], 2)
            out = root / f"out{i}"
            a = timed([*batch, "--out", str(out), "--force"])
            b = sum(timed([*bare, str(root / f"bare{i}-{k}.ipynb")]) for k in range(6))
            noop = timed([*batch, "--out", str(out)])
            rows.append({"load": load, "batch_s": round(a, 2), "bare_s": round(b, 2),
                         "ratio": round(a / b, 3), "noop_s": round(noop, 2)})  # fmt: skip
            print(json.dumps(rows[-1]), flush=True)
        cpu = cpu_by_kind([*batch, "--out", str(root / "cpu"), "--force"])
        print(json.dumps(cpu), flush=True)
    ratio = statistics.median(r["ratio"] for r in rows)
    summary = {
        "briefs": len(years),
        "batch_s": statistics.median(r["batch_s"] for r in rows),
        "bare_six_s": statistics.median(r["bare_s"] for r in rows),
        "ratio_median": round(ratio, 3),
        "ratio_range": [min(r["ratio"] for r in rows), max(r["ratio"] for r in rows)],
        "noop_s": statistics.median(r["noop_s"] for r in rows),
        "aim": AIM,
        "load": [r["load"] for r in rows],
        "pairs": rows,
        "cpu_by_kind": cpu,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "six_briefs.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(
        f"six briefs + trends {summary['batch_s']:.1f} s, six bare papermill runs "
        f"{summary['bare_six_s']:.1f} s: ratio {ratio:.2f} (aim <= {AIM}; pairs "
        f"{summary['ratio_range'][0]:.2f}-{summary['ratio_range'][1]:.2f}), no-op re-run "
        f"{summary['noop_s']:.2f} s, load {summary['load']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
