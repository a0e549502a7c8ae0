"""Figures in running text: a number (arabic, Chinese or masked), its unit and its qualifier.

A *figure* is a number anchored to a unit (``***亿元``, ``6.5%``, ``1200万人以上``, ``百亿元``), a
range (``6%-6.5%``), a rank (``全省第一``, ``第*名``) or a streak (``十九连丰``). Anchoring on a
unit is what keeps years (``2022年``), list ordinals (``一是``), codes (``S***``, ``5G``, ``C919``,
``PM2.5``) and masked names (``**县``, ``**届``) out.

Masks: each ``*`` hides one digit; a multi-digit integer has no leading zero; and when a masked
number shows no decimal part the decimals may have been dropped, so the upper bound is the next
integer (``*%`` → [0, 10], ``***亿元`` → [100, 1000]) unless the unit counts whole things (个, 家,
人 …). ``low``/``high`` are therefore sound: the true value always lies inside.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from analysis.extract import vocabulary

#: Scale prefixes that may stand before a base unit, with their factor (longest first).
SCALES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
}

#: Base units (data/vocabulary/units.txt); those in COUNT_UNITS count whole things (a masked
#: count has no hidden decimals); a scale word may not precede those in _UNSCALED (万%).
BASE_UNITS: tuple[str, ...] = vocabulary.words("units")
COUNT_UNITS = frozenset(vocabulary.words("count_units"))
_UNSCALED = frozenset(vocabulary.words("unscaled_units"))

_CN_DIGITS = "零〇一二两三四五六七八九"
CN_ALL = _CN_DIGITS + "十百千万亿"

# Qualifier words written before / after the number, and what they mean.
PREFIX_QUALIFIERS: dict[str, str] = vocabulary.pairs("qualifiers_before")
SUFFIX_QUALIFIERS: dict[str, str] = vocabulary.pairs("qualifiers_after")
_INNER_QUALIFIERS = {"多": "at_least", "余": "at_least"}  # 1万余件, 六千六百多万

NUM_ARABIC = r"[0-9*](?:[0-9*]|,(?=[0-9*]{3}(?![0-9*])))*(?:\.[0-9*]+)?"
NUM_CN = rf"[{CN_ALL}]+(?:点[{_CN_DIGITS}]+)?"
_SCALE = "|".join(SCALES)
_UNIT = "|".join(re.escape(u) for u in BASE_UNITS)
_SUFFIX = "|".join(SUFFIX_QUALIFIERS)
_RANGE_SEP = r"\s?(?:-|－|—|–|~|～|至|到)\s?"

# One figure: optional prefix qualifier, number (or a range of two), 多/余, scale, unit, suffix.
# Patterns start with a character class or a literal so that the regex engine can skip ahead
# quickly; qualifier words before a number are looked up in code (see _prefix_before).
FIGURE_RE = re.compile(
    rf"(?P<num>{NUM_ARABIC}|{NUM_CN})"
    rf"(?:(?P<unit1>%|个百分点|{_SCALE})?{_RANGE_SEP}(?P<num2>{NUM_ARABIC}|{NUM_CN}))?"
    rf"(?P<inner>[多余])?(?P<scale>{_SCALE})?(?P<inner2>[多余])?(?P<unit>{_UNIT})"
    rf"(?P<suffix>{_SUFFIX})?"
)
# 百分之十四点二 (older reports): the unit comes first.
PERCENT_CN_RE = re.compile(
    rf"百分之(?P<num>{NUM_CN})(?:{_RANGE_SEP}(?:百分之)?(?P<num2>{NUM_CN}))?"
    rf"(?P<suffix>{_SUFFIX})?"
)
_RANK_SCOPES = "|".join(vocabulary.words("rank_scopes"))
_NOT_RANK = "".join(vocabulary.words("not_rank_after"))
RANK_RE = re.compile(
    rf"(?P<scope>全(?:{_RANK_SCOPES}))(?P<mid>[^，,。；;：:\n]{{0,14}}?)"
    rf"(?:第(?P<n>[0-9*]+|[{CN_ALL}]+)(?:名|位)?(?![{_NOT_RANK}{CN_ALL}0-9])"
    rf"|(?P<top>{vocabulary.alternation('rank_top_words')})"
    rf"|(?P<strong>[0-9*]+|[{CN_ALL}]+)强)"
)
STREAK_RE = re.compile(
    rf"(?P<n>[0-9]+|[{CN_ALL}]+)(?P<unit>连(?:{'|'.join(vocabulary.words('streaks'))}))"
)
_RANK_DIRECT = re.compile(r"第(?P<n>[0-9*]+|[一二三四五六七八九十]+)(?:名|位)")
_RANK_VERBS = vocabulary.words("rank_verbs")
_PREFIXES_LONGEST = sorted(PREFIX_QUALIFIERS, key=len, reverse=True)

_MILESTONE = re.compile(vocabulary.alternation("milestones"))
# A milestone noun right after a figure, maybe with how many steps (两个) or 新: 5万亿元新台阶.
_STEP_AFTER = re.compile(
    rf"(?:[两二三四五六七八九十0-9]+个)?新?(?:{vocabulary.alternation('milestones')})"
)
_LATIN_BEFORE = re.compile(r"[A-Za-z][-+.]?$")
_LATIN_AFTER = re.compile(r"^[A-Za-z]")


class _Spans:
    """Non-overlapping spans taken so far, kept sorted for O(log n) overlap checks."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.starts, a)
        if i and self.ends[i - 1] > a:
            return False
        return i == len(self.starts) or self.starts[i] >= b

    def add(self, span: tuple[int, int]) -> None:
        i = bisect.bisect_right(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])


