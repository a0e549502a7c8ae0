"""What a report file is: the one rule every command uses (``extract``, ``batch``, ``targets``,
the trends brief).

A report file is a ``.txt``, ``.html``/``.htm``, ``.docx`` or ``.pdf`` file that is not hidden
(nor inside a hidden folder) and not inside a batch's output (a folder holding a
``provenance.json``). Its region is its folder (``region.toml`` there names it). Its report
year is the year in its file name (``2023.txt``, ``2023年政府工作报告.docx``) and, when the
name has none, the year in its title: the report is read for it.

A region folder holds one report per year. Two files of one year (``2023.txt`` and
``2023.pdf``) are the user's to settle: :func:`region_reports` sets them aside, and every
command says which files they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import AnalysisError, InputError
from analysis.extract.metadata import guess_year

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def is_report_file(path: Path) -> bool:
    """True for a file with a report suffix whose name is not hidden."""
    return (
        path.suffix.lower() in REPORT_SUFFIXES and not path.name.startswith(".") and path.is_file()
    )


def report_files(path: Path, recursive: bool = True) -> list[Path]:
    """The report files under ``path`` (itself when it is a file), sorted.

    Hidden files and folders, and the outputs of a batch (folders holding a provenance.json,
    e.g. an ``--out`` inside ``--data``), are not reports.
    """
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(path, "no such file or folder")
    candidates = path.rglob("*") if recursive else path.iterdir()
    return sorted(
        p
        for p in candidates
        if is_report_file(p)
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
        and not (p.parent / "provenance.json").exists()
    )


def year_in_name(path: Path) -> int | None:
    """The report year a file name states (``2023.txt`` → 2023), else ``None``."""
    m = _NAME_YEAR.search(Path(path).stem)
    return int(m.group(1)) if m else None


def report_year(path: Path) -> int:
    """The report year of ``path``: from its name, else from its title (reads the file)."""
    year = year_in_name(path)
    if year is not None:
        return year
    from analysis.extract.load import read_text  # only for a file whose name has no year
    from analysis.extract.normalise import normalise

    return guess_year(path, normalise(read_text(path)))


@dataclass
class RegionReports:
    """A region folder's reports: one file per year, and the years with more than one."""

    folder: Path
    by_year: dict[int, Path] = field(default_factory=dict)
    duplicates: dict[int, list[str]] = field(default_factory=dict)
    #: Files whose year cannot be told: ``name: problem``.
    unreadable: list[str] = field(default_factory=list)


def region_reports(folder: Path) -> RegionReports:
    """The reports directly in ``folder`` (one region), by report year."""
    found: dict[int, list[Path]] = {}
    out = RegionReports(Path(folder))
    for p in report_files(folder, recursive=False) if Path(folder).is_dir() else []:
        try:
            found.setdefault(report_year(p), []).append(p)
        except AnalysisError as e:
            out.unreadable.append(f"{p.name}: {e.problem}")
    for year, paths in sorted(found.items()):
        if len(paths) == 1:
            out.by_year[year] = paths[0]
        else:
            out.duplicates[year] = [p.name for p in paths]
    return out
