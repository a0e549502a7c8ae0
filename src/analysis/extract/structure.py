"""A report: normalised text, metadata, and its structure (sections, paragraphs, sentences).

All offsets are character offsets into :attr:`Report.text`, the normalised text.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.extract import vocabulary
from analysis.extract.load import read_text
from analysis.extract.metadata import (
    RegionMeta,
    SourceInfo,
    guess_year,
    read_region_meta,
    reviewed_period,
)
from analysis.extract.normalise import normalise

#: What a part of a report does (the indicator table's ``scope`` column): reviews the past
#: year, reviews the five-year period, outlines the next five-year plan, sets this year's
#: targets (the 主要预期目标 passage), sets out this year's tasks, or anything else (the
#: preamble, the closing and what follows it: notes, glossaries, lists of 民生实事 repeated).
ROLES: tuple[str, ...] = ("review_year", "review_plan", "next_plan", "targets", "tasks", "other")
REVIEW_ROLES = frozenset({"review_year", "review_plan"})


@dataclass(frozen=True)
class Section:
    """A top-level section. ``number`` 0 is the preamble before the first heading."""

    number: int
    title: str
    start: int
    end: int
    is_target_part: bool = False
    forward: bool = False  # plans for the report year (今年工作任务), not a review
    role: str = "other"  # the role its title gives it (see ROLES); paragraphs may switch it


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
    #: (start, end, role) of every paragraph, in order, covering the text (see :data:`ROLES`).
    parts: list[tuple[int, int, str]] = field(default_factory=list)

    def role_at(self, offset: int) -> str:
        """The role of the part of the report holding ``offset`` (``other`` outside parts)."""
        i = bisect.bisect_right(self._part_starts, offset) - 1
        if i >= 0 and offset < self.parts[i][1]:
            return self.parts[i][2]
        return "other"

    @property
    def _part_starts(self) -> list[int]:
        if len(self.__dict__.get("_starts", ())) != len(self.parts):
            self.__dict__["_starts"] = [p[0] for p in self.parts]
        return self.__dict__["_starts"]

    @property
    def source_info(self) -> SourceInfo | None:
        """Title, source URL and publish date of this report from ``region.toml``, if known."""
        return self.meta.reports.get(self.report_year)

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
    r"^[ 　]*((?:(?:19|20)\d\d年)?[^\n。！？；;!?，,：:\d%（(]{2,24})[ 　]*$(?=\n+[^\n]{25,})", re.M
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
    if len(heads) >= 2 and _is_contents(text, heads):
        heads = []  # only a table of contents: the text after it has no headings of its own
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
    """Headings of ``pattern`` whose numbers rise 1, 2, 3 … in order.

    A list that restarts at 一 inside a section (十件民生实事: 一、…。二、…。) is not a run of
    headings: when its next item could also be the next heading, an item that ends with a
    sentence mark is the list's.
    """
    heads: list[tuple[int, str]] = []
    expected = 1
    listed = 0  # the last number of a list restarted inside the current section
    for m in pattern.finditer(text):
        n = _cn_small(m.group("top") or m.group("part"))
        if heads and n == 1 and _is_contents(text, heads):
            # 一、二、三 listed at the top with no sentence between them, then 一 again: the
            # first run was a table of contents (a reposted report's outline), not sections.
            heads, expected, listed = [], 1, 0
        elif heads and n == 1:
            listed = 1
            continue
        ends_sentence = m.group("title").rstrip().endswith(("。", "；", ";", "！"))
        if listed and n == listed + 1 and (n != expected or ends_sentence):
            listed = n
            continue
        if n != expected:
            continue
        listed = 0
        title = _heading_title(m.group("title"))
        if not title:  # a bare numeral line (一): the next line's opening words name it
            nxt = re.match(r"\n*([^\n]*)", text[m.end() :]).group(1)
            title = _heading_title(re.split(r"[，,：:]", nxt, maxsplit=1)[0])[:20]
        heads.append((m.start(), title))
        expected += 1
    return heads


_CONTENTS_CHARS = 600


def _is_contents(text: str, heads: list[tuple[int, str]]) -> bool:
    """True when ``heads`` (a run of headings from 一) are a table of contents: consecutive
    lines holding no sentence (or one line listing 一、… 二、…), as a reposted report's
    outline printed before the report."""
    end = text.find("\n", heads[-1][0])
    block = text[heads[0][0] : len(text) if end < 0 else end]
    if len(block) > _CONTENTS_CHARS or re.search(r"[。！？；!?;]", block):
        return False
    lines = block.count("\n") + 1
    one_line = len(heads) == 1 and re.search(r"二[、.．][^。]*三[、.．]", block[2:])
    return lines == len(heads) >= 2 or bool(one_line)


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


# --- roles -------------------------------------------------------------------------------

_PLAN_NO = re.compile(r"十([一二三四五六七八九])(?:五|个五年)")
# In a paragraph's opening, a five-year plan named as a period (“十四五”时期, 回望“十四五”),
# not in passing (2025年是“十四五”收官之年).
_PLAN_PERIOD_OPENING = re.compile(
    r"(?:回望|回顾|经过|纵观)“?十([一二三四五六七八九])五|"
    r"十([一二三四五六七八九])五”?(?:时期|以来|期间|规划|发展|这)"
)
# 本届政府 frames the government's term, unless it names its first year (本届政府的开局之年).
_PAST_FIVE = re.compile(
    r"过去五年|过去的五年|五年来|这五年|经过五年|五年间|本届政府(?!的?(?:开局|第一年|首年))|的五年"
)
_NEXT_FIVE = re.compile(r"今后五年|未来五年|下一个五年")
_PAST_YEAR = re.compile(r"过去一年|过去的一年|一年来|刚刚过去|的一年|去年")
_REVIEW_TITLE = re.compile(r"回顾|过去|成绩|成就|工作情况|总结")
_SENTENCE_MARK = re.compile(r"[。！？；!?;：:]")
_SALUTATION = re.compile(r"^各位代表[！!，,：:]*")
_CLOSING = re.compile(r"让我们")


def _plan_role(numeral: str, report_year: int) -> str | None:
    """十四五 in a report of ``report_year``: a review (ended), the next plan, or None (running)."""
    first = 1951 + 5 * (10 + _cn_small(numeral))  # 十一五 → 2006 … 十五五 → 2026
    if first + 4 < report_year:
        return "review_plan"
    if first >= report_year:
        return "next_plan"
    return None


def _markers(head: str, report_year: int, period: int, title: bool) -> list[tuple[int, str]]:
    """(position, role) of every scope marker in a title or a paragraph's opening."""
    found: list[tuple[int, str]] = []
    plan = _PLAN_NO if title else _PLAN_PERIOD_OPENING
    for m in plan.finditer(head):
        role = _plan_role(next(g for g in m.groups() if g), report_year)
        if role:
            found.append((m.start(), role))
    found += [(m.start(), "review_plan") for m in _PAST_FIVE.finditer(head)]
    found += [(m.start(), "next_plan") for m in _NEXT_FIVE.finditer(head)]
    found += [(m.start(), "review_year") for m in _PAST_YEAR.finditer(head)]
    if title:
        found += [(m.start(), "review_year") for m in re.finditer(f"{period}年(?!代)", head)]
    if period != report_year:
        this_year = (
            f"{report_year}年(?!代)|今年|明年" if title else f"^(?:{report_year}年|今年|明年)"
        )
        found += [(m.start(), "tasks") for m in re.finditer(this_year, head)]
    else:  # delivered at the end of the year it reviews: 明年 plans, 今年 reviews
        target = f"{report_year + 1}年(?!代)|{vocabulary.alternation('next_year')}"
        found += [
            (m.start(), "tasks") for m in re.finditer(target if title else f"^(?:{target})", head)
        ]
        if not title:
            found += [(m.start(), "review_year") for m in re.finditer(r"^今年", head)]
    return sorted(found)


