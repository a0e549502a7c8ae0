"""Keyword profile: jieba word frequencies with stop words and report boilerplate removed."""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

# Function words plus the verbs every work report repeats in every section: they would top
# each section's list and say nothing about it.
_STOP_TEXT = """
    的 了 和 与 及 以及 或 等 在 是 为 对 从 向 把 被 将 由 于 以 而 并 并且 也 都 又 还 就 其 之
    这 那 这些 那些 这个 一个 一些 各 各类 各项 各种 每 个 我们 我 你 他 它 他们 大家 自己 本
    一年 今年 去年 明年 全年 过去 一年来 五年 以来 目前 当前 进一步 不断 持续 继续 更加 全面
    深入 切实 积极 大力 努力 着力 扎实 有效 坚持 坚决 推进 推动 加强 加快 实施 开展 完成 实现
    提高 提升 增强 促进 落实 做好 抓好 建设 发展 工作 方面 问题 情况 主要 重要 重点 重大 有关
    相关 一批 一是 二是 三是 四是 五是 其中 同比 增长 下降 达到 比上 上年 左右 以上 以下 亿元
    万元 万人 个百分点 百分点 万亩 万吨 全县 全市 全省 全国 我县 我市 我省 政府 人民 群众 社会
    经济 国家 地区 城乡 时期 要求 任务 目标 取得 成效 成绩 新 好 大 多 高 强 年 月 日 项 家
    个 次 名 万 亿 元 人 一次 一般 万平方米 平方米 公里 千米 户 亩 吨 """
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# Numerals and counted ordinals (十九, 二十, 一次, 三届): parts of names like 十九大, not topics.
_NUMERAL = re.compile(r"^[零一二三四五六七八九十百千万亿两]+[次届个年项批]?$")


def cache_file(version: str) -> Path:
    """Where jieba's dictionary cache is kept: a user cache folder (``$XDG_CACHE_HOME`` or
    ``~/.cache``), not /tmp, so kernels on any machine build it once, not after every reboot."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "analysis" / f"jieba-{version}.cache"


@lru_cache(maxsize=1)
def _jieba():
    """jieba, initialised once per process with its start-up log silenced.

    jieba logs "Loading model cost 0.5 seconds" on stderr: a timing that would differ
    between two runs of the same brief. Every brief kernel pays this start-up, so it is made
    cheap: jieba's own ``initialize`` reads its cache with ``marshal.load`` on a file object
    (~1.2 s, many small reads); ``marshal.loads`` of the same bytes takes ~0.35 s.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dt = jieba.dt
    if dt.initialized or dt.dictionary != jieba.DEFAULT_DICT:
        return jieba
    cache = cache_file(getattr(jieba, "__version__", "0"))
    try:
        freq, total = marshal.loads(cache.read_bytes())
        if not isinstance(freq, dict) or not isinstance(total, int) or not freq:
            raise ValueError("not a jieba cache")
        dt.FREQ, dt.total, dt.initialized = freq, total, True
    except (OSError, ValueError, EOFError, TypeError):
        # No cache yet (or a broken one): jieba builds the dictionary and writes the cache
        # atomically (temporary file and rename), so concurrent kernels do not clash.
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            dt.tmp_dir, dt.cache_file = str(cache.parent), cache.name
        except OSError:
            pass  # unwritable home: jieba's default cache in the temp folder
        jieba.initialize()
    return jieba


def _count(text: str) -> Counter[str]:
    jb = _jieba()
    return Counter(
        w for w in jb.lcut(text) if _WORD.match(w) and w not in STOP_WORDS and not _NUMERAL.match(w)
    )


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    """What the counts depend on besides the text: jieba's version and our filters."""
    import jieba

    rules = "\n".join(
        [getattr(jieba, "__version__", "0"), _WORD.pattern, _NUMERAL.pattern, *sorted(STOP_WORDS)]
    )
    return hashlib.sha256(rules.encode()).hexdigest()[:16]


#: Texts shorter than this are counted directly (a cache file would cost more than jieba).
CACHE_MIN_CHARS = 5000


def word_counts(text: str) -> Counter[str]:
    """Frequencies of the Chinese words (two characters or more) in ``text``, stop words removed.

    A whole report takes jieba ~0.1 s per 20,000 characters (the 53 national reports, 6 s):
    the counts of a long text are kept in the user cache folder, keyed by the text and the
    rules (:func:`_rules_digest`), so the trends brief counts each report once, not every run.
    """
    if len(text) < CACHE_MIN_CHARS:
        return _count(text)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = cache_file("0").parent / f"words-{_rules_digest()}" / f"{key}.json"
    try:
        return Counter(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    counts = _count(text)
    from analysis.errors import AnalysisError
    from analysis.store import atomic_path

    try:
        with atomic_path(path) as tmp:
            tmp.write_text(json.dumps(counts, ensure_ascii=False), encoding="utf-8")
    except (AnalysisError, OSError):  # an unwritable cache folder only costs time
        pass
    return counts


def top_words(text: str, n: int = 10) -> list[tuple[str, int]]:
    """The ``n`` most frequent words of ``text`` as (word, count), ties broken by the word.

    Sorting ties by the word keeps the list identical between runs.
    """
    counts = word_counts(text)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
