"""normalise(): characters, numbers, line breaks, traditional script, idempotence, the corpus."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract.load import read_text
from analysis.extract.normalise import _t2s, _traditional_only, normalise, t2s

SIMPLIFIED = (
    "各位代表：\n过去一年，我国经济总体回升向好。国内生产总值超过126万亿元，增长5.2%，"
    "增速居世界主要经济体前列。城镇新增就业1244万人，城镇调查失业率平均为5.2%。"
    "居民消费价格上涨0.2%。粮食产量1.39万亿斤。"
)
# The same paragraph as a traditional-script copy from the web: full-width figures, indentation,
# CRLF, a zero-width space inside a number and a stray break in the middle of a sentence.
TRADITIONAL = (
    "　　各位代表：\r\n　　過去一年，我國經濟總體回升向好。國內生產總值超過１２６萬億元，增長５．２％，\r\n"
    "增速居世界主要經濟體前列。城鎮新增就業12\u200b44萬人，城鎮調查失業率平均為5.2%。"
    "居民消費價格上漲0.2%。糧食產量1.39萬億斤。\r\n"
)
FIGURES = re.compile(r"[0-9]+(?:\.[0-9]+)?%?")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # zero-width characters and line breaks inside a number, full-width per cent
        ("增长1\n2\u200b6.5％", "增长126.5%"),
        ("国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%", "国内生产总值达到74.4万亿元，增长6.7%"),
        ("ＧＤＰ增长６．５％", "GDP增长6.5%"),
        ("增长６．\n５％左右", "增长6.5%左右"),
        ("城镇新增就业1 206万人", "城镇新增就业1206万人"),
        ("已经加入1 7 个国际人权公约", "已经加入17个国际人权公约"),
        ("增长5 %", "增长5%"),
        ("目标为6%－6.5%", "目标为6%-6.5%"),
        ("１／３，＋２，～５", "1/3，+2，~5"),
        ("细颗粒物（PM\n2.5\n）浓度下降", "细颗粒物（PM2.5）浓度下降"),
        ("广义货币M\n2\n增长13.6%", "广义货币M2增长13.6%"),
        # CJK punctuation stays as it is
        ("（一）坚持稳中求进，“十四五”；开局：好。", "（一）坚持稳中求进，“十四五”；开局：好。"),
        # newlines, indentation, NBSP
        (
            "　　各位代表：\r\n　　现在，我代表国务院\r，向大会报告工作。",
            "各位代表：\n现在，我代表国务院，向大会报告工作。",
        ),
        ("GDP\xa0growth", "GDP growth"),
        ("fiscal\npolicy", "fiscal policy"),
        # stray breaks around a title inside a sentence are joined
        (
            "通过了我们国家的根本法——\n中华人民共和国宪法\n，接着，又通过了几个重要的法律。",
            "通过了我们国家的根本法——中华人民共和国宪法，接着，又通过了几个重要的法律。",
        ),
        ("政府工作报\n告", "政府工作报告"),
        # a break after a sentence end stays; blank lines collapse to one break
        (
            "全年目标任务圆满完成。\n\n\n今年工作的总体要求是：\n\n稳中求进。",
            "全年目标任务圆满完成。\n今年工作的总体要求是：\n稳中求进。",
        ),
        ("他说：“这是好事。”\n我们要坚持。", "他说：“这是好事。”\n我们要坚持。"),
        ("（草案）。）\n下一段", "（草案）。）\n下一段"),
        # headings stand on their own line, before and after
        (
            "基本完成全年目标\n一、2023年工作回顾\n2023年是全面贯彻党的二十大精神的开局之年。",
            "基本完成全年目标\n一、2023年工作回顾\n2023年是全面贯彻党的二十大精神的开局之年。",
        ),
        (
            "全面完成。\n\n\n（二）统筹经济社会发展\n\n\n一年来，",
            "全面完成。\n（二）统筹经济社会发展\n一年来，",
        ),
        ("第一部分　过去五年回顾\n五年来，", "第一部分　过去五年回顾\n五年来，"),
        # a bare marker is joined to its title; a sub-title keeps its blank line
        ("（一）\n统筹疫情防控和经济社会发展", "（一）统筹疫情防控和经济社会发展"),
        ("这是因为，\n\n　　\n第一，\n在工商业方面", "这是因为，\n第一，在工商业方面"),
        (
            "关于外交工作\n\n一年来，我国积极开展外交活动。",
            "关于外交工作\n\n一年来，我国积极开展外交活动。",
        ),
        # the salutation always opens a paragraph
        ("结束语\n\n各位代表！", "结束语\n各位代表！"),
        ("2023年某县人民政府工作报告\n各位代表：", "2023年某县人民政府工作报告\n各位代表："),
        # empty and blank input
        ("", ""),
        (" \n\u3000\n\u200b", ""),
    ],
)
def test_normalise_examples(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert normalise(expected) == expected


def test_traditional_twin_gives_the_simplified_text() -> None:
    assert normalise(TRADITIONAL) == SIMPLIFIED
    assert FIGURES.findall(normalise(TRADITIONAL)) == [
        "126", "5.2%", "1244", "5.2%", "0.2%", "1.39",
    ]  # fmt: skip


def test_simplified_text_is_left_alone_by_the_traditional_check() -> None:
    # 么/后/干/发 are simplified (some have several traditional forms): never "converted"
    text = "为什么后来干部发展了。"
    assert _traditional_only().search(text) is None
    assert normalise(text) == text


def test_only_traditional_lines_are_converted() -> None:
    mixed = "社会财产没有遭到损坏。\n我們國家的經濟發展了。"
    assert normalise(mixed) == "社会财产没有遭到损坏。\n我们国家的经济发展了。"


@pytest.mark.parametrize(
    "line",
    [
        "我們國家的經濟發展了，一目瞭然。",  # 一目瞭然 is an OpenCC phrase
        "乾隆年間，著作等身；麼麼噠。",
        "糧食產量1.39萬億斤，增長２．５％。",
        "",
    ],
)
def test_fast_t2s_equals_opencc(line: str) -> None:
    assert t2s(line) == _t2s().convert(line)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("我們國經發萬億糧產乾著麼么麽瞭了幹干後后髮發臺台，。 、（）\t")
            + ["一目瞭然", "不瞭解", "么麼", "上鍊"]
        ),
        max_size=30,
    ).map("".join)
)
def test_fast_t2s_equals_opencc_on_any_mix(line: str) -> None:
    assert t2s(line) == _t2s().convert(line)


# --- properties ------------------------------------------------------------------------------

# Characters that drive the rules, so that examples hit breaks, numbers and headings often.
_RULE_CHARS = st.sampled_from(
    list(
        "0123456789０１９.．%％ \u3000\n\n\n\r\t\xa0\u200b\ufeff。，、；：！？”“（）()一二十、第部分是年万亿MPabc國經發"
    )
    + ["一、", "（一）", "第一部分", "1.", "第一，", "\n\n", "\u200b\n"]
)
RULE_TEXT = st.lists(_RULE_CHARS, max_size=60).map("".join)


def _digits(text: str) -> int:
    return sum(c.isdecimal() for c in text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_is_normalised_idempotently(text: str) -> None:
    once = normalise(text)
    assert isinstance(once, str)
    assert normalise(once) == once
    assert _digits(once) <= _digits(text)


@settings(max_examples=500, deadline=None)
@given(RULE_TEXT)
def test_rule_heavy_text_is_normalised_idempotently(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert _digits(once) <= _digits(text)
    assert "\r" not in once and "\u200b" not in once and "\ufeff" not in once
    assert "\n\n\n" not in once
    assert not re.search(r"(?m)^[^\S\n]|[^\S\n]$", once)  # no indentation, no trailing space


# --- corpus tier -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(national: dict) -> dict[int, str]:
    """Every national report, normalised (once for the session, see conftest)."""
    return {year: report.text for year, (report, _) in national.items()}


@pytest.mark.corpus
def test_every_national_report_normalises(corpus: dict[int, str]) -> None:
    assert len(corpus) >= 50
    for year, text in corpus.items():
        assert len(text) > 5000, year
        assert normalise(text) == text, year
        assert not re.search(r"[\u200b-\u200d\u2060\ufeff\r]", text), year
        # no digit is followed by a line break inside a number
        assert not re.search(r"[0-9]\s*\n\s*(?:[0-9%]|\.[0-9])", text), year
        assert not re.search(r"(?m)^[ \t\u3000]", text), year
        assert _traditional_only().search(text) is None, year


@pytest.mark.corpus
def test_corpus_stray_breaks_inside_numbers_are_joined(corpus: dict[int, str]) -> None:
    # 2017.txt has "74.4\n\u200b\n万亿元" and "550\n\u200b\n多万公里"
    assert "国内生产总值达到74.4万亿元，增长6.7%" in corpus[2017]
    assert "光缆线路550多万公里" in corpus[2017]
    # 2014.txt has "广义货币M\n2\n增长13.6%" and "（PM\n2.5\n）"
    assert "广义货币M2增长13.6%" in corpus[2014]
    assert "细颗粒物（PM2.5）和可吸入颗粒物（PM10）" in corpus[2014]
    # 1956.txt is full-width: "１２．５亿元"
    assert "12.5亿元" in corpus[1956]


@pytest.mark.corpus
def test_corpus_headings_stay_on_their_own_lines(corpus: dict[int, str]) -> None:
    lines = corpus[2023].split("\n")
    assert "一、过去一年和五年工作回顾" in lines
    assert "二、对今年政府工作的建议" in lines
    assert lines[lines.index("一、过去一年和五年工作回顾") + 1].startswith(
        "2022年是党和国家历史上极为重要的一年"
    )
    assert "国务院总理李克强" in lines


@pytest.mark.corpus
def test_corpus_fast_t2s_equals_opencc(corpus_dir) -> None:
    for year in (1954, 1955, 1957):
        for line in read_text(corpus_dir / f"{year}.txt").split("\n"):
            assert t2s(line) == _t2s().convert(line), (year, line[:40])


@pytest.mark.corpus
def test_corpus_traditional_report_is_simplified(corpus: dict[int, str]) -> None:
    # 1954.txt is in traditional script, with the title of the constitution on its own line
    assert corpus[1954].startswith(
        "各位代表：\n我们第一届全国人民代表大会第一次会议，在听了刘少奇同志关于宪法草案的报告并进行了三天的讨论以后"
    )
    assert "我们国家的根本法——中华人民共和国宪法，接着" in corpus[1954]
