"""``briefs batch``: discovery, parallel jobs, skipping, failures, region outputs, index."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import InputError
from analysis.extract.files import discover
from analysis.run import batch, jobs
from analysis.run.index import index_html

FIXTURE = Path(__file__).parent / "fixtures" / "briefs" / "yangli"


@pytest.mark.parametrize(
    ("spec", "years"),
    [
        ("2019-2021", {2019, 2020, 2021}),
        ("2020", {2020}),
        ("2019,2021", {2019, 2021}),
        ("2021-2019", {2019, 2020, 2021}),
        (None, None),
    ],  # fmt: skip
)
def test_parse_years(spec, years):
    assert jobs.parse_years(spec) == years


def test_parse_years_rejects_nonsense():
    with pytest.raises(InputError):
        jobs.parse_years("last year")


def make_data(root: Path) -> Path:
    data = root / "data"
    (data / "yangli").mkdir(parents=True)
    shutil.copy(FIXTURE / "2024.txt", data / "yangli" / "2024.txt")
    shutil.copy(FIXTURE / "region.toml", data / "yangli" / "region.toml")
    (data / "yangli" / "2023.txt").write_bytes(b"")  # broken: empty
    (data / "yangli" / "notes.txt").write_text("not a report", encoding="utf-8")
    (data / "某 县").mkdir()
    shutil.copy(FIXTURE / "2024.txt", data / "某 县" / "2022.txt")
    return data


def test_discover_regions_years_and_filters(tmp_path):
    data = make_data(tmp_path)
    found = discover(data)
    assert sorted(found) == ["某 县", "yangli"] or sorted(found) == ["yangli", "某 县"]
    assert sorted(found["yangli"].by_year) == [2023, 2024]
    assert "notes.txt: no report year in the file name or title; pass --year" in (
        found["yangli"].unreadable
    )
    planned = jobs.plan_briefs(found, tmp_path / "out", years={2024})
    assert [(j.region, j.report_year) for j in planned] == [("yangli", 2024)]
    assert list(discover(data, regions=["某 县"])) == ["某 县"]
    with pytest.raises(InputError, match="nowhere"):
        discover(data, regions=["nowhere"])
    # A folder holding report files directly is one region named after it.
    assert list(discover(data / "yangli")) == ["yangli"]


def test_plan_passes_absolute_paths(tmp_path):
    data = make_data(tmp_path)
    planned = jobs.plan_briefs(discover(data, regions=["yangli"]), tmp_path / "out")
    assert [j.report_year for j in planned] == [2023, 2024]
    p = planned[1].parameters
    assert p["region"] == "yangli" and p["report_year"] == 2024
    assert Path(p["source"]).is_absolute() and Path(p["out_dir"]).is_absolute()
    assert p["out_dir"].endswith("out/yangli/2024")


def test_index_escapes_and_links(tmp_path):
    out = tmp_path / "out"
    (out / "a b" / "2024").mkdir(parents=True)
    (out / "a b" / "2024" / "brief.html").write_text("x")
    results = [
        jobs.Result("brief", "a b", 2024, "ok", str(out / "a b" / "2024")),
        jobs.Result("brief", "a b", 2023, "failed", str(out / "a b" / "2023"),
                     error="InputError: <script>x</script>", cell="cell 2 (b = brief.load(…))"),
    ]  # fmt: skip
    page = index_html(out, results)
    assert '<a href="a%20b/2024/brief.html">HTML</a>' in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script" not in page
    assert "cell 2" in page and "失败" in page


@pytest.mark.slow
def test_batch_builds_the_others_when_one_input_is_broken(tmp_path, capsys):
    data = make_data(tmp_path)
    out = tmp_path / "reports"
    rc = main(["batch", "--data", str(data), "--out", str(out), "--workers", "2"])
    err = capsys.readouterr().err
    assert rc == 1
    assert re.search(r"FAILED yangli 2023: .*/yangli/2023\.txt: empty file\n", err)

    for region, year in (("yangli", 2024), ("某 县", 2022)):
        d = out / region / str(year)
        for name in ("brief.ipynb", "brief.html", "brief.pdf", "indicators.csv", "provenance.json"):
            assert (d / name).stat().st_size > 0, d / name
        prov = json.loads((d / "provenance.json").read_text(encoding="utf-8"))
        assert len(prov["source_sha256"]) == 64 and prov["key"]
        assert prov["parameters"]["report_year"] == year
        assert set(prov["versions"]) >= {"python", "analysis", "pandas", "altair", "papermill",
                                         "nbconvert", "pdf_engine"}  # fmt: skip
        assert set(prov["timings"]) == {"execute_s", "html_s", "pdf_s"}
    failed = out / "yangli" / "2023"
    # Its extraction failed, so its notebook never ran: no brief, no record, no stored table.
    assert not any((failed / n).exists() for n in ("brief.html", "provenance.json", "report.json"))
    assert not list(out.rglob(".*.tmp")) and not list(out.rglob(".*.running.ipynb"))

    region_csv = pd.read_csv(out / "yangli" / "indicators.csv")
    year_csv = pd.read_csv(out / "yangli" / "2024" / "indicators.csv")
    assert len(region_csv) == len(year_csv) > 0

    index = (out / "index.html").read_text(encoding="utf-8")
    assert (
        'href="yangli/2024/brief.html"' in index
        and 'href="%E6%9F%90%20%E5%8E%BF/2022/brief.pdf"' in index
    )
    assert "失败" in index and "empty file" in index and "http" not in index

    # Unchanged inputs are skipped; the broken one runs (and fails) again.
    html_before = (out / "yangli" / "2024" / "brief.html").read_bytes()
    rc = main(["batch", "--data", str(data), "--out", str(out), "--workers", "1",
               "--region", "yangli", "--formats", "html,pdf"])  # fmt: skip
    captured = capsys.readouterr()
    assert rc == 1
    assert "0 built, 2 unchanged, 1 failed" in captured.out  # trends leaves 2023 out
    assert "FAILED yangli 2023: " in captured.err and "2023.txt: empty file" in captured.err
    assert (out / "yangli" / "2024" / "brief.html").read_bytes() == html_before


@pytest.mark.slow
@pytest.mark.corpus
def test_corpus_batch_national_years(corpus_batch):
    out = corpus_batch
    for year in (2024, 2025):
        page = (out / "national" / str(year) / "brief.html").read_text(encoding="utf-8")
        assert f"全国{year}年政府工作报告" in page
        assert len(re.findall(r"<svg\b", page)) >= 2  # page 1's charts, then the profile
        assert (out / "national" / str(year) / "brief.pdf").stat().st_size > 10_000
    # The previous report is there: last year's targets are checked.
    assert "2024年目标完成情况" in (out / "national" / "2025" / "brief.html").read_text("utf-8")
    table = pd.read_csv(out / "national" / "indicators.csv")
    assert sorted(table["report_year"].unique()) == [1955, 2024, 2025]
    targets = pd.read_csv(out / "national" / "targets.csv")
    gdp = targets[(targets["indicator"] == "gdp") & (targets["period"] == 2024)].iloc[0]
    assert (gdp["target_low"], gdp["actual"], gdp["status"]) == (5.0, 5.0, "met")
    assert (out / "national" / "trends.html").exists() and (out / "index.html").exists()
    assert (out / "compare" / "2026" / "compare.html").exists()


@pytest.mark.slow
@pytest.mark.corpus
def test_imported_report_header_carries_title_date_and_source(corpus_batch):
    """briefs import → briefs batch: the brief's header names the report, its date and source."""
    page = (corpus_batch / "广东省" / "2026" / "brief.html").read_text(encoding="utf-8")
    assert "《2026年广东省政府工作报告》" in page and "发布于2026-01-31" in page
    assert '<a href="https://www.gd.gov.cn/gkmlpt/content/4/4851/post_4851130.html">' in page


