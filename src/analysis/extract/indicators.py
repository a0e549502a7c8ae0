"""Report → indicator table (one row per figure; the columns are defined in :mod:`analysis.schema`).

For each sentence, :func:`analysis.extract.figures.find_figures` finds the figures; this module decides
what each one measures: the indicator phrase as written (carried over to later figures of the
same clause chain, expanded over ``分别`` distributions), the catalog id, the kind (level,
growth, pp_change, rank) and sign, the period, and whether it is multi-year or a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.extract import catalog, vocabulary
from analysis.extract.figures import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, Figure, find_figures
from analysis.extract.norm import norm_bounds
from analysis.extract.structure import Report, Sentence, read_report, target_year_words
from analysis.schema import indicator_frame

# The words are data (analysis.extract.vocabulary, data/vocabulary.toml); the patterns below
# are the grammar that places them.
_w = vocabulary.alternation
_LEVEL_VERB = re.compile(rf"(?:{_w('to_verbs')})(?:至|到)|{_w('level_verbs')}|达$")
_UP = re.compile(rf"(?:{_w('up_verbs')})(?:了)?$")
_DOWN = re.compile(rf"(?:{_w('down_verbs')})(?:了)?$")
# Filler between the verb and the number: 实际增长, 增长约, 分别增长.
_FILLER = re.compile(rf"(?:{_w('fillers')}|\s)+$")
_RATE_OF_CHANGE = re.compile(rf"(?:{_w('rate_of_change_names')})$")

_HARD_DELIM = re.compile(r"[，,；;：:。\n]")
_CONNECTOR = re.compile(r"^[、和及与,，\s即]*$")
_LEADING = re.compile(rf"^(?:{_w('leading')}|(?:19|20)\d\d年(?:全年)?|到(?=\d))+")
# What ends a clause after the indicator's name: the change verbs (also with 至/到/了), the
# qualifier words of analysis.extract.figures, and the trailing words.
_TRAILING = re.compile(
    "(?:"
    + "|".join(
        re.escape(w)
        for w in sorted(
            {*vocabulary.words("trailing"), *PREFIX_QUALIFIERS, *SUFFIX_QUALIFIERS}
            | {
                w + t
                for w in (*vocabulary.words("up_verbs"), *vocabulary.words("down_verbs"))
                for t in ("", "至", "到", "了")
            },
            key=len,
            reverse=True,
        )
    )
    + r"|，|,|\s)+$"
)
_GENERIC = re.compile(rf"^(?:{_w('generic_names')})$")
_MULTI_CLAUSE = re.compile(rf"{_w('multi_year')}|[比较](?:19|20)\d\d年")
_YEAR = re.compile(r"(?<![比较与同到至从由])((?:19|20)\d\d)年(?!代)")
_ANNUAL_SENTENCE = re.compile(_w("annual_sentence"))
# Before the alias, these make the figure a part or a share of the indicator, not the indicator:
# 教育经费占国内生产总值的4%, 扣除房地产开发投资后固定资产投资.
_SHARE = re.compile(_w("share_words"))
# A clause that restricts the figure after it: 扣除房地产开发投资后，固定资产投资增长2.7%.
_RESTRICTING = re.compile(rf"^(?:{_w('restricting_words')})[^，,；;。]{{1,20}}(?:后|外)$")
_LOOKBACK = re.compile(rf"[\n。！？](?:{_w('lookback')})")  # a review inside a plan section
_CHANGE_NAME = re.compile(rf"(?:{_w('change_names')})(?:{_w('change_name_suffixes')})?$")
# A sentence opening with its year (2025年，… / 2025年全年…).
_OWN_YEAR = re.compile(r"((?:19|20)\d\d)年(?:全年)?[，,]")
# What may follow an indicator's name for the figure still to measure it (not 占GDP比重).
_NAME_TAIL = re.compile(rf"(?:{_w('name_tails')})*$")
_YEARS_IN_NAME = re.compile(
    r"(?:(?:19|20)\d\d|[〇零一二三四五六七八九]{4})年(?:又|还)?(?:比|较)?(?:(?:19|20)\d\d年|[〇零一二三四五六七八九]{4}年)?"
)
_FROM = re.compile(r"(?<!自)由(?=前|上|去|近|\d)|从(?=前|上|去|近|\d)")
_CONJ = re.compile(r"和|、|及|与|以及")


@dataclass
class _Chain:
    """What later figures of a sentence inherit: subject name, distribution items, kind."""

    name: str = ""
    items: tuple[str, ...] = ()
    item_i: int = 0
    kind: str = "level"
    sign: int = 1
    names: tuple[str, ...] = ()  # names of the sentence's figures so far


def _kind(clause: str, fig: Figure) -> tuple[str, int]:
    """Kind and sign of a figure from its unit and the verb just before it."""
    if fig.kind_hint == "rank":
        return "rank", 1
    if fig.kind_hint == "streak":
        return "level", 1
    tail = _FILLER.sub("", clause)
    lv = _LEVEL_VERB.search(tail[-4:])
    if lv:
        head = tail[: len(tail) - len(tail[-4:]) + lv.start()]
        # 涨幅回落到2.6%: the level of a rate of change is a growth figure
        if _RATE_OF_CHANGE.search(head):
            return "growth", -1 if head.endswith("降幅") else 1
        return "level", 1
    sign = -1 if _DOWN.search(tail) else 1 if _UP.search(tail) else 0
    if fig.unit.endswith("百分点"):
        return "pp_change", sign or 1
    if sign:
        return "growth", sign
    return "level", 1


_BULLETS = "—－-·•●"  # what opens a list item's line (——经济增长5%左右)


def _subject(clause: str) -> str:
    """The indicator phrase of a clause: time words before, verbs and qualifiers after, cut."""
    # Drop an opening quote at the end (实现“十九连丰”) and a closing one at the start; keep
    # balanced quotes inside a name (“高新”企业).
    # A list item's dash or bullet (——经济增长5%左右) is no part of the name.
    s = _YEARS_IN_NAME.sub("", clause.strip().lstrip("”」" + _BULLETS).rstrip("“「"))
    s = _LEADING.sub("", s)
    s = _FROM.split(s, maxsplit=1)[0] if _FROM.search(s, 2) else s  # 能耗由前三年…
    return _TRAILING.sub("", s).strip("、 　").lstrip("”」").rstrip("“「")


def _distribution(subject: str) -> tuple[str, ...]:
    """``城镇和农村常住居民人均可支配收入`` → each item with its own full name."""
    parts = [p for p in _CONJ.split(subject) if p]
    if len(parts) < 2:
        return _joint(subject, distributed=True)
    heads, last = parts[:-1], parts[-1]
    # The last item ends where the first item's ending recurs (高技术制造业、装备制造业增加值);
    # else it is as long as the first item (城镇和农村常住居民人均可支配收入).
    h0 = heads[0]
    for k in range(min(len(h0), 4), 1, -1):
        at = last.find(h0[-k:])
        if at >= 0:
            tail = last[at + k :]
            return tuple(h + tail for h in heads) + (last,) if tail else tuple(parts)
    width = len(h0)
    if len(last) > width + 1 and all(abs(len(h) - width) <= 1 for h in heads):
        tail = last[width:]
        return tuple(h + tail for h in heads) + (last,)
    return tuple(parts)


# A joint name that is a relation of its parts (城乡居民收入比, 城乡差距) names one thing;
# only a measure of each part (人均…, …收入) is split, not a scheme or a total (城乡居民基本
# 养老保险, 城乡居民储蓄存款余额).
_RELATION = re.compile(r"(?:比|差距|差|比例|比值|倍差)$")
_PER_PART = re.compile(r"人均|收入$|标准$")
_INCOME = re.compile(r"收入$")


def _joint(subject: str, distributed: bool = False) -> tuple[str, ...]:
    """``城乡居民收入`` → (``城镇居民收入``, ``农村居民收入``): a name opening with a joint word
    (``data/vocabulary/joint_parts.txt``) names each of its parts; ``()`` otherwise. Without
    分别 (``distributed``) only an income is split: ``城乡居民医保补助标准`` is one standard."""
    for line in vocabulary.words("joint_parts"):
        joint, *parts = line.split()
        if subject.startswith(joint) and len(subject) > len(joint) + 1:
            rest = subject[len(joint) :]
            if _RELATION.search(rest) or not (_PER_PART if distributed else _INCOME).search(rest):
                return ()
            return tuple(p + rest for p in parts)
    return ()


def _after(text: str, fig: Figure, limit: int) -> str:
    """The noun written after a figure (设立*亿元产业引导基金 → 产业引导基金)."""
    m = re.match(
        r"[^，,；;。、：:（(\n“”]{1,12}", text[fig.end : min(limit, fig.end + 12)].lstrip("”")
    )
    return m.group().lstrip("的") if m else ""


def _sentence_rows(report: Report, sent: Sentence, figs: list[Figure]) -> list[dict]:
    text = report.text
    sec = report.sections[sent.section]
    sentence_text = text[sent.start : sent.end]
    chain = _Chain()
    rows: list[dict] = []
    prev_end = sent.start
    group: _Group | None = None  # the figures of the current 分别 (or joint) clause
    for fig in figs:
        between = text[prev_end : fig.start]
        clause = _HARD_DELIM.split(between)[-1]
        if "分别" not in clause:
            clause = clause.split("、")[-1]
        continues = bool(rows and _CONNECTOR.match(between))
        if group is not None and not continues:
            _close(group, rows, report, sent, sec.title, sentence_text)
            group = None
        if continues:
            # 、-separated continuation: same kind; next distribution item or same name.
            kind, sign = (chain.kind, chain.sign) if fig.kind_hint is None else _kind("", fig)
            if chain.items and chain.item_i < len(chain.items):
                name = chain.items[chain.item_i]
                chain.item_i += 1
            else:
                name = chain.name
        else:
            kind, sign = _kind(clause, fig)
            subject = _subject(clause)
            if "分别" in clause:
                items = _distribution(subject) if subject and not _GENERIC.match(subject) else ()
                if not items and chain.names:  # 新增A*户、B*家,总数分别超…
                    base = subject or ""
                    items = tuple(re.sub(r"^新增", "", n) + base for n in chain.names)
                chain.items, chain.item_i = items, 1
                name = items[0] if items else subject or chain.name
                if len(items) > 1:
                    group = _Group(len(rows), items)
            elif not clause.strip() and _after(text, fig, sent.end):
                name = _after(text, fig, sent.end)  # numeral first: 20项民生工程
                chain.items = ()
            elif not subject or _GENERIC.match(subject):
                if chain.items:  # 同比增长*%、*%: the same items again
                    name, chain.item_i = chain.items[0], 1
                elif chain.name:
                    name = chain.name + (subject if subject in ("增速", "增幅") else "")
                else:
                    # 地区生产总值连跨两个千亿元台阶，达到N亿元: the sentence's topic.
                    name = _topic(text[sent.start : fig.start]) or (
                        subject + _after(text, fig, sent.end)
                    )
            elif vocabulary.is_bare_verb(subject) or len(subject) < 2:
                after = _after(text, fig, sent.end)
                # 设立*亿元产业引导基金 → 设立产业引导基金; 实现“十九连丰” → the chain's subject
                name = subject + after if after or not chain.name else chain.name
                chain.items = ()
            elif _joint(subject):
                # 城乡居民收入增长6%: one figure for each part (docs/tables.md).
                chain.items, chain.item_i = _joint(subject), 1
                name = chain.items[0]
                group = _Group(len(rows), chain.items)
            else:
                name = subject
                chain.items = ()
            if kind == "rank" and re.search(r"增速|增幅", clause) and "增速" not in name:
                name += "增速"
            chain.kind, chain.sign = kind, sign
        if not chain.items or chain.item_i <= 1:
            chain.name = chain.name if (rows and _CONNECTOR.match(between)) else name
        chain.names += (name,)
        row = _row(report, sent, sec.title, sentence_text, fig, name, kind, sign, between)
        if (
            continues
            and _LISTED.fullmatch(between)
            and _MILESTONE_VERB.match(rows[-1]["text"])
            and row["qualifier"] == "exact"
            and row["unit"] == rows[-1]["unit"]
        ):
            row["qualifier"] = "at_least"  # 突破4万亿元、5万亿元: both floors crossed
        if row["name"] != name and chain.name == name:
            chain.name = row["name"]  # the catalog's reading (经济 → 经济总量) for what follows
        rows.append(row)
        if group is not None:
            group.figures.append((fig, kind, sign, between))
        prev_end = fig.end
    if group is not None:
        _close(group, rows, report, sent, sec.title, sentence_text)
    return rows


@dataclass
class _Group:
    """The figures of one 分别 (or joint) clause: where its rows start and the items they name."""

    first_row: int
    items: tuple[str, ...]
    figures: list[tuple[Figure, str, int, str]] = field(default_factory=list)


def _close(
    group: _Group, rows: list[dict], report: Report, sent: Sentence, section_title: str,
    sentence_text: str,
) -> None:  # fmt: skip
    """Finish a 分别 clause: one figure for several items (分别同比增长5.5%, 城乡居民收入增长6%)
    makes a row for each item; a qualifier written after the last figure only (分别增长5%和7%左右)
    is every figure's."""
    fig, kind, sign, between = group.figures[0]
    # One figure for all items, unless other numbers (without a unit) stood between 分别 and
    # it: 分别净减少10.6万、3.8万、3.3万平方公里 lists three figures, only the last one read.
    # Nor when a number follows it in the list (分别增至945个、47种: 种 is no unit read).
    alone = not re.search(r"[0-9]", between.rsplit("分别", 1)[-1]) and not _LIST_GOES_ON.match(
        report.text, fig.end
    )
    if len(group.figures) == 1 and alone:
        for item in group.items[1:]:
            rows.append(_row(report, sent, section_title, sentence_text, fig, item, kind, sign,
                             between))  # fmt: skip
        return
    last = group.figures[-1][0]
    suffix = next((s for s in SUFFIX_QUALIFIERS if report.text.endswith(s, 0, last.end)), None)
    if suffix is None:
        return
    mine = rows[group.first_row : group.first_row + len(group.figures)]
    if all(r["qualifier"] == "exact" and r["unit"] == last.unit for r in mine[:-1]):
        for r in mine[:-1]:
            r["qualifier"] = last.qualifier


