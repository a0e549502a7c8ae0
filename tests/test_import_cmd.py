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


# --- all or nothing, whatever the file holds (issue 18) --------------------------------------


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def test_a_lone_surrogate_fails_its_row_and_writes_nothing(tmp_path: Path, capsys) -> None:
    f = tmp_path / "in.jsonl"
    good = json.dumps(_row(), ensure_ascii=False)
    f.write_text(
        good + "\n" + good.replace("河北省", "山西省").replace("各位代表", "\\ud800") + "\n"
    )
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"briefs import: error: {f}:2: full_text holds a lone surrogate ('\\ud800'), not text\n"
    )
    assert not data.exists()


@pytest.mark.parametrize("field", ["title", "province"])
def test_a_lone_surrogate_anywhere_is_one_line(tmp_path: Path, capsys, field: str) -> None:
    f = tmp_path / "in.jsonl"
    row = _row()
    row[field] = "\udc80" + row[field]
    f.write_text(json.dumps(row) + "\n", encoding="utf-8")  # ASCII JSON: "\\udc80" escaped
    assert main(["import", str(f), "--data", str(tmp_path / "raw")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"briefs import: error: {f}:1: ") and len(err.splitlines()) == 1
    assert "\\udc80" in err and not (tmp_path / "raw").exists()


def test_what_is_on_disk_is_checked_before_anything_is_written(tmp_path: Path, capsys) -> None:
    data = tmp_path / "raw"
    (data / "山西省").mkdir(parents=True)
    (data / "山西省" / "region.toml").write_text("name = [unclosed\n", encoding="utf-8")
    f = _csv(tmp_path / "in.csv", [_row(), _row("山西省")])
    assert main(["import", str(f), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    toml = data / "山西省" / "region.toml"
    assert err.startswith(f"briefs import: error: {f}:3: {toml}: cannot read region metadata (")
    assert not (data / "河北省").exists()  # row 2, good, was not written either
    (data / "山西省" / "region.toml").unlink()
    (data / "山西省").rmdir()
    (data / "山西省").write_text("a plain file where the region folder goes", encoding="utf-8")
    assert main(["import", str(f), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert err == f"briefs import: error: {f}:3: {data / '山西省'} is in the way: not a folder\n"
    assert not (data / "河北省").exists()


def test_a_region_folder_linking_out_of_the_data_folder_is_refused(tmp_path: Path, capsys) -> None:
    data = tmp_path / "raw"
    data.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (data / "河北省").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    f = _csv(tmp_path / "in.csv", [_row()])
    assert main(["import", str(f), "--data", str(data)]) == 1
    assert "outside the data folder" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_json_lines_split_at_newline_only(tmp_path: Path) -> None:
    # json.dumps(ensure_ascii=False) writes U+2028, U+2029 and U+0085 raw: they are text.
    text = TEXT * 20 + "第一段\u2028第二段\u0085第三段\u2029。\x1c\x0c\n"
    f = _jsonl(tmp_path / "in.jsonl", [_row(text=text), _row("山西省")])
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 0
    assert (data / "河北省" / "2026.txt").read_text(encoding="utf-8") == text
    assert (data / "山西省" / "2026.txt").is_file()


def test_csv_fields_hold_u0085_and_u2028_unquoted(tmp_path: Path) -> None:
    f = tmp_path / "in.csv"
    long = "地区生产总值增长5%。" * 20  # one U+0085 in a text, not a text of control characters
    text = f"增长5%\u0085{long}\u2028持平"
    f.write_text(
        f'province,year,full_text\r\n河北省,2026,{text}\r\n山西省,2026,"两行\r\n文字"\r\n',
        encoding="utf-8",
    )
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 0
    assert (data / "河北省" / "2026.txt").read_text("utf-8") == text
    assert (data / "山西省" / "2026.txt").read_bytes() == "两行\r\n文字".encode()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[" * 100_000 + "]" * 100_000, "not JSON (nested too deeply)"),
        ('{"province": ' + "[" * 100_000 + "]" * 100_000 + "}", "not JSON (nested too deeply)"),
        ('{"year": ' + "9" * 5000 + "}", "not JSON (Exceeds the limit"),
    ],
)
def test_hostile_json_is_one_line(tmp_path: Path, capsys, line: str, problem: str) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(_row()) + "\n" + line + "\n", encoding="utf-8")
    assert main(["import", str(f), "--data", str(tmp_path / "raw")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"briefs import: error: {f}:2: {problem}") and err.count("\n") == 1
    assert not (tmp_path / "raw").exists()


def test_import_and_extract_share_one_size_limit(tmp_path: Path, capsys, monkeypatch) -> None:
    from analysis import ingest
    from analysis.extract import load

    assert ingest.MAX_BYTES is load.MAX_BYTES == 64 * 2**20  # one limit, not two
    monkeypatch.setattr(ingest, "MAX_BYTES", 1000)  # a 64 MB text costs a test too much
    f = _csv(tmp_path / "in.csv", [_row(), _row("山西省", text="增长5%。" * 200)])
    assert main(["import", str(f), "--data", str(tmp_path / "raw")]) == 1
    err = capsys.readouterr().err
    assert err == f"briefs import: error: {f}:3: full_text too large (0 MB; the limit is 64 MB)\n"
    assert not (tmp_path / "raw").exists()


def test_import_holds_about_one_copy_of_the_texts(tmp_path: Path) -> None:
    """Peak Python memory while reading a 6 MB dataset stays under twice the file (it was
    about four times: the bytes, the decoded text, its lines, the records)."""
    import tracemalloc

    from analysis.ingest import read_rows

    text = "地区生产总值增长5.2%，规模以上工业增加值增长6%。\n" * 2000
    f = _csv(tmp_path / "in.csv", [_row(f"{i:03d}省", text=text) for i in range(60)])
    size = f.stat().st_size
    assert size > 5 * 2**20
    tracemalloc.start()
    try:
        rows = read_rows(f)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(rows) == 60 and rows[0].text == text
    assert peak < 2 * size, (peak, size)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le"])
def test_csv_in_the_encodings_of_report_files(tmp_path: Path, encoding: str) -> None:
    """A CSV saved by Excel on a Chinese Windows is GBK; UTF-16 with or without a BOM too."""
    name = "河北省"
    rows = [_row(name, text=TEXT + "增长5%。\n"), _row("山西省", year=2025)]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    w.writerows(rows)
    f = tmp_path / "in.csv"
    f.write_bytes(buf.getvalue().encode(encoding))
    data = tmp_path / "raw"
    assert main(["import", str(f), "--data", str(data)]) == 0
    assert (data / name / "2026.txt").read_text(encoding="utf-8") == TEXT + "增长5%。\n"
    assert read_region_meta(data / name).reports[2026].title == f"2026年{name}政府工作报告"


@pytest.mark.parametrize(
    ("year", "expected"), [("２０２６", 2026), ("20２６", 2026), (" 2026 ", 2026)]
)
def test_years_in_ascii_or_full_width_digits(tmp_path: Path, year: str, expected: int) -> None:
    f = _csv(tmp_path / "in.csv", [_row(year=year)])
    assert main(["import", str(f), "--data", str(tmp_path / "raw")]) == 0
    assert (tmp_path / "raw" / "河北省" / f"{expected}.txt").is_file()


@pytest.mark.parametrize("year", ["20٢٦", "٢٠٢٦", "२०२६", "2026.0"])
def test_years_in_other_digits_are_refused(tmp_path: Path, capsys, year: str) -> None:
    f = _csv(tmp_path / "in.csv", [_row(year=year)])
    assert main(["import", str(f), "--data", str(tmp_path / "raw")]) == 1
    assert f"{f}:2: year {year!r} is not a year (1940–2099)" in capsys.readouterr().err


def test_a_fifo_is_named_as_one(tmp_path: Path, capsys) -> None:
    import os

    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    assert main(["import", str(fifo), "--data", str(tmp_path / "raw")]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"briefs import: error: {fifo}: a named pipe (FIFO), not a CSV or JSON Lines file\n"
    )