def target_year_words(report_year: int, period: int) -> str:
    """A regex of the words naming the year a report's targets are for: 今年 and the report
    year, or, in a report delivered at the end of the year it reviews, 明年 and the next."""
    if period == report_year:
        return f"{vocabulary.alternation('next_year')}|{report_year + 1}年(?!以来)"
    return f"{vocabulary.alternation('this_year')}|{report_year}年(?!以来)"


def title_role(title: str, report_year: int, period: int) -> tuple[str | None, frozenset[str]]:
    """The role a section's title gives it (None: says nothing, the section inherits) and the
    roles its paragraphs may switch to (a title naming the year and the five-year period)."""
    found = _markers(title, report_year, period, title=True)
    if not found:
        if _REVIEW_TITLE.search(title):
            return "review_year", REVIEW_ROLES
        if _FORWARD.search(title):
            return "tasks", frozenset({"tasks"})
        return None, frozenset()
    roles = {r for _, r in found}
    role = found[0][1]
    if role in REVIEW_ROLES or _REVIEW_TITLE.search(title):
        roles |= REVIEW_ROLES
    return role, frozenset(roles)


def find_parts(
    text: str,
    sections: list[Section],
    report_year: int,
    period: int,
    targets: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int, str]]:
    """(start, end, role) of every paragraph (a line of the normalised text).

    A section starts in the role of its title (a title that says nothing keeps the previous
    section's role: ``全面加强政府自身建设`` after the year's tasks, the ``（一）`` items of a
    report without numbered headings); a paragraph whose opening names its period switches the
    role for itself and the paragraphs after it, among the roles the title allows (刚刚过去的
    2025年 → the year; 五年来 / “十四五”时期 → the five-year period; “十五五”时期 → the next
    plan; 今年 / 2026年 → the year's tasks). A paragraph in one of the ``targets`` spans (the
    year's 主要预期目标) in a part on the next plan or before any heading switches to the
    year's tasks, so the figures to reach after it are the year's too (a section that plans
    five years and then the year, an excerpt without headings). The preamble, the closing paragraph (各位代表！…
    让我们…) and everything after it (notes, glossaries) are ``other``.
    """
    closing = _closing_start(text)
    parts: list[tuple[int, int, str]] = []
    # Before the first heading (the preamble, or a whole excerpt without headings) a
    # paragraph is ``other`` until a sentence's opening names its period.
    role, allowed = "other", frozenset(ROLES) - {"other"}
    for sec in sections:
        if sec.number == 1:
            if role == "other":
                # A body whose first heading says nothing opens, as reports do, with the review.
                role, allowed = "review_year", REVIEW_ROLES
            else:
                # The text before the first heading named its periods (an excerpt whose only
                # headings are list items): its paragraphs go on naming them.
                allowed = frozenset(ROLES) - {"other"}
        if sec.number > 0:
            r, a = title_role(sec.title, report_year, period)
            if r is not None:
                role, allowed = r, a
            elif role == "next_plan" and "tasks" in allowed:
                role, allowed = "tasks", frozenset({"tasks"})  # after a plan-and-year section
            if role == "tasks":
                allowed = allowed | {"tasks"}
        pos = sec.start
        while pos < sec.end:
            nl = text.find("\n", pos, sec.end)
            end = sec.end if nl < 0 else nl
            if pos >= closing:
                parts.append((pos, end, "other"))
            else:
                head = _SALUTATION.sub("", text[pos : min(end, pos + 80)])
                # In the preamble only a paragraph that is a sentence (not the title or the
                # dateline, 2026年某市政府工作报告) may name its period.
                if _SENTENCE_MARK.search(text, pos, end) if sec.number == 0 else pos > sec.start:
                    # The year's tasks may give way to the next plan (a national report of a
                    # plan's first year explains the plan), never to a review; and the next
                    # plan to the year (今年/2026年 opening a paragraph of a plan's section).
                    ok = allowed | {"next_plan"} if role == "tasks" else allowed
                    if role == "next_plan":
                        ok = ok | {"tasks"}
                    found = [
                        (at, r)
                        for at, r in _markers(head, report_year, period, title=False)
                        if r in ok
                    ]
                    if found:
                        role = found[0][1]
                    elif head.startswith(f"{period}年") and "review_year" in allowed:
                        role = "review_year"
                if role in ("other", "next_plan") and any(a <= end and pos < b for a, b in targets):
                    role, allowed = "tasks", allowed | {"tasks"}
                parts.append((pos, end, role))
            pos = end + 1
    return parts


