"""The source view (analysis.briefs.source): numbers the table missed, the marked page, the CLI
and the batch's hook."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis import keys
from analysis.briefs import source
from analysis.cli import main
from analysis.extract.indicators import extract, extract_report
from analysis.extract.structure import Report, read_report
from analysis.extracted import report_table
from analysis.tables import census
from test_hostile import PAYLOADS, assert_inert, hostile_report


class View(HTMLParser):
    """What a reader and a checker see in a source view: every mark (attributes and text, a
    ``<br>`` inside read as the line break it stands for), every ``span.miss``, the text of
    ``<main>``, every tag and attribute."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.misses: list[str] = []
        self.main: list[str] = []
        self.headings: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self._in: list[str] = []  # open elements of interest
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.attrs += list(a.items())
        if tag == "main":
            self._in.append("main")
        elif tag == "mark" and "main" in self._in:
            self.marks.append({**a, "text": ""})
            self._in.append("mark")
        elif tag == "span" and a.get("class") == "miss" and "main" in self._in:
            self.misses.append("")
            self._in.append("miss")
        elif tag == "h2" and "main" in self._in:
            self.headings.append("")
            self._in.append("h2")
        elif tag == "br" and self._in and self._in[-1] == "mark":
            self.marks[-1]["text"] += "\n"

    def handle_endtag(self, tag):
        want = {"main": "main", "mark": "mark", "span": "miss", "h2": "h2"}.get(tag)
        if want and self._in and self._in[-1] == want:
            self._in.pop()

    def handle_data(self, data):
        if "main" not in self._in:
            return
        self.main.append(data)
        if "mark" in self._in:
            self.marks[-1]["text"] += data
        if self._in[-1] == "miss":
            self.misses[-1] += data
        if "h2" in self._in:
            self.headings[-1] += data


def check_marks(report: Report, table: pd.DataFrame, view: View) -> None:
    """Every row of ``table`` has exactly one mark with its offsets and its text; ids unique."""
    ids = [m["id"] for m in view.marks]
    assert len(ids) == len(set(ids))
    by_span: dict[tuple[int, int], list[dict]] = {}
    for m in view.marks:
        by_span.setdefault((int(m["data-start"]), int(m["data-end"])), []).append(m)
        assert m["id"] == f"fig-{m['data-start']}"
        assert m["text"] == report.text[int(m["data-start"]) : int(m["data-end"])]
    for row in table.itertuples():
        found = by_span.get((row.start, row.end), [])
        assert len(found) == 1, (row.start, row.end, row.text)
        assert found[0]["text"] == row.text
    assert sum(int(m["data-rows"]) for m in view.marks) == len(table)


def whole_text(view: View) -> str:
    return "".join("".join(view.main).split())


def report_of(tmp_path: Path, text: str, year: int = 2024) -> Report:
    path = tmp_path / "testregion" / f"{year}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_report(path)


def spans_table(report: Report, *figures: str) -> pd.DataFrame:
    """A table covering the first occurrence of each of ``figures`` (for the number finder,
    which reads only ``start`` and ``end``)."""
    rows = []
    for f in figures:
        at = report.text.index(f)
        rows.append({"start": at, "end": at + len(f)})
    return pd.DataFrame(rows, columns=["start", "end"])


# --- the numbers the table did not take ----------------------------------------------------

FINDER_TEXT = """2024年政府工作报告
一、2023年工作回顾
过去一年，地区生产总值增长5.2%。一是建成5G基站8.2万个，PM2.5浓度下降3%，C919大型客机投入运营。3月5日召开会议［1］。
（1）治理农村汪塘267面，年产钢四万吨，棉花产量达到3，036万担，精简机构1/3，居全国第5位。
1.“四上”企业：第3批，二十国集团，**县，“863”计划，12345热线，“7·20”暴雨，2026-02-03。
党的十九大和十九届历次全会，一九五四年，一二三产业协调发展，办好十五运会。
"""


def test_missed_numbers_are_the_quantities_no_row_covers(tmp_path):
    report = report_of(tmp_path, FINDER_TEXT)
    table = spans_table(report, "5.2%", "8.2万个", "3%")
    missed = census.missed_numbers(report, table)
    # 面 and 担 are no units the extractor knows, 四万 has a one-digit head, 1/3 is a fraction,
    # 第5位 a rank without a verb the extractor reads.
    assert [t for _, _, t in missed] == ["267", "四万", "3，036", "1", "3", "5"]
    for a, b, t in missed:
        assert report.text[a:b] == t
        assert all(b <= s or a >= e for s, e in zip(table["start"], table["end"], strict=True))


