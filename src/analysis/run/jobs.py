"""The batch's units of work and their keys.

A :class:`Job` is one of: ``extract`` (a report → its stored extraction, see
:mod:`analysis.extracted`), ``brief`` (the year notebook of a report), ``trends`` (a region's
notebook over its years). Each job becomes one :class:`Result`, never an exception.

A job's **key** hashes everything that decides its outputs: the inputs' bytes, the notebook's
bytes, the parameters, the package version and the digest of the package's code. A job whose
key matches the one recorded in its provenance record, with its outputs present, is skipped;
a changed report, notebook or module rebuilds what it affects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from analysis import keys
from analysis.errors import InputError
from analysis.extract.files import RegionReports
from analysis.years import parse_year

#: A notebook cell that runs longer than this fails its brief instead of holding the batch.
CELL_TIMEOUT_S = 600
FORMATS = ("html", "pdf")


def notebook_path(name: str) -> Path:
    """``brief.ipynb`` → the notebook to run: the checkout's top-level ``notebooks/`` when the
    package runs from a checkout (where an analyst edits them), else the copy shipped in the
    package (a wheel install)."""
    checkout = Path(__file__).resolve().parents[3] / "notebooks" / name
    if checkout.is_file():
        return checkout
    return Path(str(resources.files("analysis") / "notebooks" / name))


@dataclass(frozen=True)
class Job:
    """One unit of work: ``kind`` is ``extract``, ``brief`` or ``trends``."""

    kind: str
    region: str
    report_year: int | None
    out_dir: str
    source: str  # the report (a folder of them for trends)
    notebook: str = ""
    parameters: dict = field(default_factory=dict)
    formats: tuple[str, ...] = FORMATS
    force: bool = False
    also_reads: tuple[str, ...] = ()  # other inputs: the previous year's report

    @property
    def label(self) -> str:
        """``mouxian 2023``, ``mouxian trends`` or ``mouxian 2023 extract``."""
        what = str(self.report_year) if self.kind != "trends" else "trends"
        return f"{self.region} {what}" + (" extract" if self.kind == "extract" else "")

    @property
    def stem(self) -> str:
        """The name its outputs start with."""
        return "trends" if self.kind == "trends" else "brief"

    @property
    def record(self) -> Path:
        """Its provenance record (written last: a job is complete when it exists)."""
        out = Path(self.out_dir)
        return out / ("provenance.json" if self.kind == "brief" else f"{self.stem}.provenance.json")

    @property
    def outputs(self) -> list[Path]:
        """The files the job makes."""
        out = Path(self.out_dir)
        made = [out / f"{self.stem}.ipynb"] + [out / f"{self.stem}.{f}" for f in self.formats]
        return made + [out / "source.html"] if self.kind == "brief" else made

    def failed(self, error: str, cell: str = "") -> Result:
        """A ``failed`` result of this job."""
        return Result(self.kind, self.region, self.report_year, "failed", self.out_dir,
                      error=error, cell=cell)  # fmt: skip


@dataclass
class Result:
    """What became of a job: ``ok``, ``skipped`` or ``failed`` (with the cell and the error)."""

    kind: str
    region: str
    report_year: int | None
    status: str
    out_dir: str
    error: str = ""
    cell: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``mouxian 2023``, ``mouxian trends`` or ``mouxian targets``."""
        year = str(self.report_year)
        what = {"brief": year, "trends": "trends", "compare": year}.get(self.kind, "targets")
        if self.kind == "extract":
            what = f"{self.report_year} extract"
        return f"{self.region} {what}"


# --- finding the work -----------------------------------------------------------------------


def parse_years(spec: str | None) -> set[int] | None:
    """``2019-2023``, ``2019,2021`` or ``2020`` → a set of years (``None``: all years)."""
    if not spec:
        return None
    years: set[int] = set()
    for part in spec.split(","):
        # Years by the one rule (analysis.years); the range dash is never a digit.
        ends = [parse_year(y) for y in re.split(r"\s*[-–:]\s*", part.strip(), maxsplit=1)]
        if None in ends:
            raise InputError(None, f"--years {spec!r}: use 2019-2023, 2019,2021 or 2020")
        a, b = ends[0], ends[-1]
        years.update(range(min(a, b), max(a, b) + 1))  # type: ignore[type-var]
    return years