def _row(
    report: Report, sent: Sentence, section_title: str, sentence_text: str, fig: Figure,
    name: str, kind: str, sign: int, between: str,
) -> dict:  # fmt: skip
    text = report.text
    if kind == "level" and fig.unit == "%" and _CHANGE_NAME.search(name):
        kind = "growth"  # 经济增长预期目标为5%左右, 增速6.5%
    pieces = _HARD_DELIM.split(between)
    if len(pieces) > 1 and _RESTRICTING.match(pieces[-2].strip()):
        name = pieces[-2].strip() + name  # 扣除房地产开发投资后，固定资产投资…
    name, match = _catalogued_name(name, between)
    indicator = (
        match.entry.id
        if match
        and match.entry.admits(fig.unit, kind)
        and _NAME_TAIL.match(name, match.end)
        and not _SHARE.search(name, 0, match.start)  # 教育经费占国内生产总值的4%
        # 经济总量超500亿元的县域: a level followed by 的 qualifies the noun after it.
        and not (kind == "level" and text.startswith("的", fig.end))
        else None
    )
    scope, period, multi, is_target = _scope(report, sent, fig, name, kind, between)
    value, low, high = fig.value, fig.low, fig.high
    if kind in ("growth", "pp_change") and sign < 0:
        value, low, high = (None if value is None else -value), -high + 0.0, -low + 0.0
    base_unit = fig.unit.lstrip("万亿千百十") if fig.factor != 1 else fig.unit
    return {
        "region": report.region,
        "report_year": report.report_year,
        "period": period,
        "section": sent.section,
        "section_title": section_title,
        "sentence": sentence_text,
        "start": fig.start,
        "end": fig.end,
        "text": text[fig.start : fig.end],
        "name": name,
        "indicator": indicator,
        "kind": kind,
        "value": value,
        "low": low,
        "high": high,
        "unit": fig.unit,
        "qualifier": fig.qualifier,
        "masked": fig.masked,
        "is_target": is_target,
        "scope": scope,
        "multi_year": multi,
        "base_value": None if value is None else value * fig.factor,
        "base_unit": base_unit,
        **dict(
            zip(
                ("norm_low", "norm_high", "norm_unit"),
                norm_bounds(indicator, kind, low, high, fig.unit),
                strict=True,
            )
        ),
    }


