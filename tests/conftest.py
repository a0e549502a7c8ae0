"""Shared fixtures: paths to the sample data and to the national corpus (read in place)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "mouxian" / "2023.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "national"


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

    return {int(p.stem): extract_report(p) for p in sorted(corpus_dir.glob("*.txt"))}
