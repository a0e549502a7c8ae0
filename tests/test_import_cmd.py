"""``briefs import FILE [--data D] [--force]``: datasets of full texts in, at the command level."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.extract.metadata import SourceInfo, read_region_meta
from analysis.extract.structure import read_report
from analysis.labels import region_level

TEXT = "各位代表：\n一、2025年工作回顾\n地区生产总值增长5%。\n"
COLUMNS = ["province", "year", "title", "source_url", "publish_date", "full_text"]


def _csv(path: Path, rows: list[dict], bom: bool = True, columns=COLUMNS) -> Path:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns)
    w.writeheader()
    for r in rows:
        w.writerow(r)
    path.write_bytes(("\ufeff" if bom else "").encode() + buf.getvalue().encode("utf-8"))
    return path


def _row(name: str = "河北省", year: int = 2026, text: str = TEXT, **kw) -> dict:
    return {
        "province": name,
        "year": year,
        "title": kw.get("title", f"{year}年{name}政府工作报告"),
        "source_url": kw.get("source_url", "https://example.org/r.html"),
        "publish_date": kw.get("publish_date", "2026-02-02"),
        "full_text": text,
    }


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_import_writes_the_report_and_region_toml(tmp_path: Path, capsys) -> None:
    f = _csv(tmp_path / "in.csv", [_row(), _row("重庆市", text=TEXT + "增长6%。\n")])
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 0
    assert (data / "河北省" / "2026.txt").read_text(encoding="utf-8") == TEXT
    meta = read_region_meta(data / "河北省")
    assert (meta.name, meta.level) == ("河北省", "province")
    assert meta.reports[2026] == SourceInfo(
        "2026年河北省政府工作报告", "https://example.org/r.html", "2026-02-02"
    )
    assert read_region_meta(data / "重庆市").level == "province"  # a 直辖市
    report = read_report(data / "河北省" / "2026.txt")
    assert report.source_info.title == "2026年河北省政府工作报告"
    assert report.source_info.publish_date == "2026-02-02"
    assert str(data / "河北省" / "2026.txt") in capsys.readouterr().out


def test_importing_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    f = _csv(tmp_path / "in.csv", [_row()], bom=False)
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 0
    before = _snapshot(data)
    mtimes = {p: p.stat().st_mtime_ns for p in data.rglob("*")}
    assert main(["import", str(f), "--data", str(data)]) == 0
    assert _snapshot(data) == before
    assert {p: p.stat().st_mtime_ns for p in data.rglob("*")} == mtimes


def test_a_different_text_is_refused_without_force(tmp_path: Path, capsys) -> None:
    data = tmp_path / "raw"
    assert main(["import", str(_csv(tmp_path / "a.csv", [_row()])), "--data", str(data)]) == 0
    before = _snapshot(data)
    changed = _csv(tmp_path / "b.csv", [_row(text=TEXT + "另一版本。\n")])
    assert main(["import", str(changed), "--data", str(data)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"briefs import: error: {changed}:2: ") and "--force" in err
    assert len(err.splitlines()) == 1
    assert _snapshot(data) == before
    assert main(["import", str(changed), "--data", str(data), "--force"]) == 0
    assert (data / "河北省" / "2026.txt").read_text(encoding="utf-8").endswith("另一版本。\n")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"year": "二〇二六"}, "is not a year"),
        ({"province": ""}, "no region name"),
        ({"full_text": "  "}, "full_text is empty"),
        ({"province": "../x"}, "path separator"),
    ],
)
def test_a_malformed_row_fails_naming_the_row_and_writes_nothing(
    tmp_path: Path, capsys, row: dict, problem: str
) -> None:
    bad = {**_row("山西省"), **row}
    f = _csv(tmp_path / "in.csv", [_row(), bad])
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"briefs import: error: {f}:3: ") and problem in err
    assert not data.exists()  # the good row before it is not written either


@pytest.mark.parametrize(
    "tail",
    [
        '"unclosed text\n',  # the quote never closes: the rest of the file would be its text
        '"unclosed text\n山西省,2026,t,,,"next row"\n',  # a later row swallowed
    ],
)
def test_an_unclosed_quote_fails_naming_its_row(tmp_path: Path, capsys, tail: str) -> None:
    good = _csv(tmp_path / "good.csv", [_row()], bom=False).read_text(encoding="utf-8")
    f = tmp_path / "in.csv"
    f.write_text(good + "重庆市,2026,t,,," + tail, encoding="utf-8")
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"briefs import: error: {f}:3: malformed CSV") and "\n" not in err
    assert not data.exists()


def test_json_lines_with_a_city_column(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    rows = [
        {"city": "长沙市", "year": 2025, "title": "t", "source_url": "", "full_text": TEXT},
        {"county": "某县", "year": "2024", "full_text": TEXT},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 0
    assert read_region_meta(data / "长沙市").level == "city"
    assert read_region_meta(data / "长沙市").reports[2025] == SourceInfo("t", None, None)
    assert read_region_meta(data / "某县").level == "county"
    assert (data / "某县" / "2024.txt").is_file()


def test_bad_json_line_names_its_line(tmp_path: Path, capsys) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"city": "长沙市", "year": 2025, "full_text": TEXT}) + "\n{oops\n")
    assert main(["import", str(f), "--data", str(tmp_path / "raw")]) == 1
    assert f"{f}:2: not JSON" in capsys.readouterr().err


def test_a_second_import_keeps_the_other_years(tmp_path: Path) -> None:
    data = tmp_path / "raw"
    main(["import", str(_csv(tmp_path / "a.csv", [_row(year=2025)])), "--data", str(data)])
    main(["import", str(_csv(tmp_path / "b.csv", [_row(year=2026)])), "--data", str(data)])
    assert sorted(read_region_meta(data / "河北省").reports) == [2025, 2026]


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("河北省", "province"),
        ("广西壮族自治区", "province"),
        ("北京市", "province"),
        ("长沙市", "city"),
        ("湘西土家族苗族自治州", "city"),
        ("锡林郭勒盟", "city"),
        ("某县", "county"),
        ("浦东新区", "county"),
        ("某旗", "county"),
    ],
)
def test_level_from_the_name(name: str, level: str) -> None:
    assert region_level(name) == level
