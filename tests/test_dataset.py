"""The Parquet dataset (hive partitions, atomic replace) and extraction on a Dask LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import AnalysisError, MetadataError, OutputError
from analysis.run import dataset
from analysis.run.dataset import PARTITIONS, extract_files, read_dataset, write_dataset
from analysis.schema import indicator_frame, validate_indicators


def _row(region: str, year: int, i: int) -> dict:
    """A valid indicator row; every third is masked (no value)."""
    masked = i % 3 == 1
    return {
        "region": region,
        "report_year": year,
        "period": year - 1,
        "section": 1,
        "section_title": "一、过去一年工作回顾",
        "sentence": "地区生产总值增长5.2%。",
        "start": 10 * i,
        "end": 10 * i + 4,
        "text": "5.2%",
        "name": "地区生产总值",
        "indicator": "gdp" if i % 2 else None,
        "kind": "growth",
        "value": None if masked else 5.0 + i,
        "low": 5.0 + i,
        "high": 5.0 + i,
        "unit": "%",
        "qualifier": "exact",
        "masked": masked,
        "is_target": i == 2,
        "multi_year": False,
        "base_value": None,
        "base_unit": None,
    }


@pytest.fixture()
def table() -> pd.DataFrame:
    """Rows of three (region, report year) partitions, deliberately not in partition order."""
    keys = [("national", 2024), ("mouxian", 2023), ("national", 2023)]
    return indicator_frame([_row(r, y, i) for r, y in keys for i in range(4)])


def _partitions(root: Path) -> set[tuple[str, ...]]:
    return {
        p.relative_to(root).parts
        for p in root.glob("*/*")
        if p.is_dir() and not p.name.startswith(".")
    }


def test_dataset_is_hive_partitioned_and_reads_back_equal(tmp_path: Path, table: pd.DataFrame):
    out = write_dataset(table, tmp_path / "indicators.parquet")
    assert out.is_dir()
    assert _partitions(out) == {
        ("region=national", "report_year=2024"),
        ("region=mouxian", "report_year=2023"),
        ("region=national", "report_year=2023"),
    }
    assert (out / "_common_metadata").is_file()
    back = read_dataset(out)
    expected = table.sort_values(list(PARTITIONS), kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(back, expected)
    # Plain pandas can read it too (partition columns come back as categories).
    plain = pd.read_parquet(out)
    assert len(plain) == 12
    assert sorted(plain["report_year"].astype(int).unique()) == [2023, 2024]


def test_empty_dataset_keeps_its_schema(tmp_path: Path):
    out = write_dataset(indicator_frame([]), tmp_path / "empty.parquet")
    back = read_dataset(out)
    assert back.empty
    assert back.dtypes.equals(indicator_frame([]).dtypes)


def test_rewrite_replaces_whole_dataset_and_leaves_no_temp(tmp_path: Path, table: pd.DataFrame):
    out = tmp_path / "indicators.parquet"
    write_dataset(table, out)
    only_2024 = table[table["report_year"] == 2024].reset_index(drop=True)
    write_dataset(only_2024, out)
    assert _partitions(out) == {("region=national", "report_year=2024")}
    pd.testing.assert_frame_equal(read_dataset(out), only_2024)
    assert [p.name for p in tmp_path.iterdir()] == ["indicators.parquet"]


def test_failed_write_keeps_previous_dataset(
    tmp_path: Path, table: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
):
    out = tmp_path / "indicators.parquet"
    write_dataset(table, out)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dataset.ds, "write_dataset", disk_full)
    with pytest.raises(OutputError, match=r"indicators\.parquet: cannot write: No space left"):
        write_dataset(table.head(1), out)
    assert len(read_dataset(out)) == len(table)
    assert [p.name for p in tmp_path.iterdir()] == ["indicators.parquet"]


def test_rows_without_partition_key_are_refused(tmp_path: Path, table: pd.DataFrame):
    table.loc[0, "region"] = pd.NA
    with pytest.raises(OutputError, match="cannot be partitioned"):
        write_dataset(table, tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


def test_failing_file_is_recorded_and_others_kept(tmp_path: Path, sample_path: Path):
    undated = tmp_path / "mouxian" / "summary.txt"
    undated.parent.mkdir()
    undated.write_text("各位代表：\n今年的工作。\n", encoding="utf-8")
    result = extract_files([sample_path, undated])
    assert len(result.tables) == 1
    assert [type(e) for e in result.failures] == [MetadataError]
    assert result.failures[0].path == str(undated)


def test_bad_scheduler_address_is_a_user_error(sample_path: Path):
    with pytest.raises(AnalysisError, match="local:two: expected local or local:N"):
        extract_files([sample_path], scheduler="local:two")


@pytest.mark.corpus
@pytest.mark.slow
def test_local_cluster_matches_in_process(tmp_path: Path, sample_path: Path, corpus_dir: Path):
    files = [sample_path] + [corpus_dir / f"{y}.txt" for y in (1978, 2020, 2024, 2025)]
    files = [f for f in files if f.exists()]
    undated = tmp_path / "broken" / "notes.txt"  # a failure must cross the process boundary too
    undated.parent.mkdir()
    undated.write_text("没有年份的文字。\n", encoding="utf-8")

    local = extract_files(files + [undated])
    # The brief's cluster: two worker processes with one thread each.
    on_cluster = extract_files(files + [undated], scheduler="local:2")

    assert [str(e) for e in on_cluster.failures] == [str(e) for e in local.failures]
    assert isinstance(on_cluster.failures[0], MetadataError)
    expected = local.table()
    assert len(expected) > 0, "the extractor found no figure in the sample and corpus years"
    pd.testing.assert_frame_equal(on_cluster.table(), expected)

    out = write_dataset(on_cluster.table(), tmp_path / "indicators.parquet")
    keys = expected[list(PARTITIONS)].drop_duplicates().itertuples(index=False)
    assert _partitions(out) == {(f"region={r}", f"report_year={y}") for r, y in keys}
    back = read_dataset(out)
    validate_indicators(back)
    pd.testing.assert_frame_equal(
        back, expected.sort_values(list(PARTITIONS), kind="stable").reset_index(drop=True)
    )
