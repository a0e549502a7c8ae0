"""Errors carry the file and the problem, in one line, across process boundaries."""

from __future__ import annotations

import pickle

from analysis.errors import InputError, MetadataError


def test_message_names_the_file_and_the_problem() -> None:
    e = InputError("data/raw/x/2023.txt", "empty file")
    assert str(e) == "data/raw/x/2023.txt: empty file" and "\n" not in str(e)
    assert str(MetadataError(None, "no year")) == "no year"


def test_errors_survive_pickling() -> None:
    e = pickle.loads(pickle.dumps(InputError("a.pdf", "no text layer; run OCR first")))
    assert isinstance(e, InputError) and (e.path, e.problem) == (
        "a.pdf",
        "no text layer; run OCR first",
    )
