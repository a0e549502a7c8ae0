"""Extraction benchmark: our pipeline against Microsoft Recognizers-Text (zh-cn) on the same texts.

    .venv/bin/python bench/extract.py [--years 2015-2025|all] [--repeat 5] [--json OUT]

Reads the national corpus in place (../shared/corpus/national beside the checkout). Every engine
and stage runs in its own process (bench/ours_worker.py, bench/recognizers_worker.py) so its peak
resident memory is its own; each prints JSON. Recognizers-Text lives in bench/.venv-recognizers,
created here on first use (it needs ``emoji<2``). Prints one table (ms per 10k characters, median
of ``--repeat`` passes, peak memory over the process baseline, ratio to our pipeline) and a small
comparison of the figures each engine finds in a few sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
CORPUS = ROOT.parent / "shared" / "corpus" / "national"
RT_VENV = BENCH / ".venv-recognizers"
RT_PYTHON = RT_VENV / "bin" / "python"
RT_STAMP = RT_VENV / ".installed"
# The last release (2019); emoji 2 removed an API it calls.
RT_REQUIREMENTS = ("recognizers-text-suite==1.0.2a2", "emoji<2")
RESULTS = BENCH / "results"

#: Aims stated by the issue.
AIM_RATIO = 20.0
AIM_MS_PER_10K = 10.0

#: Sentences showing what each engine takes for a figure (years, 5G, PM2.5, ordinals, masks).
SENTENCES = (
    "国内生产总值超过126万亿元，增长5.2%，城镇新增就业1244万人。",
    "建成5G基站337.7万个，地级及以上城市细颗粒物（PM2.5）平均浓度下降3.2%。",
    "今年发展主要预期目标是：国内生产总值增长5%左右；居民消费价格涨幅3%左右；城镇调查失业率5.5%左右。",
    "全县实现地区生产总值***亿元，比上年增长*.*%，增速居全市第二。",
    "粮食产量13908亿斤，实现十九连丰；研发经费投入强度提高到2.65%，比2012年提高0.74个百分点。",
    "2023年城乡居民人均可支配收入分别达到51821元、21691元，单位国内生产总值能耗降低0.5%。",
)


def parse_years(spec: str, available: list[int]) -> list[int]:
    """``all``, ``2015-2025``, ``1978-``, ``2024`` or ``2019,2024`` → the available years in it."""
    if spec == "all":
        return available
    chosen: set[int] = set()
    for part in spec.split(","):
        lo, sep, hi = part.partition("-")
        a = int(lo) if lo else min(available)
        b = (int(hi) if hi else max(available)) if sep else a
        chosen.update(y for y in available if a <= y <= b)
    return sorted(chosen)


def corpus_files(spec: str) -> list[Path]:
    """The corpus files of the years in ``spec``."""
    if not CORPUS.is_dir():
        sys.exit(f"bench/extract.py: {CORPUS}: the national corpus is absent")
    files = {int(p.stem): p for p in CORPUS.glob("*.txt") if p.stem.isdigit()}
    years = parse_years(spec, sorted(files))
    if not years:
        sys.exit(f"bench/extract.py: no corpus year in {spec!r}")
    return [files[y] for y in years]


def ensure_recognizers_env() -> Path:
    """Create bench/.venv-recognizers with Recognizers-Text from PyPI unless it is there."""
    if RT_STAMP.exists():
        return RT_PYTHON
    print(f"creating {RT_VENV.relative_to(ROOT)} (Recognizers-Text, emoji<2) …", file=sys.stderr)
    # The base interpreter, not this venv's: the recognizers env must not see the project.
    base = Path(getattr(sys, "_base_executable", sys.executable))
    subprocess.run([str(base), "-m", "venv", "--clear", str(RT_VENV)], check=True)
    subprocess.run([str(RT_PYTHON), "-m", "pip", "install", "-q", *RT_REQUIREMENTS], check=True)
    RT_STAMP.touch()
    return RT_PYTHON


def run_worker(python: Path, script: str, request: dict) -> dict | list:
    """Run a worker script with ``request`` as JSON on stdin; its JSON answer."""
    proc = subprocess.run(
        [str(python), str(BENCH / script)],
        input=json.dumps(request, ensure_ascii=False),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        sys.exit(f"bench/extract.py: {script} failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def ms_per_10k(result: dict, key: str = "median_s") -> float:
    """Median milliseconds (wall, or CPU with ``key="cpu_median_s"``) per 10,000 characters."""
    return result[key] * 1000 / result["chars"] * 10_000


def print_table(rows: list[tuple[str, dict]], reference: dict) -> None:
    """One table: engine, input size, time, memory, figures found, and the ratio to ours."""
    ref = ms_per_10k(reference)
    head = (
        f"{'engine / stage':<40} {'chars':>9} {'median s':>9} {'ms/10k':>8} {'cpu ms/10k':>10} "
        f"{'peak MB':>8} {'found':>6} {'× ours':>7}"
    )
    print(head)
    print("-" * len(head))
    for label, r in rows:
        per = ms_per_10k(r)
        cpu = f"{ms_per_10k(r, 'cpu_median_s'):.2f}" if "cpu_median_s" in r else "-"
        # Per-model rows share their process with the whole Recognizers run: no memory, no count.
        peak = f"{r['maxrss_mb'] - r['baseline_mb']:.1f}" if "baseline_mb" in r else "-"
        found = r.get("found", "-")
        ratio = per / ref if ref else float("inf")
        print(
            f"{label:<40} {r['chars']:>9,} {r['median_s']:>9.3f} {per:>8.2f} {cpu:>10} "
            f"{peak:>8} {found:>6} {ratio:>7.1f}"
        )


def our_figures(sentences: tuple[str, ...]) -> list[list[str]]:
    """For each sentence the figures our pipeline extracts (the ``text`` column)."""
    from analysis.extract.indicators import extract
    from analysis.extract.structure import read_report

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench" / "2024.txt"
        path.parent.mkdir()
        path.write_text("\n".join(sentences) + "\n", encoding="utf-8")
        report = read_report(path)
        table = extract(report)
    # Our offsets are into the normalised text: find each sentence's line there.
    starts, pos = [], 0
    for line in report.text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    out: list[list[str]] = [[] for _ in sentences]
    for row in table.itertuples(index=False):
        line = max(i for i, s in enumerate(starts) if s <= row.start)
        if line < len(out):
            out[line].append(f"{row.text}[{row.kind}]")
    return out


def print_figures(ours: list[list[str]], theirs: list[list[dict]]) -> None:
    """What each engine reads as a figure in :data:`SENTENCES`."""
    print("\nFigures found per sentence (ours: text[kind]; Recognizers: text[type]=value unit)")
    for sentence, a, b in zip(SENTENCES, ours, theirs, strict=True):
        print(f"\n  {sentence}")
        print(f"    ours        {len(a):>2}: {'  '.join(a)}")
        shown = [
            f"{r['text']}[{r['type']}]={r['value']}{' ' + r['unit'] if r.get('unit') else ''}"
            for r in b
        ]
        print(f"    Recognizers {len(b):>2}: {'  '.join(shown)}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--years",
        default="2015-2025",
        help="corpus years: all, 2015-2025, 1978-, 2024 (default 2015-2025)",
    )
    ap.add_argument(
        "--repeat", type=int, default=5, help="passes per engine; the median counts (default 5)"
    )
    ap.add_argument("--no-recognizers", action="store_true", help="time our pipeline only")
    ap.add_argument(
        "--json", type=Path, default=RESULTS / "extract.json", help="where to save the raw results"
    )
    args = ap.parse_args(argv)

    files = corpus_files(args.years)
    request = {"files": [str(f) for f in files], "repeat": args.repeat}
    print(
        f"{len(files)} reports ({files[0].stem}–{files[-1].stem}), {args.repeat} passes each, "
        f"median counts; peak MB = max RSS over the process baseline; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n"
    )
    ours = {
        stage: run_worker(Path(sys.executable), "ours_worker.py", {**request, "stage": stage})
        for stage in ("pipeline", "report", "normalise", "extract")
    }
    rows = [
        ("ours: pipeline (file → table)", ours["pipeline"]),
        ("ours:   load+normalise+structure", ours["report"]),
        ("ours:   normalise alone", ours["normalise"]),
        ("ours:   extract alone (Report → table)", ours["extract"]),
    ]
    rt = None
    if not args.no_recognizers:
        rt_python = ensure_recognizers_env()
        rt = run_worker(rt_python, "recognizers_worker.py", {**request, "mode": "bench"})
        rows.append(("Recognizers-Text zh-cn (4 models)", rt))
        for name, s in rt["model_median_s"].items():
            rows.append((f"  Recognizers {name} model", {"chars": rt["chars"], "median_s": s}))
    print_table(rows, ours["pipeline"])

    ours_ms = ms_per_10k(ours["pipeline"])
    ours_cpu = ms_per_10k(ours["pipeline"], "cpu_median_s")
    # Wall time includes waiting for a core when the machine is shared; CPU time does not.
    print(
        f"\nours: {ours_ms:.2f} ms per 10k chars wall, {ours_cpu:.2f} CPU "
        f"(aim < {AIM_MS_PER_10K:g}): wall {'met' if ours_ms < AIM_MS_PER_10K else 'NOT met'}, "
        f"CPU {'met' if ours_cpu < AIM_MS_PER_10K else 'NOT met'}"
    )
    if rt is not None:
        ratio = ms_per_10k(rt) / ours_ms if ours_ms else float("inf")
        cpu_ratio = ms_per_10k(rt, "cpu_median_s") / ours_cpu if ours_cpu else float("inf")
        print(
            f"ours faster by {ratio:.1f}× wall, {cpu_ratio:.1f}× CPU than Recognizers-Text "
            f"(aim ≥ {AIM_RATIO:g}×): {'met' if ratio >= AIM_RATIO else 'NOT met'}"
        )
        print(f"Recognizers-Text model construction: {rt['init_s']:.2f} s (not counted above)")
        theirs = run_worker(
            rt_python, "recognizers_worker.py", {"mode": "figures", "sentences": list(SENTENCES)}
        )
        print_figures(our_figures(SENTENCES), theirs)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "years": [f.stem for f in files],
                "load_average": os.getloadavg()[0],
                "ours": ours,
                "recognizers": rt,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"\nraw results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
