"""Datasets in: a CSV or JSON Lines file of full report texts → ``data/raw/<region>/<year>.txt``,
or a folder of report files (``<year>.txt|html|docx|pdf`` and an optional ``manifest.csv``) →
``data/raw/<region>/`` (:func:`import_folder`).

Each row holds one report: the region's name in ``province``, ``city``, ``county`` or
``region``, then ``year``, ``title``, ``source_url``, ``publish_date`` and ``full_text``
(JSON Lines: one object a line; CSV and JSON Lines in any encoding a report file may have:
UTF-8 with or without BOM, UTF-16, GB18030/GBK as Excel saves it on a Chinese Windows, Big5).
For each row the import writes the text to ``<data>/<region>/<year>.txt`` and records the
region (display name, level inferred from the name) and the report's title, source URL and
publish date in ``<data>/<region>/region.toml`` (``[reports.<year>]``, read back by
:func:`analysis.extract.metadata.read_region_meta`).

The region folder is the name as written (``某某省``): no romanisation is available offline, and
every consumer handles Chinese folder names. A name the batch could not build is refused
(:mod:`analysis.region_names`), and so is a year that is not one (:mod:`analysis.years`) and a
text extract would refuse (empty, binary, over 64 MB).

Rules: every row, and everything already on disk that the import would read or replace (each
region's folder, its ``region.toml``, the report files of the years imported), is checked
before anything is written, so a malformed row (``FILE:ROW: …``; CSV rows counted as a
spreadsheet shows them, the header being row 1; JSON Lines by line) or a conflict writes
nothing; importing the same file again changes nothing; a row whose text differs from the
report already on disk is refused unless ``force``; every file is written through
:func:`analysis.store.atomic_path`. Lines end at ``\n`` only (``\r\n`` too): U+2028 and
U+0085 are characters of a text, as JSON writes them raw.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import InputError
from analysis.extract.files import REPORT_SUFFIXES, year_in_name
from analysis.extract.load import MAX_BYTES, decode_file, text_problem
from analysis.extract.paths import absolute, outside, special_file
from analysis.labels import region_level
from analysis.region_names import region_name_problem
from analysis.store import atomic_path
from analysis.years import FIRST, LAST, parse_year

#: Columns that may hold the region's name, in order of preference.
REGION_COLUMNS = ("province", "city", "county", "region")
SOURCE_COLUMNS = ("title", "source_url", "publish_date")
#: The dataset file's own limit: many reports, each at most ``MAX_BYTES`` (64 MB) as UTF-8.
MAX_FILE_BYTES = 512 * 2**20
_SURROGATE = re.compile("[\ud800-\udfff]")


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
    content = _read_content(Path(path))
    if re.match(r"\s*\{", content):  # (lstrip would copy the whole text)
        records = _json_lines(path, content)
    else:
        records = _csv_records(path, content)
    del content  # the records hold their own strings: keep one copy of the texts, not two
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


def _read_content(path: Path) -> str:
    """The file's text, decoded as a report file is (:func:`~analysis.extract.load.decode_bytes`)."""
    what = special_file(path)
    if what:  # a pipe would block the read, /dev/zero never end it
        raise InputError(path, f"{what}, not a CSV or JSON Lines file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                path, f"file too large ({size / 2**20:.0f} MB; the limit is "
                f"{MAX_FILE_BYTES // 2**20} MB)"
            )  # fmt: skip
        content = decode_file(path)
    except FileNotFoundError as e:
        raise InputError(path, "no such file") from e
    except IsADirectoryError as e:
        raise InputError(path, "a folder, not a CSV or JSON Lines file") from e
    except OSError as e:
        raise InputError(path, f"cannot read the file ({e.strerror or e})") from e
    if re.fullmatch(r"\s*", content):
        raise InputError(path, "empty file")
    return content


def _lines(content: str, keepends: bool = False) -> Iterator[str]:
    """The lines of ``content``, ended by ``\n`` only: U+2028, U+0085 and the other line
    breaks :meth:`str.splitlines` knows are characters of a text (JSON writes them raw)."""
    start = 0
    while start < len(content):
        end = content.find("\n", start)
        end = len(content) if end < 0 else end + 1
        yield content[start:end] if keepends else content[start:end].rstrip("\r\n")
        start = end


def _json_lines(path: Path, content: str) -> list[tuple[int, dict]]:
    out = []
    for n, line in enumerate(_lines(content), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}", f"not JSON ({e.msg})") from e
        except ValueError as e:  # an integer of more than 4,300 digits
            raise InputError(f"{path}:{n}", f"not JSON ({e})") from e
        except RecursionError as e:  # json recurses per nested array or object
            raise InputError(f"{path}:{n}", "not JSON (nested too deeply)") from e
        if not isinstance(record, dict):
            raise InputError(f"{path}:{n}", "not a JSON object")
        out.append((n, record))
    return out


def _csv_records(path: Path, content: str) -> list[tuple[int, dict]]:
    csv.field_size_limit(MAX_FILE_BYTES)
    # strict: an unclosed quote is an error, not a text that swallows every later row.
    reader = csv.DictReader(_lines(content, keepends=True), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as e:
        raise InputError(f"{path}:1", f"malformed CSV ({e})") from e
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
    problem = region_name_problem(name)
    if problem:
        raise InputError(where, f"region name {name!r} {problem}")
    year_text = str(record.get("year") or "").strip()
    year = parse_year(year_text)
    if year is None:
        raise InputError(where, f"year {year_text!r} is not a year ({FIRST}–{LAST})")
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
    for c, v in [("full_text", text), *fields.items()]:
        m = _SURROGATE.search(v)
        if m:  # UTF-8 cannot write it: the file would fail half-written
            raise InputError(where, f"{c} holds a lone surrogate ({m.group()!a}), not text")
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise InputError(where, f"full_text too large ({size / 2**20:.0f} MB; the limit is 64 MB)")
    problem = text_problem(text)
    if problem:
        raise InputError(where, f"full_text: {problem}")
    return Row(where, name, year, text=text, **fields)


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
    """``region.toml`` as a dict ({} when absent); raises ``ValueError`` with the reason."""
    if not f.exists() and not f.is_symlink():
        return {}
    what = special_file(f) or ("a folder" if f.is_dir() else None)
    if what:
        raise ValueError(f"{what}, not a file")
    try:
        return tomllib.loads(f.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"cannot read region metadata ({' '.join(str(e).split())})") from e
    except RecursionError as e:
        raise ValueError("cannot read region metadata (nested too deeply)") from e


@dataclass
class _Plan:
    """What the import will write: texts (``None``: already there) and region.toml texts."""

    texts: list[tuple[Row, Path, bool]]
    tomls: dict[Path, str]


def _plan(rows: list[Row], data: Path, force: bool) -> _Plan:
    """Check every row against what is on disk; raise before anything is written."""
    if data.exists() and not data.is_dir():
        raise InputError(data, "not a folder")
    texts: list[tuple[Row, Path, bool]] = []
    by_region: dict[str, list[Row]] = {}
    for r in rows:
        folder = data / r.name
        if folder.is_symlink() or folder.exists():
            if not folder.is_dir():
                raise InputError(r.where, f"{folder} is in the way: not a folder")
            away = outside(folder, data)
            if away:
                raise InputError(r.where, f"{folder}: {away}")
        target = folder / f"{r.year}.txt"
        others = sorted(
            p.name
            for p in (folder.iterdir() if folder.is_dir() else [])
            if p != target and p.suffix.lower() in REPORT_SUFFIXES
            and not p.name.startswith(".") and year_in_name(p) == r.year
        )  # fmt: skip
        if others:
            raise InputError(r.where, f"{folder} already holds a {r.year} report ({others[0]})")
        same = False
        if target.is_symlink() or target.exists():
            what = special_file(target) or ("a folder" if target.is_dir() else None)
            if what:
                raise InputError(r.where, f"{target} is {what}, not a report file")
            same = target.read_bytes() == r.text.encode("utf-8")
            if not same and not force:
                raise InputError(
                    r.where, f"{target} exists with a different text; pass --force to replace it"
                )
        texts.append((r, target, same))
        by_region.setdefault(r.name, []).append(r)
    tomls: dict[Path, str] = {}
    for name, region_rows in by_region.items():
        f = data / name / "region.toml"
        try:
            old = _read_toml(f)
        except ValueError as e:
            raise InputError(region_rows[0].where, f"{f}: {e}") from e
        reports = {
            int(y): dict(v) for y, v in (old.get("reports") or {}).items() if str(y).isdigit()
        }
        for r in region_rows:
            reports[r.year] = {c: getattr(r, c) for c in SOURCE_COLUMNS}
        text = region_toml(
            str(old.get("name") or name), str(old.get("level") or region_level(name)), old, reports
        )
        if not f.is_file() or f.read_text(encoding="utf-8-sig") != text:
            tomls[f] = text
    return _Plan(texts, tomls)


def import_file(path: str | Path, data: str | Path, force: bool = False) -> list[Path]:
    """Import every row of ``path`` into ``data``; return the report paths (written or unchanged).

    Raises :class:`InputError` (naming ``FILE:ROW``) for a malformed row, a text that differs
    from the report already there (unless ``force``) or anything on disk in the way (a file
    where a region folder goes, an unreadable ``region.toml``, a link leaving ``data``);
    nothing is written then.
    """
    path, data = Path(path), absolute(data)
    plan = _plan(read_rows(path), data, force)
    # Everything checked: write. Texts first, then each region's metadata once.
    for r, target, same in plan.texts:
        if not same:
            with atomic_path(target) as tmp:
                tmp.write_bytes(r.text.encode("utf-8"))
    for f, text in plan.tomls.items():
        with atomic_path(f) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return [target for _, target, _ in plan.texts]


#: The optional table of a folder import: one row a report, keyed by ``year`` or ``report_year``.
MANIFEST = "manifest.csv"
_YEAR_NAME = re.compile(r"(?:19[4-9]\d|20\d\d)")


def _folder_reports(folder: Path) -> dict[int, Path]:
    """The ``<year>.<suffix>`` report files directly in ``folder``, by year; other files (a
    README, the manifest) are not reports and are left alone."""
    found: dict[int, Path] = {}
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") or not p.is_file() or p.suffix.lower() not in REPORT_SUFFIXES:
            continue
        if not _YEAR_NAME.fullmatch(p.stem):
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
            if not _YEAR_NAME.fullmatch(year_text):
                raise InputError(where, f"{year_col} {year_text!r} is not a year ({FIRST}–{LAST})")
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
    manifest's fields go to ``region.toml``, with ``level`` when given (else the file's, else the
    one the name states). Same rules as :func:`import_file`: every file is read and checked
    first, so an unreadable report, a bad manifest row or a conflict raises :class:`InputError`
    and writes nothing; a report that differs from the one already there is refused unless
    ``force``.
    """
    from analysis.extract.load import read_text  # reads PDF/DOCX: only for a folder import

    folder, data = Path(folder), absolute(data)
    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    name = (region or folder.resolve().name).strip()
    problem = region_name_problem(name)
    if problem:
        raise InputError(folder, f"region name {name!r} {problem}")
    files = _folder_reports(folder)
    manifest = folder / MANIFEST
    sources = _manifest(manifest, set(files)) if manifest.is_file() else {}
    if data.exists() and not data.is_dir():
        raise InputError(data, "not a folder")
    target_folder = data / name
    if target_folder.is_symlink() or target_folder.exists():
        if not target_folder.is_dir():
            raise InputError(folder, f"{target_folder} is in the way: not a folder")
        away = outside(target_folder, data)
        if away:
            raise InputError(folder, f"{target_folder}: {away}")
    plans: list[tuple[Path, Path, bool]] = []
    for year, src in sorted(files.items()):
        read_text(src)  # an unreadable report fails the import before anything is written
        target = target_folder / f"{year}{src.suffix.lower()}"
        others = sorted(
            p.name
            for p in (target_folder.iterdir() if target_folder.is_dir() else [])
            if p != target and p.suffix.lower() in REPORT_SUFFIXES
            and not p.name.startswith(".") and year_in_name(p) == year
        )  # fmt: skip
        if others:
            raise InputError(src, f"{target_folder} already holds a {year} report ({others[0]})")
        same = target.is_file() and target.read_bytes() == src.read_bytes()
        if target.exists() and not same and not force:
            raise InputError(
                src, f"{target} exists with a different text; pass --force to replace it"
            )
        plans.append((src, target, same))
    f = target_folder / "region.toml"
    try:
        old = _read_toml(f)
    except ValueError as e:
        raise InputError(f, str(e)) from e
    reports = {int(y): dict(v) for y, v in (old.get("reports") or {}).items() if str(y).isdigit()}
    reports.update({y: v for y, v in sources.items() if any(v.values())})
    toml = region_toml(
        str(old.get("name") or name), level or str(old.get("level") or region_level(name)), old,
        reports,
    )  # fmt: skip
    # Everything checked: write. Reports first, then the region's metadata.
    for src, target, same in plans:
        if not same:
            with atomic_path(target) as tmp:
                tmp.write_bytes(src.read_bytes())
    if not f.is_file() or f.read_text(encoding="utf-8-sig") != toml:
        with atomic_path(f) as tmp:
            tmp.write_text(toml, encoding="utf-8")
    return [target for _, target, _ in plans]
