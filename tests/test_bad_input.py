"""Bad input at the command level: ``briefs extract`` and ``briefs batch`` as a user runs them.

Every case: one line on stderr naming the file and the problem (no traceback), a non-zero exit,
nothing written (and nothing lost: an earlier output stays as it was); in a batch the other
years still build and the index shows the failure. Encodings and traditional characters work
and give the same figures as the UTF-8 simplified twin.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.errors import InputError, OutputError
from analysis.extract.files import RegionReports, discover
from analysis.extracted import report_table
from analysis.run import jobs, regions
from analysis.store import atomic_path, write_table
from analysis.tables import trends as ttrends

FIXTURE = Path(__file__).parent / "fixtures" / "briefs" / "yangli"
LIGHT_NB = Path(__file__).parent / "fixtures" / "reliability" / "light_brief.ipynb"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def blank_pdf() -> bytes:
    """A PDF whose page has no text layer, like a scan."""
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(595, 842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def corrupt_docx() -> bytes:
    """A ZIP that claims to be a Word document but whose document.xml is not XML."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><<<not xml")
    return buf.getvalue()


#: name → (file name, bytes, the problem the error line must state)
BAD: dict[str, tuple[str, bytes, str]] = {
    "empty": ("2015.txt", b"", "empty file"),
    "whitespace": ("2016.txt", " \n\t\u3000\u200b\n".encode(), "only whitespace"),
    "binary junk .txt": ("2017.txt", bytes(range(256)) * 8, "binary data"),
    "image named .pdf": ("2018.pdf", PNG, "not a PDF (looks like a PNG image)"),
    "corrupt docx": ("2019.docx", corrupt_docx(), "corrupt DOCX"),
    "corrupt pdf": ("2020.pdf", b"%PDF-1.4\n1 0 obj <</Type /Catalog", "corrupt PDF"),
    "scanned pdf": ("2021.pdf", blank_pdf(), "no text layer (a scanned PDF?); run OCR first"),
}


