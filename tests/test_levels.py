"""A region's level follows from its name by one rule (data/levels.toml), wherever it comes
from: region.toml without a level, an import, or a bare folder name."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.extract.metadata import read_region_meta
from analysis.ingest import import_file
from analysis.labels import region_level
from analysis.tables.compare import read_entries

REPORT = "2025年是“十四五”规划收官之年。全市地区生产总值增长5.2%。今年主要预期目标是：地区生产总值增长5%左右。"


@pytest.mark.parametrize(
    ("name", "level"),
    [("北京市", "province"), ("锡林郭勒盟", "city"), ("浦东新区", "county"),
     ("湘西土家族苗族自治州", "city"), ("阿克苏地区", "city"), ("某镇", "town")],
)  # fmt: skip
def test_one_rule_names_the_level(name, level):
    assert region_level(name) == level


def test_beijing_is_a_province_from_toml_import_and_bare_folder(tmp_path: Path):
    toml = tmp_path / "toml" / "beijing"
    toml.mkdir(parents=True)
    (toml / "region.toml").write_text('name = "北京市"\n', encoding="utf-8")
    assert read_region_meta(toml).level == "province"

    data = tmp_path / "imported"
    dataset = tmp_path / "reports.csv"
    with dataset.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["province", "year", "title", "source_url", "publish_date", "full_text"])
        w.writerow(["北京市", 2026, "政府工作报告", "", "", REPORT])
    import_file(dataset, data)
    assert read_region_meta(data / "北京市").level == "province"

    bare = tmp_path / "bare"
    for name in ("北京市", "河北省", "石家庄市"):
        (bare / name).mkdir(parents=True)
        (bare / name / "2026.txt").write_text(REPORT, encoding="utf-8")
    levels = {e.region: e.level for e in read_entries(bare, 2026)}
    assert levels == {"北京市": "province", "河北省": "province", "石家庄市": "city"}
