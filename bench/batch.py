"""Batch benchmark: ``briefs batch --workers 2 --force`` against the loop a user would write.

    .venv/bin/python bench/batch.py [--years 2016-2025] [--workers 2] [--no-provinces]
                                    [--no-sample] [--no-naive] [--keep]

Inputs (issues 11 and 12): the national reports 2016–2025 (copied into a temporary data
folder: a link leaving it is refused), the 16 provinces of ``../shared/corpus/provinces-2026/``
(imported into that folder with ``briefs import``'s :func:`analysis.ingest.import_file`) and
the county sample. One run measures, side by side:

- ``briefs batch --force`` (HTML and PDF): wall time, CPU of the whole process tree, per-stage
  seconds (extract from the batch's progress lines, execute/html/pdf and the kernel start from
  each job's ``provenance.json``), CPU per process kind, the national trends notebook and the
  2026 comparison (their provenance records);
- a re-run with nothing changed;
- the naive loop: per report, one process per step: the papermill CLI (the same notebook with
  the same parameters; its ``out_dir`` holds no stored extraction, so it extracts the report
  itself, as a user's loop does), ``jupyter nbconvert --to html --no-input``, the WeasyPrint
  CLI; wall and CPU per step;
- a comparison of 31 regions built and rendered in-process (:mod:`analysis.briefs.compare`):
  the 16 provinces' stored tables plus 15 of them again under new region names;
- peak resident memory per process kind (the process tree sampled every 0.1 s with psutil).

Everything is written to temporary folders (never reports/); the raw figures go to
``bench/results/batch.json`` with the load average.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
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
SHARED = ROOT.parent / "shared" / "corpus"
CORPUS = SHARED / "national"
PROVINCES = SHARED / "provinces-2026"
SAMPLE = ROOT / "data" / "raw" / "mouxian"
NOTEBOOK = ROOT / "notebooks" / "brief.ipynb"
RESULTS = ROOT / "bench" / "results"
STAGES = ("extract", "execute", "html", "pdf")
AIMS = {"per_brief_s": 2.0, "ratio": 6.0, "rerun_s": 2.0, "trends_execute_s": 5.0}
COMPARE_YEAR = 2026

Report = tuple[str, int, Path, Path]  # region, report year, source file, region folder


def load_average() -> float:
    """The 1-minute load average now."""
    return round(os.getloadavg()[0], 2)


def children_cpu() -> float:
    """CPU seconds (user + system) of every waited-for descendant of this process so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


