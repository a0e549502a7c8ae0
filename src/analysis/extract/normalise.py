r"""Decoded text → normalised text.

Public: :func:`normalise`, and :func:`t2s` (traditional → simplified, exactly as OpenCC t2s).
They run over whole corpora, so each step is a C-level ``str``/``re`` pass guarded by a cheap
test (``"\u200b" in text``, a one-class ``re.search``); the slow ones (traditional → simplified,
per-break decisions) only run where needed. Measured: ~0.5 ms per 10k characters on the
simplified national corpus (~0.9 under load).

Line breaks. Sources break lines at random (web copies wrap the titles of laws, ``PM\n2.5``,
``74.4\n\u200b\n万亿元``). A line holding only zero-width characters is dropped with its break.
Then a break is kept when the line before ends a sentence (``。！？；：!?;:”``, optionally
followed by a closing bracket), when that line is a title (``一、2023年工作回顾``: a heading
marker and no sentence mark), or when the next line opens a paragraph (a heading marker
``一、`` ``（一）`` ``第一部分`` ``第一，`` ``1.`` ``（1）``, or ``各位代表``); a kept break is one
``\n`` however many blank lines it had. Any other single break is joined (a space only between
two Latin letters), and so is any break inside a number (``1\n26.5``). A blank line after a
line with no sentence end and no heading (sub-titles such as ``结束语``, ``关于外交工作``) stays
a blank line ``\n\n``: that keeps the sub-title apart from its paragraph and lets a second
normalisation give the same text (the function is idempotent).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.extract import vocabulary

if TYPE_CHECKING:
    from opencc import OpenCC

# --- character-level tables --------------------------------------------------------------

_ZW = "\u200b\u200c\u200d\u2060\ufeff"
_DIGITS = frozenset("0123456789")
_ZW_CLASS = "[\u200b-\u200d\u2060\ufeff]"
# A line holding only zero-width characters is a copy artefact (an empty <span>): drop the line
# with its break, so "74.4\n\u200b\n万亿元" becomes a stray single break that is joined below.
# (Matched from the break before the line: a literal first character is scanned for fast.)
_ZW_LINE = re.compile(rf"\n[^\S\n]*(?:{_ZW_CLASS}[^\S\n]*)+(?=\n)")

_FULL = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULL.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULL.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
# ＊ too: masked digits in full-width copies must read like the ASCII ``*`` masks.
_FULL.update({"％": "%", "＋": "+", "－": "-", "／": "/", "～": "~", "＊": "*", "\xa0": " "})
_FULL_TABLE = str.maketrans(_FULL)
# "[x][x]*", not "[x]+": re scans ahead for a leading plain class much faster (about 2x).
_FULL_CLASS = "[０-９Ａ-Ｚａ-ｚ％＋－／～＊\xa0]"
_FULL_RUN = re.compile(f"{_FULL_CLASS}{_FULL_CLASS}*")
_FULL_ANY = re.compile("[\uff01-\uff5e\xa0]")
_FULL_STOP = re.compile("(?<=[0-9])．(?=[0-9])")

# --- numbers -----------------------------------------------------------------------------

# Whitespace other than "\n" (what str.isspace accepts), as a positive class: re scans for a
# pattern that opens with a plain class far faster than for one that opens with \s or a
# look-behind, and whitespace inside a line is rare once lines are stripped.
_WS_CLASS = "[\t\x0b\x0c\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_INNER_WS = re.compile(f"{_WS_CLASS}{_WS_CLASS}*")


def _drop_number_space(m: re.Match[str]) -> str:
    """Remove a whitespace run inside a number (``1 234``, ``26 .5``, ``26. 5``, ``5 %``) or
    between a number and the CJK unit after it (``17 个``, ``1993 年``)."""
    text = m.string
    start, end = m.span()
    if start == 0 or end == len(text):
        return m.group()
    before, after = text[start - 1], text[end]
    if before in _DIGITS:
        if (
            after in _DIGITS
            or after == "%"
            or (after == "." and text[end + 1 : end + 2] in _DIGITS)
        ):
            return ""
        if "\u4e00" <= after <= "\u9fff":
            return ""
    elif before == "." and text[start - 2 : start - 1] in _DIGITS and after in _DIGITS:
        return ""
    return m.group()


# --- line breaks -------------------------------------------------------------------------

_END = frozenset("。！？；：!?;:”")
_CLOSE = frozenset("）)」』’”】")
_CN = "一二三四五六七八九十"
_MARKER = (
    rf"(?:[{_CN}]{{1,3}}[、.．]|[（(][{_CN}]{{1,3}}[）)]|第[{_CN}]{{1,3}}(?:部分|章|节|[、，,])"
    r"|[0-9]{1,2}[、.．](?![0-9])|[（(][0-9]{1,2}[）)])"
)
_HEAD_START = re.compile(_MARKER)
# A line that opens a paragraph whatever precedes it: a heading, or the salutation.
_PARA_START = re.compile(f"各位代表|{_MARKER}")
_TITLE_LINE = re.compile(rf"{_MARKER}[^。！？；!?;]*")
_ASCII_LETTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _is_heading_line(line: str) -> bool:
    """A title line: a heading marker and a title with no sentence mark (``一、2023年工作回顾``).
    A bare marker (``（一）``, ``第一，``) is not: it is joined to the line after it."""
    return _TITLE_LINE.fullmatch(line) is not None and _HEAD_START.fullmatch(line) is None


def _ends_sentence(line: str) -> bool:
    """True when ``line`` ends with a sentence mark, possibly followed by a closing bracket."""
    last = line[-1]
    return last in _END or (last in _CLOSE and len(line) > 1 and line[-2] in _END)


def _in_number(line: str, nxt: str) -> bool:
    """True when the break between ``line`` and ``nxt`` falls inside a number (``74.4|万``
    is not, ``1|26.5``, ``26.|5`` and ``26|%`` are)."""
    before, after = line[-1], nxt[0]
    if not (before in _DIGITS or (before == "." and len(line) > 1 and line[-2] in _DIGITS)):
        return False
    return after in _DIGITS or after == "%" or (after == "." and nxt[1:2] in _DIGITS)


# An unnumbered heading (``2026年重点工作``, ``“十四五”时期工作回顾``): a short line without
# sentence marks that does not end in a word that needs a continuation (的, 和 …), followed by
# a line that does not continue it (是：…, ，…). A stray wrap inside a sentence leaves a line
# that does not stand alone after a sentence end, so it is still joined.
_PLAIN_TITLE = re.compile(r"[^。！？；;!?，,：:、%]{2,30}")
_NEEDS_MORE = frozenset("的和及与、了在对把将从向是为之等")
_CONTINUES = re.compile(r"[是为：:，,、的和及与了）)”’%0-9]")


# The document's own title (某市2026年政府工作报告（摘要）): never joined to the text after it.
_DOC_TITLE = re.compile(
    r"[^。！？；;!?，,：:、]{2,40}(?:工作报告|报告|工作总结|摘要|全文)(?:[（(](?:摘要|全文|摘登)[）)])?"
)


def _is_plain_title(line: str, nxt: str, fresh: bool) -> bool:
    return (
        fresh
        and _PLAIN_TITLE.fullmatch(line) is not None
        and line[-1] not in _NEEDS_MORE
        and _CONTINUES.match(nxt) is None
        and len(nxt) > len(line)
    )


def _separator(line: str, nxt: str, blank: bool, fresh: bool = False) -> str:
    """What replaces the break(s) between output line ``line`` and the next input line ``nxt``:
    ``"\n"`` (kept), ``"\n\n"`` (a paragraph break after a line with no sentence end),
    ``""`` or ``" "`` (joined; a space only between two Latin letters). ``fresh``: ``line``
    opened after a kept break that followed a sentence end (it may be an unnumbered heading)."""
    if _ends_sentence(line) or _PARA_START.match(nxt) or _is_heading_line(line):
        return "\n"
    if _DOC_TITLE.fullmatch(line):
        return "\n"
    if _is_plain_title(line, nxt, fresh):
        return "\n"
    if _in_number(line, nxt):
        return ""
    if blank:
        return "\n\n"
    return " " if line[-1] in _ASCII_LETTER and nxt[0] in _ASCII_LETTER else ""


def _join_breaks(text: str) -> str:
    """One pass of the line-break rules over ``text`` (lines already stripped)."""
    out: list[str] = []
    line = ""
    blank = False
    fresh = False  # the current line opened after a sentence end
    for nxt in text.split("\n"):
        if not nxt:
            blank = True
            continue
        if not line:
            line = nxt
        else:
            sep = _separator(line, nxt, blank, fresh)
            if sep in ("", " "):
                line = line + sep + nxt
                fresh = False
            else:
                out.append(line)
                out.append(sep)
                fresh = _ends_sentence(line) or _is_heading_line(line)
                line = nxt
        blank = False
    out.append(line)
    return "".join(out)


# --- copy artefacts ----------------------------------------------------------------------

# Reposting sites print the pinyin of each converted character after it: 地區(qū)生產(chǎn)總值.
# A parenthesised syllable with a tone mark right after a Han character is such an annotation;
# a genuine parenthesis (（试行）, (PM2.5)) has no tone-marked syllable and keeps its text.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[(（][a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}[)）]")
# Site furniture: whole lines of a page's tool bar, source and date lines and photo captions
# before the salutation, and the related-links block at the end.
# The words are data (data/vocabulary/page_*.txt, font_size_buttons, caption_credits).
_SIZES = vocabulary.alternation("font_size_buttons")
_CREDITS = vocabulary.alternation("caption_credits")
_FURNITURE_LINE = re.compile(
    rf"(?:{vocabulary.alternation('page_toolbar')}|{_SIZES}|分享到[:：]?|【?字号[:：]?|】"
    rf"|【字号[:：]?\s*(?:{_SIZES}|\s)*】)"
)
_HEAD_FURNITURE = re.compile(
    rf"[（(]?(?:{vocabulary.alternation('page_labels')})[:：][^。]{{0,60}}[）)]?"
    rf"|[^。！？\n]{{0,60}}(?:{_CREDITS})[^。，；！？\n]{{0,16}}摄?"
    r"|(?:19|20)\d\d-\d\d-\d\d(?:\s+\d\d:\d\d(?::\d\d)?)?"
)
_TAIL_START = re.compile(rf"(?:{vocabulary.alternation('page_tail')}|[（(]来源[:：]|编辑[:：])")
_CAPTION_END = re.compile(rf"(?:{_CREDITS})[^。，；！？]{{0,16}}摄?$|\s摄$")
# Footnote markers after a word or a sentence mark: ［1］ (full width) or [1].
_FOOTNOTE = re.compile(r"(?<=[^\d\s])[［\[]\d{1,2}[］\]]")


def _drop_furniture(text: str) -> str:
    """Drop the page's furniture lines (see above); the report's own lines are kept."""
    lines = text.split("\n")
    captions = frozenset(vocabulary.words("captions"))  # where a picture stood (图片), anywhere
    head_end = next((i for i, ln in enumerate(lines[:60]) if ln.strip().startswith("各位代表")), 0)
    kept = []
    for i, ln in enumerate(lines):
        s = ln.strip()
        if s and (_FURNITURE_LINE.fullmatch(s) or s in captions):
            continue
        if i < head_end and s and _HEAD_FURNITURE.fullmatch(s):
            continue
        if s and len(s) < 100 and _CAPTION_END.search(s):
            continue  # a photo's caption (…记者 某某 摄), in the head or between paragraphs
        tail = i > head_end and s and _TAIL_START.match(s) and len(s) < 60
        if tail and all(len(x.strip()) < 80 for x in lines[i:]):
            break  # the related-links block: everything after it is the page's
        kept.append(ln)
    return "\n".join(kept)


# --- traditional → simplified ------------------------------------------------------------


def _opencc_dictionary(name: str) -> dict[str, str]:
    """An OpenCC dictionary file as ``{key: first candidate}``, parsed the way OpenCC does."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / name
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.strip().partition("\t")
        table[key] = values.split(" ")[0]
    return table


