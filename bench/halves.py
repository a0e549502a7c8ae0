"""Generalisation check (issue 16): the 16 shared provinces in two halves, whole and as excerpts.

    .venv/bin/python bench/halves.py [--misses] [--variants whole,toc,...]

Half A is the first eight CSV files of ``../shared/corpus/provinces-2026`` by file name, half
B the last eight: rules are written looking at A and measured on B. For each half and each
shape of text (``whole``; the excerpts of ``tests/excerpts.py``: ``toc``, ``toc1`` (a
one-line table of contents), ``captions``, ``no_headings``, ``targets`` (the targets paragraph
alone)) it prints how many truth fields of ``tests/provinces_truth.py`` come out right, key
figures (the 2025 actuals) and targets apart. A field whose quote is not in the shape's text
(the targets paragraph holds no 2025 actual) is not counted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import excerpts  # noqa: E402
import provinces_truth as truth  # noqa: E402
import test_provinces_corpus as tpc  # noqa: E402
from analysis import targets as tg  # noqa: E402
from analysis.extract.indicators import extract_report  # noqa: E402
from analysis.extract.structure import read_report  # noqa: E402
from analysis.ingest import import_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "provinces-2026"
SHAPES = {
    "whole": lambda t: t,
    "toc": excerpts.with_toc,
    "toc1": lambda t: excerpts.with_toc(t, one_line=True),
    "captions": excerpts.with_captions,
    "no_headings": excerpts.without_headings,
    "targets": excerpts.targets_excerpt,
}


def halves() -> tuple[list[Path], list[Path]]:
    """The CSV files of the corpus, sorted by name, cut in two."""
    files = sorted(CORPUS.glob("*.csv"))
    return files[: len(files) // 2], files[len(files) // 2 :]


def fields_of(province: str, text: str) -> dict:
    """The truth fields whose quotes (all of them) are in ``text``."""
    squashed = truth.squash(text)
    out = {}
    for field, want in truth.PROVINCES[province].items():
        quotes = [q for q in ((want or {}).get("text"), (want or {}).get("growth_text")) if q]
        if all(truth.squash(q) in squashed for q in quotes) and (quotes or want is None):
            out[field] = want
    return out


def score(folder: Path, province: str, shape: str) -> tuple[dict[str, list[bool]], list[str]]:
    """Right/wrong per field group (``key`` figures, ``targets``) of one province in one shape."""
    whole = read_report(folder / "2026.txt").text
    text = SHAPES[shape](whole)
    d = Path(tempfile.mkdtemp()) / province
    d.mkdir()
    (d / "2026.txt").write_text(text, encoding="utf-8")
    report, table = extract_report(d / "2026.txt")
    e = tpc.Extracted(report, table, tg.region_targets(table, tg.absent_targets(report)))
    fields = fields_of(province, text) if shape == "targets" else truth.PROVINCES[province]
    counts: dict[str, list[bool]] = {"key": [], "targets": []}
    misses: list[str] = []
    for field, want in fields.items():
        if field in tpc.ACTUAL_FIELDS:
            if shape == "targets":
                continue
            problems = [(field, tpc.check_actual(e, field, want))]
        elif field == "budget_revenue_2025":
            if shape == "targets":
                continue
            problems = tpc.check_budget(e, want)
        else:
            problems = [(f"{field} [{k}]", p) for k, p in tpc.check_target(e, field, want).items()]
        group = "targets" if field in tpc.TARGET_FIELDS else "key"
        for name, p in problems:
            counts[group].append(p is None)
            if p is not None:
                misses.append(f"{province} {shape} {name}: {p}")
    return counts, misses


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--variants", default=",".join(SHAPES))
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp()) / "raw"
    for half, files in zip("AB", halves(), strict=True):
        folders = []
        for f in files:
            import_file(f, data)
            folders.append(data / f.name.split("_")[1])
        for shape in args.variants.split(","):
            key, tgt, misses = [], [], []
            for folder in folders:
                c, m = score(folder, folder.name, shape)
                key += c["key"]
                tgt += c["targets"]
                misses += m
            pct = lambda xs: f"{sum(xs)}/{len(xs)} ({100 * sum(xs) / len(xs):.0f}%)" if xs else "—"  # noqa: E731
            print(f"half {half} {shape:12s} key figures {pct(key):14s} targets {pct(tgt)}")
            if args.misses:
                for m in misses:
                    print("   ", m)


if __name__ == "__main__":
    main()
