"""Word lists as data (data/vocabulary/*.txt): loaded once, as written, and what they decide."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.extract import vocabulary
from analysis.extract.figures import BASE_UNITS, PREFIX_QUALIFIERS, find_figures
from analysis.extract.indicators import extract_report


def test_lists_are_read_as_written_and_once() -> None:
    up = vocabulary.words("up_verbs")
    assert up[:2] == ("增长", "增产") and "#" not in "".join(up)
    assert vocabulary.words("up_verbs") is up  # cached: read once
    assert re.fullmatch(vocabulary.alternation("level_verbs"), "达到")
    assert vocabulary.alternation("rank_top_words").split("|")[0] == "首位"  # stable by length


def test_pairs_give_the_meaning_of_each_word() -> None:
    assert vocabulary.pairs("qualifiers_before")["突破"] == "at_least"
    assert PREFIX_QUALIFIERS["控制在"] == "at_most" and "个百分点" in BASE_UNITS


def test_bare_verbs() -> None:
    for name in ("推进", "抓好", "重点抓好", "新开工", "开工", "打造", "扎实办好", "拟"):
        assert vocabulary.is_bare_verb(name), name
    for name in ("城镇新增就业", "高标准农田", "开工项目", "", "推进城镇老旧小区改造"):
        assert not vocabulary.is_bare_verb(name), name


def _rows(tmp_path: Path, text: str) -> pd.DataFrame:
    p = tmp_path / "x" / "2026.txt"
    p.parent.mkdir(exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return extract_report(p)[1]


def test_a_row_is_named_by_its_noun_not_by_a_bare_verb(tmp_path: Path) -> None:
    text = "一、2025年工作回顾\n重点抓好14个重大项目，推进20项民生实事，新开工城镇老旧小区改造项目30个。\n"
    rows = _rows(tmp_path, text)
    names = list(rows["name"])
    assert not any(vocabulary.is_bare_verb(n) for n in names), names
    assert names[0].endswith("重大项目") and names[1].endswith("民生实事")


def test_a_name_never_ends_in_ni(tmp_path: Path) -> None:
    text = "二、2026年工作安排\n赤字率拟按4%安排，拟安排地方政府专项债券4.4万亿元。\n"
    rows = _rows(tmp_path, text)
    assert not rows["name"].str.endswith("拟").any(), list(rows["name"])
    assert list(rows["indicator"]) == ["deficit_ratio", "special_bonds"]


def test_figures_still_find_units_ranks_and_streaks() -> None:
    figs = find_figures("粮食产量实现十九连丰，总量居全省第一，增长5.2%左右，突破***亿元。")
    assert [f.unit for f in figs] == ["连丰", "全省", "%", "亿元"]
    assert figs[2].qualifier == "approx" and figs[3].qualifier == "at_least"
