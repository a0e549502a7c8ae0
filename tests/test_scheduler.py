"""``briefs batch --scheduler``: jobs on a Dask LocalCluster; skip decisions in the parent;
the preflight check of a cluster's workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import __version__
from analysis.cli import main
from analysis.errors import AnalysisError
from analysis.extract.files import discover
from analysis.extracted import report_table
from analysis.run import batch, jobs, pool, regions
from analysis.run import cluster as scheduler

FIXTURE = Path(__file__).parent / "fixtures" / "briefs" / "yangli"


def _data(root: Path, broken: bool = True) -> Path:
    """Two small briefs of one region, and (``broken``) a region whose only report is empty."""
    data = root / "data" / "yangli"
    data.mkdir(parents=True)
    for name in ("2023.txt", "2024.txt", "region.toml"):
        shutil.copy(FIXTURE / name, data / name)
    if broken:
        (root / "data" / "broken").mkdir()
        (root / "data" / "broken" / "2022.txt").write_bytes(b"")
    return data.parent


def _fake_outputs(job: jobs.Job, key: str | None = None) -> None:
    """The files a finished job leaves, with a provenance record keyed like the batch keys it."""
    out = Path(job.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for path in job.outputs:
        path.write_text("x", encoding="utf-8")
    if key is None:
        key = jobs.job_key(job)
    job.record.write_text(json.dumps({"key": key}), encoding="utf-8")


def test_unchanged_is_decided_from_provenance(tmp_path):
    data = _data(tmp_path, broken=False)
    job = jobs.plan_briefs(discover(data), tmp_path / "out")[0]
    assert jobs.unchanged(job) is None  # nothing built yet
    _fake_outputs(job)
    skip = jobs.unchanged(job)
    assert skip is not None and skip.status == "skipped" and skip.report_year == 2023
    assert skip.outputs == ["brief.ipynb", "brief.html", "brief.pdf", "source.html"]
    # --force, a changed source, a missing output or another key: run it.
    forced = jobs.Job(**{**job.__dict__, "force": True})
    assert jobs.unchanged(forced) is None
    (Path(job.out_dir) / "brief.pdf").unlink()
    assert jobs.unchanged(job) is None
    _fake_outputs(job, key="0" * 64)
    assert jobs.unchanged(job) is None


def test_a_changed_previous_report_reruns_the_next_years_brief(tmp_path):
    data = _data(tmp_path, broken=False)
    first, second = jobs.plan_briefs(discover(data), tmp_path / "out")
    assert first.also_reads == () and second.also_reads == (first.source,)
    for job in (first, second):
        _fake_outputs(job)
    assert jobs.unchanged(first) and jobs.unchanged(second)
    Path(first.source).write_text("2023年政府工作报告\n地区生产总值增长9%。", encoding="utf-8")
    assert jobs.unchanged(first) is None and jobs.unchanged(second) is None


def test_rerun_with_nothing_changed_starts_no_worker(tmp_path, monkeypatch):
    data = _data(tmp_path, broken=False)
    planned = jobs.plan_briefs(discover(data), tmp_path / "out")
    for job in planned:
        _fake_outputs(job)

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for unchanged jobs")

    monkeypatch.setattr(pool.LocalPool, "submit", no_pool)
    monkeypatch.setattr(scheduler.DaskCluster, "run", no_pool)
    for be in (pool.backend(2), pool.backend(2, "tcp://nowhere:8786")):
        with be:
            results = batch.run_stage(be, planned)
        assert [(r.report_year, r.status) for r in results] == [
            (2023, "skipped"),
            (2024, "skipped"),
        ]


def _stored(out: Path, year: int, text: str) -> None:
    """A report of region ``r`` and its extraction stored in ``out/r/<year>``."""
    src = out.parent / "data" / "r" / f"{year}.txt"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(text, encoding="utf-8")
    report_table(src, "r", year, out / "r" / str(year))


def test_region_key_follows_every_extraction(tmp_path):
    out = tmp_path / "out"
    _stored(out, 2023, "2023年政府工作报告\n地区生产总值增长5%。")
    _stored(out, 2024, "2024年政府工作报告\n地区生产总值增长6%。")
    key = regions.region_key(out, "r", [2023, 2024])
    assert len(key) == 64
    assert regions.region_key(out, "r", [2024, 2023]) == key
    assert regions.region_key(out, "r", [2024]) != key  # fewer years: other tables
    _stored(out, 2024, "2024年政府工作报告\n地区生产总值增长7%。")
    assert regions.region_key(out, "r", [2023, 2024]) not in ("", key)
    (out / "r" / "2024" / "report.json").unlink()  # a failed year: always rebuilt
    assert regions.region_key(out, "r", [2023, 2024]) == ""


def test_region_tables_skipped_when_made_from_the_same_extractions(tmp_path):
    out = tmp_path / "out"
    _stored(out, 2023, "2023年政府工作报告\n地区生产总值增长5%。")
    _stored(
        out,
        2024,
        "2024年政府工作报告\n地区生产总值增长6%左右。今年主要预期目标是：地区生产总值增长5%左右。",
    )
    tables = out / "r" / "indicators.csv"
    # --force rebuilds, and records what the tables were made from …
    assert regions.write_region_outputs(out, "r", [2023, 2024], force=True) == ""
    stamp = json.loads((out / "r" / "tables.provenance.json").read_text())
    assert stamp["key"] == regions.region_key(out, "r", [2023, 2024])
    assert stamp["outputs"] == ["indicators.csv", "targets.csv", "targets.parquet"]
    table = pd.read_csv(tables)
    assert sorted(set(table["report_year"])) == [2023, 2024]
    assert list(table["value"]) == [5.0, 6.0, 5.0]
    built = tables.stat().st_mtime_ns
    # … so the next run without --force skips them, until an extraction changes.
    assert regions.write_region_outputs(out, "r", [2023, 2024]) == ""
    assert tables.stat().st_mtime_ns == built
    _stored(out, 2024, "2024年政府工作报告\n地区生产总值增长7%。")
    assert regions.write_region_outputs(out, "r", [2023, 2024]) == ""
    assert tables.stat().st_mtime_ns != built
    assert list(pd.read_csv(tables)["value"]) == [5.0, 7.0]


class _FakeClient:
    """``client.run`` answered by two workers, one of which lacks a path or the version."""

    def __init__(self, version: str = __version__, sees_out: bool = True) -> None:
        self.version = version
        self.sees_out = sees_out

    def run(self, fn, paths):
        good = fn(paths)
        bad = dict(good, version=self.version)
        if not self.sees_out:
            bad["missing"] = [paths[0]] + bad["missing"]
        return {"tcp://10.0.0.1:4000": good, "tcp://10.0.0.2:4000": bad}


def test_preflight_accepts_workers_that_share_paths_and_version(tmp_path):
    scheduler.preflight(_FakeClient(), tmp_path / "out", [str(FIXTURE / "2024.txt")])
    assert list((tmp_path / "out").iterdir()) == []  # the marker file is removed again


def test_preflight_refuses_an_unshared_output_folder(tmp_path):
    with pytest.raises(AnalysisError, match="10.0.0.2:4000 does not see the output folder"):
        scheduler.preflight(_FakeClient(sees_out=False), tmp_path / "out", [])


def test_preflight_refuses_missing_inputs_and_other_versions(tmp_path):
    gone = str(tmp_path / "gone.txt")
    with pytest.raises(AnalysisError) as err:
        scheduler.preflight(_FakeClient(version="0.0.1"), tmp_path / "out", [gone])
    msg = str(err.value)
    assert f"tcp://10.0.0.2:4000 runs analysis 0.0.1, this is {__version__}" in msg
    assert f"tcp://10.0.0.1:4000 does not see {gone}" in msg


@pytest.mark.slow
def test_batch_on_a_local_cluster_of_two_processes(tmp_path, capsys):
    data = _data(tmp_path)
    out = tmp_path / "out"
    args = ["batch", "--data", str(data), "--out", str(out), "--formats", "html",
            "--scheduler", "local:2"]  # fmt: skip
    assert main(args) == 1  # the empty report fails; the others go on
    err = capsys.readouterr().err
    assert "FAILED broken 2022:" in err

    for year in (2023, 2024):
        d = out / "yangli" / str(year)
        assert (d / "brief.html").read_text(encoding="utf-8").count("<h1>") >= 1
        assert (d / "brief.ipynb").exists() and not (d / "brief.pdf").exists()
        prov = json.loads((d / "provenance.json").read_text(encoding="utf-8"))
        assert prov["parameters"]["report_year"] == year
        assert prov["timings"]["execute_s"] > 0
    assert (out / "yangli" / "trends.html").exists()
    assert not (out / "broken" / "2022" / "provenance.json").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2022.txt: empty file" in index  # the failed year is listed, the others linked
    assert 'href="yangli/2023/brief.html"' in index and 'href="yangli/2024/brief.html"' in index

    # Nothing changed: the parent skips every job without contacting a cluster (none there),
    # and the region's tables are not rebuilt.
    tables = out / "yangli" / "indicators.csv"
    assert json.loads((out / "yangli" / "tables.provenance.json").read_text())["years"] == [
        2023,
        2024,
    ]
    before = tables.stat().st_mtime_ns
    results = batch.batch(data, out, ["yangli"], formats=("html",), scheduler="tcp://127.0.0.1:1")
    assert tables.stat().st_mtime_ns == before
    assert [(r.label, r.status) for r in results] == [
        ("yangli 2023", "skipped"),
        ("yangli 2024", "skipped"),
        ("yangli trends", "skipped"),
    ]


def test_keys_see_the_code_a_change_rebuilds_what_it_affects(tmp_path, monkeypatch, request):
    """A brief's key covers the package's code; an extraction's only the extractor's: a change
    in briefs/ rebuilds the briefs, a change in extract/ the extractions (and so the briefs)."""
    import shutil

    from analysis import extracted, keys

    package = tmp_path / "analysis"
    shutil.copytree(Path(extracted.__file__).parent, package)
    monkeypatch.setattr(keys, "PACKAGE_DIR", package)
    request.addfinalizer(keys.extract_digest.cache_clear)  # the real package's again

    def digests() -> tuple[str, str]:
        keys.extract_digest.cache_clear()
        return keys.code_digest(), keys.extract_digest()

    code, extraction = digests()
    with open(package / "briefs" / "year.py", "a", encoding="utf-8") as f:
        f.write("\n# a change in the brief\n")
    code2, extraction2 = digests()
    assert code2 != code and extraction2 == extraction
    with open(package / "extract" / "indicators.py", "a", encoding="utf-8") as f:
        f.write("\n# a change in the extractor\n")
    code3, extraction3 = digests()
    assert code3 != code2 and extraction3 != extraction2
    with open(package / "data" / "catalog.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert digests()[1] != extraction3  # the vocabulary is the extractor's too

    # A finished brief whose code changed is not skipped.
    data = _data(tmp_path, broken=False)
    job = jobs.plan_briefs(discover(data), tmp_path / "out")[0]
    _fake_outputs(job)
    assert jobs.unchanged(job) is not None
    monkeypatch.setattr(jobs, "code_digest", lambda: "another version of the code")
    assert jobs.unchanged(job) is None
