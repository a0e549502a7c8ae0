"""Hostile text: a report's words never run as code, in a brief, a CSV or the parameters cell.

- HTML/Markdown/SVG script-injection payloads in report text (sentences, section titles, the
  region's display name) show as text in the brief's HTML and PDF, in the trends brief and in
  the index; the pages carry no script, no event handler, no ``javascript:`` link.
- CSV cells from report text that begin with ``=``, ``+``, ``-`` or ``@`` are neutralised.
- Parameters with quotes, backslashes or newlines are injected into the papermill parameters
  cell as the exact string literals, nothing more.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.store import csv_safe, write_table

ROOT = Path(__file__).resolve().parents[1]
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)><script>alert(4)</script></svg>",
    '<iframe src="javascript:alert(5)"></iframe>',
    "[点我](javascript:alert(6))",
    '<a href="javascript:alert(7)">链接</a>',
    '<math><mi xlink:href="javascript:alert(8)">x</mi></math>',
    "</style><style>body{display:none}</style>",
    "<!--",
    '"><body onload=alert(9)>',
    "{{7*7}}${7*7}<%= 7*7 %>",
    "<object data=data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=>",
)
FORMULAS = ('=HYPERLINK("http://x","点")', "+SUM(1,2)*cmd|' /C calc'", "-2+3", "@SUM(A1:A2)")


def hostile_report(year: int) -> str:
    """A report whose title, sections and figure sentences carry the payloads."""
    lines = [f"{year}年政府工作报告", "一、<script>alert('title')</script>过去一年的工作回顾"]
    for i, p in enumerate(PAYLOADS):
        lines.append(f"{p}地区生产总值增长{i + 1}.5%，规模以上工业增加值增长{i + 2}%。")
    lines.append("二、<svg onload=alert('t2')>今年的主要任务</svg>")
    for f in FORMULAS:
        lines.append(f"{f}城镇新增就业{len(f)}万人。")
    lines.append("今年发展主要预期目标是：国内生产总值增长5%左右<img src=x onerror=alert(11)>。")
    return "\n".join(lines) + "\n"


class _Tags(HTMLParser):
    """Every tag and attribute of a page, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        if tag == "script":
            self.scripts.append("")

    def handle_data(self, data):
        if self.tags and self.tags[-1] == "script" and self.scripts:
            self.scripts[-1] += data


def _own_scripts() -> set[str]:
    """The scripts our own templates write (the index's table sort): the only ones allowed."""
    templates = ROOT / "src" / "analysis" / "briefs" / "templates"
    found = set()
    for t in templates.rglob("*.j2"):
        found.update(re.findall(r"<script>(.*?)</script>", t.read_text("utf-8"), re.S))
    return {"".join(f.split()) for f in found}  # as rendered, whitespace aside


def assert_inert(page: str) -> None:
    """No script but our own, no frame, object, event handler or javascript: URL in the page."""
    parser = _Tags()
    parser.feed(page)
    bad_tags = {"iframe", "object", "embed", "img", "math", "mi"} & set(parser.tags)
    assert not bad_tags, bad_tags
    foreign = [s for s in parser.scripts if "".join(s.split()) not in _own_scripts()]
    assert not foreign, foreign
    assert parser.tags.count("body") <= 1
    handlers = [k for k, _ in parser.attrs if k.lower().startswith("on")]
    assert not handlers, handlers
    urls = [
        v for _, v in parser.attrs if v.strip().lower().startswith(("javascript:", "data:text"))
    ]
    assert not urls, urls


def test_assert_inert_catches_each_payload():
    """The checker itself: each payload, unescaped, is caught (else the brief test proves nothing)."""
    caught = 0
    for p in PAYLOADS:
        try:
            assert_inert(f"<html><body><p>{p}</p></body></html>")
        except AssertionError:
            caught += 1
    # Markdown, comment, template and style-breaking payloads are only dangerous when rendered
    # by something else; the eight HTML ones must be caught.
    assert caught >= 8