# A number right after 从/由 (or 较“十三五”末的) is the base a change starts from.
_BASE = re.compile(
    r"(?:(?<!自)从|(?<!自)由)(?:(?:19|20)\d\d年(?:的|底|末)?)?$|(?:较|比)“?十[一二三四五]五”?末的?$"
)
# A year written right before the number: 到2025年的4.93万亿元.
_YEAR_BEFORE = re.compile(r"((?:19|20)\d\d)年(?:的|底|末|全年)?$")
# In a five-year review, a level is the final year's (地区生产总值达14.2万亿元) unless the
# clause counts things done over the period (新增, 累计, 建成 …): those are five-year totals.
_FLOW = re.compile(_w("flow"))


# A level reached (达到N, 突破N, 迈上N台阶 …), the verb written right before the figure.
_REACHED_WORDS = (
    r"(?:提高|提升|增长|增加|上升|扩大|跃升|攀升)(?:到|至)|达到|达|增至|升至|突破|超过|超|迈上|跨上|跨越|"
    r"站上|登上|跃上"
)
_REACHED_END = re.compile(f"(?:{_REACHED_WORDS})$")
_REACHED_AT = re.compile(f"(?:{_REACHED_WORDS})")


_LIST_GOES_ON = re.compile(r"[、和及与]\s*[0-9*一二两三四五六七八九十]")
_LISTED = re.compile(r"[、和及与\s]*")  # figures of one list (a comma starts a new clause)
# A floor crossed, written before the first figure of a list: 突破/跨越/迈上/超过 ….
_MILESTONE_VERB = re.compile(r"突破|跨越|跨过|跨上|迈上|迈过|站上|登上|跃上|超过|超")


