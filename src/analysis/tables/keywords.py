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

from analysis.extract import vocabulary

#: Function words and report boilerplate left out of the counts (data/vocabulary/stopwords.txt).
STOP_WORDS: frozenset[str] = frozenset(vocabulary.words("stopwords"))

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