def test_index_lists_briefs_this_run_did_not_touch(tmp_path):
    out = tmp_path / "out"
    for region, year in (("a", 2022), ("b", 2023)):
        d = out / region / str(year)
        d.mkdir(parents=True)
        (d / "provenance.json").write_text("{}")
        (d / "brief.html").write_text("x")
    (out / "b" / "2024").mkdir()
    (out / "b" / "2024" / "brief.failed.ipynb").write_text("{}")
    this_run = [jobs.Result("brief", "a", 2022, "ok", str(out / "a" / "2022"))]
    earlier = batch.earlier_results(out, this_run)
    assert [(r.region, r.report_year, r.status) for r in earlier] == [
        ("b", 2023, "earlier"), ("b", 2024, "failed")
    ]  # fmt: skip
    page = index_html(out, this_run + earlier)
    assert 'href="b/2023/brief.html"' in page and "沿用" not in page  # no build status


def test_job_key_changes_with_any_input(tmp_path):
    from analysis import keys

    (tmp_path / "2023.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "2024.txt").write_text("乙", encoding="utf-8")
    folder_before = keys.sha256_path(tmp_path)
    params = {"region": "r", "report_year": 2024}
    key = keys.job_key("a" * 64, "b" * 64, params)
    assert key == keys.job_key("a" * 64, "b" * 64, dict(params))
    assert key != keys.job_key("c" * 64, "b" * 64, params)
    assert key != keys.job_key("a" * 64, "c" * 64, params)
    assert key != keys.job_key("a" * 64, "b" * 64, {**params, "report_year": 2023})
    (tmp_path / "2023.txt").write_text("丙", encoding="utf-8")
    assert keys.sha256_path(tmp_path) != folder_before
    assert keys.sha256_path(tmp_path / "2024.txt") == keys.sha256_file(tmp_path / "2024.txt")
    assert keys.sha256_path(tmp_path / "none") == ""


def test_progress_plain_lines_off_a_terminal_and_a_bar_on_one(capsys, monkeypatch):
    res = jobs.Result("brief", "r", 2024, "ok", "/x", timings={"execute_s": 1.0, "pdf_s": 0.5})
    tick, close = batch._progress(2)
    tick(res)
    close()
    assert capsys.readouterr().err == "[1/2] r 2024: ok (1.5 s)\n"
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    tick, close = batch._progress(1)
    tick(res)
    close()
    err = capsys.readouterr().err
    assert "100%" in err and "r 2024 ok" in err


AFTER_A_CHART = """
import sys
import altair as alt
import pandas as pd
from analysis.briefs import charts
from analysis.run.index import index_html
from analysis.cli import main
charts.to_svg(alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x"))  # starts vl-convert
sys.exit(main(["batch", "--data", sys.argv[1], "--out", sys.argv[2], "--workers", "1",
               "--formats", "html"]))
"""


@pytest.mark.slow
def test_batch_after_a_chart_in_the_same_process_does_not_hang(tmp_path):
    # A host process that already drew a chart (a notebook, a test session) then runs a batch:
    # forked workers inherited vl-convert's runtime without its threads, and the kernels' first
    # chart waited forever. Workers are spawned now; the timeout turns a hang into a failure.
    import subprocess
    import sys

    data = tmp_path / "data" / "yangli"
    data.mkdir(parents=True)
    for name in ("2024.txt", "region.toml"):
        shutil.copy(FIXTURE / name, data / name)
    done = subprocess.run(
        [sys.executable, "-c", AFTER_A_CHART, str(tmp_path / "data"), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / "yangli" / "2024" / "brief.html").exists()


def test_index_titles_a_region_with_its_display_name(tmp_path):
    data = tmp_path / "data" / "yangli"
    data.mkdir(parents=True)
    (data / "region.toml").write_text('name = "<b>杨里</b>县"\n', encoding="utf-8")
    out = tmp_path / "out" / "yangli" / "2024"
    out.mkdir(parents=True)
    (out / "provenance.json").write_text(
        json.dumps({"parameters": {"data_dir": str(data)}}), encoding="utf-8"
    )
    page = index_html(tmp_path / "out", [jobs.Result("brief", "yangli", 2024, "ok", str(out))])
    assert "<h4>&lt;b&gt;杨里&lt;/b&gt;县（yangli）</h4>" in page