def _scope(
    report: Report, sent: Sentence, fig: Figure, name: str, kind: str, between: str
) -> tuple[str, int, bool, bool]:
    """(scope, period, multi_year, is_target) of a figure from the role of its paragraph
    (:data:`analysis.extract.structure.ROLES`) and the words of its sentence."""
    text = report.text
    role = report.role_at(fig.start)
    prefix = text[sent.start : fig.start]
    para_start = text.rfind("\n", 0, sent.start) + 1
    # A sentence opening with 过去一年 inside the year's plan reviews the past year (to the
    # paragraph's end); 比去年 inside a sentence does not.
    if role in ("tasks", "targets") and _LOOKBACK.search(text, max(0, para_start - 1), fig.start):
        role = "review_year"
    opening = _OWN_YEAR.match(text, sent.start)
    if role in ("tasks", "targets") and opening and int(opening.group(1)) == report.period:
        role = "review_year"  # 2025年，全市…增长3.1%: the sentence's own year is the review's
    multi = bool(_MULTI_CLAUSE.search(between))
    near = _YEAR_BEFORE.search(prefix)
    years = [int(y) for y in _YEAR.findall(prefix)]
    years = [y for y in years if report.report_year - 30 <= y <= report.report_year + 10]
    year = int(near.group(1)) if near else (years[-1] if years else None)
    base = _BASE.search(prefix) is not None
    target_year = report.period + 1  # the report year, or the next for a year-end report
    if role == "next_plan" and _names_this_year(prefix, report.report_year, report.period):
        role = "tasks"  # 今年全县固定资产投资增长10%, amid the plan's goals: the year's
    if role in ("targets", "tasks"):
        # The year's tasks: a figure to reach (城镇新增就业60万人以上) is a target.
        return role, year or target_year, multi, not multi
    if role == "next_plan":  # the next five-year plan's goals are not this year's targets
        return role, year or target_year, True, False
    if role == "review_plan":
        end = report.period
        annual = _ANNUAL_SENTENCE.search(prefix) or f"{end}年" in prefix
        if base:
            return role, year or end - 5, False, False
        own = _HARD_DELIM.split(between)[-1]
        if (
            kind in ("level", "rank")
            and (_REACHED_END.search(_FILLER.sub("", own)) or _REACHED_AT.match(text, fig.start))
            and not (_MULTI_CLAUSE.search(own) or _FLOW.search(name + own))
        ):
            # 五年来，…，地区生产总值达到N亿元: the period framed the sentence; the clause
            # states the level reached at its end.
            return role, year or end, False, False
        if multi:
            return role, end, True, False
        if annual:
            return role, year or end, False, False
        if kind in ("level", "rank") and not _FLOW.search(name + between):
            return role, year or end, False, False  # the level reached at the period's end
        return role, end, True, False  # a change or a total over the five years
    if role == "review_year":
        return role, year or (report.period - 1 if base else report.period), multi, False
    return "other", year or report.period, multi, False


