"""Shared fixtures: paths to the sample data and to the national corpus (read in place)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "mouxian" / "2023.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "national"
PROVINCES = ROOT.parent / "shared" / "corpus" / "provinces-2026"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The county sample report shipped in data/raw."""
    return SAMPLE


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The national corpus beside the checkout; skips the test when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/national is absent")
    return CORPUS


@pytest.fixture(scope="session")
def national(corpus_dir: Path) -> dict[int, tuple]:
    """Every national report extracted once for the whole session: year → (Report, table)."""
    from analysis.extract.indicators import extract_report

    files = sorted(corpus_dir.glob("*.txt"))
    if len(files) < 50:  # present but emptied: every test over it would pass on nothing
        pytest.fail(f"{corpus_dir}: {len(files)} reports, expected the 72 of 1954–2025")
    return {int(p.stem): extract_report(p) for p in files}


@pytest.fixture(scope="session")
def province_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 16 provincial 2026 reports imported with ``briefs import`` into a data folder
    (``<data>/<province>/2026.txt`` + ``region.toml``), once for the session."""
    from analysis.ingest import import_file

    if not PROVINCES.is_dir():
        pytest.skip("../shared/corpus/provinces-2026 is absent")
    data = tmp_path_factory.mktemp("provinces") / "raw"
    for f in sorted(PROVINCES.glob("*.csv")):
        import_file(f, data)
    return data


@pytest.fixture(scope="session")
def provinces(province_data: Path) -> dict[str, tuple]:
    """Every province's report extracted once for the session: name → (Report, table)."""
    from analysis.extract.indicators import extract_report

    found = {
        folder.name: extract_report(folder / "2026.txt")
        for folder in sorted(province_data.iterdir())
        if (folder / "2026.txt").is_file()
    }
    if len(found) < 16:  # a test over every province must not pass on fewer
        pytest.fail(f"{PROVINCES}: {len(found)} provincial reports, expected 16")
    return found


@pytest.fixture(scope="session")
def corpus_batch(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, province_data: Path):
    """One real batch (HTML and PDF, two workers), shared by the tests that look at what a
    user gets: the sample, national 1955 (the longest report), 2024 and 2025 (with last year's
    targets and a trends brief), and two provinces of 2026 (a comparison). Its output folder.

    Under pytest-xdist (``make test`` runs two workers) the first worker to ask builds it in a
    folder the workers share, under a lock; the others wait and read it.
    """
    import os
    import shutil

    from analysis.run.batch import batch
    from analysis.store import locked

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run:
        root = tmp_path_factory.getbasetemp().parent / f"corpus_batch-{run}"
        root.mkdir(exist_ok=True)
    else:
        root = tmp_path_factory.mktemp("corpus_batch")
    out = root / "reports"
    with locked(root / ".lock"):
        if (root / "done").exists():
            return out
        data = root / "raw"
        shutil.rmtree(data, ignore_errors=True)
        (data / "national").mkdir(parents=True)
        for year in (1955, 2024, 2025):
            # Copies: a link leaving the data folder is refused (docs/behaviour.md).
            shutil.copyfile(corpus_dir / f"{year}.txt", data / "national" / f"{year}.txt")
        shutil.copytree(SAMPLE.parent, data / "mouxian")
        for province in ("广东省", "天津市"):
            shutil.copytree(province_data / province, data / province)
        results = batch(data, out, workers=2)
        failed = [f"{r.label}: {r.cell} {r.error}" for r in results if r.status == "failed"]
        assert not failed, failed
        (root / "done").touch()
    return out