def cli(capsys, *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def assert_one_line_error(err: str, command: str, path: Path | str, problem: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"briefs {command}: error: {path}: "), lines[0]
    assert problem in lines[0], lines[0]


# --- briefs extract -------------------------------------------------------------------------


def test_extract_missing_path(tmp_path, capsys):
    rc, out, err = cli(capsys, "extract", str(tmp_path / "nowhere.txt"))
    assert rc == 1 and out == ""
    assert_one_line_error(err, "extract", tmp_path / "nowhere.txt", "no such file")


@pytest.mark.parametrize("case", list(BAD))
def test_extract_bad_file_one_line_error_and_nothing_written(case, tmp_path, capsys):
    name, data, problem = BAD[case]
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out.csv"
    rc, stdout, err = cli(capsys, "extract", str(src), "-o", str(out))
    assert rc == 1 and stdout == ""
    assert_one_line_error(err, "extract", src, problem)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no output, no temp file


def test_extract_failure_loses_nothing(tmp_path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("earlier,output\n1,2\n", encoding="utf-8")
    (tmp_path / "2015.txt").write_bytes(b"")
    rc, _, _ = cli(capsys, "extract", str(tmp_path / "2015.txt"), "-o", str(out))
    assert rc == 1
    assert out.read_text(encoding="utf-8") == "earlier,output\n1,2\n"


def test_extract_no_year_asks_for_year(tmp_path, capsys, sample_path):
    text = sample_path.read_text(encoding="utf-8")
    # The sample's title line carries the year: drop it so neither the name nor the title has one.
    body = "\n".join(ln for ln in text.splitlines() if not re.search(r"(19|20)\d\d年", ln))
    src = tmp_path / "mouxian" / "report.txt"
    src.parent.mkdir()
    src.write_text(body, encoding="utf-8")
    rc, _, err = cli(capsys, "extract", str(src))
    assert rc == 1
    assert_one_line_error(err, "extract", src, "pass --year")
    rc, out, err = cli(capsys, "extract", str(src), "--year", "2023")
    assert rc == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert len(table) > 0 and set(table["report_year"]) == {2023}


def test_extract_folder_reports_each_bad_file_and_writes_the_good(tmp_path, capsys, sample_path):
    folder = tmp_path / "mouxian"
    folder.mkdir()
    shutil.copy(sample_path, folder / "2023.txt")
    (folder / "2015.txt").write_bytes(b"")
    (folder / "2018.pdf").write_bytes(PNG)
    out = tmp_path / "all.csv"
    rc, _, err = cli(capsys, "extract", str(folder), "-o", str(out))
    assert rc == 1
    lines = err.splitlines()
    assert len(lines) == 2 and "Traceback" not in err
    assert f"{folder / '2015.txt'}: empty file" in lines[0]
    assert f"{folder / '2018.pdf'}: not a PDF" in lines[1]
    assert set(pd.read_csv(out)["report_year"]) == {2023}


def traditional(text: str, config: str = "s2t") -> str:
    from opencc import OpenCC

    return OpenCC(config).convert(text)


TWINS = {
    "gb18030": lambda s: s.encode("gb18030"),
    "gbk": lambda s: s.encode("gbk", errors="strict"),
    "utf-16": lambda s: s.encode("utf-16"),
    "utf-16-le no BOM": lambda s: s.encode("utf-16-le"),
    "utf-8 BOM": lambda s: s.encode("utf-8-sig"),
    "traditional utf-8": lambda s: traditional(s).encode("utf-8"),
    "traditional gb18030": lambda s: traditional(s).encode("gb18030"),
    "traditional big5 (Taiwan)": lambda s: traditional(s, "s2tw").encode("big5"),
}
COMPARED = ["indicator", "name", "kind", "period", "value", "low", "high", "unit", "qualifier",
            "masked", "is_target", "text", "start", "end"]  # fmt: skip


@pytest.mark.parametrize("encoding", list(TWINS))
def test_encodings_give_the_same_figures_as_the_utf8_twin(encoding, tmp_path, capsys, sample_path):
    text = sample_path.read_text(encoding="utf-8")
    (tmp_path / "u").mkdir()
    (tmp_path / "x").mkdir()
    (tmp_path / "u" / "2023.txt").write_text(text, encoding="utf-8")
    (tmp_path / "x" / "2023.txt").write_bytes(TWINS[encoding](text))
    tables = []
    for folder in ("u", "x"):
        out = tmp_path / f"{folder}.csv"
        rc, _, err = cli(capsys, "extract", str(tmp_path / folder / "2023.txt"), "--region",
                         "mouxian", "-o", str(out))  # fmt: skip
        assert rc == 0, err
        tables.append(pd.read_csv(out))
    utf8, twin = tables
    assert len(utf8) > 50
    pd.testing.assert_frame_equal(utf8[COMPARED], twin[COMPARED])


def test_very_large_file_is_refused_with_the_limit(tmp_path, capsys):
    from analysis.extract.load import MAX_BYTES

    src = tmp_path / "2023.txt"
    with open(src, "wb") as f:  # sparse: no 64 MB written to disk
        f.truncate(MAX_BYTES + 1)
    rc, _, err = cli(capsys, "extract", str(src))
    assert rc == 1
    assert_one_line_error(err, "extract", src, "file too large")
    assert "limit is 64 MB" in err


LONG_LINE = """
import resource, sys
from pathlib import Path
from analysis.cli import main
src = Path(sys.argv[1])
src.write_text("2023年政府工作报告\\n" + "地区生产总值增长5%全年粮食产量增长2%" * 1000, encoding="utf-8")
rc = main(["extract", str(src), "--region", "x", "-o", str(src.with_suffix(".csv"))])
print(rc, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.slow
def test_long_line_without_punctuation_in_bounded_memory(tmp_path):
    # 20,000 characters on one line, no sentence end, 2,000 figures: in a child process, so a
    # blow-up cannot take the test run down with it (today: 0.6 GB and a 100 MB CSV; a normal
    # report of that size needs ~130 MB).
    import subprocess
    import sys

    src = tmp_path / "2023.txt"
    done = subprocess.run([sys.executable, "-c", LONG_LINE, str(src)], capture_output=True,
                          text=True, timeout=600)  # fmt: skip
    rc, max_mb = map(int, done.stdout.split())
    assert rc == 0, done.stderr
    table = pd.read_csv(src.with_suffix(".csv"), usecols=["text", "start", "end"])
    assert len(table) == 2000 and set(table["text"]) == {"5%", "2%"}
    assert max_mb < 400, f"{max_mb} MB for a 20,000-character report"


def test_report_without_sections_or_figures_extracts_empty_or_preamble(tmp_path, capsys):
    src = tmp_path / "2023.txt"
    src.write_text(
        "2023年政府工作报告\n各位代表：过去一年，我们团结奋斗，开拓进取。", encoding="utf-8"
    )
    out = tmp_path / "out.csv"
    rc, _, err = cli(capsys, "extract", str(src), "--region", "x", "-o", str(out))
    assert rc == 0, err
    assert len(pd.read_csv(out)) == 0  # a header, no rows: a valid empty table


# --- outputs that cannot be written ---------------------------------------------------------


def test_extract_output_folder_cannot_be_created(tmp_path, capsys, sample_path):
    # A regular file where a folder should be: fails even for root (who ignores permissions).
    blocker = tmp_path / "blocker"
    blocker.write_text("a file", encoding="utf-8")
    out = blocker / "sub" / "out.csv"
    rc, _, err = cli(capsys, "extract", str(sample_path), "-o", str(out))
    assert rc == 1
    assert_one_line_error(err, "extract", out, "cannot write: Not a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_extract_read_only_output_folder(tmp_path, capsys, sample_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        rc, _, err = cli(capsys, "extract", str(sample_path), "-o", str(ro / "out.csv"))
    finally:
        ro.chmod(0o700)
    assert rc == 1
    assert_one_line_error(err, "extract", ro / "out.csv", "Permission denied")
    assert list(ro.iterdir()) == []


def test_permission_denied_becomes_one_line_and_no_file(tmp_path, monkeypatch):
    # What a read-only folder does for a non-root user, simulated for everyone.
    def deny(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr("analysis.store.tempfile.mkstemp", deny)
    with pytest.raises(OutputError, match=r"out\.csv: cannot write: Permission denied$"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []


def _disk_full_after(n: int):
    """A ``to_csv`` that writes ``n`` bytes, then fails as a full disk does."""

    def to_csv(self, path, *args, **kwargs):
        Path(path).write_bytes(b"x" * n)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    return to_csv


def test_extract_full_disk_one_line_no_partial_file_nothing_lost(
    tmp_path, capsys, monkeypatch, sample_path
):
    out = tmp_path / "out.csv"
    out.write_text("earlier\n", encoding="utf-8")
    monkeypatch.setattr(pd.DataFrame, "to_csv", _disk_full_after(4096))
    rc, _, err = cli(capsys, "extract", str(sample_path), "-o", str(out))
    assert rc == 1
    assert_one_line_error(err, "extract", out, "cannot write: No space left on device")
    assert out.read_text(encoding="utf-8") == "earlier\n"  # the earlier output is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temp file left


def test_atomic_files_get_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        with atomic_path(tmp_path / "a.txt") as tmp:
            tmp.write_text("x", encoding="utf-8")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


# --- briefs batch ---------------------------------------------------------------------------


def test_batch_unwritable_out_fails_before_any_job(tmp_path, capsys):
    data = tmp_path / "data" / "r"
    data.mkdir(parents=True)
    shutil.copy(FIXTURE / "2024.txt", data / "2024.txt")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file", encoding="utf-8")
    rc, out, err = cli(capsys, "batch", "--data", str(tmp_path / "data"), "--out",
                       str(blocker / "out"))  # fmt: skip
    assert rc == 1 and out == ""
    assert_one_line_error(err, "batch", blocker / "out", "cannot write: Not a directory")


def test_batch_two_files_for_one_year_fail_that_year(tmp_path):
    region = tmp_path / "data" / "r"
    region.mkdir(parents=True)
    (region / "2023.txt").write_text("x", encoding="utf-8")
    (region / "2023.html").write_text("x", encoding="utf-8")
    (region / "2024.txt").write_text("x", encoding="utf-8")
    found = discover(tmp_path / "data")
    assert found["r"].duplicates == {2023: ["2023.html", "2023.txt"]}
    assert sorted(found["r"].by_year) == [2024]  # the ambiguous year is not guessed


@pytest.mark.slow
def test_batch_bad_inputs_fail_alone_and_the_index_shows_them(tmp_path, capsys):
    """Each bad file fails its own year with its one-line problem; the good years build (a
    report with no figures says so), the trends brief leaves the bad years out with a note, the
    index lists every failure, and nothing is written outside --out."""
    data = tmp_path / "data"
    region = data / "坏 输入"  # a space and Chinese characters in the folder name
    region.mkdir(parents=True)
    for name, content, _ in BAD.values():
        (region / name).write_bytes(content)
    (region / "2022.txt").write_text("2022年政府工作报告\n各位代表：过去一年，我们团结奋斗。",
                                      encoding="utf-8")  # fmt: skip
    shutil.copy(FIXTURE / "2024.txt", region / "2024.txt")
    (region / "2023.txt").write_text("x", encoding="utf-8")  # two files for 2023
    (region / "2023.html").write_text("<p>x</p>", encoding="utf-8")
    escape = data / "逃逸"  # region.toml names a slug that climbs out of --out
    escape.mkdir()
    shutil.copy(FIXTURE / "2024.txt", escape / "2024.txt")
    (escape / "region.toml").write_text('slug = "../../escape"\n', encoding="utf-8")
    out = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*") if out not in p.parents}

    rc, stdout, err = cli(capsys, "batch", "--data", str(data), "--out", str(out),
                          "--formats", "html")  # fmt: skip
    assert rc == 1
    assert "Traceback" not in err
    failed = {ln.split(":")[0] for ln in err.splitlines() if ln.startswith("FAILED")}
    years = [2015, 2016, 2017, 2018, 2019, 2020, 2021]
    assert failed == {f"FAILED 坏 输入 {y}" for y in [*years, 2023]} | {"FAILED 逃逸 2024"}, err
    assert "region slug '../../escape' contains a path separator" in err
    for name, _, problem in BAD.values():
        line = next(ln for ln in err.splitlines() if ln.startswith(f"FAILED 坏 输入 {name[:4]}:"))
        assert f"{region / name}: {problem}" in line, line
        assert not (out / "坏 输入" / name[:4] / "brief.html").exists()
    assert "two report files for 2023 (2023.html, 2023.txt)" in err

    for year in (2022, 2024):
        d = out / "坏 输入" / str(year)
        assert (d / "brief.html").stat().st_size > 0 and (d / "provenance.json").exists()
    no_figures = (out / "坏 输入" / "2022" / "brief.html").read_text(encoding="utf-8")
    assert "报告中没有提取到数字指标" in no_figures

    trends = (out / "坏 输入" / "trends.html").read_text(encoding="utf-8")
    assert "无法读取，未纳入本简报" in trends and "2015.txt: empty file" in trends

    index = (out / "index.html").read_text(encoding="utf-8")
    assert "共" in index and "失败9项" in index
    for _, _, problem in BAD.values():
        assert html_escape(problem) in index
    assert {p for p in tmp_path.rglob("*") if out not in p.parents and p != out} == before
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*.running.ipynb"))
    prov = json.loads((out / "坏 输入" / "2024" / "provenance.json").read_text(encoding="utf-8"))
    assert prov["parameters"]["region"] == "坏 输入"


def html_escape(s: str) -> str:
    import html

    return html.escape(s, quote=True)


FULL_DISK_HOOK = """
import errno, os
from pathlib import Path

import weasyprint

_real = weasyprint.HTML.write_pdf


def _write_pdf(self, target=None, *args, **kwargs):
    if target is not None and "/2021/" in str(target):
        Path(target).write_bytes(b"%PDF-1.7\\n" + b"x" * 4096)  # a partial file
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
    return _real(self, target, *args, **kwargs)


weasyprint.HTML.write_pdf = _write_pdf
"""


@pytest.mark.slow
def test_batch_full_disk_fails_that_brief_with_no_partial_output(tmp_path, capsys, monkeypatch):
    """The disk fills up while 2021's PDF is written (simulated in the spawned workers through
    a sitecustomize on PYTHONPATH): that brief fails with one line, none of its outputs has a
    final name, the other year builds."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(FULL_DISK_HOOK, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(hook))
    data = tmp_path / "data" / "r"
    data.mkdir(parents=True)
    for y in (2020, 2021):
        (data / f"{y}.txt").write_text(f"{y}年工作报告。", encoding="utf-8")
    out = tmp_path / "out"
    rc, _, err = cli(capsys, "batch", "--data", str(tmp_path / "data"), "--out", str(out),
                     "--notebook", str(LIGHT_NB))  # fmt: skip
    assert rc == 1
    failed = [ln for ln in err.splitlines() if ln.startswith("FAILED")]
    assert failed == [
        f"FAILED r 2021: {out / 'r' / '2021' / 'brief.pdf'}: cannot write: No space left on device"
    ], err
    # The report's stored extraction, complete (made before the brief ran), and no brief.*.
    left = sorted(p.name for p in (out / "r" / "2021").iterdir() if not p.name.startswith("."))
    assert left == ["indicators.csv", "indicators.parquet", "report.json"]
    assert not list(out.rglob("*.tmp"))
    assert (out / "r" / "2020" / "brief.pdf").read_bytes().rstrip().endswith(b"%%EOF")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "No space left on device" in index and 'href="r/2020/brief.pdf"' in index


def test_trends_leave_out_unreadable_and_doubled_reports_with_a_note(tmp_path):
    from analysis.briefs import trends
    from analysis.errors import InputError

    folder = tmp_path / "yangli"
    folder.mkdir()
    for name in ("2023.txt", "2024.txt", "region.toml"):
        shutil.copy(FIXTURE / name, folder / name)
    (folder / "2021.txt").write_bytes(b"")
    (folder / "2022.txt").write_text("2022年工作报告", encoding="utf-8")
    (folder / "2022.html").write_text("<p>2022年工作报告</p>", encoding="utf-8")
    t = ttrends.load(folder, "yangli")
    assert t.years == [2023, 2024]
    assert t.skipped == ["2021.txt: empty file", "2022.html、2022.txt: two report files for 2022"]
    header = trends.header_html(t)
    assert "以下2份报告无法读取，未纳入本简报：2021.txt: empty file；" in header

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "2023.txt").write_bytes(b"")
    with pytest.raises(InputError, match=r"no readable report \(2023.txt: empty file\)"):
        ttrends.load(empty)