class TreeSampler:
    """Peak RSS and CPU of every process in a tree, sampled on a thread; kinds from the
    command line."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self.cpu: dict[int, float] = {}
        self.loads: list[float] = []
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
        ticks = 0
        while not self._stop.is_set():
            if ticks % 50 == 0:  # every 5 s
                self.loads.append(load_average())
            ticks += 1
            for root in list(self._roots):
                try:
                    procs = [root, *root.children(recursive=True)]
                except psutil.NoSuchProcess:
                    self._roots.remove(root)
                    continue
                for p in procs:
                    try:
                        with p.oneshot():
                            rss = p.memory_info().rss / 2**20
                            t = p.cpu_times()
                            known = self.peaks.get(p.pid, ("?", 0.0))[0]
                            # A process caught between fork and exec has no command line yet.
                            kind = known if known != "?" else kind_of(p.cmdline(), p.name())
                    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                        continue
                    if kind in ("briefs", "batch worker") and p.pid != root.pid:
                        # Spawned pool workers are the root's children.
                        with contextlib.suppress(psutil.Error):
                            kind = "batch worker" if p.ppid() == root.pid else kind
                    self.peaks[p.pid] = (kind, max(rss, self.peaks.get(p.pid, ("", 0.0))[1]))
                    self.cpu[p.pid] = t.user + t.system
            self._stop.wait(self.interval)

    def by_kind(self) -> dict[str, dict]:
        """Per kind: how many processes, the largest and median peak RSS (MiB), and the CPU
        seconds seen (sampled: a process's last 0.1 s may be missing)."""
        kinds: dict[str, list[tuple[float, float]]] = {}
        for pid, (kind, peak) in self.peaks.items():
            kinds.setdefault(kind, []).append((peak, self.cpu.get(pid, 0.0)))
        # gcc, ld, ldconfig …: ctypes.util.find_library runs them when WeasyPrint loads pango.
        small = [k for k, v in kinds.items() if max(p for p, _ in v) < 10]
        if small:
            kinds["helpers <10 MiB"] = [x for k in small for x in kinds.pop(k)]
        return {
            k: {
                "processes": len(v),
                "max_mb": round(max(p for p, _ in v), 1),
                "median_mb": round(statistics.median(p for p, _ in v), 1),
                "cpu_s": round(sum(c for _, c in v), 2),
            }
            for k, v in sorted(kinds.items())
        }


def kind_of(cmdline: Sequence[str], name: str = "") -> str:
    """A label for a process of either run, from its program names (not its path arguments)."""
    if name == "briefs-kernel":  # a kernel forked by the fork server names itself so
        return "kernel (forked)"
    if "analysis.run.forkserver" in cmdline:
        return "fork server"
    progs = " ".join(Path(a).name for a in cmdline[:3])
    if "ipykernel" in progs:
        return "kernel"
    if "multiprocessing" in " ".join(cmdline):
        return "batch worker"
    for prog in ("papermill", "nbconvert", "weasyprint", "briefs"):
        if prog in progs:
            return prog
    return Path(cmdline[0]).name if cmdline else "?"


def make_data(tmp: Path, years: list[int], provinces: bool, sample: bool) -> list[Report]:
    """``tmp/data/<region>/<year>.txt``: copies of the national reports and the sample (a link
    leaving the data folder is refused), the provinces imported from their CSV files. Returns
    the reports."""
    from analysis.ingest import import_file

    data = tmp / "data"
    data.mkdir(parents=True)
    reports: list[Report] = []
    if years:
        national = data / "national"
        national.mkdir()
        for y in years:
            shutil.copyfile(CORPUS / f"{y}.txt", national / f"{y}.txt")
            reports.append(("national", y, national / f"{y}.txt", national))
    if provinces:
        for csv in sorted(PROVINCES.glob("*.csv")):
            for path in import_file(csv, data):
                reports.append((path.parent.name, int(path.stem), path, path.parent))
    if sample:
        county = data / "mouxian"
        county.mkdir()
        for f in SAMPLE.iterdir():
            shutil.copyfile(f, county / f.name)
        reports.append(("mouxian", 2023, county / "2023.txt", county))
    return reports


def timed(cmd: list[str], sampler: TreeSampler) -> tuple[float, float, int, str]:
    """Run ``cmd`` with its process tree sampled; (wall s, CPU s of the tree, status, stderr)."""
    c0, t0 = children_cpu(), time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler.watch(proc.pid)
    _, err = proc.communicate()
    took, cpu = time.perf_counter() - t0, children_cpu() - c0
    if proc.returncode != 0:
        tail = "\n".join(err.strip().splitlines()[-5:])
        print(f"  {Path(cmd[0]).name} exited {proc.returncode}:\n{tail}", file=sys.stderr)
    return took, cpu, proc.returncode, err


def run_naive(reports: list[Report], out: Path) -> dict:
    """The user's loop: per report, papermill CLI → nbconvert CLI → WeasyPrint CLI."""
    stages = {s: {"wall_s": 0.0, "cpu_s": 0.0} for s in ("execute", "html", "pdf")}
    failed = 0
    with TreeSampler() as sampler:
        c0, t0 = children_cpu(), time.perf_counter()
        for region, year, source, folder in reports:
            d = out / region / str(year)
            d.mkdir(parents=True)
            nb = d / "brief.ipynb"
            params = {"region": region, "report_year": year, "source": source.resolve(),
                      "out_dir": d, "data_dir": folder.resolve()}  # fmt: skip
            steps = {
                "execute": [str(BIN / "papermill"), str(NOTEBOOK), str(nb), "--cwd",
                            str(NOTEBOOK.parent), "--no-progress-bar",
                            *(x for k, v in params.items() for x in ("-p", k, str(v)))],
                "html": [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)],
                "pdf": [str(BIN / "weasyprint"), str(d / "brief.html"), str(d / "brief.pdf")],
            }  # fmt: skip
            for stage, cmd in steps.items():
                took, cpu, rc, _ = timed(cmd, sampler)
                stages[stage]["wall_s"] += took
                stages[stage]["cpu_s"] += cpu
                if rc != 0:
                    failed += 1
                    break
            print(f"  naive {region} {year}: done", file=sys.stderr, flush=True)
        wall, cpu = time.perf_counter() - t0, children_cpu() - c0
    return {"wall_s": wall, "cpu_s": cpu, "stages": stages, "failed": failed,
            "memory": sampler.by_kind(), "load": sampler.loads}  # fmt: skip


