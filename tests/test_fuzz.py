"""Fuzzing loading and extraction with hypothesis.

Properties: loading any bytes under any report suffix, and extracting from any text made of
report-like fragments, either works or raises :class:`~analysis.errors.AnalysisError` naming the
file; every extracted row keeps the indicator-table contract against the normalised text.

Profiles (environment variable ``HYPOTHESIS_PROFILE``): ``quick`` (default, ``make test``: 200
examples per test, derandomised so CI is reproducible) and ``fuzz`` (``make fuzz``: 10,000
examples per test, random seeds, failures kept in .hypothesis/ to replay).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import AnalysisError
from analysis.extract.indicators import extract
from analysis.extract.load import read_text
from analysis.extract.structure import read_report
from analysis.schema import INDICATOR_COLUMNS, validate_indicators

# No deadline in either profile: tests never assert on wall time (the machine is shared).
settings.register_profile(
    "quick",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")

# Starts of real formats, so the fuzzer gets past the first format check of each loader.
MAGIC = (
    b"",
    b"\xef\xbb\xbf",  # UTF-8 BOM
    b"\xff\xfe",  # UTF-16 LE BOM
    b"PK\x03\x04",  # zip (docx)
    b"%PDF-1.4\n",
    b"<html><head><meta charset='gb2312'></head><body>",
    "<p>政府工作报告</p>".encode(),
    "政府工作报告".encode("gb18030"),
)

#: Report-like fragments the extraction fuzzer glues together.
FRAGMENTS = (
    *"0123456789０１２３４５６７８９*.．%％",
    "***",
    "*.*",
    "亿元",
    "万亿元",
    "万元",
    "元",
    "万人",
    "个百分点",
    "增长",
    "下降",
    "提高",
    "降低",
    "左右",
    "以上",
    "以内",
    "突破",
    "超过",
    "近",
    "多",
    "余",
    "一、",
    "二、",
    "（一）",
    "(二)",
    "一是",
    "第一部分",
    "\u200b",
    "\ufeff",
    "\u3000",
    "\n",
    "\r\n",
    "\n\n",
    "。",
    "，",
    "；",
    "：",
    "、",
    "—",
    "－",
    "-",
    "~",
    "至",
    "年",
    "2023年",
    "比2012年",
    "年均",
    "累计",
    "分别达到",
    "今年",
    "主要预期目标是：",
    "国内生产总值",
    "地区生产总值",
    "居民消费价格涨幅",
    "城镇调查失业率",
    "城镇新增就业",
    "规模以上工业增加值",
    "粮食产量",
    "亿斤",
    "全省第一",
    "全市第二",
    "第*名",
    "十九连丰",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "5G",
    "PM2.5",
    "微克/立方米",
    "國內生產總值",  # traditional characters
    "（",
    "）",
    "“",
    "”",
)

numbers = st.from_regex(r"[0-9０-９*]{1,7}([.．][0-9０-９*]{0,3})?(%|％)?", fullmatch=True)
pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    numbers,
    st.text(max_size=6),  # any code point but surrogates (the file is written as UTF-8)
)
report_texts = st.lists(pieces, max_size=120).map("".join)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder reused by every example (function-scoped tmp_path does not reset per example)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@PROFILE
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.tuples(st.sampled_from(MAGIC), st.binary(max_size=2048)).map(b"".join),
    ),
    suffix=st.sampled_from(SUFFIXES),
)
def test_loading_any_bytes_reads_or_raises_analysis_error(scratch: Path, data: bytes, suffix: str):
    path = scratch / f"2023{suffix}"
    path.write_bytes(data)
    try:
        text = read_text(path)
    except AnalysisError as e:
        assert str(e).startswith(f"{path}: "), f"error does not name the file: {e}"
        return
    assert isinstance(text, str)


@PROFILE
@given(text=report_texts)
def test_extraction_of_report_like_text_keeps_the_contract(scratch: Path, text: str):
    path = scratch / "fuzzxian" / "2023.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    try:
        report = read_report(path)
        table = extract(report)
    except AnalysisError as e:
        assert str(e).startswith(f"{path}: "), f"error does not name the file: {e}"
        return
    assert tuple(table.columns[: len(INDICATOR_COLUMNS)]) == INDICATOR_COLUMNS
    validate_indicators(table, report.text)
    if len(table):
        assert set(table["region"]) == {"fuzzxian"}
        assert set(table["report_year"]) == {2023}
        for s, e in zip(table["start"], table["end"], strict=True):
            assert 0 <= s < e <= len(report.text)
