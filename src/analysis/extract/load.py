"""Bytes on disk → decoded report text (before normalisation).

:func:`read_text` accepts plain text (UTF-8 with or without BOM, UTF-16/32 with BOM, BOM-less
UTF-16, GB18030/GBK), HTML, DOCX and PDF with a text layer. The format comes from the content
first (a PDF or a DOCX is recognised by its magic bytes whatever its name), then from the
suffix; markup is only parsed as HTML when the file is named ``.html``/``.htm`` or has no
``.txt`` suffix and starts like an HTML document: markup inside a ``.txt`` stays text.

Every problem is an :class:`~analysis.errors.InputError` with a one-line message naming the
file; nothing else escapes, whatever the bytes.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.errors import InputError
from analysis.extract.paths import special_file

if TYPE_CHECKING:
    from docx.table import Table

MAX_BYTES = 64 * 2**20
"""Inputs larger than this are refused: a report is well under 1 MB of text."""

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
]
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
# Control characters that never occur in text (tab, newlines and form feed do), replacement
# characters from a lossy decode, and private-use code points.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
# What a report is not made of: anything but CJK ideographs and punctuation, full-width
# forms, ASCII, whitespace and common symbols (a negated class: matches are rare, so cheap).
_IMPLAUSIBLE = re.compile(
    "[^\t\n\r\x0c -~\u00a0\u00b7\u00d7\u2000-\u206f\u2150-\u218f\u2460-\u24ff\u2500-\u257f"
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_BLANK = re.compile("[\\s\u200b-\u200d\u2060\ufeff]*")
_SAMPLE = 200_000


def read_text(path: str | Path) -> str:
    """Read a report file (txt/html/docx/pdf) and return its text, decoded, not yet normalised.

    Raises :class:`InputError` naming the file and the problem.
    """
    p = Path(path)
    data = _read_bytes(p)
    kind = _sniff(p, data)
    if kind == "pdf":
        text = _pdf_text(p, data)
    elif kind == "docx":
        text = _docx_text(p, data)
    elif kind == "html":
        text = html_to_text(decode_bytes(data, p))
    else:
        text = decode_bytes(data, p)
    if _BLANK.fullmatch(text):
        raise InputError(p, "only whitespace, no text")
    return text


def _read_bytes(p: Path) -> bytes:
    """The file's bytes, after the checks that need no content (exists, a file, size)."""
    if _SURROGATE.search(str(p)):  # bytes Python could not decode: no UTF-8 output can name it
        raise InputError(p, "the path is not valid UTF-8 (a name in another encoding?); rename it")
    try:
        if not p.exists():
            raise InputError(p, special_file(p) or "no such file")  # or a dangling link
        if p.is_dir():
            raise InputError(p, "is a directory, not a report file")
        what = special_file(p)
        if what:  # a pipe would block the read, /dev/zero never end it
            raise InputError(p, f"{what}, not a report file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(p, f"file too large ({size / 2**20:.0f} MB; the limit is 64 MB)")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data:
        raise InputError(p, "empty file")
    return data


def describe_bytes(data: bytes) -> str | None:
    """What ``data`` looks like from its magic bytes (``"a PNG image"``), or ``None``."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00":  # reserved bytes: not "BMW…"
        return "a BMP image"
    if data[:1024].lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"%PDF-"):
        return "a PDF"
    return None


def _sniff(p: Path, data: bytes) -> str:
    """``"pdf"``, ``"docx"``, ``"html"`` or ``"text"``; raises when the name promises a format
    the bytes are not."""
    suffix = p.suffix.lower()
    what = describe_bytes(data)
    if what == "a PDF":
        return "pdf"
    if what == "a ZIP archive" and (suffix == ".docx" or _is_docx(data)):
        return "docx"
    if suffix == ".pdf":
        raise InputError(p, f"not a PDF (looks like {what or 'text or unknown data'})")
    if suffix == ".docx":
        raise InputError(p, f"not a DOCX (looks like {what or 'text or unknown data'})")
    if what is not None:
        raise InputError(p, f"binary data, not text (looks like {what})")
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix != ".txt" and _HTML_START.match(
        data[:512].decode("latin-1").lstrip("\ufeff\xef\xbb\xbf")
    ):
        return "html"
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# --- plain text ----------------------------------------------------------------------------


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode text bytes: BOM (UTF-8/16/32), BOM-less UTF-16 (NUL pattern), strict UTF-8,
    strict GB18030, strict Big5 (cp950), then charset-normalizer. Refuses binary data and
    undecodable bytes."""
    text = _decode(data, path)
    _check_plausible(text, path)
    return text


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CHUNK = 2**20


def decode_file(path: str | Path) -> str:
    """A text file decoded as :func:`decode_bytes` decodes it (the same encodings in the same
    order, the same checks), read and decoded 1 MB at a time: the peak is about twice the
    text, where decoding the whole bytes at once peaks near four times the file (the bytes,
    and a decoder buffer sized for the widest character). For big datasets (``briefs import``)."""
    p = Path(path)
    with open(p, "rb") as f:
        head = f.read(_CHUNK)
    if b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(p.read_bytes(), p)  # UTF-16 without a BOM: rare, read whole
    codec = next((c for bom, c in _BOMS if head.startswith(bom)), None)
    for candidate in [codec] if codec else ["utf-8", "gb18030", "cp950"]:
        try:
            text = _decode_chunks(p, candidate)
        except UnicodeDecodeError:
            continue
        # As in _decode: GB18030 reads Big5 bytes too, as junk; take the first that reads.
        if candidate in ("utf-8", codec) or _plausibility_problem(text) is None:
            _check_plausible(text, p)
            return text
    return decode_bytes(p.read_bytes(), p)  # the errors and the last resort of decode_bytes


def _decode_chunks(p: Path, codec: str) -> str:
    decoder = codecs.getincrementaldecoder(codec)("strict")
    parts = []
    with open(p, "rb") as f:
        while chunk := f.read(_CHUNK):
            parts.append(decoder.decode(chunk))
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _decode(data: bytes, path: str | Path) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"cannot decode the text as {codec} (its byte-order mark)"
                ) from exc
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise InputError(path, "binary data (NUL bytes), not text")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Big5 bytes are valid GB18030 too, but decode to private-use code points and kana: take
    # the first of the two that reads as text.
    for codec in ("gb18030", "cp950"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausibility_problem(text) is None:
            return text
    return _guess(data, path)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: the NULs of ASCII characters all sit on one byte parity."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # CJK characters U+xx00 put a few NULs on the other parity; ASCII puts many on one.
    for codec, ascii_nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if ascii_nuls and ascii_nuls >= 4 * other:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return text if _plausible_share(text) >= 0.9 else None
    return None


def _guess(data: bytes, path: str | Path) -> str:
    """Last resort for bytes that are neither UTF-8 nor GB18030 (Big5, Latin-1 …)."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
    except Exception as exc:  # charset-normalizer is heuristic code; never let it crash us
        raise InputError(path, "cannot decode the text (not UTF-8, UTF-16 or GB18030)") from exc
    if best is None:
        raise InputError(path, "cannot decode the text (not UTF-8, UTF-16 or GB18030)")
    return str(best)


def _plausible_share(text: str) -> float:
    sample = text[:_SAMPLE]
    if not sample:
        return 1.0
    return 1 - len(_IMPLAUSIBLE.findall(sample)) / len(sample)


def _plausibility_problem(text: str) -> str | None:
    """Why decoded ``text`` is junk (control characters, or mostly symbols no report uses),
    or ``None``. Text with few CJK characters (short, English, digits) is fine."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        return None  # the caller reports whitespace-only files
    if len(_BAD_CHAR.findall(sample)) > 0.02 * len(sample):
        return "binary data (mostly control characters), not text"
    if _plausible_share(sample) < 0.7:
        return "binary data or an unknown encoding, not readable text"
    return None


def text_problem(text: str) -> str | None:
    """Why a decoded text cannot be a report (``only whitespace, no text``, ``binary data …``),
    or ``None``: the checks :func:`read_text` makes, for a text that comes from elsewhere (a
    dataset's ``full_text``)."""
    if _BLANK.fullmatch(text):
        return "only whitespace, no text"
    return _plausibility_problem(text)


def _check_plausible(text: str, path: str | Path) -> None:
    problem = _plausibility_problem(text)
    if problem:
        raise InputError(path, problem)


# --- HTML ----------------------------------------------------------------------------------

_DROP_TAGS = frozenset({"script", "style", "noscript", "template"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th",
    "thead", "title", "tfoot", "tr", "ul",
})  # fmt: skip


def html_to_text(markup: str) -> str:
    """Visible text of an HTML document: scripts and styles dropped, one line per block
    element and ``<br>``, entities decoded. Inline elements (``<span>``, ``<b>``) join.

    One pass over lxml's parser events, no tree: time and memory are linear in the markup
    (a tree edited per tag was quadratic in the nesting depth: 20,000 nested ``<div>`` took
    40 s), and a parser target has no depth limit (a tree stops at 256 levels, losing the rest).
    """
    from lxml import etree

    collector = _TextCollector()
    parser = etree.HTMLParser(target=collector, no_network=True)
    parser.feed(markup)
    return parser.close()


class _TextCollector:
    """lxml parser target gathering the visible text (see :func:`html_to_text`)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.hidden = 0  # depth inside script, style, noscript, template

    def start(self, tag: str, attrib: object) -> None:
        if tag in _DROP_TAGS:
            self.hidden += 1
        elif not self.hidden and (tag == "br" or tag in _BLOCK_TAGS):
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif not self.hidden and tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def data(self, text: str) -> None:
        if not self.hidden:
            self.parts.append(text)

    def close(self) -> str:
        return "".join(self.parts)


# --- DOCX ----------------------------------------------------------------------------------


def _docx_text(p: Path, data: bytes) -> str:
    """Paragraphs and table cells of the document body, in order, one per line."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        # A few hundred KB can inflate to gigabytes (a zip bomb): check before parsing.
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            inflated = sum(i.file_size for i in z.infolist())
        if inflated > MAX_BYTES:
            raise InputError(
                p, f"DOCX expands to {inflated / 2**20:.0f} MB (the limit is 64 MB; a zip bomb?)"
            )
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, document).text)
            elif tag == "tbl":
                lines.extend(_table_lines(Table(child, document)))
    except InputError:
        raise
    except Exception as exc:  # python-docx, zipfile and lxml raise many types on bad input
        raise InputError(p, f"corrupt DOCX ({_brief(exc)})") from exc
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    """One line per cell paragraph; a merged cell (repeated by python-docx) counts once."""
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            lines.extend(par.text for par in cell.paragraphs)
    return lines