_EXTRACT_LINE = re.compile(r"\] (\S+) (\d{4}) extract: (\w+)(?: \(([\d.]+) s\))?")


def _provenance(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def run_batch(data: Path, out: Path, workers: int, force: bool) -> dict:
    """``briefs batch`` over ``data`` into ``out``; per-stage seconds from its progress lines
    (extractions) and the provenance records (notebooks)."""
    cmd = [str(BIN / "briefs"), "batch", "--data", str(data), "--out", str(out),
           "--workers", str(workers)]  # fmt: skip
    if force:
        cmd.append("--force")
    with TreeSampler() as sampler:
        wall, cpu, rc, err = timed(cmd, sampler)
    extract = [float(m.group(4) or 0) for m in _EXTRACT_LINE.finditer(err)]
    briefs: dict[str, dict] = {}
    for prov in sorted(out.glob("*/*/provenance.json")):
        record = _provenance(prov)
        briefs[f"{prov.parent.parent.name}/{prov.parent.name}"] = {
            **record.get("timings", {}),
            "kernel_start_s": record.get("kernel_start_s", 0.0),
        }
    stages = {"extract": sum(extract)}
    for s in ("execute", "html", "pdf", "kernel_start"):
        stages[s] = sum(float(t.get(f"{s}_s", 0.0)) for t in briefs.values())
    others = {
        "trends": _provenance(out / "national" / "trends.provenance.json"),
        "compare": _provenance(out / "compare" / str(COMPARE_YEAR) / "compare.provenance.json"),
    }
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "exit": rc,
        "extractions": len(extract),
        "stages_s": stages,
        "briefs": briefs,
        "pdfs": len(list(out.glob("*/*/brief.pdf"))),
        **{
            k: {"timings": v.get("timings", {}), "kernel_start_s": v.get("kernel_start_s")}
            for k, v in others.items()
            if v
        },
        "memory": sampler.by_kind(),
        "load": sampler.loads,
    }


def compare_in_process(data: Path, out: Path, extra: int = 15) -> dict:
    """Build and render the comparison of the provinces' stored tables, then of 16 + ``extra``
    regions (``extra`` of them again under new names): seconds per step, in this process."""
    import nbformat

    from analysis.briefs import charts, compare, compare_charts, render
    from analysis.tables import compare as comparison

    entries = comparison.read_entries(data, COMPARE_YEAR, reports_dir=out)
    provinces = [e for e in entries if e.level == "province" and e.status == "ok"]
    copies = [e._replace(region=f"{e.region}-copy", name=f"{e.name}乙") for e in provinces[:extra]]
    t0 = time.perf_counter()
    charts.to_svg(
        compare_charts.histogram_chart(comparison.build(provinces))
    )  # vl-convert's first chart
    warm = time.perf_counter() - t0
    figures = {"warm_up_first_chart_s": round(warm, 2)}
    for label, group in (
        ("16", provinces),
        (str(len(provinces) + len(copies)), provinces + copies),
    ):
        t = [time.perf_counter()]
        cmp = comparison.build(group)
        t.append(time.perf_counter())
        blocks = [compare.header_html(cmp), compare.headline_html(cmp)]
        blocks += [compare.counts_html(cmp), compare.sources_html(cmp)]
        t.append(time.perf_counter())
        svgs = [
            (compare_charts.svg(chart), compare.note_html(cap))
            for chart, _, cap in compare_charts.chart_list(cmp)
        ]
        t.append(time.perf_counter())
        outputs = [{"text/html": b} for b in blocks[:2]]
        outputs += [x for s, n in svgs for x in ({"image/svg+xml": s}, {"text/html": n})]
        outputs += [{"text/html": b} for b in blocks[2:]]
        cell = nbformat.v4.new_code_cell(
            "", outputs=[nbformat.v4.new_output("display_data", data=d) for d in outputs]
        )
        nb = nbformat.v4.new_notebook(cells=[cell])
        page = render.to_html(nb, compare.title(cmp))
        t.append(time.perf_counter())
        with tempfile.TemporaryDirectory() as d:
            render.html_to_pdf(page, Path(d) / "compare.pdf")
            pages = _pdf_pages(Path(d) / "compare.pdf")
        t.append(time.perf_counter())
        steps = ("build", "html_blocks", "charts_svg", "nbconvert_html", "pdf")
        figures[label] = {s: round(b - a, 3) for s, a, b in zip(steps, t[:-1], t[1:], strict=True)}
        figures[label]["total_s"] = round(t[-1] - t[0], 3)
        figures[label]["regions"] = len(cmp.regions)
        figures[label]["charts"] = len(svgs)
        figures[label]["pdf_pages"] = pages
    return figures