def test_each_number_is_covered_rejected_for_a_reason_or_missed(tmp_path):
    report = report_of(tmp_path, FINDER_TEXT)
    table = spans_table(report, "5.2%", "8.2万个", "3%")
    numbers = census.number_census(report, table)
    reasons: dict[str, set[str]] = {}
    for n in numbers:
        reasons.setdefault(n.text, set()).add(n.reason)
    assert reasons["2024"] == {"year"} and reasons["2023"] == {"year"}
    assert reasons["5.2"] == {"covered"} and reasons["8.2"] == {"covered"}
    assert reasons["919"] == {"code"} and reasons["2.5"] == {"code"}  # C919, PM2.5
    assert reasons["12345"] == {"code"}  # a hotline
    assert reasons["20"] == {"date"} and reasons["02"] == {"date"}  # “7·20”, 2026-02-03
    assert reasons["十九"] == {"ordinal"} and reasons["十五"] == {"ordinal"}  # 十九大/届, 十五运会
    assert reasons["一九五四"] == {"year"} and reasons["一二三"] == {"year"}
    assert reasons["二十"] == {"name"} and reasons["**"] == {"name"} and reasons["863"] == {"name"}
    assert "date" in reasons["3"] and "covered" in reasons["3"] and "" in reasons["3"]
    assert {"marker"} <= reasons["1"] and "" in reasons["1"]  # （1）, 1. and 1/3
    # 一是, 一、 and the heading's 一 are phrasing, not numbers (the extractor's own rule).
    assert "一" not in reasons
    missed = {(n.start, n.end) for n in numbers if not n.reason}
    assert missed == {(a, b) for a, b, _ in census.missed_numbers(report, table)}


def test_a_report_without_numbers_has_none_missed(tmp_path):
    report = report_of(tmp_path, "2024年政府工作报告\n各位代表：我们要一以贯之，千家万户都好。\n")
    assert census.missed_numbers(report, extract(report)) == []


# --- the page -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(sample_path):
    report, table = extract_report(sample_path)
    return report, table, View(source.source_html(report, table, brief="brief.html"))


def test_every_row_of_the_sample_has_one_mark(sample):
    report, table, view = sample
    assert len(table) > 50
    check_marks(report, table, view)


def test_the_page_holds_the_whole_text_once(sample):
    report, _, view = sample
    assert whole_text(view) == "".join(report.text.split())


def test_sections_are_headings(sample):
    report, _, view = sample
    titled = [s for s in report.sections if s.number > 0]
    assert len(view.headings) == len(titled) > 3
    for h, s in zip(view.headings, titled, strict=True):
        assert s.title in h
    # The sample's headings open their paragraph: the heading stops after the title.
    assert view.headings[0] == "一、防疫情、促发展,综合实力跃上新台阶。"


def test_misses_are_underlined_and_counted(sample):
    report, table, view = sample
    missed = census.missed_numbers(report, table)
    assert view.misses == [t for _, _, t in missed]
    page = source.source_html(report, table)
    assert f"未提取的数字：{len(missed)} 个" in page


def test_cards_carry_name_indicator_figure_and_tags(sample):
    _, table, view = sample
    row = table[(table["indicator"] == "gdp") & (table["kind"] == "level")].iloc[0]
    mark = next(m for m in view.marks if int(m["data-start"]) == row["start"])
    card = mark["data-card"]
    assert card.splitlines()[0] == f"{row['name']}（gdp）"
    assert "亿元" in card and "以上（下限）" in card and f"{row['period']}年" in card
    assert "数字被遮盖" in card
    assert {"k-level", "is-masked", "in-catalog"} <= set(mark["class"].split())


def test_one_offline_file_without_script(sample):
    _, _, view = sample
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(view.tags)
    hrefs = [v for k, v in view.attrs if k in ("href", "src")]
    assert hrefs and all(h.startswith("#") or h == "brief.html" for h in hrefs)
    assert not [k for k, _ in view.attrs if k.startswith("on")]