def test_outputs_stay_inside_out_whatever_the_names(tmp_path):
    data = tmp_path / "data"
    names = ["某 县", 'a"b', "a\nb", "a..b", "-rf", "$(id)"]
    for name in [*names, "..a"]:
        (data / name).mkdir(parents=True)
        (data / name / "2023.txt").write_text("x", encoding="utf-8")
    out = (tmp_path / "out").resolve()
    planned = jobs.plan_briefs(discover(data), out)
    # ..a is hidden (a name starting with a dot): not a region, as for every command.
    assert sorted(j.region for j in planned) == sorted(names)
    for j in planned:
        assert Path(j.out_dir).resolve().parent.parent == out, j.out_dir
    for bad in ("../data", "/etc", ".."):
        with pytest.raises(InputError, match="no reports for region"):
            discover(data, regions=[bad])


def test_region_targets_keep_targets_stated_as_absent(tmp_path):
    """targets.csv in a batch holds the targets a report says it does not set (as in 2020: no
    GDP growth target), like ``briefs targets`` (the batch's region outputs dropped them)."""
    src = tmp_path / "data" / "r" / "2024.txt"
    src.parent.mkdir(parents=True)
    src.write_text(
        "2024年政府工作报告\n一、2023年工作回顾\n地区生产总值增长5.2%。\n二、2024年工作安排\n"
        "今年发展主要预期目标是：城镇新增就业1200万人以上；居民消费价格涨幅3%左右。"
        "我们没有提出全年经济增速具体目标。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report_table(src, "r", 2024, out / "r" / "2024")
    assert regions.write_region_outputs(out, "r", [2024]) == ""
    targets = pd.read_csv(out / "r" / "targets.csv")
    gdp = targets[(targets["indicator"] == "gdp") & (targets["period"] == 2024)]
    assert len(gdp) == 1 and pd.isna(gdp["target_low"].iloc[0])
    assert gdp["target_text"].iloc[0] == "我们没有提出全年经济增速具体目标"


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path, capsys):
    # 200 KB on disk, 100 MB of XML inside: without the check, parsing took ~0.5 GB.
    src = tmp_path / "2023.docx"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b"<w:document><w:body>")
            para = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
            for _ in range(100_000):
                f.write(para)
            f.write(b"</w:body></w:document>")
    assert src.stat().st_size < 2**20
    rc, _, err = cli(capsys, "extract", str(src))
    assert rc == 1
    assert_one_line_error(err, "extract", src, "DOCX expands to 99 MB (the limit is 64 MB")


