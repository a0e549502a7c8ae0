"""Keyword profile: jieba words, stop words and numerals removed, stable order."""

from __future__ import annotations

from analysis.tables import keywords


def test_top_words_removes_stop_words_and_numerals():
    text = "我们坚持推进轴承产业发展，轴承企业增长，轴承产业集聚。十九大精神。轴承企业"
    words = dict(keywords.top_words(text, 10))
    assert words["轴承"] == 4
    assert words["企业"] == 2
    assert words["产业"] == 2
    for stop in ("我们", "坚持", "推进", "发展", "增长", "十九"):
        assert stop not in words


def test_top_words_ties_sorted_by_word_and_limited():
    words = keywords.top_words("医院学校医院学校道路", 2)
    assert words == sorted(words, key=lambda kv: (-kv[1], kv[0]))
    assert len(words) == 2
    assert {w for w, _ in words} == {"医院", "学校"}


def test_no_words_in_empty_text():
    assert keywords.top_words("", 5) == []
    assert keywords.top_words("123 *** abc", 5) == []
