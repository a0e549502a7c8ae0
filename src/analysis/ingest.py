"""Datasets in: a CSV or JSON Lines file of full report texts → ``data/raw/<region>/<year>.txt``,
or a folder of report files (``<year>.txt|html|docx|pdf`` and an optional ``manifest.csv``) →
``data/raw/<region>/`` (:func:`import_folder`).

Each row holds one report: the region's name in ``province``, ``city``, ``county`` or
``region``, then ``year``, ``title``, ``source_url``, ``publish_date`` and ``full_text``
(CSV in UTF-8 with or without BOM; JSON Lines: one object a line). For each row the import
writes the text to ``<data>/<region>/<year>.txt`` and records the region (display name, level
inferred from the name) and the report's title, source URL and publish date in
``<data>/<region>/region.toml`` (``[reports.<year>]``, read back by
:func:`analysis.extract.metadata.read_region_meta`).

The region folder is the name as written (``某某省``): no romanisation is available offline, and
every consumer handles Chinese folder names.

Rules: every row is checked before anything is written, so a malformed row (``FILE:ROW: …``;
CSV rows counted as a spreadsheet shows them, the header being row 1; JSON Lines by line)
or a conflict writes nothing; importing the same file again changes nothing; a row whose text
differs from the report already on disk is refused unless ``force``; every file is written
through :func:`analysis.store.atomic_path`.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError, MetadataError
from analysis.extract.files import REPORT_SUFFIXES
from analysis.extract.metadata import slug_problem
from analysis.labels import region_level
from analysis.store import atomic_path

#: Columns that may hold the region's name, in order of preference.
REGION_COLUMNS = ("province", "city", "county", "region")
SOURCE_COLUMNS = ("title", "source_url", "publish_date")
_MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    """One report of the input file, checked."""

    where: str  # FILE:ROW, for messages
    name: str
    year: int
    title: str
    source_url: str
    publish_date: str
    text: str


def read_rows(path: Path) -> list[Row]:
    """The checked rows of a CSV or JSON Lines file (by content: a first ``{`` is JSON Lines)."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise InputError(path, "file too large")
        raw = path.read_bytes()
    except FileNotFoundError as e:
        raise InputError(path, "no such file") from e
    except IsADirectoryError as e:
        raise InputError(path, "a folder, not a CSV or JSON Lines file") from e
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 (byte {e.start})") from e
    if not content.strip():
        raise InputError(path, "empty file")
    if content.lstrip().startswith("{"):
        records = _json_lines(path, content)
    else:
        records = _csv_records(path, content)
    rows = [_check(f"{path}:{n}", record) for n, record in records]
    if not rows:
        raise InputError(path, "no rows")
    seen: dict[tuple[str, int], str] = {}
    for r in rows:
        key = (r.name, r.year)
        if key in seen:
            raise InputError(r.where, f"{r.name} {r.year} again (first at {seen[key]})")
        seen[key] = r.where
    return rows


def _json_lines(path: Path, content: str) -> list[tuple[int, dict]]:
    out = []
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}", f"not JSON ({e.msg})") from e
        if not isinstance(record, dict):
            raise InputError(f"{path}:{n}", "not a JSON object")
        out.append((n, record))
    return out


def _csv_records(path: Path, content: str) -> list[tuple[int, dict]]:
    csv.field_size_limit(_MAX_BYTES)
    # strict: an unclosed quote is an error, not a text that swallows every later row.
    reader = csv.DictReader(content.splitlines(keepends=True), strict=True)
    header = reader.fieldnames or []
    if not any(c in header for c in REGION_COLUMNS) or "full_text" not in header:
        raise InputError(
            f"{path}:1",
            f"header lacks a region column ({' or '.join(REGION_COLUMNS)}) or full_text",
        )
    out = []
    # Rows are numbered as a spreadsheet shows them: the header is row 1, the first report row
    # 2 (texts span many lines, so line numbers would not find the row).
    row = 1
    try:
        for row, record in enumerate(reader, 2):
            if None in record:
                raise InputError(f"{path}:{row}", "more fields than the header")
            out.append((row, record))
    except csv.Error as e:
        raise InputError(f"{path}:{row + 1}", f"malformed CSV ({e})") from e
    return out


