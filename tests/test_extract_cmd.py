"""``briefs extract``: output by extension, dataset for a folder, failures in a folder, errors."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.extract.indicators import extract_report
from analysis.run.dataset import read_dataset
from analysis.store import csv_safe


@pytest.fixture(scope="module")
def sample_table(sample_path: Path) -> pd.DataFrame:
    """The sample's table extracted in process: what every output must hold."""
    table = extract_report(sample_path)[1]
    assert len(table) > 0, "the extractor found no figure in the sample"
    return table


@pytest.fixture()
def folder(tmp_path: Path, sample_path: Path) -> Path:
    """data/<region>/<year>.txt with the sample and its region.toml."""
    region = tmp_path / "data" / "mouxian"
    region.mkdir(parents=True)
    shutil.copy(sample_path, region / "2023.txt")
    shutil.copy(sample_path.parent / "region.toml", region / "region.toml")
    return tmp_path / "data"


def test_stdout_is_csv_of_the_table(sample_path: Path, sample_table: pd.DataFrame, capsys):
    assert main(["extract", str(sample_path)]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(out) == len(sample_table)
    assert list(out["text"]) == list(csv_safe(sample_table)["text"])


def test_file_to_parquet_is_one_file(tmp_path: Path, sample_path: Path, sample_table):
    out = tmp_path / "one.parquet"
    assert main(["extract", str(sample_path), "-o", str(out)]) == 0
    assert out.is_file()
    back = pd.read_parquet(out)
    assert list(back["start"]) == list(sample_table["start"])


def test_folder_to_parquet_is_a_partitioned_dataset(folder: Path, tmp_path: Path, sample_table):
    out = tmp_path / "out" / "indicators.parquet"
    assert main(["extract", str(folder), "-o", str(out)]) == 0
    assert out.is_dir()
    assert (out / "region=mouxian" / "report_year=2023").is_dir()
    back = read_dataset(out)
    pd.testing.assert_frame_equal(back, sample_table)


def test_folder_to_json_and_csv_are_single_files(folder: Path, tmp_path: Path, sample_table):
    for name in ("t.json", "t.csv"):
        assert main(["extract", str(folder), "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).is_file()
    assert len(pd.read_json(tmp_path / "t.json")) == len(sample_table)
    assert len(pd.read_csv(tmp_path / "t.csv")) == len(sample_table)


def test_failing_file_in_folder_reports_keeps_others_exits_1(
    folder: Path, tmp_path: Path, sample_table, capsys
):
    bad = folder / "other" / "notes.txt"
    bad.parent.mkdir()
    bad.write_text("没有年份的一段文字。\n", encoding="utf-8")
    out = tmp_path / "indicators.parquet"
    assert main(["extract", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"briefs extract: error: {bad}: ")
    assert len(read_dataset(out)) == len(sample_table)


def test_every_file_failing_writes_nothing(tmp_path: Path, capsys):
    data = tmp_path / "data" / "x"
    data.mkdir(parents=True)
    (data / "a.txt").write_text("无年份。\n", encoding="utf-8")
    out = tmp_path / "t.csv"
    assert main(["extract", str(tmp_path / "data"), "-o", str(out)]) == 1
    assert "a.txt: " in capsys.readouterr().err
    assert not out.exists()


def test_single_failing_file_is_one_line_error(tmp_path: Path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("无年份。\n", encoding="utf-8")
    assert main(["extract", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"briefs extract: error: {bad}: ")


def test_bad_output_suffix_and_missing_path(tmp_path: Path, sample_path: Path, capsys):
    assert main(["extract", str(sample_path), "-o", str(tmp_path / "t.xlsx")]) == 1
    assert "t.xlsx: output must end in .csv, .parquet or .json" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "nope")]) == 1
    assert "nope: no such file or folder" in capsys.readouterr().err


def test_unwritable_output_is_output_error(folder: Path, tmp_path: Path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "indicators.parquet"  # parent is a file
    assert main(["extract", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"briefs extract: error: {out}: cannot write")


def test_bad_scheduler_is_one_line_error(sample_path: Path, capsys):
    assert main(["extract", str(sample_path), "--scheduler", "local:0"]) == 1
    assert "local:0: needs at least one worker" in capsys.readouterr().err


def test_help_documents_outputs_and_failures(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    text = capsys.readouterr().out
    assert "region=<slug>/report_year=<year>/" in text
    assert "exit status" in text and "--scheduler" in text


def test_folders_skip_hidden_files_and_batch_outputs(tmp_path: Path) -> None:
    from analysis.cli.extract import report_files

    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "2023.txt").write_text("地区生产总值增长5%。", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "2022.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "reports" / "r" / "2023"
    out.mkdir(parents=True)
    (out / "brief.html").write_text("<html></html>", encoding="utf-8")
    (out / "provenance.json").write_text("{}", encoding="utf-8")
    assert report_files(tmp_path) == [tmp_path / "r" / "2023.txt"]


def test_sigterm_unwinds_like_ctrl_c_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import signal
    import time

    import analysis.store

    def killed_while_writing(df, out):  # the signal arrives inside the atomic writer
        with analysis.store.atomic_path(out) as tmp:
            tmp.write_text("half", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)

    monkeypatch.setattr("analysis.store.write_table", killed_while_writing)
    src = tmp_path / "2023.txt"
    src.write_text("地区生产总值增长5%。", encoding="utf-8")
    out = tmp_path / "out" / "t.csv"
    previous = signal.getsignal(signal.SIGTERM)
    try:
        rc = main(["extract", str(src), "-o", str(out)])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert rc == 130 and "interrupted" in capsys.readouterr().err
    assert list(out.parent.iterdir()) == []
