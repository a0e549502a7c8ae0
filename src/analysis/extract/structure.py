"""A report: normalised text, metadata, and its structure (sections, paragraphs, sentences).

All offsets are character offsets into :attr:`Report.text`, the normalised text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.extract.load import read_text
from analysis.extract.metadata import RegionMeta, guess_year, read_region_meta, reviewed_period
from analysis.extract.normalise import normalise


@dataclass(frozen=True)
class Section:
    """A top-level section. ``number`` 0 is the preamble before the first heading."""

    number: int
    title: str
    start: int
    end: int
    is_target_part: bool = False
    forward: bool = False  # plans for the report year (今年工作任务), not a review


@dataclass(frozen=True)
class Sentence:
    """A sentence ``text[start:end]`` inside section ``section`` and paragraph ``paragraph``."""

    start: int
    end: int
    section: int
    paragraph: int


@dataclass
class Report:
    """A loaded, normalised report with its metadata and structure."""

    path: Path
    text: str
    region: str
    report_year: int
    period: int
    meta: RegionMeta
    sha256: str
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    target_spans: list[tuple[int, int]] = field(default_factory=list)

    def in_target_part(self, offset: int) -> bool:
        """True when ``offset`` lies in a part of the report that sets targets."""
        return any(a <= offset < b for a, b in self.target_spans)


# --- structure ---------------------------------------------------------------------------

_CN_NUM = "一二三四五六七八九十"
# A heading stands alone on its line, or opens a line and ends before the first sentence mark.
_HEADING = re.compile(
    rf"^[ \t　]*(?:(?P<top>[{_CN_NUM}]{{1,3}})[、.．]|第(?P<part>[{_CN_NUM}]{{1,3}})部分[、，,：:\s　]*)"
    r"(?P<title>[^\n]*)$",
    re.M,
)
_SUB_HEADING = re.compile(
    rf"^[ \t　]*(?:[（(](?P<top>[{_CN_NUM}]{{1,3}})[）)]|(?P<part>[{_CN_NUM}]{{1,3}})$)[ 　]*"
    r"(?P<title>[^\n]*)$",
    re.M,
)
_PLAIN_HEADING = re.compile(
    r"^[ 　]*([^\n。！？；;!?，,：:\d%（(]{2,24})[ 　]*$(?=\n+[^\n]{25,})", re.M
)
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』)）]*|\n+")
_TARGET_CUE = re.compile(
    r"主要预期目标|预期目标是|主要目标是|(?:今年|明年)[^。\n]{0,30}(?:目标|要求)是|"
    r"今年(?:的)?计划"
)


def split_sections(text: str) -> list[Section]:
    """Split ``text`` into the preamble (number 0) and its top-level sections.

    ``一、…``/``第一部分`` open a top-level section when they start a line; ``(一)`` items and
    ``一是…二是…`` inside paragraphs are sub-items and stay within their section. Numbers must
    rise in order, which rejects the list in a table of contents sentence. A report without
    such headings (older national reports) is split at ``（一）`` lines, bare numeral lines
    (``一``) and unnumbered heading lines (short lines with no punctuation: ``结束语``).
    """
    heads = _numbered(_HEADING, text)
    if len(heads) < 2:
        subs = _numbered(_SUB_HEADING, text)
        # An unnumbered line that repeats the next numbered heading is its caption, not a head.
        plain = [
            (at, title)
            for at, title in _unnumbered(text)
            if not any(0 < s - at < 200 and title in t for s, t in subs)
        ]
        heads = sorted(subs + plain)
    sections: list[Section] = []
    first = heads[0][0] if heads else len(text)
    sections.append(Section(0, "", 0, first))
    for i, (start, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(i + 1, title, start, end))
    return sections


def _numbered(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """Headings of ``pattern`` whose numbers rise 1, 2, 3 … in order."""
    heads: list[tuple[int, str]] = []
    expected = 1
    for m in pattern.finditer(text):
        if _cn_small(m.group("top") or m.group("part")) != expected:
            continue
        title = _heading_title(m.group("title"))
        if not title:  # a bare numeral line (一): the next line's opening words name it
            nxt = re.match(r"\n*([^\n]*)", text[m.end() :]).group(1)
            title = _heading_title(re.split(r"[，,：:]", nxt, maxsplit=1)[0])[:20]
        heads.append((m.start(), title))
        expected += 1
    return heads


def _unnumbered(text: str) -> list[tuple[int, str]]:
    """Short lines without punctuation that stand alone between paragraphs: headings."""
    return [
        (m.start(), m.group(1))
        for m in _PLAIN_HEADING.finditer(text)
        if m.start() > 0 and not re.match(r"各位代表|第[一二三四五六七八九十]+[、，,]", m.group(1))
    ]


def _heading_title(rest: str) -> str:
    """The heading's title: the rest of the line up to the first sentence mark."""
    title = re.split(r"[。；;]", rest.strip(), maxsplit=1)[0]
    return title.strip(" 　")[:60]