def _check(where: str, record: dict) -> Row:
    """A record as a :class:`Row`, or an :class:`InputError` naming the row and the problem."""
    name = next((str(record[c]).strip() for c in REGION_COLUMNS if record.get(c)), "")
    if not name:
        raise InputError(where, f"no region name ({', '.join(REGION_COLUMNS)})")
    problem = slug_problem(name)
    if problem:
        raise InputError(where, f"region name {name!r} {problem}")
    year_text = str(record.get("year") or "").strip()
    if not re.fullmatch(r"(?:19[4-9]\d|20\d\d)", year_text):
        raise InputError(where, f"year {year_text!r} is not a year (1940–2099)")
    text = record.get("full_text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "full_text is empty")
    if "\x00" in text:
        raise InputError(where, "full_text holds NUL bytes")
    fields = {}
    for c in SOURCE_COLUMNS:
        v = record.get(c)
        if v is not None and not isinstance(v, (str, int, float)):
            raise InputError(where, f"{c} is not text")
        fields[c] = "" if v is None else str(v).strip()
    return Row(where, name, int(year_text), text=text, **fields)


def _toml_string(s: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML escapes for these characters)."""
    return json.dumps(s, ensure_ascii=False)


def region_toml(name: str, level: str, extra: dict, reports: dict[int, dict[str, str]]) -> str:
    """The text of a ``region.toml``: name, level, other top-level keys kept, one table a year."""
    lines = [f"name = {_toml_string(name)}", f"level = {_toml_string(level)}"]
    for k, v in extra.items():
        if k not in ("name", "level", "reports") and isinstance(v, str):
            lines.append(f"{k} = {_toml_string(v)}")
    for year in sorted(reports):
        lines.append("")
        lines.append(f"[reports.{year}]")
        for k in SOURCE_COLUMNS:
            v = reports[year].get(k)
            if v:
                lines.append(f"{k} = {_toml_string(str(v))}")
    return "\n".join(lines) + "\n"


def _read_toml(f: Path) -> dict:
    if not f.is_file():
        return {}
    try:
        return tomllib.loads(f.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise MetadataError(f, f"cannot read region metadata ({e})") from e


def import_file(path: str | Path, data: str | Path, force: bool = False) -> list[Path]:
    """Import every row of ``path`` into ``data``; return the report paths (written or unchanged).

    Raises :class:`InputError` (naming ``FILE:ROW``) for a malformed row or a text that differs
    from the report already there (unless ``force``); nothing is written then.
    """
    path, data = Path(path), Path(data)
    rows = read_rows(path)
    plans: list[tuple[Row, Path, bool]] = []
    for r in rows:
        folder = data / r.name
        target = folder / f"{r.year}.txt"
        others = [
            p.name
            for p in folder.glob(f"{r.year}.*")
            if p.suffix.lower() in (".html", ".htm", ".docx", ".pdf")
        ]
        if others:
            raise InputError(r.where, f"{folder} already holds a {r.year} report ({others[0]})")
        same = target.is_file() and target.read_bytes() == r.text.encode("utf-8")
        if target.exists() and not same and not force:
            raise InputError(
                r.where, f"{target} exists with a different text; pass --force to replace it"
            )
        plans.append((r, target, same))
    # Everything checked: write. Texts first, then each region's metadata once.
    for r, target, same in plans:
        if not same:
            with atomic_path(target) as tmp:
                tmp.write_bytes(r.text.encode("utf-8"))
    by_region: dict[str, list[Row]] = {}
    for r, _, _ in plans:
        by_region.setdefault(r.name, []).append(r)
    for name, region_rows in by_region.items():
        sources = {r.year: {c: getattr(r, c) for c in SOURCE_COLUMNS} for r in region_rows}
        _update_region_toml(data / name, name, None, sources)
    return [target for _, target, _ in plans]


def _update_region_toml(
    folder: Path, name: str, level: str | None, sources: dict[int, dict[str, str]]
) -> None:
    """Merge ``sources`` (year → title, source_url, publish_date) into ``folder/region.toml``;
    the level is ``level`` when given, else the file's, else the one the name states."""
    f = folder / "region.toml"
    old = _read_toml(f)
    reports = {int(y): dict(v) for y, v in (old.get("reports") or {}).items() if str(y).isdigit()}
    reports.update(sources)
    level = level or str(old.get("level") or region_level(name))
    text = region_toml(str(old.get("name") or name), level, old, reports)
    if not f.is_file() or f.read_text(encoding="utf-8-sig") != text:
        with atomic_path(f) as tmp:
            tmp.write_text(text, encoding="utf-8")


#: The optional table of a folder import: one row a report, keyed by ``year`` or ``report_year``.
MANIFEST = "manifest.csv"
_YEAR_RE = re.compile(r"(?:19[4-9]\d|20\d\d)")


def _folder_reports(folder: Path) -> dict[int, Path]:
    """The ``<year>.<suffix>`` report files directly in ``folder``, by year; other files (a
    README, the manifest) are not reports and are left alone."""
    found: dict[int, Path] = {}
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or not p.is_file() or p.suffix.lower() not in REPORT_SUFFIXES:
            continue
        if not _YEAR_RE.fullmatch(p.stem):
            raise InputError(p, "a report file must be named <year><suffix> (e.g. 2024.txt)")
        year = int(p.stem)
        if year in found:
            raise InputError(p, f"a second {year} report beside {found[year].name}")
        found[year] = p
    if not found:
        raise InputError(folder, "no report files (<year>.txt|html|docx|pdf)")
    return found


def _manifest(path: Path, years: set[int]) -> dict[int, dict[str, str]]:
    """The manifest's source fields by year; every row must name a year the folder holds."""
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 (byte {e.start})") from e
    reader = csv.DictReader(content.splitlines(keepends=True), strict=True)
    header = reader.fieldnames or []
    year_col = next((c for c in ("year", "report_year") if c in header), None)
    if year_col is None:
        raise InputError(f"{path}:1", "header lacks a year or report_year column")
    out: dict[int, dict[str, str]] = {}
    row = 1
    try:
        for row, record in enumerate(reader, 2):
            where = f"{path}:{row}"
            if None in record:
                raise InputError(where, "more fields than the header")
            year_text = (record.get(year_col) or "").strip()
            if not _YEAR_RE.fullmatch(year_text):
                raise InputError(where, f"{year_col} {year_text!r} is not a year (1940–2099)")
            year = int(year_text)
            if year not in years:
                raise InputError(where, f"no report file for {year} in the folder")
            if year in out:
                raise InputError(where, f"{year} again")
            out[year] = {c: (record.get(c) or "").strip() for c in SOURCE_COLUMNS}
    except csv.Error as e:
        raise InputError(f"{path}:{row + 1}", f"malformed CSV ({e})") from e
    return out


def import_folder(
    folder: str | Path,
    data: str | Path,
    region: str | None = None,
    level: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Import a folder of ``<year>.txt|html|docx|pdf`` reports (and an optional
    ``manifest.csv``: ``year`` or ``report_year``, ``title``, ``source_url``, ``publish_date``)
    as the region ``region`` (default: the folder's name) into ``data/<region>/``; return the
    report paths (written or unchanged).

    The files are copied as they are (every reader handles their encodings and formats); the
    manifest's fields go to ``region.toml``, with ``level`` when given (else the one the name
    states). Same rules as :func:`import_file`: every file is read and checked first, so an
    unreadable report, a bad manifest row or a conflict raises :class:`InputError` and writes
    nothing; a report that differs from the one already there is refused unless ``force``.
    """
    from analysis.extract.load import read_text  # reads PDF/DOCX: only for a folder import

    folder, data = Path(folder), Path(data)
    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    name = (region or folder.resolve().name).strip()
    problem = slug_problem(name)
    if problem:
        raise InputError(folder, f"region name {name!r} {problem}")
    files = _folder_reports(folder)
    manifest = folder / MANIFEST
    sources = _manifest(manifest, set(files)) if manifest.is_file() else {}
    target_folder = data / name
    plans: list[tuple[Path, Path, bool]] = []
    for year, src in sorted(files.items()):
        read_text(src)  # an unreadable report fails the import before anything is written
        target = target_folder / f"{year}{src.suffix.lower()}"
        others = [
            p.name
            for p in target_folder.glob(f"{year}.*")
            if p.suffix.lower() in REPORT_SUFFIXES and p.name != target.name
        ]
        if others:
            raise InputError(src, f"{target_folder} already holds a {year} report ({others[0]})")
        same = target.is_file() and target.read_bytes() == src.read_bytes()
        if target.exists() and not same and not force:
            raise InputError(src, f"{target} exists with a different text; pass --force to replace it")
        plans.append((src, target, same))
    for src, target, same in plans:
        if not same:
            with atomic_path(target) as tmp:
                tmp.write_bytes(src.read_bytes())
    known = {year: sources.get(year, {}) for year in files}
    _update_region_toml(
        target_folder, name, level, {y: v for y, v in known.items() if any(v.values())}
    )
    return [target for _, target, _ in plans]
