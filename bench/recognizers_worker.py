"""Microsoft Recognizers-Text (zh-cn) side of the extraction benchmark.

Runs inside bench/.venv-recognizers (the suite needs ``emoji<2`` and must not touch the project
environment), reads a JSON request on stdin and prints one JSON object on stdout. Standard library
plus the recognizers packages only: the ``analysis`` package is not installed here.

Request: ``{"mode": "bench", "files": [...], "repeat": 5}`` → timing and memory, or
``{"mode": "figures", "sentences": [...]}`` → the spans each model finds in each sentence.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

MODEL_NAMES = ("number", "percentage", "currency", "dimension")


def build_models() -> list:
    """The four zh-cn models the benchmark compares against: number, percentage, currency, dimension."""
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    numbers = NumberRecognizer(Culture.Chinese)
    units = NumberWithUnitRecognizer(Culture.Chinese)
    return [
        numbers.get_number_model(),
        numbers.get_percentage_model(),
        units.get_currency_model(),
        units.get_dimension_model(),
    ]


def paragraphs(text: str) -> list[str]:
    """Non-blank lines: the unit Recognizers-Text is fed (it is built for utterances, not books)."""
    return [line for line in text.split("\n") if line.strip()]


def rss_mb() -> float:
    """Current resident set size in MiB (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def run_model(model, paras: list[str]) -> int:
    """Run one model over every paragraph; the number of results."""
    return sum(len(model.parse(p)) for p in paras)


def bench(files: list[str], repeat: int) -> dict:
    """Median wall time over ``repeat`` passes of all files (and of each model), peak memory."""
    t0 = time.perf_counter()
    models = build_models()
    init_s = time.perf_counter() - t0
    texts = [Path(f).read_text(encoding="utf-8-sig") for f in files]
    chars = sum(len(t) for t in texts)
    paras = [p for t in texts for p in paragraphs(t)]
    baseline = rss_mb()
    times: list[float] = []
    per_model: list[list[float]] = [[] for _ in models]
    found = 0
    cpu: list[float] = []  # CPU time: steadier than wall time on a shared machine
    for _ in range(repeat):
        found = 0
        c0 = time.process_time()
        for i, m in enumerate(models):
            t0 = time.perf_counter()
            found += run_model(m, paras)
            per_model[i].append(time.perf_counter() - t0)
        times.append(sum(ts[-1] for ts in per_model))
        cpu.append(time.process_time() - c0)
    return {
        "name": "Recognizers-Text zh-cn",
        "chars": chars,
        "times_s": times,
        "median_s": statistics.median(times),
        "cpu_median_s": statistics.median(cpu),
        "model_median_s": dict(
            zip(MODEL_NAMES, (statistics.median(ts) for ts in per_model), strict=True)
        ),
        "init_s": init_s,
        "found": found,
        "baseline_mb": baseline,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def figures(sentences: list[str]) -> list[list[dict]]:
    """For each sentence the spans each model finds: text, type and resolved value."""
    models = build_models()
    out = []
    for s in sentences:
        found = []
        for m in models:
            for r in m.parse(s):
                res = r.resolution or {}
                found.append(
                    {
                        "text": r.text,
                        "start": r.start,
                        "type": r.type_name,
                        "value": res.get("value"),
                        "unit": res.get("unit"),
                    }
                )
        out.append(found)
    return out


def main() -> int:
    """Read the request on stdin, print the answer on stdout."""
    req = json.load(sys.stdin)
    if req["mode"] == "bench":
        answer = bench(req["files"], int(req.get("repeat", 5)))
    elif req["mode"] == "figures":
        answer = figures(req["sentences"])
    else:
        print(f"unknown mode {req['mode']!r}", file=sys.stderr)
        return 2
    json.dump(answer, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
