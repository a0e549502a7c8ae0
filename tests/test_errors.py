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


def test_a_file_name_with_control_characters_stays_one_line() -> None:
    e = InputError("raw/nl\nname\t\x01/2023.txt", "empty file")
    assert str(e) == "raw/nl\\nname\\t\\x01/2023.txt: empty file"
    assert e.path == "raw/nl\nname\t\x01/2023.txt"  # the path itself is kept as it is
    assert str(InputError("某县 一/2023.txt", "empty file")) == "某县 一/2023.txt: empty file"


def test_a_batch_failure_on_such_a_folder_is_one_line(tmp_path, capsys) -> None:
    from analysis.cli import main

    data = tmp_path / "raw"
    (data / "nl\nname").mkdir(parents=True)
    (data / "nl\nname" / "2023.txt").write_text("全县地区生产总值增长5%。\n", encoding="utf-8")
    assert main(["batch", "--data", str(data), "--out", str(tmp_path / "out"),
                 "--workers", "1", "--formats", "html"]) == 1  # fmt: skip
    failed = [line for line in capsys.readouterr().err.splitlines() if "FAILED" in line]
    assert failed == [f"FAILED nl\\nname 2023: {data}/nl\\nname: region slug 'nl\\nname' "
                      "contains a control character"]  # fmt: skip