def _closing_start(text: str) -> int:
    """Where the closing paragraph (各位代表！…让我们…) starts; ``len(text)`` when none."""
    lines = [m.start() for m in re.finditer(r"^", text, re.M)]
    for start in reversed(lines):
        if start < len(text) * 0.6:
            break
        end = text.find("\n", start)
        line = text[start : len(text) if end < 0 else end]
        if _CLOSING.search(line):
            prev = text.rfind("\n", 0, max(0, start - 1)) + 1
            if line.startswith("各位代表") or _SALUTATION.fullmatch(text[prev : start - 1]):
                return prev if not line.startswith("各位代表") else start
    return len(text)


def find_target_spans(
    text: str,
    sentences: list[Sentence],
    parts: list[tuple[int, int, str]] | None = None,
    report_year: int | None = None,
    period: int | None = None,
) -> list[tuple[int, int]]:
    """Spans of the part that sets this year's targets: from a target cue to the end of its
    paragraph, or of the next paragraph when the cue ends with a colon and the list follows.
    With ``parts``, a cue in the five-year review, in the next five-year plan (“十五五”时期…的
    主要目标是) or in the preamble sets no target of this year, unless the sentence itself says
    it sets this year's (see :func:`_sets_year_targets`)."""
    spans: list[tuple[int, int]] = []
    starts = [p[0] for p in parts or []]
    for s in sentences:
        if not _TARGET_CUE.search(text, s.start, s.end):
            continue
        if parts:
            i = bisect.bisect_right(starts, s.start) - 1
            if (
                i >= 0
                and parts[i][2] in ("review_plan", "next_plan", "other")
                and not (
                    report_year is not None
                    and _sets_year_targets(
                        text,
                        s,
                        parts[i][0],
                        report_year,
                        report_year - 1 if period is None else period,
                    )  # fmt: skip
                )
            ):
                continue
        end = text.find("\n", s.start)
        end = len(text) if end < 0 else end
        if text[s.start : end].rstrip().endswith(("：", ":")):
            nxt = text.find("\n", end + 1)
            end = len(text) if nxt < 0 else nxt
        spans.append((s.start, end))
    return spans