_OTHER_PERIOD = re.compile(
    r"十[一二三四五六七八九]五|五年|年均|到(?:19|20)\d\d年|(?:19|20)\d\d年(?:前|底前)"
)


def _names_this_year(prefix: str, report_year: int, period: int) -> bool:
    """True when the sentence before a figure names the year the report's targets are for
    (今年, 2026年; 明年 in a report delivered at the end of the year it reviews) and no other
    period (年均, “十五五”, 到2030年)."""
    this_year = re.compile(target_year_words(report_year, period))
    return bool(this_year.search(prefix)) and not _OTHER_PERIOD.search(prefix)


def _catalogued_name(name: str, between: str):
    """The name and its catalog match; a name the clause's verb was cut from (经济增长5% →
    经济) is tried with the clause as written."""
    done = re.match(f"(?:{vocabulary.alternation('done_verbs')})+", name)
    if done and done.end() < len(name):
        # 完成地区生产总值N亿元: the indicator is what follows the verb.
        rest = catalog.find(name[done.end() :])
        if rest is not None and rest.start == 0:
            return name[done.end() :], rest
    match = catalog.find(name)
    if match is None:
        clause = _LEADING.sub("", _HARD_DELIM.split(between)[-1].strip().lstrip(_BULLETS))
        whole = _FILLER.sub("", clause)
        # 经济总量达到: the verb is cut, 总量 kept (it is the name here, not a tail).
        for candidate in (whole, _REACHED_END.sub("", whole)):
            m = catalog.find(candidate)
            # 经济总量先后: what follows the alias is only the clause's trailing words.
            if (
                m is not None
                and candidate.startswith(name)
                and (m.end == len(candidate) or _TRAILING.fullmatch(candidate, m.end))
            ):
                return candidate[: m.end], m
    return name, match