# --- issue 18: deep markup, year digits, pipes and devices, a full disk in the comparison ----


@pytest.mark.parametrize("depth", [20_000, 100_000])
def test_deeply_nested_html_is_linear(tmp_path, depth):
    """20,000 nested <div> took 20–76 s (quadratic: a tree edited per tag), 100,000 over a
    minute; one pass over the parser's events takes well under a second for either."""
    import time

    from analysis.extract.load import read_text

    f = tmp_path / "2026.html"
    inner = "<p>地区生产总值增长5%。</p>"
    f.write_text("<html><body>" + "<div>" * depth + inner + "</div>" * depth + "<p>尾</p>",
                 encoding="utf-8")  # fmt: skip
    t0 = time.perf_counter()
    text = read_text(f)
    took = time.perf_counter() - t0
    assert took < 3, took
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert lines == ["地区生产总值增长5%。", "尾"]  # nothing lost past any depth


def test_html_text_is_the_visible_text():
    from analysis.extract.load import html_to_text

    page = ("<html><head><title>标题</title><style>p{x:1}</style></head><body><p>一<b>二</b>"
            "<br>三&amp;四</p><script>alert(1)</script><noscript><p>无</p></noscript>"
            "<template><p>模板</p></template><!-- 注释 --><div>五</div></body></html>")  # fmt: skip
    lines = [ln for ln in html_to_text(page).splitlines() if ln]
    assert lines == ["标题", "一二", "三&四", "五"]


