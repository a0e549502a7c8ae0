"""jieba's dictionary from a persistent cache in the user cache folder, built once.

Each check runs in a fresh interpreter: they are about what happens on first use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TEXT = "今年国内生产总值增长百分之五，城镇新增就业一千二百万人，国内生产总值稳步增长。"

SEGMENT = f"""
import json, tempfile, jieba
from analysis.tables import keywords
jieba.dt.tmp_dir = tempfile.mkdtemp()  # jieba's own default tokenizer, its cache apart
print(json.dumps({{
    "top": keywords.top_words({TEXT!r}, 5),
    "cache": str(keywords.cache_file(jieba.__version__)),
    "ours": keywords.tokenizer().lcut({TEXT!r}),
    "jieba": jieba.lcut({TEXT!r}),
}}))
"""


def _run(code: str, env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_jieba_cache_is_built_once_then_read_back_with_the_same_words(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = _run(SEGMENT, env)
    cache = Path(first["cache"])
    assert cache.parent == tmp_path / "analysis" and cache.stat().st_size > 1_000_000
    built = cache.stat().st_mtime_ns
    second = _run(SEGMENT, env)  # read from the cache, not rebuilt
    assert cache.stat().st_mtime_ns == built
    assert first["top"] == second["top"]
    assert first["ours"] == second["ours"] == second["jieba"]  # jieba's own segmentation
    assert ["国内", 2] in second["top"] and ["生产总值", 2] in second["top"]


def test_a_broken_jieba_cache_is_rebuilt(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    probe = _run(SEGMENT, env)
    cache = Path(probe["cache"])
    cache.write_bytes(b"not marshal data")
    again = _run(SEGMENT, env)
    assert again["top"] == probe["top"]
    assert cache.stat().st_size > 1_000_000  # jieba wrote a good one again