def test_rows_sharing_a_span_share_one_mark(sample):
    report, table, _ = sample
    twin = table.iloc[[0]].assign(name="另一个名称", indicator=None)
    both = pd.concat([table, twin], ignore_index=True)
    view = View(source.source_html(report, both))
    check_marks(report, both, view)
    mark = next(m for m in view.marks if int(m["data-start"]) == table.iloc[0]["start"])
    assert mark["data-rows"] == "2"
    assert table.iloc[0]["name"] in mark["data-card"] and "另一个名称" in mark["data-card"]


def test_a_row_crossing_another_joins_its_card(sample):
    report, table, _ = sample
    first = table.sort_values("start").iloc[0]
    a, b = int(first["start"]) + 1, int(first["end"]) + 2
    cross = table.iloc[[0]].assign(start=a, end=b, text=report.text[a:b], name="交叉")
    view = View(source.source_html(report, pd.concat([table, cross], ignore_index=True)))
    spans = {(int(m["data-start"]), int(m["data-end"])) for m in view.marks}
    assert spans == set(zip(table["start"], table["end"], strict=True))  # no mark of its own
    mark = next(m for m in view.marks if int(m["data-start"]) == first["start"])
    assert mark["data-rows"] == "2" and f"原表位置 {a}–{b}" in mark["data-card"]


def test_a_line_break_inside_a_figure_stays_inside_its_mark(tmp_path):
    # (No figure of the extractor spans a break; a made-up row that does must not be cut.)
    report = report_of(tmp_path, "2024年政府工作报告\n地区生产总值增长5%。\n6%，发展平稳。\n")
    table = extract(report)
    assert "。\n6%" in report.text
    a = report.text.index("5%")
    b = report.text.index("6%") + 2
    row = table.iloc[[0]].assign(start=a, end=b, text=report.text[a:b])
    view = View(source.source_html(report, row))
    check_marks(report, row, view)
    assert "\n" in view.marks[0]["text"]


def test_hostile_report_text_stays_text(tmp_path):
    path = tmp_path / "hostile" / "2024.txt"
    path.parent.mkdir()
    path.write_text(hostile_report(2024), encoding="utf-8")
    report, table = extract_report(path)
    page = source.source_html(report, table)
    assert_inert(page)
    for p in PAYLOADS[:3]:
        assert p not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    view = View(page)
    check_marks(report, table, view)
    assert whole_text(view) == "".join(report.text.split())  # every payload shown, as text


# --- command line, batch hook, index ---------------------------------------------------------


def test_cli_writes_the_view_beside_the_cwd_by_default(sample_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["source", str(sample_path)]) == 0
    out = tmp_path / f"{sample_path.stem}.source.html"
    report, table = extract_report(sample_path)
    check_marks(report, table, View(out.read_text(encoding="utf-8")))
    missed = len(census.missed_numbers(report, table))
    assert f"{len(table)} figures marked, {missed} numbers not extracted" in capsys.readouterr().err
    assert main(["source", str(sample_path), "-o", str(tmp_path / "v.html")]) == 0
    assert (tmp_path / "v.html").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["nope/2024.txt"], "nope/2024.txt: no such file"),
        (["."], ".: a folder; give one report file"),
        (["{sample}", "-o", "v.pdf"], "v.pdf: output must end in .html"),
    ],
)
def test_cli_errors_are_one_line(args, problem, sample_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["source", *(a.format(sample=sample_path) for a in args)]) == 1
    err = capsys.readouterr().err
    assert err == f"briefs source: error: {problem}\n"
    assert not list(tmp_path.iterdir())


def test_batch_step_writes_the_view_from_the_stored_extraction(sample_path, tmp_path):
    report, table = report_table(sample_path, "mouxian", 2023, tmp_path)  # what the batch stores
    extra = source.brief_outputs(tmp_path)
    assert extra == {"not_extracted": len(census.missed_numbers(report, table))}
    page = (tmp_path / "source.html").read_text(encoding="utf-8")
    assert 'href="brief.html"' in page
    check_marks(report, table, View(page))


def test_index_label_shows_the_count_from_provenance(tmp_path):
    assert source.index_label(tmp_path) == "原文对照"
    keys.write(tmp_path / "provenance.json", {"key": "k", "not_extracted": 7})
    assert source.index_label(tmp_path) == "原文对照（未提取7）"
    assert json.loads((tmp_path / "provenance.json").read_text())["not_extracted"] == 7
