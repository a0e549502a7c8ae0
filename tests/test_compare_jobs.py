"""The batch's comparison step: which years get a comparison, its key, and a real batch."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.extract.files import discover
from analysis.extracted import TRACE_ENV
from analysis.run import compare_jobs, jobs
from test_compare import write_region


def _done(out, region, year, key="k"):
    d = out / region / str(year)
    d.mkdir(parents=True, exist_ok=True)
    (d / "provenance.json").write_text(json.dumps({"key": key}), encoding="utf-8")


@pytest.fixture
def data(tmp_path):
    d = tmp_path / "data"
    write_region(d, "jia", "甲省", "5%左右")
    write_region(d, "yi", "乙省", "4.5%—5%", actual="4.2")
    write_region(d, "yi", "乙省", "5%左右", year=2025)
    write_region(d, "bing", "丙县", "7%以上", level="county")
    write_region(d, "ding", "丁县", "6%以上", year=2024, level="county")
    write_region(d, "wu", "戊县", "6%以上", year=2024, level="county")
    return d


def test_a_comparison_per_year_with_two_regions_of_one_level(data, tmp_path):
    out = tmp_path / "out"
    for r, y in (("jia", 2026), ("yi", 2026), ("yi", 2025), ("bing", 2026), ("ding", 2024)):
        _done(out, r, y)
    planned = compare_jobs.plan(out, discover(data))
    assert [(j.report_year, j.stem, j.label) for j in planned] == [
        (2024, "compare", "compare 2024"), (2024, "compare.en", "compare 2024 en"),
        (2026, "compare", "compare 2026"), (2026, "compare.en", "compare 2026 en")]  # fmt: skip
    j2024, _, j2026, j2026_en = planned
    assert j2026.parameters["regions"] == ["jia", "yi"] and j2026.parameters["level"] == "province"
    # The English page beside the Chinese one; only the Chinese job writes compare.csv.
    assert j2026_en.parameters["language"] == "en" and j2026_en.parameters["out_dir"] == ""
    assert [p.name for p in j2026_en.outputs] == ["compare.en.ipynb", "compare.en.html",
                                                  "compare.en.pdf"]  # fmt: skip
    assert j2026_en.record.name == "compare.en.provenance.json"
    assert j2026.out_dir == str((out / "compare" / "2026").resolve())
    assert j2026.parameters["reports_dir"] == str(out.resolve())
    manifest = compare_jobs.read_manifest(out / "compare" / "2026")
    assert [(r["region"], r["status"]) for r in manifest["regions"]] == [
        ("jia", "ok"), ("yi", "ok")]  # fmt: skip  # the county is not among the provinces
    # 2024: the counties; 丁 finished, 戊's brief failed (no provenance): marked, not dropped.
    assert j2024.parameters["level"] == "county"
    m2024 = compare_jobs.read_manifest(out / "compare" / "2024")
    assert [(r["region"], r["status"]) for r in m2024["regions"]] == [
        ("ding", "ok"), ("wu", "failed")]  # fmt: skip
    # 2025: one region, no comparison.
    assert not (out / "compare" / "2025").exists()


def test_failed_briefs_do_not_make_a_comparison(data, tmp_path):
    # 2023: the county's brief finished; four folders whose reports failed, their level a guess
    # from the folder name (''): no comparison of the failures, none of one county.
    for slug in ("binary", "empty", "x1", "x2"):
        (data / slug).mkdir()
        (data / slug / "2023.txt").write_bytes(b"")
    write_region(data, "mouxian", "某县", "6%左右", year=2023, level="county")
    out = tmp_path / "out"
    _done(out, "mouxian", 2023)
    assert compare_jobs.manifest(out, discover(data), 2023) is None


def test_the_key_follows_the_regions_briefs(data, tmp_path):
    out = tmp_path / "out"
    for r in ("jia", "yi"):
        _done(out, r, 2026)
    found = {r: reports for r, reports in discover(data).items() if 2026 in reports.by_year}
    job, _ = compare_jobs.plan(out, found, formats=("html",))
    folder = out / "compare" / "2026"
    for name in ("compare.ipynb", "compare.html"):
        (folder / name).write_text("x")
    key = jobs.job_key(job)
    (folder / "compare.provenance.json").write_text(json.dumps({"key": key}), encoding="utf-8")
    assert jobs.unchanged(job) is not None  # same briefs: skipped
    stamp = (folder / "regions.json").stat().st_mtime_ns
    job, _ = compare_jobs.plan(out, found, formats=("html",))
    assert (folder / "regions.json").stat().st_mtime_ns == stamp  # not rewritten
    assert jobs.unchanged(job) is not None
    _done(out, "yi", 2026, key="changed")  # a region's brief was rebuilt
    job, _ = compare_jobs.plan(out, found, formats=("html",))
    assert jobs.unchanged(job) is None
    job, _ = compare_jobs.plan(out, found, formats=("html",), force=True)
    assert job.force


@pytest.mark.slow
def test_batch_builds_the_comparison_and_the_index_opens_on_it(data, tmp_path, capsys, monkeypatch):
    (data / "ding").rename(data / ".ding")  # keep it small: 2024 is not compared here
    (data / "wu").rename(data / ".wu")
    write_region(data, "geng", "<i>庚</i>省", "6%左右", actual="6.2")
    (data / "geng" / "2026.txt").write_bytes(b"")  # its brief fails
    out = tmp_path / "reports"
    trace = tmp_path / "extractions.txt"  # every extraction made, by any process of the batch
    monkeypatch.setenv(TRACE_ENV, str(trace))
    rc = main(["batch", "--data", str(data), "--out", str(out), "--workers", "2",
               "--formats", "html"])  # fmt: skip
    captured = capsys.readouterr()
    assert rc == 1 and "FAILED geng 2026" in captured.err
    # One extraction per report, whatever reads it: yi 2026's brief, last year's status (yi
    # 2025), the region tables, yi's trends and the comparison all read the stored tables.
    made = sorted(Path(p).relative_to(data).as_posix() for p in trace.read_text().split())
    assert made == ["bing/2026.txt", "jia/2026.txt", "yi/2025.txt", "yi/2026.txt"]
    assert (out / "yi" / "trends.html").exists() and (out / "yi" / "targets.csv").exists()
    folder = out / "compare" / "2026"
    assert (folder / "compare.html").exists() and (folder / "compare.ipynb").exists()
    table = pd.read_csv(folder / "compare.csv")
    assert set(table["region"]) == {"jia", "yi"}  # 丙县 is a county; 庚省 failed
    target = table[(table["region"] == "yi") & (table["role"] == "target")
                   & (table["indicator"] == "gdp")].iloc[0]  # fmt: skip
    assert (target["low"], target["high"], target["text"]) == (4.5, 5.0, "4.5%—5%")
    page = (folder / "compare.html").read_text(encoding="utf-8")
    assert (
        page.count('data-mime-type="image/svg+xml"') >= 4
        and "&lt;i&gt;庚&lt;/i&gt;省" in page
        and "<i>庚" not in page
    )
    assert "（失败）" in page and 'href="../../jia/2026/brief.html"' in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index('class="compare-table"') < index.index('<section id="regions">')
    assert 'href="compare/2026/compare.html"' in index
    # The English comparison, by the same batch: province names, labels, figures in English.
    en = (folder / "compare.en.html").read_text(encoding="utf-8")
    assert "Yisheng (乙省)" in en and ">GDP<" in en
    assert "around 5%" in en and "4.5–5%" in en and "政府工作报告主要目标对比" not in en
    assert en.count('<html lang="en">') == 1
    assert 'href="compare/2026/compare.en.html"' in index
    # Nothing changed: the comparison is skipped too.
    rc = main(["batch", "--data", str(data), "--out", str(out), "--workers", "1",
               "--formats", "html"])  # fmt: skip
    assert "compare 2026: skipped" in capsys.readouterr().err
    assert len(trace.read_text().split()) == 4  # nothing extracted again
    prov = json.loads((folder / "compare.provenance.json").read_text(encoding="utf-8"))
    assert prov["kind"] == "compare" and prov["parameters"]["regions"] == ["geng", "jia", "yi"]
