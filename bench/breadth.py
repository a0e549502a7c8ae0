"""Breadth of the vocabulary: how many extracted rows carry a catalog indicator.

    .venv/bin/python bench/breadth.py [--top 40] [--misses] [--json OUT]

Extracts the 16 shared provinces (2026) and the national reports 2016–2025 (read in place from
../shared/corpus) and prints, for all of them and for each half of the provinces (A: the first
eight file names in sorted order, where aliases were written from; B: the other eight, where
they are measured), the share of rows with a catalog indicator, the rows named by a bare verb
(:func:`analysis.extract.vocabulary.is_bare_verb`) or ending in 拟, and the most frequent names
left without an indicator. ``--misses`` adds the source view's count of numbers not extracted
over the whole national corpus (every year: slower, ~1 min).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.extract.indicators import extract_report
from analysis.extract.vocabulary import is_bare_verb
from analysis.ingest import import_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
NATIONAL_YEARS = range(2016, 2026)


def halves() -> tuple[list[Path], list[Path]]:
    """The provinces' CSV files in two halves, by sorted file name."""
    files = sorted((SHARED / "provinces-2026").glob("*.csv"))
    return files[: len(files) // 2], files[len(files) // 2 :]


def _province_tables(files: list[Path], data: Path) -> list[pd.DataFrame]:
    out = []
    for f in files:
        for txt in import_file(f, data):
            if txt.suffix == ".txt":
                out.append(extract_report(txt)[1])
    return out


def measure(tables: list[pd.DataFrame]) -> dict:
    """Rows, the share with an indicator, bare-verb names and names ending in 拟."""
    rows = pd.concat(tables, ignore_index=True)
    n = len(rows)
    with_id = int(rows["indicator"].notna().sum())
    verbs = rows["name"].map(is_bare_verb)
    return {
        "rows": n,
        "with_indicator": with_id,
        "share": round(with_id / n, 4) if n else 0.0,
        "bare_verb_names": int(verbs.sum()),
        "bare_verb_share": round(float(verbs.mean()), 4) if n else 0.0,
        "ending_in_ni": int(rows["name"].str.endswith("拟").sum()),
        "indicators_used": int(rows["indicator"].nunique()),
    }


def national_misses() -> int:
    """Numbers the source view counts as not extracted, over every national report."""
    from analysis.tables import census

    missed = 0
    for p in sorted((SHARED / "national").glob("*.txt")):
        report, table = extract_report(p)
        missed += sum(not n.reason for n in census.number_census(report, table))
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=40, help="uncatalogued names to list")
    parser.add_argument("--misses", action="store_true", help="count the national misses too")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    a, b = halves()
    with tempfile.TemporaryDirectory() as tmp:
        half_a = _province_tables(a, Path(tmp) / "a")
        half_b = _province_tables(b, Path(tmp) / "b")
    national = [
        extract_report(p)[1]
        for y in NATIONAL_YEARS
        if (p := SHARED / "national" / f"{y}.txt").is_file()
    ]
    figures = {
        "all": measure(half_a + half_b + national),
        "provinces_A": measure(half_a),
        "provinces_B": measure(half_b),
        "national_2016_2025": measure(national),
    }
    for key, m in figures.items():
        print(
            f"{key:20s} rows {m['rows']:6d}  with indicator {m['share']:6.1%}  "
            f"bare verbs {m['bare_verb_names']:4d} ({m['bare_verb_share']:.2%})  "
            f"…拟 {m['ending_in_ni']}  ids {m['indicators_used']}"
        )
    rows = pd.concat(half_a + half_b + national, ignore_index=True)
    if args.top:
        left = Counter(rows.loc[rows["indicator"].isna(), "name"])
        print("most frequent names without an indicator:")
        print("  " + "  ".join(f"{n}×{c}" for n, c in left.most_common(args.top)))
        verbs = Counter(rows.loc[rows["name"].map(is_bare_verb), "name"])
        print("bare-verb names:", "  ".join(f"{n}×{c}" for n, c in verbs.most_common(20)))
    if args.misses:
        figures["national_missed_numbers"] = national_misses()
        print("numbers not extracted, national corpus:", figures["national_missed_numbers"])
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
