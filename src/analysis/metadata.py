"""Report metadata: report year, reviewed period, region. MINIMAL PLACEHOLDER."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import MetadataError


@dataclass(frozen=True)
class RegionMeta:
    """Region metadata from ``<region folder>/region.toml`` (defaults from the folder name)."""

    slug: str
    name: str
    level: str
    source: str


def read_region_meta(folder: str | Path) -> RegionMeta:
    """Read ``region.toml`` in ``folder`` when present."""
    folder = Path(folder)
    data: dict = {}
    f = folder / "region.toml"
    if f.exists():
        data = tomllib.loads(f.read_text(encoding="utf-8"))
    slug = folder.resolve().name
    return RegionMeta(slug, data.get("name", slug), data.get("level", ""), data.get("source", ""))


def guess_year(path: str | Path, text: str) -> int:
    """The report year from the file name, else from the title."""
    m = re.search(r"(19[5-9]\d|20\d\d)", Path(path).stem)
    if m:
        return int(m.group(1))
    m = re.search(r"(19[5-9]\d|20\d\d)年", text[:300])
    if m:
        return int(m.group(1))
    raise MetadataError(path, "no report year in the file name or title; pass --year")


def reviewed_period(text: str, report_year: int) -> int:
    """The year the report reviews (``report_year - 1`` by default)."""
    return report_year - 1