def _pdf_pages(path: Path) -> int:
    """Pages of a PDF (the /Type /Page objects WeasyPrint writes)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def summary(res: dict) -> dict:
    """The headline figures of a run, against the aims."""
    n = res["jobs"]
    batch, naive, rerun = res["batch"], res.get("naive"), res["rerun"]
    out = {
        "per_brief_s": batch["wall_s"] / n,
        "rerun_s": rerun["wall_s"],
        "trends_execute_s": batch.get("trends", {}).get("timings", {}).get("execute_s"),
    }
    if naive:
        out["naive_per_brief_s"] = naive["wall_s"] / n
        out["ratio"] = naive["wall_s"] / batch["wall_s"]
    return out


def print_table(res: dict) -> None:
    """Stages of both runs, the ratio, the re-run, trends, comparison and memory per kind."""
    n, batch, naive, rerun = res["jobs"], res["batch"], res.get("naive"), res["rerun"]
    print(f"\n{res['what']}; --workers {res['workers']} on {res['cores']} cores")
    print(f"load average: batch {_loads(batch)}; naive {_loads(naive) if naive else '-'}")
    print(f"\n{'':<30} {'naive loop':>21} {'briefs batch':>13} {'naive/batch':>12}")
    print(f"{'':<30} {'CPU s':>10} {'wall s':>10} {'s':>13}")
    print("-" * 78)

    def row(label: str, cpu: float | None, a: float | None, b: float | None) -> None:
        c = f"{cpu:>10.1f}" if cpu is not None else f"{'-':>10}"
        na = f"{a:>10.1f}" if a is not None else f"{'-':>10}"
        nb = f"{b:>13.1f}" if b is not None else f"{'-':>13}"
        ratio = f"{a / b:>11.1f}×" if a is not None and b else f"{'-':>12}"
        print(f"{label:<30} {c} {na} {nb} {ratio}")

    row(f"wall, {n} briefs", None, naive and naive["wall_s"], batch["wall_s"])
    row("wall per brief", None, naive and naive["wall_s"] / n, batch["wall_s"] / n)
    ncpu = naive and naive["cpu_s"]
    print(f"{'CPU, whole process tree':<30} {ncpu or 0:>10.1f} {'':>10} {batch['cpu_s']:>13.1f} "
          f"{(ncpu or 0) / batch['cpu_s']:>11.1f}×  (CPU s, naive/batch)")  # fmt: skip
    for s in ("extract", "execute", "kernel_start", "html", "pdf"):
        st = naive["stages"].get(s) if naive else None
        b = batch["stages_s"].get(s)
        label = f"  {s} (sum, in-worker s)"
        row(label, st and st["cpu_s"], st and st["wall_s"], b)
    s = summary(res)
    for key, label in (("per_brief_s", "per brief"), ("ratio", "naive/ours"),
                       ("rerun_s", "re-run"), ("trends_execute_s", "trends execute")):  # fmt: skip
        v = s.get(key)
        if v is None:
            continue
        aim = AIMS[key]
        ok = (v >= aim) if key == "ratio" else (v < aim or (key == "per_brief_s" and v <= aim))
        print(f"{label:<16} {v:>7.2f}  aim {'≥' if key == 'ratio' else '≤'} {aim:g}: "
              f"{'met' if ok else 'NOT met'}")  # fmt: skip
    print(f"re-run, nothing changed: {rerun['wall_s']:.2f} s (load {_loads(rerun)})")
    for k in ("trends", "compare"):
        if k in batch:
            print(f"{k} job: {batch[k]['timings']} kernel start {batch[k]['kernel_start_s']}")
    cmp = res.get("compare_in_process")
    if cmp:
        print(f"comparison in-process: {json.dumps(cmp)}")
    print("\npeak RSS and CPU per process kind (MiB, s):")
    print(f"  {'process':<18} {'run':<6} {'count':>6} {'max MiB':>8} {'median':>8} {'CPU s':>8}")
    for label, run in (("naive", naive), ("batch", batch)):
        if run is None:
            continue
        for kind, m in run["memory"].items():
            print(f"  {kind:<18} {label:<6} {m['processes']:>6} {m['max_mb']:>8.0f} "
                  f"{m['median_mb']:>8.0f} {m['cpu_s']:>8.1f}")  # fmt: skip


def _loads(run: dict) -> str:
    loads = run.get("load") or []
    return f"{min(loads):.1f}–{max(loads):.1f}" if loads else "-"


def main(argv: list[str] | None = None) -> int:
    """Run both, print the table, save the raw figures to bench/results/batch.json."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--years", default="2016-2025",
                    help="national report years: 2016-2025 (default), 1978-, all, none")  # fmt: skip
    ap.add_argument("--workers", type=int, default=2, help="briefs batch --workers (default 2)")
    ap.add_argument("--no-provinces", action="store_true", help="leave out the 16 provinces")
    ap.add_argument("--no-sample", action="store_true", help="leave out the county sample")
    ap.add_argument("--no-naive", action="store_true", help="time briefs batch only")
    ap.add_argument("--keep", action="store_true", help="keep the temporary output folders")
    ap.add_argument("--json", type=Path, default=RESULTS / "batch.json", help="raw results")
    args = ap.parse_args(argv)

    for need in (CORPUS, PROVINCES):
        if not need.is_dir():
            sys.exit(f"bench/batch.py: {need}: absent")
    available = sorted(int(p.stem) for p in CORPUS.glob("*.txt") if p.stem.isdigit())
    years = [] if args.years == "none" else parse_years(args.years, available)
    tmp = Path(tempfile.mkdtemp(prefix="briefs-bench-"))
    try:
        reports = make_data(tmp, years, not args.no_provinces, not args.no_sample)
        parts = [f"{len(years)} national reports ({years[0]}–{years[-1]})"] if years else []
        if not args.no_provinces:
            parts.append(f"{len(list(PROVINCES.glob('*.csv')))} provinces {COMPARE_YEAR}")
        if not args.no_sample:
            parts.append("the county sample")
        what = f"{' + '.join(parts)}: {len(reports)} briefs"
        print(f"{what}; outputs in {tmp}", file=sys.stderr)
        res: dict = {"what": what, "national_years": years, "jobs": len(reports),
                     "workers": args.workers, "cores": os.cpu_count(),
                     "load_start": load_average()}  # fmt: skip
        print("briefs batch --force …", file=sys.stderr, flush=True)
        res["batch"] = run_batch(tmp / "data", tmp / "batch", args.workers, force=True)
        print("briefs batch (re-run, nothing changed) …", file=sys.stderr, flush=True)
        res["rerun"] = run_batch(tmp / "data", tmp / "batch", args.workers, force=False)
        if not args.no_provinces:
            print("comparison in-process, 16 and 31 regions …", file=sys.stderr, flush=True)
            try:
                res["compare_in_process"] = compare_in_process(tmp / "data", tmp / "batch")
            except Exception as e:  # the comparison's API moves (tables/): keep the rest
                res["compare_in_process"] = {"error": f"{type(e).__name__}: {e}"}
                print(f"comparison in-process skipped: {e}", file=sys.stderr)
        res["naive"] = None if args.no_naive else run_naive(reports, tmp / "naive")
        res["load_end"] = load_average()
        res["summary"] = summary(res)
        print_table(res)
        if res["batch"]["exit"] != 0 or (res["naive"] and res["naive"]["failed"]):
            print("\nsome briefs failed: see the messages above", file=sys.stderr)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"\nraw results: {args.json}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
