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
