"""Each report extracted once: its stored extraction, read by every consumer.

``briefs batch`` extracts every report before any notebook runs and stores, in the report's
output folder (``<out>/<region>/<year>/``):

- ``indicators.parquet``: the indicator table with the contract's dtypes (:mod:`analysis.schema`);
- ``indicators.csv``: the same table for spreadsheets;
- ``report.json``: the normalised text, metadata and structure (sections, sentences, target
  part) and the key it was made under.

The key (:func:`analysis.keys.extraction_key`) is the source's sha256 and the extraction code's
digest, so a new copy of a report or a change to the extractor makes a new extraction, and
nothing else does. The brief, last year's target status, the region tables, the trends brief, the comparison
and the source view all read these files (:func:`report_table`): a batch extracts each report
once, however many consumers it has.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pandas as pd

from analysis.errors import AnalysisError
from analysis.extract.files import region_reports
from analysis.extract.indicators import extract
from analysis.extract.metadata import RegionMeta, SourceInfo
from analysis.extract.structure import Report, Section, Sentence, read_report
from analysis.keys import extraction_key
from analysis.schema import INDICATOR_COLUMNS, INDICATOR_EXTRA_COLUMNS, indicator_frame
from analysis.store import atomic_path, write_table

TABLE = "indicators.parquet"
CSV = "indicators.csv"
REPORT = "report.json"
#: Set to a file path to log one line per extraction made (tests count them; a debugging aid).
TRACE_ENV = "ANALYSIS_EXTRACTION_TRACE"


def stored_key(folder: str | Path) -> str | None:
    """The key ``folder``'s stored extraction was made under, ``None`` when there is none."""
    try:
        record = json.loads((Path(folder) / REPORT).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    key = record.get("key") if isinstance(record, dict) else None
    return key if isinstance(key, str) else None


def is_fresh(folder: str | Path, source: str | Path) -> bool:
    """True when ``folder`` holds the extraction of ``source`` made by this code."""
    try:
        key = extraction_key(source)
    except OSError:
        return False
    return stored_key(folder) == key and (Path(folder) / TABLE).exists()


# --- write / read ---------------------------------------------------------------------------


def _report_record(report: Report, key: str) -> dict:
    return {
        "key": key,
        "path": str(report.path),
        "region": report.region,
        "report_year": report.report_year,
        "period": report.period,
        "sha256": report.sha256,
        "meta": dataclasses.asdict(report.meta),
        "sections": [dataclasses.asdict(s) for s in report.sections],
        "sentences": [[s.start, s.end, s.section, s.paragraph] for s in report.sentences],
        "target_spans": [list(span) for span in report.target_spans],
        "parts": [list(part) for part in report.parts],
        "text": report.text,
    }


def _report_of(record: dict) -> Report:
    return Report(
        path=Path(record["path"]),
        text=record["text"],
        region=record["region"],
        report_year=record["report_year"],
        period=record["period"],
        meta=_meta_of(record["meta"]),
        sha256=record["sha256"],
        sections=[Section(**s) for s in record["sections"]],
        sentences=[Sentence(*s) for s in record["sentences"]],
        target_spans=[(a, b) for a, b in record["target_spans"]],
        parts=[(a, b, role) for a, b, role in record["parts"]],
    )


def _meta_of(meta: dict) -> RegionMeta:
    # JSON keys are strings; the report years are ints.
    reports = {int(y): SourceInfo(**info) for y, info in meta.get("reports", {}).items()}
    return RegionMeta(**{**meta, "reports": reports})


def write_extraction(report: Report, table: pd.DataFrame, folder: str | Path, key: str) -> None:
    """Store ``report`` and its ``table`` in ``folder``; ``report.json`` (holding the key) last,
    so an interrupted write leaves no extraction that looks complete."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / REPORT).unlink(missing_ok=True)
    write_table(table, folder / TABLE)
    write_table(table, folder / CSV)
    with atomic_path(folder / REPORT) as tmp:
        tmp.write_text(json.dumps(_report_record(report, key), ensure_ascii=False), "utf-8")


def read_table(path: str | Path) -> pd.DataFrame:
    """An indicator table from Parquet, with the contract's columns (in order) and dtypes."""
    df = pd.read_parquet(path)
    columns = [c for c in INDICATOR_COLUMNS + INDICATOR_EXTRA_COLUMNS if c in df.columns]
    rest = [c for c in df.columns if c not in columns]
    typed = indicator_frame([])
    return pd.concat([typed, df[columns + rest]], ignore_index=True) if len(df) else typed


def read_extraction(folder: str | Path) -> tuple[Report, pd.DataFrame]:
    """The stored report and indicator table in ``folder``."""
    folder = Path(folder)
    try:
        record = json.loads((folder / REPORT).read_text("utf-8"))
        table = read_table(folder / TABLE)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise AnalysisError(folder, f"cannot read the stored extraction ({e})") from e
    return _report_of(record), table


def _trace(path: Path) -> None:
    trace = os.environ.get(TRACE_ENV)
    if trace:
        with open(trace, "a", encoding="utf-8") as f:
            f.write(f"{path}\n")


def report_table(
    source: str | Path,
    region: str | None = None,
    year: int | None = None,
    folder: str | Path | None = None,
) -> tuple[Report, pd.DataFrame]:
    """``source``'s report and indicator table: read from ``folder`` when it holds this
    source's extraction by this code, else extracted (and stored in ``folder`` when given).

    Every consumer calls this; in a batch the extraction stage has stored every table, so the
    notebooks, region tables, trends and comparison only read.
    """
    source = Path(source)
    if folder is not None and is_fresh(folder, source):
        report, table = read_extraction(folder)
        if (region is None or report.region == region) and (
            year is None or report.report_year == year
        ):
            return report, table
    key = extraction_key(source)
    report = read_report(source, region=region, year=year)
    table = extract(report)
    _trace(source)
    if folder is not None:
        write_extraction(report, table, folder, key)
    return report, table


def region_extractions(
    folder: str | Path, region: str | None = None, tables_dir: str | Path | None = None
) -> tuple[list[tuple[Report, pd.DataFrame]], list[str]]:
    """Every report of one region's folder, by year: read from ``tables_dir/<year>`` when
    stored there, else extracted. Reports that cannot be read, and years with two files, are
    left out and listed (``2019.txt: empty file``): one bad report must not cost a region its
    other years."""
    reports = region_reports(Path(folder))
    skipped = list(reports.unreadable) + list(reports.refused.values())
    for year, names in reports.duplicates.items():
        skipped.append(f"{'、'.join(names)}: two report files for {year}")
    pairs = []
    for year, path in sorted(reports.by_year.items()):
        store = Path(tables_dir) / str(year) if tables_dir else None
        try:
            pairs.append(report_table(path, region, year, store))
        except AnalysisError as exc:
            skipped.append(f"{path.name}: {exc.problem}")
    return pairs, sorted(skipped)
