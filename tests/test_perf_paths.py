"""Fixed costs kept out of every kernel: jieba's dictionary from a persistent cache, and the
slow jsonschema format checker JupyterLab's dependencies would load with Altair, nbformat
or papermill (in every kernel, worker and batch process).

Each check runs in a fresh interpreter: both are about what happens on first import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TEXT = "今年国内生产总值增长百分之五，城镇新增就业一千二百万人，国内生产总值稳步增长。"

SEGMENT = f"""
import json, jieba
from analysis.tables import keywords
print(json.dumps({{
    "top": keywords.top_words({TEXT!r}, 5),
    "cache": str(keywords.cache_file(jieba.__version__)),
    "words": len(jieba.dt.FREQ),
}}))
"""


def _run(code: str, env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _reference() -> dict:
    """The same words through jieba's own initialize (its cache in a private temp folder)."""
    code = SEGMENT.replace(
        "from analysis.tables import keywords",
        "import tempfile; jieba.dt.tmp_dir = tempfile.mkdtemp(); jieba.initialize()\n"
        "from analysis.tables import keywords",
    )
    return _run(code, {})


def test_jieba_cache_is_built_once_then_read_back_with_the_same_words(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = _run(SEGMENT, env)
    cache = Path(first["cache"])
    assert cache.parent == tmp_path / "analysis" and cache.stat().st_size > 1_000_000
    built = cache.stat().st_mtime_ns
    second = _run(SEGMENT, env)  # read from the cache, not rebuilt
    assert cache.stat().st_mtime_ns == built
    expected = _reference()
    assert first["top"] == second["top"] == expected["top"]
    assert first["words"] == second["words"] == expected["words"] > 300_000
    assert ["国内", 2] in second["top"] and ["生产总值", 2] in second["top"]


def test_a_broken_jieba_cache_is_rebuilt(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    probe = _run(SEGMENT, env)
    cache = Path(probe["cache"])
    cache.write_bytes(b"not marshal data")
    again = _run(SEGMENT, env)
    assert again["top"] == probe["top"]
    assert cache.stat().st_size > 1_000_000  # jieba wrote a good one again


@pytest.mark.parametrize(
    "module",
    [
        "analysis.briefs.charts",
        "analysis.run.batch",
        "analysis.run.worker",
    ],  # kernel, parent, worker
)
def test_import_skips_the_iri_grammar(tmp_path, module):
    # A stand-in for rfc3987-syntax (installed with JupyterLab) that leaves a mark when loaded.
    mark = tmp_path / "imported"
    (tmp_path / "rfc3987_syntax.py").write_text(
        f"open({str(mark)!r}, 'w').close()\ndef is_valid_syntax(rule, value):\n    return True\n",
        encoding="utf-8",
    )
    code = (
        "import json, sys\n"
        f"import {module}\n"
        "hidden = 'rfc3987_syntax' not in sys.modules\n"
        "import rfc3987_syntax  # still importable by whoever wants it afterwards\n"
        "print(json.dumps([hidden, 'jsonschema' in sys.modules]))\n"
    )
    path = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])
    hidden, has_jsonschema = _run(code, {"PYTHONPATH": path})
    assert has_jsonschema  # the import did load jsonschema …
    assert hidden  # … without the IRI checker's module
    assert mark.exists()  # the explicit import afterwards worked


def test_without_the_defuse_jsonschema_would_load_it(tmp_path):
    # The check above must be able to fail: plain ``import altair`` loads the stand-in.
    mark = tmp_path / "imported"
    (tmp_path / "rfc3987_syntax.py").write_text(
        f"open({str(mark)!r}, 'w').close()\n", encoding="utf-8"
    )
    path = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])
    _run("import json, altair; print(json.dumps(1))", {"PYTHONPATH": path})
    assert mark.exists()


FORK = """
import json, os, sys, tempfile
import nbformat, papermill as pm
from analysis.run import kernels

def run():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import json, os, sys\\n"
        "comm = open('/proc/self/comm').read().strip()\\n"
        "print(json.dumps([os.getpid(), os.getppid(), 'pandas' in sys.modules,"
        " 'analysis.briefs.year' in sys.modules, comm]))"
    )]
    d = tempfile.mkdtemp()
    nbformat.write(nb, d + "/in.ipynb")
    out = pm.execute_notebook(d + "/in.ipynb", d + "/out.ipynb", progress_bar=False,
                              kernel_name="python3", **kernels.kernel_options())
    return json.loads(out.cells[0].outputs[0]["text"])

plain = run()
kernels.warm_kernels()
forked = [run(), run()]
print(json.dumps({"me": os.getpid(), "plain": plain, "forked": forked,
                  "options": kernels.kernel_options()}))
"""


def test_fork_kernels_can_be_turned_off(tmp_path):
    code = (
        "from analysis.run import kernels; kernels.warm_kernels(); print(kernels.kernel_options())"
    )
    off = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        env={**os.environ, "BRIEFS_FORK_KERNELS": "0", "XDG_CACHE_HOME": str(tmp_path)},
    )  # fmt: skip
    assert off.stdout.strip() == "{}", off.stderr


def test_warm_worker_forks_each_kernel_with_its_imports_done(tmp_path):
    seen = _run(FORK, {"XDG_CACHE_HOME": str(tmp_path)})
    me, plain, forked = seen["me"], seen["plain"], seen["forked"]
    assert seen["options"] == {"kernel_manager_class": "analysis.run.kernels.ForkKernelManager"}
    # Before warm_kernels: a launched kernel, which imports everything itself.
    assert plain[2:4] == [False, False]
    for pid, ppid, has_pandas, has_brief, name in forked:
        assert ppid == me and pid != me  # a child of the warm process …
        assert has_pandas and has_brief  # … with the imports done
        assert name == "briefs-kernel"
    assert forked[0][0] != forked[1][0]  # one fresh kernel process per notebook
    for pid, *_ in forked:  # each exited and was reaped: no zombie left behind
        assert not Path(f"/proc/{pid}").exists()
