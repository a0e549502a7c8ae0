"""The comparison step of ``briefs batch``: one compare job per report year with two or more
regions of one level, run after the briefs, reading the tables the briefs stored.

Each job's input is a manifest, ``<out>/compare/<year>/regions.json``: the year, the level,
and per region its name, level, status (``ok`` when its brief finished, ``failed`` otherwise)
and its brief's key (like :func:`analysis.run.batch.region_key`), for this year and the year
before. The job key hashes the manifest, so a comparison is re-run exactly when a region's
brief (its source, the notebook, the package version or parameters) changed, a region came
or went, or a brief failed or recovered; ``--force`` re-runs it. The manifest is also what the
index page reads (with ``compare.csv``) to show the headline table.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from analysis import keys
from analysis.errors import AnalysisError
from analysis.extract.files import RegionReports
from analysis.run.jobs import FORMATS, Job, Result, notebook_path
from analysis.store import atomic_path
from analysis.tables.compare import LEVEL_ORDER

MANIFEST = "regions.json"


#: The languages each comparison is written in: ``compare.html`` and ``compare.en.html``.
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class CompareJob(Job):
    """A compare notebook run in one language: outputs ``compare.{ipynb,html,pdf}`` (Chinese)
    or ``compare.en.{ipynb,html,pdf}`` (English) in ``compare/<year>/``."""

    language: str = "zh"

    @property
    def stem(self) -> str:
        return "compare" if self.language == "zh" else f"compare.{self.language}"

    @property
    def label(self) -> str:
        lang = "" if self.language == "zh" else f" {self.language}"
        return f"compare {self.report_year}{lang}"


def _meta(folder: Path) -> tuple[str, str]:
    from analysis.extract.metadata import read_region_meta
    from analysis.labels import region_level

    try:
        meta = read_region_meta(folder)
        return meta.name, meta.level
    except AnalysisError:
        return folder.name, region_level(folder.name)


def _brief(out: Path, region: str, year: int) -> dict:
    """A region's brief of ``year`` as the manifest records it: status and key."""
    record = keys.read(out / region / str(year) / "provenance.json")
    if record and record.get("key"):
        return {"status": "ok", "key": record["key"]}
    return {"status": "failed", "key": ""}


def manifest(out: Path, found: dict[str, RegionReports], year: int) -> dict | None:
    """The manifest of ``year``'s comparison, or ``None`` when fewer than two regions of the
    level have a report that year. The level is the one most regions whose brief finished
    share (national aside): a failed report's level is only a guess from its folder name, and
    a comparison with no region read has nothing to show."""
    regions = []
    for slug, reports in sorted(found.items()):
        files = reports.by_year
        if year not in files:
            continue
        name, level = _meta(reports.folder)
        if slug == "national":
            level = "national"
        entry = {"region": slug, "name": name, "level": level, **_brief(out, slug, year)}
        if year - 1 in files:
            entry["previous_key"] = _brief(out, slug, year - 1)["key"]
        regions.append(entry)
    levels = Counter(
        r["level"] for r in regions if r["level"] != "national" and r["status"] == "ok"
    )
    if not levels:
        return None
    rank = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    level = min(levels.items(), key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0]))[0]
    if sum(r["level"] == level for r in regions) < 2:
        return None
    kept = [r for r in regions if r["level"] in (level, "national")]
    return {"year": year, "level": level, "regions": kept}


def _write_if_changed(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def plan(
    out: Path,
    found: dict[str, RegionReports],
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    failures: list[Result] | None = None,
) -> list[Job]:
    """The compare jobs of a batch (call after its briefs ran): writes each year's manifest
    and returns a job per year with two or more regions of one level and language (the
    Chinese one writes ``compare.csv``). A manifest that cannot be written (a full disk)
    fails its year's comparison: a ``failed`` result in ``failures`` when given (the batch
    goes on), else the :class:`~analysis.errors.OutputError`."""
    nb = notebook_path("compare.ipynb")
    if not nb.exists() or not found:
        return []
    data = next(iter(found.values())).folder.parent
    years = sorted({y for reports in found.values() for y in reports.by_year})
    jobs: list[Job] = []
    for year in years:
        m = manifest(out, found, year)
        if m is None:
            continue
        folder = (out / "compare" / str(year)).resolve()
        source = folder / MANIFEST
        try:
            _write_if_changed(source, m)
        except AnalysisError as e:
            if failures is None:
                raise
            failures.append(Result("compare", "compare", year, "failed", str(folder), str(e)))
            continue
        for lang in LANGUAGES:
            params = {
                "year": year,
                "regions": [r["region"] for r in m["regions"] if r["level"] != "national"],
                "level": m["level"],
                "data_dir": str(data.resolve()),
                "reports_dir": str(out.resolve()),
                "out_dir": str(folder) if lang == "zh" else "",
                "language": lang,
            }
            jobs.append(CompareJob("compare", "compare", year, str(folder), str(source),
                                   str(nb.resolve()), params, formats, force, language=lang))  # fmt: skip
    return jobs


def read_manifest(folder: Path) -> dict | None:
    """A comparison's manifest, ``None`` when absent or unreadable."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
