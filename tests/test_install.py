"""A plain (not editable) ``pip install .`` in a fresh virtual environment runs a batch from
any folder: the notebooks and templates travel in the wheel."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_plain_install_builds_briefs_from_any_folder(tmp_path: Path, sample_path: Path) -> None:
    venv = tmp_path / "venv"
    # No pip of its own (ensurepip costs seconds): this environment's pip installs into it.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    # The dependencies come from this environment (a path after the venv's own, so the installed
    # package wins); the package itself is built from the checkout and installed for real.
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(purelib) / "deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    # … and their data files (nbconvert's templates, Jupyter's kernelspec) from its prefix.
    (venv / "share").mkdir(exist_ok=True)
    (venv / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps",
         "--no-build-isolation", "--ignore-installed", str(ROOT)],
        check=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    installed = Path(purelib) / "analysis"
    assert (installed / "notebooks" / "brief.ipynb").is_file()
    assert (installed / "notebooks" / "trends.ipynb").is_file()
    assert list((installed / "briefs" / "templates").rglob("*.j2"))
    where = subprocess.run(
        [py, "-c", "import analysis; print(analysis.__file__)"],
        check=True, capture_output=True, text=True, env=env, cwd=tmp_path,
    ).stdout.strip()  # fmt: skip
    assert where.startswith(purelib), where

    data = tmp_path / "data" / "mouxian"
    data.mkdir(parents=True)
    shutil.copy(sample_path, data / "2023.txt")
    shutil.copy(sample_path.parent / "region.toml", data / "region.toml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [venv / "bin" / "briefs", "batch", "--data", "../data", "--out", "../out",
         "--formats", "html"],
        capture_output=True, text=True, env=env, cwd=elsewhere,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    brief = tmp_path / "out" / "mouxian" / "2023"
    assert "某县2023年政府工作报告" in (brief / "brief.html").read_text(encoding="utf-8")
    record = json.loads((brief / "provenance.json").read_text(encoding="utf-8"))
    assert record["notebook"] == "brief.ipynb"
    assert (brief / "source.html").is_file() and (brief / "indicators.parquet").is_file()
