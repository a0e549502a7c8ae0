"""read_text(): encodings, HTML, DOCX, PDF, and one InputError per kind of bad input."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import InputError
from analysis.extract.load import read_text
from analysis.extract.normalise import normalise

FIXTURES = Path(__file__).parent / "fixtures" / "load"
REPORT = (
    "2023年某县人民政府工作报告\r\n"
    "各位代表：\r\n"
    "　　2022年是本届政府的开局之年。全年地区生产总值达到512.6亿元，增长5.2%；\r\n"
    "城镇和农村常住居民人均可支配收入分别达到38520元、16430元。\r\n"
    "一、2022年工作回顾\r\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- plain text: every encoding of the same report reads the same ----------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: s.encode("utf-8-sig"),
        lambda s: s.encode("gbk"),
        lambda s: s.encode("gb18030"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: b"\xfe\xff" + s.encode("utf-16-be"),
        lambda s: s.encode("utf-16-le"),  # BOM-less: found by the NUL pattern
        lambda s: s.encode("utf-16-be"),
        lambda s: s.encode("utf-32"),
    ],
    ids=[
        "utf-8",
        "utf-8-sig",
        "gbk",
        "gb18030",
        "utf-16",
        "utf-16-be-bom",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
    ],
)
def test_encodings_read_identically(tmp_path: Path, encode) -> None:
    p = _write(tmp_path, "2023.txt", encode(REPORT))
    text = read_text(p)
    assert text == REPORT
    assert normalise(text).startswith(
        "2023年某县人民政府工作报告\n各位代表：\n2022年是本届政府的开局之年。"
    )


def test_gb18030_only_characters_decode(tmp_path: Path) -> None:
    # 㘵 is outside GBK: a GB18030 four-byte sequence
    p = _write(tmp_path, "r.txt", "地名㘵镇，增长5%。".encode("gb18030"))
    assert read_text(p) == "地名㘵镇，增长5%。"


def test_big5_traditional_twin_gives_the_same_normalised_text(tmp_path: Path) -> None:
    # Big5 bytes are valid GB18030 too; decoded that way they are private-use junk
    traditional = (
        "各位代表：\n過去一年，國內生產總值超過126萬億元，增長5.2%。糧食產量1.39萬億斤。\n"
    )
    simplified = "各位代表：\n过去一年，国内生产总值超过126万亿元，增长5.2%。粮食产量1.39万亿斤。"
    p = _write(tmp_path, "2024.txt", traditional.encode("cp950"))
    assert read_text(p) == traditional
    assert normalise(read_text(p)) == simplified


def test_text_with_almost_no_cjk_is_accepted(tmp_path: Path) -> None:
    p = _write(tmp_path, "short.txt", b"GDP +5.2% (2023)\n")
    assert read_text(p) == "GDP +5.2% (2023)\n"


def test_markup_inside_a_txt_stays_text(tmp_path: Path) -> None:
    raw = "<html><body><script>alert('x')</script><p>增长5%</p></body></html>\n"
    p = _write(tmp_path, "markup.txt", raw.encode())
    assert read_text(p) == raw


def test_sample_report_reads(sample_path: Path) -> None:
    text = read_text(sample_path)
    assert "2022年是本届政府的开局之年" in text
    assert "***亿元" in text


# --- HTML ------------------------------------------------------------------------------------


def test_html_visible_text_one_block_per_line() -> None:
    text = normalise(read_text(FIXTURES / "report.html"))
    lines = text.split("\n")
    assert "2024年某县政府工作报告" in lines
    assert "各位代表：" in lines
    # inline elements join; a stray source line break inside the paragraph is joined
    assert (
        "2023年，全县地区生产总值达到512.6亿元，增长5.2%，一般公共预算收入完成31.2亿元。" in lines
    )
    # entities decoded
    assert "城镇和农村常住居民人均可支配收入分别达到38520元、16430元 ，R&D投入强度<2%。" in lines
    assert "新增就业1.2万人" in lines and "城镇调查失业率5.1%" in lines
    assert "42.3万吨" in text
    # <br> breaks the line: the heading stands alone
    assert "一、2023年工作回顾" in lines
    for hidden in (
        "var track",
        "国内生产总值不应出现",
        "text-indent",
        "请启用JavaScript",
        "模板内容",
        "注释",
    ):
        assert hidden not in text


def test_html_is_sniffed_without_a_suffix(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "2023",
        "<!DOCTYPE html><html><body><p>增长5%。</p><p>下降1%。</p></body></html>".encode(),
    )
    assert normalise(read_text(p)) == "增长5%。\n下降1%。"


def test_html_in_gbk_reads_like_utf8(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='gbk'></head><body><p>地区生产总值增长5.2%。</p></body></html>"
    )
    a = read_text(_write(tmp_path, "a.html", page.encode("utf-8")))
    b = read_text(_write(tmp_path, "b.htm", page.encode("gbk")))
    assert normalise(a) == normalise(b) == "地区生产总值增长5.2%。"


# --- DOCX and PDF (generated at test time) ---------------------------------------------------


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("2023年政府工作报告")
    document.add_paragraph("全年国内生产总值达到121万亿元，增长3%。")
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {
        (0, 0): "指标",
        (0, 1): "数值",
        (1, 0): "粮食产量",
        (1, 1): "1.37万亿斤",
    }.items():
        table.cell(r, c).text = value
    document.add_paragraph("一、过去一年工作回顾")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_cells_in_order(tmp_path: Path) -> None:
    p = _write(tmp_path, "2023.docx", _docx_bytes())
    assert read_text(p) == (
        "2023年政府工作报告\n全年国内生产总值达到121万亿元，增长3%。\n指标\n数值\n粮食产量\n1.37万亿斤\n"
        "一、过去一年工作回顾"
    )


def test_docx_is_recognised_by_content_whatever_its_name(tmp_path: Path) -> None:
    p = _write(tmp_path, "2023.bin", _docx_bytes())
    assert read_text(p).startswith("2023年政府工作报告\n")


@pytest.mark.slow
def test_pdf_text_layer(tmp_path: Path) -> None:
    from weasyprint import HTML

    p = tmp_path / "2023.pdf"
    HTML(
        string="<html><body style='font-family: Noto Sans CJK SC'><p>2023年政府工作报告</p>"
        "<p>全年国内生产总值达到121万亿元，增长3%。</p></body></html>"
    ).write_pdf(p)
    text = normalise(read_text(p))
    assert "2023年政府工作报告" in text
    assert "全年国内生产总值达到121万亿元，增长3%。" in text


@pytest.mark.slow
def test_pdf_page_numbers_are_dropped_and_pages_join(tmp_path: Path) -> None:
    from weasyprint import HTML

    body = "全年国内生产总值达到121万亿元，增长3%。" * 60
    p = tmp_path / "2023.pdf"
    HTML(
        string="<html><head><style>@page { size: A6; @bottom-center { content: '— ' counter(page) ' —'; } }"
        f"body {{ font-family: 'Noto Sans CJK SC'; }}</style></head><body><p>{body}</p></body></html>"
    ).write_pdf(p)
    text = read_text(p)
    assert "— 2 —" not in text and "— 1 —" not in text
    # lines wrap mid-sentence and mid-number across six pages; normalised, the paragraph is whole
    assert normalise(text) == body


@pytest.mark.parametrize(
    ("pages", "kept"),
    [
        (["增长5%。\n— 3 —", "下降2%。\n— 4 —"], ["增长5%。", "下降2%。"]),
        (["- 12 -\n增长5%。\n", "第3页\n增长5%。\n3/20"], ["增长5%。", "增长5%。"]),
        # bare numbers go when they count up with the pages (here from 3: a cover page or two)
        (["增长5%。\n3", "下降2%。\n4\n", "持平。\n5"], ["增长5%。", "下降2%。", "持平。"]),
        # a lone figure ending one page is content: the sentence goes on over the page
        (["国内生产总值增长\n5", ".2%。\n"], ["国内生产总值增长\n5", ".2%。"]),
        (["增长5%。\n2023年"], ["增长5%。\n2023年"]),
    ],
)
def test_drop_page_numbers(pages: list[str], kept: list[str]) -> None:
    from analysis.extract.load import _drop_page_numbers

    assert _drop_page_numbers(pages) == kept


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    from PIL import Image

    p = tmp_path / "scan.pdf"
    Image.new("RGB", (120, 80), "white").save(p)
    with pytest.raises(
        InputError, match=r"scan\.pdf: no text layer \(a scanned PDF\?\); run OCR first"
    ):
        read_text(p)


# --- errors: one line, naming the file --------------------------------------------------------


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", " \r\n\t\u3000\u200b\n".encode(), "only whitespace, no text"),
        (
            "nul.txt",
            b"GDP\x00\x01\x02\x03 5%\x00\x00\x07" * 20,
            "binary data (NUL bytes), not text",
        ),
        (
            "control.txt",
            bytes(range(1, 9)) * 40,
            "binary data (mostly control characters), not text",
        ),
        (
            "junk.txt",
            bytes(range(0x80, 0x100)) * 8,
            "cannot decode the text (not UTF-8, UTF-16 or GB18030)",
        ),
        ("photo.txt", None, "binary data, not text (looks like a PNG image)"),
        ("photo.pdf", None, "not a PDF (looks like a PNG image)"),
        (
            "letter.pdf",
            "各位代表：增长5%。".encode(),
            "not a PDF (looks like text or unknown data)",
        ),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog\ngarbage", "corrupt PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip file at all", "corrupt DOCX"),
        ("letter.docx", "各位代表".encode(), "not a DOCX (looks like text or unknown data)"),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "binary data, not text (looks like an old Office file (.doc/.xls))",
        ),
    ],
)
def test_bad_inputs_raise_one_line_input_errors(
    tmp_path: Path, name: str, data: bytes | None, problem: str
) -> None:
    p = _write(tmp_path, name, _png() if data is None else data)
    with pytest.raises(InputError) as info:
        read_text(p)
    message = str(info.value)
    assert message.startswith(f"{p}: ")
    assert problem in message
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=re.escape(f"{tmp_path / '2023.txt'}: no such file")):
        read_text(tmp_path / "2023.txt")


def test_directory(tmp_path: Path) -> None:
    d = tmp_path / "2023.txt"
    d.mkdir()
    with pytest.raises(InputError, match="2023.txt: is a directory"):
        read_text(d)


def test_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(65 * 2**20)  # sparse: the size is checked before anything is read
    with pytest.raises(
        InputError, match=r"huge\.txt: file too large \(65 MB; the limit is 64 MB\)"
    ):
        read_text(p)


# --- property: random bytes never escape as anything but InputError ---------------------------


@pytest.fixture(scope="module")
def junk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("junk")


_PREFIXES = st.sampled_from(
    [
        b"",
        b"%PDF-1.4\n",
        b"PK\x03\x04",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"<html>",
        b"\x89PNG\r\n\x1a\n",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prefix=_PREFIXES,
    body=st.binary(max_size=600),
    suffix=st.sampled_from([".txt", ".html", ".pdf", ".docx", ""]),
)
def test_random_bytes_give_text_or_input_error(
    junk_dir: Path, prefix: bytes, body: bytes, suffix: str
) -> None:
    p = junk_dir / f"random{suffix}"
    p.write_bytes(prefix + body)
    try:
        text = read_text(p)
    except InputError as exc:
        assert str(exc).startswith(f"{p}: ")
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str) and text.strip()