@cache
def _traditional_only() -> re.Pattern[str]:
    """A character class of the characters that exist only in traditional script.

    Built from OpenCC's own TSCharacters table: a character whose first simplified candidate
    is a different character, and which is not itself a simplified character.
    """
    trad = {k for k, v in _opencc_dictionary("TSCharacters.txt").items() if len(k) == 1 and v != k}
    trad -= set(_opencc_dictionary("STCharacters.txt"))
    # BMP only: one astral character in a class makes re fall back to a 100x slower scan, and
    # the common traditional characters are all in the BMP.
    bmp = sorted(c for c in trad if ord(c) < 0x10000)
    return re.compile("[" + "".join(re.escape(c) for c in bmp) + "]")


@cache
def _t2s() -> OpenCC:
    """The t2s converter; loading its dictionaries takes a while, so once per process."""
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _t2s_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """OpenCC t2s as a ``str.translate`` table of its characters and a pattern of its phrases.

    OpenCC's t2s first replaces the phrases of TSPhrases (``一目瞭然``, 277 of them), then maps
    every remaining character through TSCharacters (first candidate). A line that contains no
    phrase is therefore converted exactly by the character table alone, ~100x faster than the
    pure-Python converter; a line with a phrase still goes through OpenCC itself.
    """
    chars = {ord(k): v for k, v in _opencc_dictionary("TSCharacters.txt").items() if v != k}
    phrases = sorted(_opencc_dictionary("TSPhrases.txt"), key=len, reverse=True)
    return chars, re.compile("|".join(re.escape(p) for p in phrases))