# --- PDF -----------------------------------------------------------------------------------


def _pdf_text(p: Path, data: bytes) -> str:
    """The text layer of every page; a PDF without one is a scan that needs OCR first."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files warn a lot
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(p, "encrypted PDF; remove the password first")
        pages = _drop_page_numbers([page.extract_text() or "" for page in reader.pages])
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(p, f"corrupt PDF ({_brief(exc)})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(p, "no text layer (a scanned PDF?); run OCR first")
    return text


# A decorated page number alone on a line: "- 3 -", "— 3 —", "第3页", "3/20", "3 / 20".
_DECORATED_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–―·]+\s*[0-9]{1,4}\s*[-—–―·]+|第\s*[0-9]{1,4}\s*页|[0-9]{1,4}\s*/\s*[0-9]{1,4})\s*"
)
_BARE_NUMBER = re.compile(r"\s*([0-9]{1,4})\s*")


def _drop_page_numbers(pages: list[str]) -> list[str]:
    """The pages without the page number in their header or footer: left in, it would be joined
    into the sentence that runs across the page break ("增长\n— 3 —\n5.2%"). A decorated number
    always goes; a bare one only when the bare numbers at that end of the pages count up with
    the pages (a lone "5" ending one page may be the figure a sentence continues on the next)."""
    split = [page.split("\n") for page in pages]
    for lines in split:
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
    for end in (-1, 0):
        bare: dict[int, int] = {}
        for i, lines in enumerate(split):
            if not lines:
                continue
            if _DECORATED_PAGE_NUMBER.fullmatch(lines[end]):
                lines.pop(end)
            elif m := _BARE_NUMBER.fullmatch(lines[end]):
                bare[i] = int(m.group(1))
        if len(bare) >= 2 and len({n - i for i, n in bare.items()}) == 1:
            for i in bare:
                split[i].pop(end)
    return ["\n".join(lines) for lines in split]


def _brief(exc: BaseException) -> str:
    """An exception as one short line: ``BadZipFile: File is not a zip file``."""
    detail = " ".join(str(exc).split())
    if len(detail) > 100:
        detail = detail[:99] + "…"
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
