"""Report year, reviewed period and region metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import MetadataError
from analysis.extract.load import read_text
from analysis.extract.metadata import (
    RegionMeta,
    guess_year,
    read_region_meta,
    reviewed_period,
)
from analysis.extract.normalise import normalise
from analysis.labels import region_level
from analysis.region_names import region_name_problem

# --- report year -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2023.txt", 2023),
        ("data/raw/mouxian/2023.txt", 2023),
        ("2024年政府工作报告.docx", 2024),
        ("report_1985_final.pdf", 1985),
        ("某县政府工作报告（2019）.html", 2019),
        ("gzbg-20230305.txt", 2023),
        ("2023-03-05 报告.txt", 2023),
    ],
)
def test_year_from_the_file_name(name: str, year: int) -> None:
    assert guess_year(name, "各位代表：\n2022年是极不平凡的一年。") == year


@pytest.mark.parametrize("name", ["report-12023.txt", "v3.txt", "1899.txt", "202313.txt"])
def test_numbers_that_are_not_years_in_the_file_name(name: str) -> None:
    with pytest.raises(MetadataError):
        guess_year(name, "各位代表：")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2023年政府工作报告\n各位代表：\n2022年是本届政府的开局之年。", 2023),
        (
            "下面是小编为大家整理的2023年某县人民政府年度工作总结(政府目标管理绩效任务完成情况)【完整版】,供大家参考。\n市委:\n2022年是……",
            2023,
        ),
        (
            "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理李强\n各位代表：",
            2024,
        ),
        ("二〇二三年某市政府工作报告\n各位代表：", 2023),
        ("一九五四年九月二十三日在第一届全国人民代表大会第一次会议上\n各位代表：", 1954),
    ],
)
def test_year_from_the_title_or_dateline(text: str, year: int) -> None:
    assert guess_year("report.txt", text) == year


@pytest.mark.parametrize(
    "text",
    [
        "各位代表：\n2022年是极不平凡的一年。国内生产总值增长3%。",
        # a report mentioned in the opening sentence is not the title
        "各位代表：\n现在向大会提出关于1980、1981年国民经济计划安排的报告，请予审议。",
        "各位代表：\n我向大会作关于1955年国家决算和1956年国家预算的报告。",
        "",
    ],
)
def test_no_year_asks_for_year(text: str) -> None:
    with pytest.raises(
        MetadataError, match=r"^notes\.txt: no report year in the file name or title; pass --year$"
    ):
        guess_year("notes.txt", text)


def test_sample_year_from_the_title_alone(sample_path: Path) -> None:
    text = normalise(read_text(sample_path))
    assert guess_year("untitled.txt", text) == 2023


# --- reviewed period ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "report_year", "period"),
    [
        ("市委:\n2022年是本届政府的开局之年，也是极不平凡的一年。", 2023, 2022),
        ("一、2023年工作回顾\n过去一年是全面贯彻党的二十大精神的开局之年。", 2024, 2023),
        ("各位代表：\n过去一年，我国经济回升向好。", 2024, 2023),
        ("各位代表：\n请予审议。", 2024, 2023),
        # a summary named for the year it reviews
        ("2022年是本届政府的开局之年。全年地区生产总值增长3%。", 2022, 2022),
        ("一、2022年工作回顾\n全年地区生产总值增长3%。", 2022, 2022),
        # "今年是…" of the target part, far from the opening, is not the reviewed year
        (
            "一、过去一年工作回顾\n"
            + "过去一年，经济运行总体平稳。" * 100
            + "\n2000年是世纪交替之年。",
            2000,
            1999,
        ),
        # a year outside (report_year - 1, report_year) is a mention
        ("2008年是改革开放三十周年。", 2024, 2023),
    ],
)
def test_reviewed_period(text: str, report_year: int, period: int) -> None:
    assert reviewed_period(text, report_year) == period


def test_sample_reviewed_period(sample_path: Path) -> None:
    text = normalise(read_text(sample_path))
    assert reviewed_period(text, 2023) == 2022


@pytest.mark.corpus
def test_corpus_years_and_periods(national: dict) -> None:
    from_text = 0
    for year, (report, _) in national.items():
        p, text = report.path, report.text
        assert guess_year(p, text) == year
        assert reviewed_period(text, year) == year - 1, p.name
        # without the file name: the dateline when there is one, never a wrong year
        try:
            guessed = guess_year("x.txt", text)
        except MetadataError:
            continue
        assert guessed == year, p.name
        from_text += 1
    assert from_text >= 5  # 1957, 2017, 2021–2024 carry a dateline


# --- region ------------------------------------------------------------------------------------


def test_sample_region() -> None:
    meta = read_region_meta(Path(__file__).parents[1] / "data" / "raw" / "mouxian")
    assert meta.slug == "mouxian"
    assert meta.name == "某县"
    assert meta.level == "county"
    assert meta.source.startswith("Document-sharing site copy")


@pytest.mark.parametrize(
    ("meta", "display", "label"),
    [
        (RegionMeta("mouxian", "某县", "county", ""), "某县", "某县（mouxian）"),
        (RegionMeta("广东省", "广东省", "province", ""), "广东省", "广东省"),
        (RegionMeta("national", "national", "national", ""), "全国", "全国（national）"),
        (RegionMeta("hunan", "", "", ""), "hunan", "hunan"),
    ],
)
def test_display_name_and_label(meta: RegionMeta, display: str, label: str) -> None:
    assert (meta.display_name, meta.label) == (display, label)


def test_defaults_from_a_folder_with_spaces_and_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "某 县"
    folder.mkdir()
    assert read_region_meta(folder) == RegionMeta("某 县", "某 县", "county", "")


def test_partial_toml_and_bom(tmp_path: Path) -> None:
    folder = tmp_path / "hunan"
    folder.mkdir()
    (folder / "region.toml").write_bytes('\ufeffname = "湖南省"\n'.encode())
    assert read_region_meta(folder) == RegionMeta("hunan", "湖南省", "province", "")


def test_slug_from_toml(tmp_path: Path) -> None:
    folder = tmp_path / "raw-copy"
    folder.mkdir()
    (folder / "region.toml").write_text('slug = "长沙 市"\nlevel = "city"\n', encoding="utf-8")
    assert read_region_meta(folder) == RegionMeta("长沙 市", "长沙 市", "city", "")


@pytest.mark.parametrize(
    "slug", ["../etc", "a/b", "a\\b", "..", ".", "", " ", ".hidden", "a\x00b", "x/../y"]
)
def test_unsafe_slugs_are_refused(tmp_path: Path, slug: str) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    escaped = slug.replace("\\", "\\\\").replace("\x00", "\\u0000")
    (folder / "region.toml").write_text(f'slug = "{escaped}"\n', encoding="utf-8")
    assert region_name_problem(slug) is not None
    with pytest.raises(MetadataError, match="region.toml: region slug"):
        read_region_meta(folder)


@pytest.mark.parametrize("slug", ["mouxian", "某县", "某 县", "hunan-2", "a.b"])
def test_safe_slugs(slug: str) -> None:
    assert region_name_problem(slug) is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('name = "某县', "cannot read region metadata"),
        ("name = 3", "'name' must be a string"),
        (b"\xff\xfe\x00bad", "cannot read region metadata"),
    ],
)
def test_bad_region_toml(tmp_path: Path, content: str | bytes, problem: str) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    f = folder / "region.toml"
    f.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(MetadataError) as info:
        read_region_meta(folder)
    assert str(info.value).startswith(f"{f}: ")
    assert problem in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("某县", "county"),
        ("长沙市", "city"),
        ("湖南省", "province"),
        ("广西壮族自治区", "province"),
        ("national", "national"),
        ("mouxian", ""),
    ],
)
def test_region_level(name: str, level: str) -> None:
    assert region_level(name) == level
