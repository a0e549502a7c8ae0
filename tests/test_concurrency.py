"""Two ``briefs batch`` runs on the same output folder at once do not corrupt each other.

Each job holds a lock on ``<out>/<region>/<year>/.brief.lock`` (region outputs and the index
have theirs): the second batch waits for a job the first is building, then finds it done and
skips it. So every brief is built exactly once, every output is complete, and the index lists
them all.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.store import locked

LIGHT_NB = Path(__file__).parent / "fixtures" / "reliability" / "light_brief.ipynb"
YEARS = (2020, 2021, 2022, 2023)
UMASK = os.umask(0o022)
os.umask(UMASK)


@pytest.mark.slow
def test_two_batches_at_once_build_each_brief_once(tmp_path):
    data = tmp_path / "data" / "r"
    data.mkdir(parents=True)
    for y in YEARS:  # each brief takes a few seconds, so the two runs overlap
        (data / f"{y}.txt").write_text(f"{y}年工作报告。地区生产总值增长5%。SLEEP 3", "utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "analysis.cli", "batch", "--data", str(tmp_path / "data"),
           "--out", str(out), "--workers", "1", "--notebook", str(LIGHT_NB)]  # fmt: skip
    env = {**os.environ, "SLOW_BRIEF": "1"}
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env) for _ in range(2)]  # fmt: skip
    results = [r.communicate(timeout=600) for r in runs]
    built = unchanged = 0
    for r, (stdout, stderr) in zip(runs, results, strict=True):
        assert r.returncode == 0, stderr
        m = re.search(r"(\d+) built, (\d+) unchanged, 0 failed", stdout)
        assert m, stdout
        built, unchanged = built + int(m.group(1)), unchanged + int(m.group(2))
    # Four briefs and one trends brief, each built by exactly one of the two runs.
    assert (built, unchanged) == (5, 5), [s for s, _ in results]

    for y in YEARS:
        d = out / "r" / str(y)
        assert (d / "brief.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
        assert (d / "brief.pdf").read_bytes().rstrip().endswith(b"%%EOF")
        for name in ("brief.html", "brief.pdf", "brief.ipynb", "indicators.csv"):
            assert (d / name).stat().st_mode & 0o777 == 0o666 & ~UMASK, name  # handed out
        prov = json.loads((d / "provenance.json").read_text(encoding="utf-8"))
        assert prov["parameters"]["report_year"] == y
    region = pd.read_csv(out / "r" / "indicators.csv")
    assert sorted(region["report_year"]) == list(YEARS)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="r/{y}/brief.html"' in index for y in YEARS)
    assert not list(out.rglob(".*.tmp")) and not list(out.rglob(".*.running.ipynb"))


def test_lock_excludes_a_second_holder(tmp_path):
    """The lock itself: a second holder (another thread's open file) waits for the first."""
    lock = tmp_path / ".brief.lock"
    events: list[str] = []

    def second() -> None:
        with locked(lock):
            events.append("second")

    with locked(lock):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.5)  # give the second holder every chance to (wrongly) get in
        events.append("first done")
    t.join(10)
    assert events == ["first done", "second"]


def test_lock_is_released_when_the_holder_is_killed(tmp_path):
    lock = tmp_path / ".brief.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from analysis.store import locked\n"
         f"with locked({str(lock)!r}):\n    print('held', flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait(30)
    got = threading.Event()

    def take() -> None:
        with locked(lock):
            got.set()

    threading.Thread(target=take, daemon=True).start()
    assert got.wait(30)  # a safety limit: a stale lock would block forever