@pytest.mark.parametrize(
    ("name", "year"),
    [("2024.txt", 2024), ("２０２４.txt", 2024), ("20２４年报告.txt", 2024),
     ("20240305.txt", 2024), ("20٢٤.txt", None), ("٢٠٢٤.txt", None), ("x٢2024.txt", None),
     ("1939.txt", None), ("2100.txt", None)],
)  # fmt: skip
def test_one_rule_for_year_digits_in_file_names(name, year):
    from analysis.extract.files import year_in_name

    assert year_in_name(Path(name)) == year


def test_a_year_in_other_digits_is_no_year(tmp_path, capsys):
    f = tmp_path / "r" / "20٢٤.txt"
    f.parent.mkdir()
    f.write_text("各位代表：地区生产总值增长5%。", encoding="utf-8")
    rc, _, err = cli(capsys, "extract", str(f))
    assert rc == 1
    assert_one_line_error(err, "extract", f, "no report year in the file name or title")
    g = tmp_path / "r" / "２０２４.txt"
    g.write_text("各位代表：地区生产总值增长5%。", encoding="utf-8")
    rc, out, _ = cli(capsys, "extract", str(g))
    assert rc == 0 and set(pd.read_csv(io.StringIO(out))["report_year"]) == {2024}


def test_year_arguments_follow_the_same_rule(capsys):
    assert jobs.parse_years("２０２３-2024") == {2023, 2024}
    with pytest.raises(InputError):
        jobs.parse_years("٢٠٢٤")
    with pytest.raises(SystemExit) as e:
        main(["compare", "٢٠٢٤"])
    assert e.value.code == 2
    assert "'٢٠٢٤' is not a year (1940–2099)" in capsys.readouterr().err