@dataclass(frozen=True)
class Figure:
    """A number in the text with its unit and qualifier.

    ``start``/``end`` cover the figure as written including qualifier words (``突破***亿元``).
    ``value`` is None when masked or a range. ``kind_hint`` is ``rank`` or ``streak`` for those
    patterns, else None (kind is decided from context by :mod:`analysis.extract.indicators`).
    """

    start: int
    end: int
    value: float | None
    low: float
    high: float
    unit: str
    qualifier: str
    masked: bool
    factor: float = 1.0
    kind_hint: str | None = None


def parse_arabic(s: str, whole: bool = False) -> tuple[float | None, float, float]:
    """Parse an arabic number that may contain ``*`` masks: ``(value, low, high)``.

    ``whole``: the unit counts whole things, so a masked number cannot hide decimals.

    >>> parse_arabic("***")
    (None, 100.0, 1000.0)
    >>> parse_arabic("*.*")
    (None, 0.0, 9.9)
    """
    s = s.replace(",", "")
    if "*" not in s:
        v = float(s)
        return v, v, v
    ip, _, fp = s.partition(".")
    lo_i = "".join("0" if c == "*" else c for c in ip)
    hi_i = ip.replace("*", "9")
    if len(ip) > 1 and ip[0] == "*":
        lo_i = "1" + lo_i[1:]
    if fp:
        lo = float(lo_i + "." + fp.replace("*", "0"))
        hi = float(hi_i + "." + fp.replace("*", "9"))
    else:
        lo, hi = float(lo_i), float(hi_i)
        if not whole:  # decimals may have been dropped with the digits
            hi += 1
    return None, lo, hi


@functools.lru_cache(maxsize=4096)
def parse_chinese(s: str) -> float | None:
    """Convert a Chinese numeral span (``十九``, ``六千六百``, ``两``) with cn2an; None if invalid."""
    import cn2an  # here, not at the top: ~0.3 s that `briefs` start-up need not pay

    s = s.replace("〇", "零")
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def parse_number(
    s: str, whole: bool, ordinal: bool = False
) -> tuple[float | None, float, float, bool] | None:
    """``(value, low, high, masked)`` for an arabic, masked or Chinese number; None if invalid.

    ``ordinal``: a rank (第一), where a single Chinese digit is the figure.
    """
    if s[0] in "0123456789*":
        v, lo, hi = parse_arabic(s, whole)
        if v is None and "." not in s and len(s.replace(",", "")) == 1 and (whole or ordinal):
            lo = max(lo, 1.0)  # nobody writes 0个 or 第0名
        return v, lo, hi, v is None
    if ordinal:
        v = parse_chinese(s)
        return None if v is None else (v, v, v, False)
    # A bare Chinese digit with a classifier (两个确立, 六个方面), a numeral made only of scale
    # characters (千家万户, 亿万人民) or one opening with 零 (一年零三个月) is phrasing.
    if (len(s) == 1 and s in _CN_DIGITS) or not set(s) - set("十百千万亿") or s[0] in "零〇":
        return None
    v = parse_chinese(s)
    return None if v is None else (v, v, v, False)


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """All figures in ``text[start:end]``, in order, non-overlapping."""
    end = len(text) if end is None else end
    found: list[Figure] = []
    taken = _Spans()
    free = taken.free

    for m in STREAK_RE.finditer(text, start, end):
        n = parse_number(m.group("n"), True, ordinal=True)
        if n and n[0] is not None:
            found.append(
                Figure(m.start(), m.end(), n[0], n[0], n[0], m.group("unit"), "exact", False,
                       kind_hint="streak")
            )  # fmt: skip
            taken.add((m.start(), m.end()))
    for m in PERCENT_CN_RE.finditer(text, start, end):
        fig = _percent_cn_figure(m)
        if fig:
            found.append(fig)
            taken.add((fig.start, fig.end))
    for m in RANK_RE.finditer(text, start, end):
        fig = _rank_figure(m)
        if fig and free(fig.start, fig.end):
            found.append(fig)
            taken.add((fig.start, fig.end))
    for m in _RANK_DIRECT.finditer(text, start, end):
        if not free(m.start(), m.end()) or not text[max(0, m.start() - 2) : m.start()].endswith(
            _RANK_VERBS
        ):
            continue
        parsed = parse_number(m.group("n"), True, ordinal=True)
        if parsed:
            v, lo, hi, masked = parsed
            a = m.start("n") - 1  # from 第
            found.append(Figure(a, m.end(), v, max(lo, 1), hi, "", "exact", masked,
                                kind_hint="rank"))  # fmt: skip
            taken.add((a, m.end()))
    for m in FIGURE_RE.finditer(text, start, end):
        fig = _unit_figure(text, m)
        if fig and free(fig.start, fig.end):
            found.append(fig)
            taken.add((fig.start, fig.end))
    found.sort(key=lambda f: f.start)
    return found