def t2s(line: str) -> str:
    """Traditional → simplified, identical to ``opencc.OpenCC("t2s").convert(line)``."""
    chars, phrases = _t2s_tables()
    if phrases.search(line):
        return _t2s().convert(line)
    return line.translate(chars)


def _to_simplified(text: str) -> str:
    """Convert the lines that contain traditional-only characters (most text is already
    simplified, and a mixed report converts only its traditional lines)."""
    trad = _traditional_only()
    if trad.search(text) is None:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if trad.search(line):
            lines[i] = t2s(line)
    return "\n".join(lines)


# --- the pipeline ------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Return the normalised text: simplified characters, half-width digits, letters and
    ``% + - / ~ *``, no zero-width characters, no indentation, no whitespace inside numbers,
    stray line breaks joined, paragraph breaks kept (see the module docstring).

    Idempotent: ``normalise(normalise(t)) == normalise(t)``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "(" in text or "（" in text:
        text = _PINYIN.sub("", text)
    text = _drop_furniture(text)
    if "[" in text or "［" in text:
        text = _FOOTNOTE.sub("", text)
    if any(c in text for c in _ZW):
        text = _ZW_LINE.sub("", "\n" + text)[1:]
        for c in _ZW:
            text = text.replace(c, "")
    if _FULL_ANY.search(text):
        text = _FULL_RUN.sub(lambda m: m.group().translate(_FULL_TABLE), text)
    text = _to_simplified(text)
    text = "\n".join([line.strip() for line in text.split("\n")]).strip()
    text = _INNER_WS.sub(_drop_number_space, text)
    # Joining lines can expose a new decision (a bare marker joined to its title makes a title
    # line; "1．\n5" becomes "1.5"): repeat until stable. Each round removes breaks, so it ends;
    # on real reports the second round changes nothing.
    while True:
        joined = _join_breaks(text)
        if "．" in joined:
            joined = _FULL_STOP.sub(".", joined)
        if joined == text:
            return text
        text = joined
