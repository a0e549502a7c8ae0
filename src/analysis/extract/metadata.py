"""Report metadata: report year, reviewed period, region.

A report delivered in year Y (its *report year*: "2024年政府工作报告") reviews period Y−1 and
sets targets for Y. The report year comes from the file name, else from the title or dateline;
the reviewed period from the review part of the text, else Y−1. Region metadata lives in
``<region folder>/region.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from analysis.errors import MetadataError
from analysis.extract.paths import absolute, outside
from analysis.labels import region_level
from analysis.region_names import region_name_problem
from analysis.years import YEAR as _YEAR
from analysis.years import parse_year, year_in_name

_CN_DIGIT = "〇○零一二三四五六七八九"
_CN_YEAR = rf"[一二][{_CN_DIGIT}]{{3}}"
# A title names the document: "2023年政府工作报告", "2023年某县人民政府年度工作总结".
_TITLE_YEAR = re.compile(
    rf"(?<!\d)({_YEAR}|{_CN_YEAR})年(?:(?![0-9]{{4}}年|[{_CN_DIGIT}]{{4}}年)[^\n。；]){{0,40}}?(?:工作报告|工作总结|政府工作|报告|总结)"
)
# A dateline gives the delivery date: "——2023年3月5日在第十四届全国人民代表大会…".
_DATELINE_YEAR = re.compile(
    rf"(?<!\d)({_YEAR}|{_CN_YEAR})年[0-9{_CN_DIGIT}十]{{1,3}}月[0-9{_CN_DIGIT}十]{{1,3}}日[^\n。]{{0,6}}在"
)
_TITLE_LINES = 8
_TITLE_CHARS = 600

# The review part: "一、2023年工作回顾", "2022年是本届政府的开局之年", "过去一年".
_REVIEW_HEADING = re.compile(rf"(?<!\d)({_YEAR})年(?:的)?工作(?:回顾|总结)")
_YEAR_IS = re.compile(rf"(?:^|[\n。；])\s*({_YEAR})年(?:，|,)?是")
# The year's targets set in the same breath (今年…主要预期目标, 今年…目标是): a forward opening.
_THIS_YEARS_TARGETS = re.compile(r"今年[^。\n]{0,30}(?:主要预期目标|目标是|目标为)")
_SECOND_SECTION = re.compile(r"(?m)^[ \t　]*(?:二[、.．]|第二部分)")
_REVIEW_CHARS = 6000
_OPENING_CHARS = 1000


@dataclass(frozen=True)
class SourceInfo:
    """Where one report comes from (``[reports.<year>]`` in ``region.toml``); None when unknown."""

    title: str | None = None
    source_url: str | None = None
    publish_date: str | None = None


@dataclass(frozen=True)
class RegionMeta:
    """Region metadata from ``<region folder>/region.toml`` (defaults from the folder name).

    ``reports`` maps a report year to its :class:`SourceInfo` (written by ``briefs import``).
    """

    slug: str
    name: str
    level: str
    source: str
    reports: Mapping[int, SourceInfo] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """The name a reader knows: region.toml's ``name``, 全国 for the ``national`` folder
        (the State Council's reports), else the folder name."""
        if self.name and self.name != self.slug:
            return self.name
        return "全国" if self.slug == "national" else self.slug

    @property
    def label(self) -> str:
        """``某县（mouxian）``: the display name with the folder name when they differ."""
        name = self.display_name
        return name if name == self.slug else f"{name}（{self.slug}）"


def read_region_meta(folder: str | Path) -> RegionMeta:
    """Read ``region.toml`` in ``folder`` when present; missing keys default from the folder name.

    Keys: ``name``, ``level``, ``source`` and optionally ``slug`` (strings), and one table
    per report year, ``[reports.2026]`` with ``title``, ``source_url`` and ``publish_date``
    (strings; a TOML date is read as ``YYYY-MM-DD``). A slug may contain spaces or Chinese
    characters, never a path separator or ``..``. Raises :class:`MetadataError` for unreadable
    TOML, non-string values, a report key that is not a year or an unsafe slug.
    """
    folder = Path(folder)
    f = folder / "region.toml"
    data: dict[str, object] = {}
    away = outside(f, absolute(folder).parent) if f.is_symlink() else None
    if away:  # its name and titles would be published: the data folder's own files only
        raise MetadataError(f, away)
    if f.is_file():
        try:
            data = tomllib.loads(f.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise MetadataError(f, f"cannot read region metadata ({_one_line(exc)})") from exc
        except RecursionError as exc:  # tomllib recurses per nested array or table
            raise MetadataError(f, "cannot read region metadata (nested too deeply)") from exc
        for key in ("slug", "name", "level", "source"):
            if key in data and not isinstance(data[key], str):
                raise MetadataError(f, f"'{key}' must be a string")
    slug = str(data["slug"]) if "slug" in data else folder_name(folder)
    problem = region_name_problem(slug)
    if problem:
        raise MetadataError(f if "slug" in data else folder, f"region slug {slug!r} {problem}")
    name = str(data.get("name") or slug)
    level = str(data.get("level") or region_level(name))
    reports = _reports(f, data.get("reports", {}))
    return RegionMeta(slug, name, level, str(data.get("source", "")), reports)


_SOURCE_KEYS = ("title", "source_url", "publish_date")


def _reports(f: Path, table: object) -> dict[int, SourceInfo]:
    """The ``[reports.<year>]`` tables of ``region.toml`` as year → :class:`SourceInfo`."""
    if not isinstance(table, dict):
        raise MetadataError(f, "'reports' must be a table of years")
    out: dict[int, SourceInfo] = {}
    for key, entry in table.items():
        year = parse_year(str(key))
        if year is None or not isinstance(entry, dict):
            raise MetadataError(f, f"reports.{key}: not a year with a table of source fields")
        values: dict[str, str | None] = {}
        for k in _SOURCE_KEYS:
            v = entry.get(k)
            if isinstance(v, date):
                v = v.isoformat()
            if v is not None and not isinstance(v, str):
                raise MetadataError(f, f"reports.{key}.{k} must be a string")
            values[k] = v or None
        out[year] = SourceInfo(**values)
    return out


def folder_name(folder: str | Path) -> str:
    """The name of ``folder`` as written, not of its target when it is a link (``.`` and
    ``..`` resolved): a linked region folder keeps its own name and never takes another's."""
    folder = Path(folder)
    return folder.name if folder.name not in ("", ".", "..") else folder.resolve().name


def guess_year(path: str | Path, text: str) -> int:
    """The report year from the file name (``2023.txt``, ``政府工作报告2023.docx``), else from
    the title or the dateline in the first lines of ``text``.

    Raises :class:`MetadataError` asking for ``--year`` when neither has one.
    """
    year = year_in_name(Path(path).stem)
    if year is not None:
        return year
    head = "\n".join(
        [line for line in text[: _TITLE_CHARS * 2].splitlines() if line.strip()][:_TITLE_LINES]
    )
    head = head[:_TITLE_CHARS]
    for pattern in (_TITLE_YEAR, _DATELINE_YEAR):
        for m in pattern.finditer(head):
            # "提出关于1955年国家决算和…的报告" mentions a report; it is not the title.
            if "关于" not in head[head.rfind("\n", 0, m.start()) + 1 : m.start()]:
                return _year_value(m.group(1))
    raise MetadataError(path, "no report year in the file name or title; pass --year")


def reviewed_period(text: str, report_year: int) -> int:
    """The year the report reviews: ``report_year - 1`` (a report delivered in 2024 reviews
    2023), unless its opening review names ``report_year`` itself (``一、2023年工作回顾`` or
    ``2023年是…`` in the first lines of a file named for 2023, e.g. a summary titled by the year
    it reviews). "2024年是…" deep in a 2024 report is about the target year and does not count,
    nor does one followed by this year's targets (2026年是…。今年…主要预期目标是, an excerpt).
    """
    head = text[:_REVIEW_CHARS]
    second = _SECOND_SECTION.search(head)
    if second:
        head = head[: second.start()]
    found: set[int] = set()
    for m in _REVIEW_HEADING.finditer(head):
        found.add(int(m.group(1)))
    for m in _YEAR_IS.finditer(head):
        year = int(m.group(1))
        # "2026年是…开局之年。今年…主要预期目标是" opens an excerpt of the year's targets.
        ahead = year == report_year and _THIS_YEARS_TARGETS.search(head, m.start(), m.start() + 300)
        if (year != report_year or m.start() < _OPENING_CHARS) and not ahead:
            found.add(year)
    if report_year - 1 in found or report_year not in found:
        return report_year - 1
    return report_year


def _year_value(digits: str) -> int:
    """``"2023"`` or ``"二〇二三"`` → 2023."""
    if digits.isdigit() and digits.isascii():
        return int(digits)
    table = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
    table.update({"○": "0", "零": "0"})
    return int("".join(table[c] for c in digits))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