@pytest.mark.slow
def test_payloads_show_as_text_in_html_pdf_trends_and_index(tmp_path, capsys):
    region = tmp_path / "data" / "hostile"
    region.mkdir(parents=True)
    for year in (2023, 2024):
        (region / f"{year}.txt").write_text(hostile_report(year), encoding="utf-8")
    (region / "region.toml").write_text(
        'name = "<script>alert(\'name\')</script>某县"\nlevel = "county"\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    rc = main(
        ["batch", "--data", str(tmp_path / "data"), "--out", str(out), "--years", "2023-2024"]
    )
    captured = capsys.readouterr()
    assert rc == 0, captured.err

    page = (out / "hostile" / "2024" / "brief.html").read_text(encoding="utf-8")
    assert_inert(page)  # (nbconvert writes quotes in text unescaped: harmless outside tags)
    for p in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
              '<iframe src="javascript:alert(5)"></iframe>'):  # fmt: skip
        assert p not in page  # never raw …
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # … always escaped, shown as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "[点我](javascript:alert(6))" in page  # Markdown stays text: nothing renders it
    assert "&lt;script&gt;alert('name')&lt;/script&gt;某县" in page

    text = subprocess.run(["pdftotext", "-layout", str(out / "hostile" / "2024" / "brief.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout  # fmt: skip
    flat = "".join(text.split())
    # The short PDF prints the region's name and the sections' titles (not every sentence):
    # the payloads there read as text.
    assert "<script>alert('name')</script>某县" in flat
    assert "一、<script>ale" in flat and "二、<svgonload" in flat  # titles, shortened

    trends = (out / "hostile" / "trends.html").read_text(encoding="utf-8")
    assert_inert(trends)
    assert "&lt;script&gt;alert('name')&lt;/script&gt;某县" in trends
    assert_inert((out / "index.html").read_text(encoding="utf-8"))

    for csv_path in (out / "hostile" / "2024" / "indicators.csv",
                     out / "hostile" / "indicators.csv", out / "hostile" / "targets.csv"):  # fmt: skip
        assert_no_formula(csv_path.read_text(encoding="utf-8"))
    year_csv = pd.read_csv(out / "hostile" / "2024" / "indicators.csv", dtype=str)
    assert year_csv["sentence"].str.startswith("'=HYPERLINK").any()


def assert_no_formula(text: str) -> None:
    """No cell a spreadsheet would run: one starting with = + - @ must be a plain number."""
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # raises for a formula


def test_extract_csv_neutralises_formulas(tmp_path, capsys):
    src = tmp_path / "x" / "2024.txt"
    src.parent.mkdir()
    src.write_text(hostile_report(2024), encoding="utf-8")
    for args in (["-o", str(tmp_path / "out.csv")], []):  # a file, and stdout
        rc = main(["extract", str(src), *args])
        captured = capsys.readouterr()
        assert rc == 0, captured.err
        text = (tmp_path / "out.csv").read_text(encoding="utf-8") if args else captured.out
        assert_no_formula(text)
        sentences = pd.read_csv(io.StringIO(text), dtype=str)["sentence"]
        for f in FORMULAS:
            assert sentences.str.startswith("'" + f).any(), f


def test_csv_safe_is_idempotent_and_leaves_numbers():
    df = pd.DataFrame({"s": ["=1+1", "'=x", "ok", "-x", None], "v": [-1.5, 2.0, 3.0, 4.0, 5.0]})
    once = csv_safe(df)
    assert once["s"].tolist()[:4] == ["'=1+1", "'=x", "ok", "'-x"]
    assert csv_safe(once).equals(once)  # the batch re-reads and re-writes CSVs
    buf = io.StringIO()
    write_table(df, buf)
    assert buf.getvalue().splitlines()[1] == "'=1+1,-1.5"


# --- the papermill parameters cell ----------------------------------------------------------

HOSTILE_PARAMS = {
    "region": 'x"; import os; os.system("touch /tmp/pwned") #',
    "report_year": 2024,
    "source": '/data/a\nb\'\'\'"""\\";print(1)#/2024.txt',
    "out_dir": "\\\"\n__import__('os').system('id')\n",
    "data_dir": "{0}%s${x}`id`\x00\r\u2028",
}


def injected(params: dict) -> dict:
    """The values the injected parameters cell of notebooks/brief.ipynb binds, read with
    ``ast`` (the cell must be nothing but ``name = literal`` assignments)."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(ROOT / "notebooks" / "brief.ipynb"))
    nb = parameterize_notebook(nb, params)
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    tree = ast.parse(cell.source)
    out = {}
    for node in tree.body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.dump(node)
        out[node.targets[0].id] = ast.literal_eval(node.value)
    return out


def test_parameters_cell_binds_hostile_strings_exactly():
    assert injected(HOSTILE_PARAMS) == HOSTILE_PARAMS


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from(["region", "source", "out_dir", "data_dir"]), st.text()))
def test_parameters_cell_binds_any_string_exactly(params):
    assert injected(params) == params


@pytest.mark.slow
def test_region_folder_with_code_in_its_name_runs_nothing(tmp_path, capsys):
    """Code in a region folder's name: refused as a region name (quotes are not part of one),
    a newline too; code in the data folder's path reaches the parameters cell as a literal."""
    # Relative: a folder name cannot hold "/". The kernel runs in the notebook's folder.
    name = 'x"; open("PWNED", "w").close(); y="z'
    control = 'x"; open("PWNED", "w").close(); y="\nz'  # a newline: not a region name at all
    data = tmp_path / 'd"; open("PWNED", "w").close(); d="'  # any path is a parameter
    nb_dir = ROOT / "tests" / "fixtures" / "reliability"
    for folder in (name, control, "r"):
        region = data / folder
        region.mkdir(parents=True)
        (region / "2024.txt").write_text(hostile_report(2024), encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["batch", "--data", str(data), "--out", str(out), "--formats",
               "html", "--notebook", str(nb_dir / "light_brief.ipynb")])  # fmt: skip
    captured = capsys.readouterr()
    assert rc == 1, captured.err
    failed = sorted(ln for ln in captured.err.splitlines() if ln.startswith("FAILED"))
    assert len(failed) == 2 and all(f.startswith('FAILED x"; open("PWNED"') for f in failed)
    assert "contains a control character" in failed[0], failed
    assert "contains '\"'" in failed[1], failed
    assert not any((d / "PWNED").exists() for d in (nb_dir, tmp_path, Path.cwd(), ROOT))
    assert not (out / name / "2024" / "brief.html").exists()
    assert not (out / control / "2024" / "brief.html").exists()
    page = (out / "r" / "2024" / "brief.html").read_text(encoding="utf-8")
    assert_inert(page)
    assert_inert((out / "index.html").read_text(encoding="utf-8"))


# --- data folders from someone else (issue 18) ----------------------------------------------

SECRET = "机密：这一行不应出现在任何输出中。地区生产总值增长9.9%。"


def _data_with_links(tmp_path: Path) -> tuple[Path, Path]:
    """``data/x`` (2025 real, 2026 a link to a file outside), ``data/y`` (a link to a folder
    outside), ``data/w`` (2025) and ``data/z`` (a link to ``w``, inside the data folder)."""
    outside = tmp_path / "outside"
    (outside / "y").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "y" / "2026.txt").write_text(SECRET, encoding="utf-8")
    data = tmp_path / "data"
    for region in ("x", "w"):
        (data / region).mkdir(parents=True)
        (data / region / "2025.txt").write_text(hostile_report(2025), encoding="utf-8")
    (data / "x" / "2026.txt").symlink_to(outside / "secret.txt")
    (data / "y").symlink_to(outside / "y", target_is_directory=True)
    (data / "z").symlink_to(data / "w", target_is_directory=True)
    return data, outside


def test_links_leaving_the_data_folder_are_refused_for_their_year(tmp_path):
    from analysis.extract.files import discover

    data, outside = _data_with_links(tmp_path)
    found = discover(data)
    assert sorted(found) == ["w", "x", "y", "z"]  # z keeps its own name: w is not overwritten
    assert sorted(found["x"].by_year) == [2025] and sorted(found["z"].by_year) == [2025]
    assert found["x"].refused == {
        2026: f"{data / 'x' / '2026.txt'}: a link to {outside / 'secret.txt'}, outside the "
        f"data folder {data}"
    }
    assert found["y"].by_year == {}
    assert found["y"].refused == {
        2026: f"{data / 'y'}: a link to {outside / 'y'}, outside the data folder {data}"
    }


@pytest.mark.parametrize("command", ["extract", "source"])
def test_extract_and_source_refuse_a_report_linking_out(tmp_path, capsys, command):
    data, outside = _data_with_links(tmp_path)
    link = data / "x" / "2026.txt"
    rc = main([command, str(link), "-o", str(tmp_path / "o.html" if command == "source"
                                             else tmp_path / "o.csv")])  # fmt: skip
    err = capsys.readouterr().err
    assert rc == 1
    assert err == (f"briefs {command}: error: {link}: a link to {outside / 'secret.txt'}, "
                   f"outside the data folder {data}\n")  # fmt: skip
    assert not (tmp_path / "o.html").exists() and not (tmp_path / "o.csv").exists()


def test_extract_of_a_folder_reads_none_of_its_links_out(tmp_path, capsys):
    data, outside = _data_with_links(tmp_path)
    rc = main(["extract", str(data / "x"), "-o", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert rc == 1  # one file refused; the other extracted and written
    assert err.splitlines() == [
        f"briefs extract: error: {data / 'x' / '2026.txt'}: a link to "
        f"{outside / 'secret.txt'}, outside the data folder {data / 'x'}"
    ]
    table = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert set(table["report_year"]) == {"2025"}
    assert not table["sentence"].str.contains("机密").any()


@pytest.mark.slow
def test_batch_builds_the_other_years_and_publishes_nothing_from_outside(tmp_path, capsys):
    data, _ = _data_with_links(tmp_path)
    out = tmp_path / "out"
    rc = main(["batch", "--data", str(data), "--out", str(out), "--formats", "html",
               "--notebook", str(ROOT / "tests" / "fixtures" / "reliability" /
                                 "light_brief.ipynb")])  # fmt: skip
    err = capsys.readouterr().err
    assert rc == 1, err
    failed = sorted(ln for ln in err.splitlines() if ln.startswith("FAILED"))
    assert [ln.split(":")[0] for ln in failed] == ["FAILED x 2026", "FAILED y 2026"], err
    assert all("outside the data folder" in ln for ln in failed)
    for region in ("x", "w", "z"):  # the linked folder z built under its own name
        assert (out / region / "2025" / "brief.html").is_file()
    for f in out.rglob("*"):
        if f.is_file() and f.suffix in (".html", ".json", ".csv", ".ipynb"):
            assert "机密" not in f.read_text(encoding="utf-8"), f


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("丙(测试)#省", "contains '#'"),
        ("甲<b>省", "contains '<'"),
        ('乙"省', "contains '\"'"),
        ("丁%20省", "contains '%'"),
        ("省" * 65, "is longer than 64 characters (65)"),
        ("戊\x85省", "contains a control character"),
        ("己\u202e省", "contains a bidirectional control (U+202E)"),
        ("庚\u2066省", "contains a bidirectional control (U+2066)"),
        ("辛\u200b省", "contains an invisible format character (U+200B)"),
    ],
)
def test_one_rule_for_a_region_name_in_import_and_batch(tmp_path, capsys, name, problem):
    """What import refuses, the batch refuses too, with the same reason (one function)."""
    from analysis.errors import AnalysisError
    from analysis.extract.metadata import read_region_meta
    from analysis.tables.year import validate_params

    f = tmp_path / "in.jsonl"
    row = {"province": name, "year": 2026, "full_text": hostile_report(2026)}
    f.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["import", str(f), "--data", str(tmp_path / "raw")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"briefs import: error: {f}:1: region name ") and problem in err
    assert len(err.splitlines()) == 1 and not (tmp_path / "raw").exists()
    with pytest.raises(AnalysisError, match=re.escape(problem)):
        validate_params(name, 2026)
    if "\x85" not in name:  # a folder of that name, made by hand: refused when read
        folder = tmp_path / "hand" / name
        folder.mkdir(parents=True)
        with pytest.raises(AnalysisError, match=re.escape(problem)):
            read_region_meta(folder)


@pytest.mark.parametrize("name", ["丙(测试)省", "某 县", "新建文件夹 (2)", "hunan-2", "湘西·州"])
def test_a_name_import_accepts_the_batch_accepts(tmp_path, name):
    from analysis.extract.metadata import read_region_meta
    from analysis.ingest import import_file
    from analysis.tables.year import validate_params

    f = tmp_path / "in.jsonl"
    row = {"province": name, "year": 2026, "full_text": hostile_report(2026)}
    f.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (path,) = import_file(f, tmp_path / "raw")
    assert validate_params(path.parent.name, 2026) == (name, 2026)
    assert read_region_meta(path.parent).slug == name


def test_a_region_toml_linking_out_is_refused_and_a_link_loop_is_named(tmp_path):
    from analysis.errors import MetadataError
    from analysis.extract.files import discover
    from analysis.extract.metadata import read_region_meta

    data, outside = _data_with_links(tmp_path)
    (outside / "config.toml").write_text('name = "机密"\n', encoding="utf-8")
    (data / "w" / "region.toml").symlink_to(outside / "config.toml")
    with pytest.raises(MetadataError, match="region.toml: a link to .*outside the data folder"):
        read_region_meta(data / "w")
    (data / "x" / "2024.txt").symlink_to(data / "x" / "2024.txt")  # a loop
    found = discover(data)
    assert found["x"].refused[2024].startswith(f"{data / 'x' / '2024.txt'}: cannot be read (")
    assert sorted(found["x"].by_year) == [2025]


def test_the_comparison_refuses_a_link_leaving_the_data_folder(tmp_path):
    """``briefs compare`` and the compare notebook find reports as the batch does: a year whose
    file links out of the data folder is a failed entry, never read."""
    from analysis.tables.compare import read_entries

    secret = tmp_path / "secret.txt"
    secret.write_text("机密。地区生产总值增长9.9%。", encoding="utf-8")
    data = tmp_path / "data"
    (data / "甲省").mkdir(parents=True)
    (data / "甲省" / "2026.txt").symlink_to(secret)
    (data / "乙省").mkdir()
    (data / "乙省" / "2026.txt").write_text("地区生产总值增长5%。", encoding="utf-8")
    entries = {e.region: e for e in read_entries(data, 2026)}
    assert entries["乙省"].status == "ok"
    assert entries["甲省"].status == "failed" and entries["甲省"].table is None
    assert entries["甲省"].error.endswith(f"a link to {secret}, outside the data folder {data}")