def _rank_figure(m: re.Match[str]) -> Figure | None:
    scope = m.group("scope")
    if m.group("top"):
        return Figure(m.start(), m.end(), 1.0, 1.0, 1.0, scope, "exact", False, kind_hint="rank")
    key = "n" if m.group("n") else "strong"
    parsed = parse_number(m.group(key), True, ordinal=True)
    if not parsed:
        return None
    v, lo, hi, masked = parsed
    lo = max(lo, 1.0)
    if key == "strong":  # 跻身全省**强: rank within the top N
        return Figure(m.start(), m.end(), None if masked else v, 1.0, hi, scope, "at_most",
                      masked, kind_hint="rank")  # fmt: skip
    return Figure(m.start(), m.end(), v, lo, hi, scope, "exact", masked, kind_hint="rank")


def _percent_cn_figure(m: re.Match[str]) -> Figure | None:
    v = parse_chinese(m.group("num"))
    if v is None:
        return None
    low = high = v
    qualifier = "exact"
    if m.group("num2"):
        v2 = parse_chinese(m.group("num2"))
        if v2 is None:
            return None
        low, high, v, qualifier = min(v, v2), max(v, v2), None, "range"
    start, prefix_q = _prefix_before(m.string, m.start())
    qualifier = prefix_q or qualifier
    if m.group("suffix"):
        qualifier = SUFFIX_QUALIFIERS[m.group("suffix")]
    return Figure(start, m.end(), v, low, high, "%", qualifier, False)


def _prefix_before(text: str, a: int) -> tuple[int, str | None]:
    """A qualifier word (突破, 超过, 约 …) ending at ``a``: its start and meaning."""
    window = text[max(0, a - 5) : a]
    for word in _PREFIXES_LONGEST:
        if window.endswith(word):
            return a - len(word), PREFIX_QUALIFIERS[word]
    return a, None


def _unit_figure(text: str, m: re.Match[str]) -> Figure | None:
    a, b = m.start("num"), m.end()
    before = text[max(0, a - 3) : a]
    if _LATIN_BEFORE.search(before) or _LATIN_AFTER.match(text[b : b + 1]):
        return None  # 5G, C919, PM2.5, S***
    if before.endswith("第"):
        return None  # an ordinal: 第3批
    if before.endswith("个") and _MILESTONE.match(text, m.end()):
        return None  # 跨越两个千亿元台阶: the size of a step crossed, not a figure
    num, scale, unit = m.group("num"), m.group("scale") or "", m.group("unit")
    if num.startswith("百分之"):
        unit = "%"
    # 三千万人 / 百亿元: the trailing 万/亿 of a Chinese numeral is the unit's scale as written.
    if num[0] not in "0123456789*" and not scale and not m.group("inner") and not m.group("num2"):
        for sc in ("万亿", "亿", "万"):
            if sc == "万" and "亿" in num:
                break  # 三亿零四百七十五万吨: the whole numeral is the number
            if num.endswith(sc) and len(num) > len(sc) and unit not in _UNSCALED:
                num, scale = num[: -len(sc)], sc
                break
    if scale and unit in _UNSCALED:
        return None
    if scale and not set(num) - set("十百千") and unit[-1] in "元斤吨":
        num = {"十": "10", "百": "100", "千": "1000"}.get(num, num)  # 百亿元, 千亿斤
    whole = unit in COUNT_UNITS and not scale
    parsed = parse_number(num, whole)
    if parsed is None:
        return None
    value, low, high, masked = parsed
    if masked and scale and low == 0 and "." not in num:
        low = 1.0  # *万户: nobody writes 0万
    qualifier = "exact"
    if m.group("num2"):
        second = parse_number(m.group("num2"), whole)
        if second is None:
            return None
        low, high = min(low, second[1]), max(high, second[2])
        value, qualifier, masked = None, "range", masked or second[3]
    if m.group("inner") or m.group("inner2"):
        qualifier = "at_least"
    start, prefix_q = _prefix_before(text, a)
    qualifier = prefix_q or qualifier
    if m.group("suffix"):
        qualifier = SUFFIX_QUALIFIERS[m.group("suffix")]
    if qualifier == "exact" and _STEP_AFTER.match(text, b):
        qualifier = "at_least"  # 5万亿元台阶: a milestone, at most a floor
    return Figure(
        start=start, end=b, value=value, low=low, high=high, unit=scale + unit,
        qualifier=qualifier, masked=masked, factor=SCALES.get(scale, 1.0),
    )  # fmt: skip
