"""One exception hierarchy. Every message names the file and the problem in one line."""

from __future__ import annotations

from pathlib import Path


def one_line(text: str) -> str:
    """``text`` with control characters (newlines, tabs, ``\\x01`` …) written as escapes, so a
    message naming a file whose name holds one stays one readable line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class AnalysisError(Exception):
    """Base class: an error a user can act on; the CLI prints it as one line and exits non-zero."""

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(one_line(f"{self.path}: {problem}" if self.path else problem))

    def __reduce__(self) -> tuple:
        # Picklable across worker processes (Dask, ProcessPoolExecutor) with both arguments.
        return (type(self), (self.path, self.problem))


class InputError(AnalysisError):
    """The input file cannot be read as a report (missing, empty, binary, corrupt, scanned …)."""


class MetadataError(AnalysisError):
    """Report metadata cannot be determined (e.g. no year in the file name or title)."""


class OutputError(AnalysisError):
    """An output cannot be written (permissions, full disk, a path outside the output folder)."""
