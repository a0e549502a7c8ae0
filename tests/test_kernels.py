"""Kernels through jupyter_client's provisioner extension point, forked by a fork server only
when that is safe, launched the ordinary way otherwise.

Each check runs papermill in a fresh interpreter: jupyter_client reads the default provisioner
from the environment once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from analysis.run import forkserver, kernels

# The notebook tells what its kernel is: pid, parent, whether the server's preloads are there,
# its process name.
RUN = """
import json, os, sys, tempfile
import nbformat, papermill as pm
from analysis.run import forkserver, kernels

kernels.use_fork_server(sys.argv[1] if len(sys.argv) > 1 else None)
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell(
    "import json, os, sys\\n"
    "print(json.dumps([os.getpid(), os.getppid(), 'marker' in sys.modules,"
    " open('/proc/self/comm').read().strip()]))"
)]
d = tempfile.mkdtemp()
nbformat.write(nb, d + "/in.ipynb")
seen = []
for _ in range(2):
    out = pm.execute_notebook(d + "/in.ipynb", d + "/out.ipynb", progress_bar=False,
                              kernel_name="python3")
    seen.append(json.loads(out.cells[0].outputs[0]["text"]))
print(json.dumps({"me": os.getpid(), "kernels": seen}))
"""


def _write_module(folder: Path, name: str, code: str) -> None:
    (folder / f"{name}.py").write_text(textwrap.dedent(code), encoding="utf-8")


def _run_with_server(tmp_path: Path, preload: list[str], env: dict[str, str]) -> tuple[dict, int]:
    """Start a fork server preloading ``preload``, run two notebooks through it; returns what
    the kernels said and the server's pid."""
    old = dict(os.environ)
    os.environ.update(env)
    try:
        server = forkserver.start(["ipykernel.kernelapp", *preload])
    finally:
        os.environ.clear()
        os.environ.update(old)
    try:
        done = subprocess.run(
            [sys.executable, "-c", RUN, server.address],
            env={**os.environ, **env}, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.splitlines()[-1]), server.process.pid
    finally:
        server.stop()


@pytest.fixture
def modules(tmp_path: Path) -> dict[str, str]:
    """PYTHONPATH with ``marker`` (a module to find preloaded) and ``threaded`` (a library that
    starts a thread ``threading`` cannot see, as native ones do)."""
    _write_module(tmp_path, "marker", "LOADED = True\n")
    _write_module(
        tmp_path,
        "threaded",
        """
        import _thread, time
        _thread.start_new_thread(time.sleep, (600,))  # not in threading.enumerate()
        time.sleep(0.2)
        """,
    )
    path = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])
    return {"PYTHONPATH": path}


def test_kernels_are_forked_by_the_server_with_its_preloads(tmp_path, modules):
    seen, server = _run_with_server(tmp_path, ["marker"], modules)
    (pid1, ppid1, marker1, name1), (pid2, ppid2, marker2, name2) = seen["kernels"]
    assert ppid1 == ppid2 == server  # children of the fork server, not of the caller …
    assert marker1 and marker2  # … with what it preloaded …
    assert name1 == name2 == "briefs-kernel"
    assert pid1 != pid2  # … one fresh kernel per notebook
    for pid in (pid1, pid2):  # each exited and was reaped: no zombie left
        assert not Path(f"/proc/{pid}").exists()


def test_a_server_with_a_thread_refuses_and_kernels_start_the_ordinary_way(tmp_path, modules):
    seen, server = _run_with_server(tmp_path, ["marker", "threaded"], modules)
    for _pid, ppid, has_marker, name in seen["kernels"]:
        assert ppid == seen["me"] and ppid != server  # launched by the caller itself
        assert not has_marker and name != "briefs-kernel"


def test_without_a_server_kernels_start_the_ordinary_way(tmp_path):
    done = subprocess.run([sys.executable, "-c", RUN], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert [k[1] for k in seen["kernels"]] == [seen["me"], seen["me"]]


def test_the_server_refuses_what_is_not_an_ipykernel_of_its_interpreter(tmp_path):
    server = forkserver.start([])
    try:
        env = dict(os.environ)
        for argv in (
            ["/bin/sh", "-c", "true"],
            ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "x.json"],
        ):
            reply = forkserver.request(server.address, argv, env, None)
            assert isinstance(reply, str) and "not an ipykernel" in reply
        assert "no fork server" in str(forkserver.request(str(tmp_path / "none"), [], env, None))
    finally:
        server.stop()
    assert server.process.poll() is not None


def test_a_kernel_whose_client_goes_away_is_killed(tmp_path):
    # The worker that asked for a kernel died: its connection closes, and the kernel goes.
    server = forkserver.start(["ipykernel.kernelapp"])
    try:
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", str(tmp_path / "k.json")]
        kernel = forkserver.request(server.address, argv, dict(os.environ), str(tmp_path))
        assert isinstance(kernel, forkserver.ForkedKernel), kernel
        assert kernel.poll() is None and Path(f"/proc/{kernel.pid}").exists()
        pid = kernel.pid
        kernel.close()
        deadline = time.monotonic() + 30  # a safety limit, not a timing assertion
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not Path(f"/proc/{pid}").exists()
    finally:
        server.stop()


def test_fork_kernels_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("BRIEFS_FORK_KERNELS", "0")
    assert kernels.start_fork_server() is None
    monkeypatch.setenv("BRIEFS_FORK_KERNELS", "1")
    server = kernels.start_fork_server()
    assert server is not None
    server.stop()


def test_the_provisioner_is_registered_by_entry_point():
    from importlib.metadata import entry_points

    from analysis.run.provisioner import ForkServerProvisioner

    found = {ep.name: ep for ep in entry_points(group="jupyter_client.kernel_provisioners")}
    assert found[kernels.PROVISIONER].load() is ForkServerProvisioner


LIGHT_NB = Path(__file__).parent / "fixtures" / "reliability" / "light_brief.ipynb"


@pytest.mark.slow
def test_a_batch_survives_a_library_that_starts_a_thread_in_every_process(tmp_path):
    # sitecustomize runs first in every interpreter of the batch (the batch, its workers, the
    # fork server): each starts a thread threading cannot see. The server then refuses to
    # fork, the kernels are launched the ordinary way, and the briefs are built all the same.
    site = tmp_path / "site"
    site.mkdir()
    _write_module(
        site,
        "sitecustomize",
        """
        import _thread, time
        _thread.start_new_thread(time.sleep, (600,))
        """,
    )
    data = tmp_path / "data" / "r"
    data.mkdir(parents=True)
    for y in (2020, 2021):
        (data / f"{y}.txt").write_text(f"{y}年工作报告。", encoding="utf-8")
    path = os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "batch", "--data", str(tmp_path / "data"),
         "--out", str(tmp_path / "out"), "--workers", "2", "--notebook", str(LIGHT_NB),
         "--formats", "html"],
        env={**os.environ, "PYTHONPATH": path, "SLOW_BRIEF": "0"},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "3 built, 0 unchanged, 0 failed" in done.stdout, done.stdout
    for y in (2020, 2021):
        assert (tmp_path / "out" / "r" / str(y) / "brief.html").exists()


def test_the_kernel_modules_the_server_preloads_all_import():
    # A module renamed in the package would make the server refuse every fork (correct, but
    # every kernel would pay its imports again): the list must stay importable.
    code = (
        "from analysis.run import forkserver, kernels; "
        "print(repr(forkserver.preload(kernels.KERNEL_MODULES)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "''"