def plan_extractions(
    found: dict[str, RegionReports], out: Path, years: set[int] | None
) -> list[Job]:
    """One extraction per report a brief of ``years`` reads: its own, and the previous
    year's (for last year's target status), each stored in its year's output folder."""
    jobs = []
    for region, reports in found.items():
        wanted = {y for y in reports.by_year if years is None or y in years}
        wanted |= {y - 1 for y in wanted if y - 1 in reports.by_year}
        for year in sorted(wanted):
            src = reports.by_year[year]
            jobs.append(Job("extract", region, year, str(out / region / str(year)), str(src)))
    return jobs


def plan_briefs(
    found: dict[str, RegionReports],
    out: Path,
    years: set[int] | None = None,
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    notebook: Path | None = None,
) -> list[Job]:
    """One brief job per (region, report year), with absolute paths as parameters."""
    nb = (notebook or notebook_path("brief.ipynb")).resolve()
    jobs = []
    for region, reports in found.items():
        for year, src in sorted(reports.by_year.items()):
            if years is not None and year not in years:
                continue
            out_dir = (out / region / str(year)).resolve()
            params = {
                "region": region,
                "report_year": year,
                "source": str(src),
                "out_dir": str(out_dir),
                "data_dir": str(reports.folder),
            }
            before = reports.by_year.get(year - 1)
            jobs.append(
                Job("brief", region, year, str(out_dir), str(src), str(nb), params,
                    formats, force, (str(before),) if before else ())
            )  # fmt: skip
    return jobs


def plan_trends(
    found: dict[str, RegionReports],
    out: Path,
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
) -> list[Job]:
    """A trends job for every region with two or more reports."""
    nb = notebook_path("trends.ipynb").resolve()
    jobs = []
    for region, reports in found.items():
        if len(reports.by_year) < 2:
            continue
        params = {"region": region, "data_dir": str(reports.folder), "out_dir": str(out / region)}
        jobs.append(
            Job("trends", region, None, str(out / region), str(reports.folder), str(nb), params,
                formats, force)
        )  # fmt: skip
    return jobs


# --- keys -----------------------------------------------------------------------------------


@cache
def code_digest() -> str:
    """The package's code digest, once per process (see :func:`provenance.code_digest`)."""
    return keys.code_digest()


def inputs_sha(job: Job) -> str:
    """The source's sha256 (a folder's: its files'), joined with that of the previous year's
    report when the brief reads it: a change there re-runs this year's brief too."""
    sha = keys.sha256_path(job.source)
    extra = [keys.sha256_path(p) for p in job.also_reads if Path(p).exists()]
    return "+".join([sha, *extra])


def job_key(job: Job) -> str:
    """The key of a notebook job: inputs, notebook, parameters, version and code digest."""
    return keys.job_key(
        inputs_sha(job), keys.sha256_file(job.notebook), job.parameters, code_digest()
    )


def unchanged(job: Job) -> Result | None:
    """A ``skipped`` result when ``job``'s outputs exist and its key is the recorded one, else
    ``None``. Cheap (a few hashes and a small JSON read): the batch asks in the parent before
    any worker or kernel starts, so a re-run with nothing changed starts neither."""
    if job.force:
        return None
    if job.kind == "extract":
        from analysis.extracted import is_fresh  # the extractor: only when there is one to check

        if not is_fresh(job.out_dir, job.source):
            return None
        return Result(job.kind, job.region, job.report_year, "skipped", job.out_dir)
    old = keys.read(job.record)
    if not old or not all(p.exists() for p in job.outputs):
        return None
    try:
        key = job_key(job)
    except OSError:
        return None  # the job itself reports the unreadable input
    if old.get("key") != key:
        return None
    return Result(job.kind, job.region, job.report_year, "skipped", job.out_dir,
                  outputs=[p.name for p in job.outputs])  # fmt: skip
