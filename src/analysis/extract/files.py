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

A data folder may come from someone else (an archive, a repository): a report file or a region
folder that is a link resolving outside the data folder (``2026.txt → /etc/passwd``) is never
read, and a named pipe or a device (``2026.txt → /dev/zero``) never opened; each is refused
for its year with the reason (:func:`refusal`), and the region's other years go on. A linked
region folder keeps its own name (:func:`~analysis.extract.metadata.folder_name`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import AnalysisError, InputError
from analysis.extract.metadata import folder_name, guess_year
from analysis.extract.paths import absolute, outside, special_file
from analysis.years import year_in_name as _year_in_stem

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def is_report_file(path: Path) -> bool:
    """True for a report-suffixed name, not hidden, that is not a folder (a pipe or a device
    named ``2026.txt`` is listed, so that it is refused with what it is, not ignored)."""
    return (
        path.suffix.lower() in REPORT_SUFFIXES
        and not path.name.startswith(".")
        and (path.is_symlink() or path.exists())
        and not path.is_dir()
    )


def data_folder(path: str | Path) -> Path:
    """The data folder a path given on the command line belongs to: a folder is its own; a
    file (``data/raw/<region>/2026.txt``) belongs to the folder above its region folder."""
    path = absolute(path)
    return path if path.is_dir() else path.parent.parent


def refusal(path: Path, root: str | Path) -> str | None:
    """Why the report file ``path`` of the data folder ``root`` must not be read (a pipe or a
    device, named as what it is; a link leaving the folder), or ``None``."""
    what = special_file(path)
    return f"{what}, not a report file" if what else outside(path, root)


def report_files(path: Path, recursive: bool = True) -> list[Path]:
    """The report files under ``path`` (itself when it is a file), sorted.

    Hidden files and folders, and the outputs of a batch (folders holding a provenance.json,
    e.g. an ``--out`` inside ``--data``), are not reports.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise InputError(path, "no such file or folder")
    if not path.is_dir():
        return [path]  # a file, or a pipe or device that reading will name
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
    return _year_in_stem(Path(path).stem)


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
    #: Years whose file must not be read (:func:`refusal`): year → ``path: problem``.
    refused: dict[int, str] = field(default_factory=dict)


def region_reports(folder: Path, root: str | Path | None = None) -> RegionReports:
    """The reports directly in ``folder`` (one region) of the data folder ``root`` (default:
    the folder above it), by report year. Files :func:`refusal` names are never read: their
    year (from the name only) goes to :attr:`RegionReports.refused`."""
    found: dict[int, list[Path]] = {}
    folder = absolute(folder)
    root = absolute(root) if root is not None else folder.parent
    out = RegionReports(folder)
    away = outside(folder, root)
    for p in report_files(folder, recursive=False) if folder.is_dir() else []:
        where, why = (folder, away) if away else (p, refusal(p, root))
        if why:
            year = year_in_name(p)
            if year is None:
                out.unreadable.append(f"{p.name}: {why}")
            else:
                out.refused[year] = str(InputError(where, why))
            continue
        try:
            found.setdefault(report_year(p), []).append(p)
        except AnalysisError as e:
            out.unreadable.append(f"{p.name}: {e.problem}")
    for year in out.refused:
        found.pop(year, None)  # the year fails with the refusal, not as two files
    for year, paths in sorted(found.items()):
        if len(paths) == 1:
            out.by_year[year] = paths[0]
        else:
            out.duplicates[year] = [p.name for p in paths]
    return out


def discover(data: str | Path, regions: list[str] | None = None) -> dict[str, RegionReports]:
    """Region name → its reports (:func:`analysis.extract.files.region_reports`).

    ``data`` holding report files itself is one region named after the folder; otherwise each
    folder in it holding report files is a region, named as its folder is (a linked folder
    keeps its own name). Paths stay as found, made absolute: a link is followed only once
    :func:`~analysis.extract.files.region_reports` has checked it stays inside ``data``.
    """
    data = absolute(data)
    if not data.is_dir():
        raise InputError(data, "no such data folder")
    if report_files(data, recursive=False):
        folders = [data]
    else:
        folders = sorted(p for p in data.iterdir() if p.is_dir() and not p.name.startswith("."))
    found: dict[str, RegionReports] = {}
    for folder in folders:
        name = folder_name(folder)
        if regions and name not in regions:
            continue
        reports = region_reports(folder, data)
        if reports.by_year or reports.duplicates or reports.refused:
            found[name] = reports
    if regions:
        missing = sorted(set(regions) - set(found))
        if missing:
            raise InputError(data, f"no reports for region(s) {', '.join(missing)}")
    return found
