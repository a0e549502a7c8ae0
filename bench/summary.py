"""One table from bench/results/extract.json and batch.json (``make bench`` prints it last).

.venv/bin/python bench/summary.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _load(name: str) -> dict | None:
    f = RESULTS / name
    return json.loads(f.read_text(encoding="utf-8")) if f.exists() else None


def _ms10k(r: dict, key: str = "median_s") -> float:
    return r[key] * 1000 / r["chars"] * 10_000


def rows() -> list[tuple[str, str, str, str, str]]:
    """(measure, ours, baseline, ratio, aim) for every result file present."""
    out: list[tuple[str, str, str, str, str]] = []
    ext = _load("extract.json")
    if ext:
        ours = ext["ours"]["pipeline"]
        rt = ext.get("recognizers")
        years = f"{ext['years'][0]}–{ext['years'][-1]}"
        base = f"{_ms10k(rt):.1f}" if rt else "-"
        ratio = f"{_ms10k(rt) / _ms10k(ours):.1f}×" if rt else "-"
        out.append(
            (f"extract ms/10k chars ({years})", f"{_ms10k(ours):.2f}", base, ratio, "<10, ≥20×")
        )
        if "cpu_median_s" in ours:
            cpu = _ms10k(ours, "cpu_median_s")
            rt_cpu = _ms10k(rt, "cpu_median_s") if rt else None
            out.append(
                (
                    "  same, CPU time",
                    f"{cpu:.2f}",
                    f"{rt_cpu:.1f}" if rt_cpu else "-",
                    f"{rt_cpu / cpu:.1f}×" if rt_cpu else "-",
                    "",
                )
            )
        mem = ours["maxrss_mb"] - ours["baseline_mb"]
        rt_mem = f"{rt['maxrss_mb'] - rt['baseline_mb']:.1f}" if rt else "-"
        out.append(("extract peak MB over baseline", f"{mem:.1f}", rt_mem, "", ""))
        for stage in ("normalise", "extract"):
            out.append((f"  {stage} alone ms/10k", f"{_ms10k(ext['ours'][stage]):.2f}", "", "", ""))
    bat = _load("batch.json")
    if bat:
        n = bat["jobs"]
        naive, batch = bat.get("naive"), bat["batch"]
        a = naive["wall_s"] / n if naive else None
        out.append(
            (
                f"batch wall s per brief ({n} briefs)",
                f"{batch['wall_s'] / n:.2f}",
                f"{a:.2f}" if a else "-",
                f"{a / (batch['wall_s'] / n):.1f}×" if a else "-",
                "≤2, ≥6×",
            )
        )
        b_cpu = batch["cpu_s"] / n
        a_cpu = naive["cpu_s"] / n if naive else None
        out.append(
            (
                "  CPU s per brief, all processes",
                f"{b_cpu:.2f}",
                f"{a_cpu:.2f}" if a_cpu else "-",
                f"{a_cpu / b_cpu:.1f}×" if a_cpu else "-",
                "",
            )
        )
        for s in ("extract", "execute", "html", "pdf"):
            b = batch["stages_s"].get(s, 0.0) / n
            st = naive["stages"].get(s) if naive else None
            a = st["wall_s"] / n if st else None
            out.append(
                (
                    f"  {s} s per brief",
                    f"{b:.2f}",
                    f"{a:.2f}" if a else "-",
                    f"{a / b:.1f}×" if a and b else "-",
                    "",
                )
            )
        out.append(("re-run, nothing changed, s", f"{bat['rerun']['wall_s']:.2f}", "", "", "<2"))
        trends = batch.get("trends", {}).get("timings", {})
        if trends:
            out.append(("national trends execute s", f"{trends['execute_s']:.2f}", "", "", "<5"))
        cmp = bat.get("compare_in_process") or {}
        for k in sorted((k for k in cmp if k.isdigit()), key=int):
            out.append((f"comparison of {k} regions, in-process s", f"{cmp[k]['total_s']:.2f}",
                        "", "", ""))  # fmt: skip
        for kind in ("batch worker", "kernel (forked)"):
            m = batch["memory"].get(kind)
            if m:
                nk = naive["memory"].get("kernel") if naive and kind.startswith("kernel") else None
                out.append(
                    (
                        f"peak MB per {kind} (max)",
                        f"{m['max_mb']:.0f}",
                        f"{nk['max_mb']:.0f}" if nk else "-",
                        "",
                        "",
                    )
                )
        out.append((f"load average ({bat['cores']} cores)",
                    f"{bat['load_start']:.1f}→{bat['load_end']:.1f}", "", "", ""))  # fmt: skip
    return out


def main() -> int:
    """Print the table; 1 when there is no result yet."""
    table = rows()
    if not table:
        print("no results in bench/results: run make bench", file=sys.stderr)
        return 1
    head = ("measure", "ours", "baseline", "base/ours", "aim")
    widths = [max(len(r[i]) for r in [head, *table]) for i in range(5)]
    print(
        "\nbaselines: Recognizers-Text zh-cn (extraction), the papermill/nbconvert/weasyprint CLI loop (batch)"
    )
    for r in [head, *table]:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
