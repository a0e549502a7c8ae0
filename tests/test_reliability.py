"""Interruption: Ctrl-C, SIGTERM or ``kill -9`` of the batch or of one worker, at a moment when
some briefs are done and others are being built.

Whatever stops the batch: no half-written file under a final name (unfinished briefs have no
``brief.*`` and no ``provenance.json``), no worker or kernel left running, the index lists the
finished briefs, and the next run builds only what is missing. The batches here run a light
stand-in notebook (tests/fixtures/reliability/light_brief.ipynb) that sleeps on request, so the
moment of the interruption is known; the machinery (workers, kernels, rendering, locks) is the
real one.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from analysis.store import atomic_path, remove_temporaries

LIGHT_NB = Path(__file__).parent / "fixtures" / "reliability" / "light_brief.ipynb"
QUICK, SLOW = (2020, 2021), (2022, 2023)


def make_data(root: Path, seconds: int = 120) -> Path:
    data = root / "data"
    (data / "r").mkdir(parents=True)
    for y in QUICK:
        (data / "r" / f"{y}.txt").write_text(f"{y}年工作报告。", encoding="utf-8")
    for y in SLOW:
        (data / "r" / f"{y}.txt").write_text(f"{y}年工作报告。SLEEP {seconds}", encoding="utf-8")
    return data


def _ctrl_c_reaches_it() -> None:
    # A process that starts with SIGINT ignored keeps it ignored (Python then installs no
    # KeyboardInterrupt handler), and pytest-xdist's workers ignore it: a terminal's batch
    # does not, so neither does this one.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(data: Path, out: Path, slow: bool = True, workers: int = 2) -> subprocess.Popen:
    """``briefs batch`` in its own process group (as a shell runs it in the foreground)."""
    env = {**os.environ, "SLOW_BRIEF": "1" if slow else "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "analysis.cli", "batch", "--data", str(data), "--out", str(out),
         "--workers", str(workers), "--notebook", str(LIGHT_NB)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True, preexec_fn=_ctrl_c_reaches_it,
    )  # fmt: skip


def wait_for(predicate, what: str, limit: float = 240.0) -> None:
    """Poll ``predicate`` (a safety limit, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def quick_done_slow_running(out: Path) -> bool:
    done = all((out / "r" / str(y) / "provenance.json").exists() for y in QUICK)
    running = all((out / "r" / str(y) / ".brief.running.ipynb").exists() for y in SLOW)
    return done and running


def communicate(proc: subprocess.Popen, kids: list[psutil.Process]) -> tuple[str, str]:
    """``proc.communicate`` with a safety limit; on expiry, says which processes still run."""
    try:
        return proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        alive = [f"{k.pid} {' '.join(k.cmdline())[:120]}" for k in kids if k.is_running()]
        status = proc.poll()
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(
            f"batch exit {status}; alive: {alive}; stderr: {err[-2000:]}"
        ) from None


def descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def assert_all_gone(procs: list[psutil.Process]) -> None:
    """Workers and kernels exit (a kernel follows its dead worker within ~1 s)."""
    _, alive = psutil.wait_procs(procs, timeout=30)
    assert not alive, [p.cmdline()[:4] for p in alive]


def assert_finished_complete_unfinished_absent(out: Path) -> None:
    for y in QUICK:
        d = out / "r" / str(y)
        assert (d / "brief.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
        pdf = (d / "brief.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        assert (d / "brief.ipynb").stat().st_size > 0 and (d / "provenance.json").exists()
    for y in SLOW:
        d = out / "r" / str(y)
        finals = sorted(p.name for p in d.iterdir() if not p.name.startswith("."))
        # Nothing of the brief under a final name, not even provenance.json; only the report's
        # stored extraction, complete, made before the notebook ran.
        assert finals == ["indicators.csv", "indicators.parquet", "report.json"], finals


def temporaries(out: Path) -> list[Path]:
    return [*out.rglob(".*.tmp"), *out.rglob(".*.running.ipynb")]


def assert_index_lists_finished(out: Path) -> None:
    index = (out / "index.html").read_text(encoding="utf-8")
    for y in QUICK:
        assert f'href="r/{y}/brief.html"' in index
    for y in SLOW:
        assert f'href="r/{y}/brief.html"' not in index


def rerun_builds_only_the_missing(
    data: Path, out: Path, counts: str = "2 built, 3 unchanged"
) -> None:
    """The next run: the two unfinished briefs (the trends brief ran first, beside the quick
    briefs, and was built before the interruption)."""
    before = {y: (out / "r" / str(y) / "brief.html").stat().st_mtime_ns for y in QUICK}
    done = start(data, out, slow=False)
    stdout, stderr = done.communicate(timeout=600)
    assert done.returncode == 0, stderr
    assert re.search(rf"\b{counts}, 0 failed", stdout), stdout
    for y in QUICK:
        assert (out / "r" / str(y) / "brief.html").stat().st_mtime_ns == before[y]
    for y in SLOW:
        assert (out / "r" / str(y) / "provenance.json").exists()
    assert temporaries(out) == []
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="r/{y}/brief.html"' in index for y in (*QUICK, *SLOW))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "code", "name"),
    [("sigterm", 143, "SIGTERM"), ("ctrl-c", 130, "SIGINT")],
)
def test_signal_stops_cleanly_and_the_next_run_completes(tmp_path, how, code, name):
    data, out = make_data(tmp_path), tmp_path / "out"
    proc = start(data, out)
    wait_for(lambda: quick_done_slow_running(out), "two briefs done, two running")
    kids = descendants(proc.pid)
    assert len(kids) >= 5  # two workers, the fork server, two kernels
    if how == "sigterm":
        proc.send_signal(signal.SIGTERM)
    else:  # Ctrl-C: the terminal signals the whole foreground process group
        os.killpg(proc.pid, signal.SIGINT)
    _, stderr = communicate(proc, kids)
    assert proc.returncode == code, stderr
    assert f"briefs batch: interrupted ({name})" in stderr and "Traceback" not in stderr
    assert_all_gone(kids)
    assert temporaries(out) == []  # the workers removed what they were writing
    assert_finished_complete_unfinished_absent(out)
    assert_index_lists_finished(out)
    if how == "sigterm":
        rerun_builds_only_the_missing(data, out)


@pytest.mark.slow
def test_kill_9_of_the_batch_leaves_no_partial_output(tmp_path):
    data, out = make_data(tmp_path), tmp_path / "out"
    proc = start(data, out)
    wait_for(lambda: quick_done_slow_running(out), "two briefs done, two running")
    kids = descendants(proc.pid)
    proc.kill()
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert_all_gone(kids)  # workers die with the batch (PR_SET_PDEATHSIG), kernels follow
    assert_finished_complete_unfinished_absent(out)
    rerun_builds_only_the_missing(data, out)


@pytest.mark.slow
def test_kill_9_of_one_worker_fails_its_jobs_and_the_next_run_completes(tmp_path):
    data, out = make_data(tmp_path), tmp_path / "out"
    proc = start(data, out)
    wait_for(lambda: quick_done_slow_running(out), "two briefs done, two running")
    kids = descendants(proc.pid)
    workers = psutil.Process(proc.pid).children()
    # A pool worker (not the fork server, whose children are the kernels): both run a slow
    # brief now, and its kernel must go with it.
    victim = next(w for w in workers if "spawn_main" in " ".join(w.cmdline()))
    victim.kill()
    stdout, stderr = proc.communicate(timeout=240)
    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr
    for y in SLOW:
        assert f"FAILED r {y}: a worker process died" in stderr, stderr
    assert_all_gone(kids)
    # The killed worker could not clean up: only hidden temporary files, never a final name.
    assert_finished_complete_unfinished_absent(out)
    assert_index_lists_finished(out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "a worker process died" in index
    # The trends brief was built (it reads the reports, not the briefs): only the two re-run.
    rerun_builds_only_the_missing(data, out)


# --- the building blocks ------------------------------------------------------------------


def test_atomic_path_keeps_the_old_file_on_any_failure(tmp_path):
    target = tmp_path / "brief.html"
    target.write_text("old", encoding="utf-8")
    for exc in (RuntimeError("boom"), KeyboardInterrupt()):
        with pytest.raises(type(exc)), atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise exc
        assert target.read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]


def test_remove_temporaries_only_the_named_outputs(tmp_path):
    for name in (".trends.html.a1b2.tmp", ".indicators.csv.zz_9.tmp", "trends.html", ".lock"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    removed = remove_temporaries(tmp_path, ("trends.html",))
    assert [p.name for p in removed] == [".trends.html.a1b2.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".indicators.csv.zz_9.tmp", ".lock", "trends.html"
    ]  # fmt: skip
    remove_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "trends.html"]


def test_ctrl_c_during_extract_leaves_the_earlier_output(
    tmp_path, capsys, monkeypatch, sample_path
):
    import pandas as pd

    from analysis.cli import main

    def to_csv(self, path, *args, **kwargs):
        Path(path).write_text("half a tab", encoding="utf-8")
        raise KeyboardInterrupt

    out = tmp_path / "out.csv"
    out.write_text("earlier\n", encoding="utf-8")
    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    assert main(["extract", str(sample_path), "-o", str(out)]) == 130
    assert capsys.readouterr().err == "briefs extract: interrupted\n"
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