def _topic(before: str) -> str:
    """The catalog name opening an earlier clause of the sentence (its topic), or ``""``."""
    for clause in reversed(_HARD_DELIM.split(before)[:-1]):
        opening = _LEADING.sub("", clause.strip())
        m = catalog.find(opening)
        if m is not None and m.start == 0:
            return opening[: m.end]
    return ""


def is_threshold(text: str, fig: Figure) -> bool:
    """True when ``fig`` is the threshold of a statistic's scope, part of its name, not a
    figure: 500万元以上固定资产投资 (a money floor written right before an indicator's name)."""
    return (
        fig.qualifier == "at_least"
        and fig.unit.endswith("元")
        and text.startswith("以上", fig.end - 2)
        and catalog.name_at(text, fig.end) is not None
    )


def extract(report: Report) -> pd.DataFrame:
    """The indicator table of one report (contract: :mod:`analysis.schema`)."""
    rows: list[dict] = []
    # One pass over the text, then bucketed by sentence; a scope's threshold stays in the
    # name of the figure after it.
    figs = [f for f in find_figures(report.text) if not is_threshold(report.text, f)]
    i = 0
    for sent in report.sentences:
        while i < len(figs) and figs[i].start < sent.start:
            i += 1  # a figure outside every sentence (cannot happen for whole-text sentences)
        j = i
        while j < len(figs) and figs[j].end <= sent.end:
            j += 1
        if j > i:
            rows.extend(_sentence_rows(report, sent, figs[i:j]))
        i = j
    return indicator_frame(rows)


def extract_report(
    path: str | Path, region: str | None = None, year: int | None = None
) -> tuple[Report, pd.DataFrame]:
    """Read ``path`` and return the report and its indicator table."""
    report = read_report(path, region=region, year=year)
    return report, extract(report)
