"""Report structure: sections, sub-items, sentences with offsets, the target part."""

from __future__ import annotations

from pathlib import Path

from analysis.extract.structure import read_report, split_sections, split_sentences

TEXT = """各位代表：
报告分三个部分：一、过去一年工作回顾；二、今年工作安排；三、政府自身建设。
一、2023年工作回顾
过去一年，一是稳增长，二是促改革。地区生产总值增长5%。
（一）扩大内需。社会消费品零售总额增长7%。
二、2024年工作安排
今年发展主要预期目标是：
地区生产总值增长6%左右；城镇新增就业1.2万人以上。
三、加强政府自身建设
坚持依法行政。
"""


def test_sections_ignore_the_table_of_contents_and_sub_items() -> None:
    secs = split_sections(TEXT)
    assert [(s.number, s.title) for s in secs] == [
        (0, ""),
        (1, "2023年工作回顾"),
        (2, "2024年工作安排"),
        (3, "加强政府自身建设"),
    ]
    assert secs[1].start == TEXT.index("一、2023年")
    assert secs[-1].end == len(TEXT)


def test_first_part_style_headings() -> None:
    text = "前言。\n第一部分 回顾\n增长5%。\n第二部分 安排\n增长6%。\n"
    assert [s.title for s in split_sections(text)] == ["", "回顾", "安排"]


def test_sentences_have_valid_offsets_and_paragraphs() -> None:
    secs = split_sections(TEXT)
    sents = split_sentences(TEXT, secs)
    texts = [TEXT[s.start : s.end] for s in sents]
    assert "地区生产总值增长5%。" in texts
    assert all(TEXT[s.start : s.end].strip() == TEXT[s.start : s.end] for s in sents)
    first = next(s for s in sents if TEXT[s.start : s.end] == "（一）扩大内需。")
    assert first.section == 1 and first.paragraph == 2


def test_target_part_and_forward_sections(tmp_path: Path) -> None:
    p = tmp_path / "r" / "2024.txt"
    p.parent.mkdir()
    p.write_text(TEXT, encoding="utf-8")
    report = read_report(p)
    assert report.report_year == 2024 and report.period == 2023
    # A section whose title names no period (政府自身建设) keeps the role before it.
    assert [s.forward for s in report.sections] == [False, False, True, True]
    assert [s.role for s in report.sections] == ["other", "review_year", "tasks", "tasks"]
    assert report.role_at(report.text.index("增长5%")) == "review_year"
    assert report.role_at(report.text.index("6%左右")) == "targets"
    assert report.role_at(report.text.index("坚持依法行政")) == "tasks"
    assert [s.is_target_part for s in report.sections] == [False, False, True, False]
    target = report.text.index("6%左右")
    assert report.in_target_part(target)
    assert not report.in_target_part(report.text.index("增长5%"))
    assert report.region == "r" and len(report.sha256) == 64


def test_unnumbered_report_is_one_preamble_section() -> None:
    text = "我们取得了成绩。地区生产总值增长5%。"
    secs = split_sections(text)
    assert len(secs) == 1 and (secs[0].start, secs[0].end) == (0, len(text))


def test_reports_without_numbered_headings_split_at_plain_headings() -> None:
    long = "我们在这一时期取得了很大成绩，各方面工作都有进展，人民生活明显改善。" * 2
    text = f"各位代表：\n{long}\n过去五年的回顾\n\n{long}\n今后五年的主要任务\n\n{long}\n（一）关于经济建设\n{long}\n"
    assert [s.title for s in split_sections(text)] == [
        "", "过去五年的回顾", "今后五年的主要任务", "关于经济建设"]  # fmt: skip


def test_bare_numeral_headings_take_their_title_from_the_next_line() -> None:
    text = "各位代表：\n一\n农业发展纲要已经提前完成，成绩很大。\n二\n工业生产，继续跃进。\n"
    assert [s.title for s in split_sections(text)] == ["", "农业发展纲要已经提前完成", "工业生产"]


def test_a_line_without_punctuation_is_cut_into_bounded_sentences() -> None:
    from analysis.extract.structure import MAX_SENTENCE

    text = "地区生产总值增长5.5%全年粮食产量增长12%" * 100
    sents = split_sentences(text, split_sections(text))
    assert len(sents) > 1 and max(s.end - s.start for s in sents) <= MAX_SENTENCE
    assert "".join(text[s.start : s.end] for s in sents) == text  # nothing lost
    assert all(text[s.end - 1 : s.end + 1] not in ("5.", ".5", "12", "2%") for s in sents)