# The year's cue, as annual reports word it: 主要预期目标是/为 (a plan has 主要目标).
_ANNUAL_CUE = re.compile(r"主要预期目标(?:建议)?(?:是|为)")
# What names another period than the year: a plan, its years, an average over years.
_OTHER_PERIOD = re.compile(
    r"十[一二三四五六七八九](?:五|个五年)|五年|年均|(?:19|20)\d\d年(?:前|底前)?(?!度)"
)


def _sets_year_targets(
    text: str, s: Sentence, para_start: int, report_year: int, period: int
) -> bool:
    """True when the cue sentence ``s`` sets this year's targets by its own words, wherever it
    stands: it is worded as the year's (主要预期目标是), or it (or its paragraph before it)
    names the report year (今年, 2026年) and no other period."""
    own = text[s.start : s.end]
    before = text[para_start : s.start]
    # The clause holding the cue says whose goals they are (“十五五”时期…的主要目标是); a plan
    # named elsewhere in the sentence (按照“十五五”规划部署，今年…) does not make them the plan's.
    cue = _TARGET_CUE.search(own)
    clause = re.split(r"[，,；;：:]", own[: cue.start()])[-1] + cue.group()
    this_year = re.compile(target_year_words(report_year, period))
    target = f"{period + 1}年"
    if any(m.group() != target for m in _OTHER_PERIOD.finditer(clause)):
        return False
    return bool(_ANNUAL_CUE.search(own) or this_year.search(own) or this_year.search(before))


def _cue_sentences(sentences: list[Sentence], spans: list[tuple[int, int]]) -> list[Sentence]:
    """The sentence each target span opens with."""
    starts = [s.start for s in sentences]
    return [sentences[bisect.bisect_left(starts, a)] for a, _ in spans]


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
    period = reviewed_period(text, report_year)
    sections = split_sections(text)
    sentences = split_sentences(text, sections)
    parts = find_parts(text, sections, report_year, period)
    spans = find_target_spans(text, sentences, parts, report_year, period)
    setting = [
        sp
        for sp, s in zip(spans, _cue_sentences(sentences, spans), strict=True)
        if _sets_year_targets(text, s, text.rfind("\n", 0, s.start) + 1, report_year, period)
    ]
    if setting:  # the paragraphs after the year's targets plan the year
        parts = find_parts(text, sections, report_year, period, setting)
    parts = _with_targets(parts, spans)
    roles = {}
    role = "review_year"
    for s in sections:
        r, _ = title_role(s.title, report_year, period) if s.number else (None, None)
        role = r or role
        roles[s.number] = role if s.number else "other"
    sections = [
        Section(
            s.number,
            s.title,
            s.start,
            s.end,
            is_target_part=any(s.start <= a < s.end for a, _ in spans),
            forward=roles[s.number] in ("tasks", "next_plan"),
            role=roles[s.number],
        )  # fmt: skip
        for s in sections
    ]
    return Report(
        path=p,
        text=text,
        region=region or meta.slug,
        report_year=report_year,
        period=period,
        meta=meta,
        sha256=hashlib.sha256(p.read_bytes()).hexdigest(),
        sections=sections,
        sentences=sentences,
        target_spans=spans,
        parts=parts,
    )


def _with_targets(
    parts: list[tuple[int, int, str]], spans: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """``parts`` with the paragraphs a target span covers in the ``targets`` role."""
    if not spans:
        return parts
    return [
        (a, b, "targets" if any(s <= a < e or a <= s < b for s, e in spans) else role)
        for a, b, role in parts
    ]