def test_region_toml_nested_deeply_is_one_line(tmp_path):
    from analysis.errors import MetadataError
    from analysis.extract.metadata import read_region_meta

    (tmp_path / "region.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(MetadataError, match=r"region\.toml: cannot read region metadata \(nested"):
        read_region_meta(tmp_path)


def _special(tmp_path: Path, kind: str) -> tuple[Path, str]:
    f = tmp_path / "r" / "2024.txt"
    f.parent.mkdir(exist_ok=True)
    if kind == "fifo":
        os.mkfifo(f)
        return f, "a named pipe (FIFO), not a report file"
    f.symlink_to("/dev/zero")
    return f, "a link to /dev/zero, a character device, not a report file"


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("command", ["extract", "source"])
def test_a_pipe_or_a_device_is_named_as_what_it_is(tmp_path, capsys, kind, command):
    f, problem = _special(tmp_path, kind)
    out = tmp_path / ("o.html" if command == "source" else "o.csv")
    rc, _, err = cli(capsys, command, str(f), "-o", str(out))
    assert (
        rc == 1 and not out.exists()
    )  # (a link to /dev/zero leaves the data folder too: named as a device first)
    assert_one_line_error(err, command, f, problem)


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_batch_refuses_a_pipe_or_a_device_for_its_year(tmp_path, kind):
    f, _ = _special(tmp_path / "data", kind) if (tmp_path / "data").mkdir() is None else None
    (f.parent / "2023.txt").write_text("2023年工作报告。", encoding="utf-8")
    found = discover(tmp_path / "data")
    assert sorted(found["r"].by_year) == [2023]  # read without opening the pipe
    what = "a named pipe (FIFO)" if kind == "fifo" else "a link to /dev/zero, a character device"
    assert found["r"].refused[2024] == f"{f}: {what}, not a report file"


def _enospc(path: Path):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_writing_a_comparison_manifest_fails_that_year_named(tmp_path, monkeypatch):
    from analysis.run import compare_jobs

    out = tmp_path / "out"
    manifest = out / "compare" / "2026" / "regions.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text('{"earlier": true}\n', encoding="utf-8")
    monkeypatch.setattr(compare_jobs, "manifest", lambda *a: {"year": 2026, "regions": []})
    real = Path.write_text

    def half_then_full(self, text, *a, **k):
        real(self, text[: len(text) // 2], *a, **k)
        _enospc(self)

    monkeypatch.setattr(Path, "write_text", half_then_full)
    found = {"a": RegionReports(tmp_path / "data" / "a", by_year={2026: Path("2026.txt")})}
    failures: list = []
    assert compare_jobs.plan(out, found, ("html",), failures=failures) == []
    monkeypatch.undo()
    assert [(r.kind, r.report_year, r.status, r.error) for r in failures] == [
        ("compare", 2026, "failed", f"{manifest}: cannot write: No space left on device")
    ]
    assert manifest.read_text(encoding="utf-8") == '{"earlier": true}\n'  # untouched
    assert [p.name for p in manifest.parent.iterdir()] == ["regions.json"]  # no temporary
    with pytest.raises(OutputError, match="regions.json: cannot write"):  # outside a batch
        monkeypatch.setattr(compare_jobs, "manifest", lambda *a: {"year": 2026, "regions": []})
        monkeypatch.setattr(Path, "write_text", half_then_full)
        compare_jobs.plan(out, found, ("html",))


def test_full_disk_while_papermill_writes_a_notebook_names_the_file(tmp_path, monkeypatch):
    from analysis.run import worker
    from analysis.run.compare_jobs import CompareJob

    src = tmp_path / "regions.json"
    src.write_text("{}", encoding="utf-8")
    nb = tmp_path / "compare.ipynb"
    nb.write_text("{}", encoding="utf-8")
    out = tmp_path / "compare" / "2026"
    job = CompareJob("compare", "compare", 2026, str(out), str(src), str(nb), {}, ("html",))

    def execute_notebook(*a, **k):  # papermill saves the notebook as it runs
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    import papermill  # the worker imports it when a job runs (the batch process never does)

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    result = worker.run(job)
    assert result.status == "failed"
    assert result.error == f"{out / 'compare.ipynb'}: cannot write: No space left on device"
    assert sorted(p.name for p in out.iterdir() if not p.name.endswith(".lock")) == []


@pytest.mark.parametrize("command", ["extract", "source"])
def test_a_file_name_in_another_encoding_is_one_line(tmp_path, capsys, command, sample_path):
    """A GBK-named file on a UTF-8 system: Python holds its name with lone surrogates, which
    no UTF-8 output (the source view, report.json) can write."""
    folder = tmp_path / "r"
    folder.mkdir()
    f = Path(os.fsdecode(os.fsencode(folder) + "/2023报告.txt".encode("gbk")))
    shutil.copy(sample_path, f)
    out = tmp_path / ("o.html" if command == "source" else "o.csv")
    rc, _, err = cli(capsys, command, str(f), "-o", str(out))
    assert rc == 1 and not out.exists()
    assert err == (f"briefs {command}: error: {str(folder)}/2023\\udcb1\\udca8\\udcb8\\udce6.txt: "
                   "the path is not valid UTF-8 (a name in another encoding?); rename it\n")  # fmt: skip
