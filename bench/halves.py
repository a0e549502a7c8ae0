"""Generalisation check (issue 16): the 16 shared provinces in two halves, whole and as excerpts.

    .venv/bin/python bench/halves.py [--misses] [--variants whole,toc,...]

Half A is the first eight CSV files of ``../shared/corpus/provinces-2026`` by file name, half
B the last eight: rules are written looking at A and measured on B. For each half and each
shape of text (``whole``; the excerpts of ``tests/excerpts.py``: ``toc``, ``toc1`` (a
one-line table of contents), ``captions``, ``no_headings``, ``targets`` (the targets paragraph
alone)) it prints how many truth fields of ``tests/provinces_truth.py`` come out right, key
figures (the 2025 actuals) and targets apart. In the targets paragraph only the targets whose
quotes it holds are counted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import excerpts  # noqa: E402
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


def _pct(xs: list[bool]) -> str:
    return f"{sum(xs)}/{len(xs)} ({100 * sum(xs) / len(xs):.0f}%)" if xs else "—"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--variants", default=",".join(SHAPES))
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp()) / "raw"
    for half, files in zip("AB", halves(), strict=True):
        texts = {}
        for f in files:
            import_file(f, data)
            province = f.name.split("_")[1]
            texts[province] = read_report(data / province / "2026.txt").text
        for shape in args.variants.split(","):
            key, tgt, misses = [], [], []
            for province, whole in texts.items():
                c, m = excerpts.score(whole, province, SHAPES[shape], partial=shape == "targets")
                key += c["key"]
                tgt += c["targets"]
                misses += m
            print(f"half {half} {shape:12s} key figures {_pct(key):14s} targets {_pct(tgt)}")
            if args.misses:
                for m in misses:
                    print("   ", shape, m)


if __name__ == "__main__":
    main()