def _cn_small(numeral: str) -> int:
    """一..九十九 → int (headings only go that far)."""
    digits = {c: i + 1 for i, c in enumerate(_CN_NUM[:9])}
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + digits.get(numeral[1:], 0)
    if "十" in numeral:
        a, _, b = numeral.partition("十")
        return digits.get(a, 0) * 10 + (digits.get(b, 0) if b else 0)
    return digits.get(numeral, 0)


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    """Sentences with offsets, numbered by section and paragraph (paragraphs split on newlines).

    A "sentence" longer than :data:`MAX_SENTENCE` characters (a line with no punctuation) is cut
    at its last comma or space before the limit, else at the limit outside a number, so that
    memory and time stay linear in the length of the report.
    """
    out: list[Sentence] = []
    for sec in sections:
        paragraph = 0
        pos = sec.start
        for m in _SENT_END.finditer(text, sec.start, sec.end):
            end = m.end() if "\n" not in m.group() else m.start()
            out.extend(_pieces(text, pos, end, sec.number, paragraph))
            if "\n" in m.group():
                paragraph += 1
            pos = m.end()
        out.extend(_pieces(text, pos, sec.end, sec.number, paragraph))
    return out


MAX_SENTENCE = 300
_SOFT_BREAK = re.compile(r"[，,、：: 　]")
_IN_NUMBER = frozenset("0123456789.*%")


def _pieces(text: str, start: int, end: int, section: int, paragraph: int) -> list[Sentence]:
    """``text[start:end]`` as one sentence, or several when it is too long (see above)."""
    pieces: list[Sentence] = []
    while start < end:
        cut = end
        if end - start > MAX_SENTENCE:
            limit = start + MAX_SENTENCE
            soft = [m.end() for m in _SOFT_BREAK.finditer(text, start + MAX_SENTENCE // 2, limit)]
            cut = soft[-1] if soft else limit
            while (
                not soft
                and cut > start + 1
                and (text[cut - 1] in _IN_NUMBER or text[cut] in _IN_NUMBER)
            ):
                cut -= 1
        if text[start:cut].strip():
            pieces.append(Sentence(*_strip(text, start, cut), section, paragraph))
        start = cut
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t　\n":
        start += 1
    while end > start and text[end - 1] in " \t　\n":
        end -= 1
    return start, end


_FORWARD = re.compile(r"任务|部署|总体要求|工作安排|主要目标|政策取向|工作建议|今年|明年")
_REVIEW = re.compile(r"回顾|过去|成绩|工作情况|主要工作")


def is_forward_title(title: str, report_year: int) -> bool:
    """True for a section that sets out the report year's plans rather than reviewing."""
    if _REVIEW.search(title):
        return False
    return f"{report_year}年" in title or bool(_FORWARD.search(title))


def find_target_spans(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Spans of the part that sets this year's targets: from a target cue to the end of its
    paragraph, or of the next paragraph when the cue ends with a colon and the list follows."""
    spans: list[tuple[int, int]] = []
    for s in sentences:
        if not _TARGET_CUE.search(text, s.start, s.end):
            continue
        end = text.find("\n", s.start)
        end = len(text) if end < 0 else end
        if text[s.start : end].rstrip().endswith(("：", ":")):
            nxt = text.find("\n", end + 1)
            end = len(text) if nxt < 0 else nxt
        spans.append((s.start, end))
    return spans


# --- loading -----------------------------------------------------------------------------


def read_report(path: str | Path, region: str | None = None, year: int | None = None) -> Report:
    """Load ``path``, normalise it and find its metadata and structure.

    ``region`` defaults to the parent folder's name; ``year`` to the year in the file name or
    title (a :class:`~analysis.errors.MetadataError` asks for ``--year`` when there is none).
    """
    p = Path(path)
    raw = read_text(p)
    text = normalise(raw)
    meta = read_region_meta(p.parent)
    report_year = year if year is not None else guess_year(p, text)
    sections = split_sections(text)
    sentences = split_sentences(text, sections)
    spans = find_target_spans(text, sentences)
    sections = [
        Section(
            s.number,
            s.title,
            s.start,
            s.end,
            is_target_part=any(s.start <= a < s.end for a, _ in spans),
            forward=is_forward_title(s.title, report_year),
        )  # fmt: skip
        for s in sections
    ]
    return Report(
        path=p,
        text=text,
        region=region or meta.slug,
        report_year=report_year,
        period=reviewed_period(text, report_year),
        meta=meta,
        sha256=hashlib.sha256(p.read_bytes()).hexdigest(),
        sections=sections,
        sentences=sentences,
        target_spans=spans,
    )
