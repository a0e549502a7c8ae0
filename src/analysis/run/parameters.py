"""Injected notebook parameters a reader can read: ``region = "某某省"``, not ``"\\u5e7f…"``.

papermill writes string parameters with ``unicode_escape``, which turns every Chinese
character into ``\\uXXXX``. Its public translator registry
(``papermill.translators.papermill_translators.register``) lets a package give a language its
own translator: ours writes strings as JSON with ``ensure_ascii=False`` — JSON's escapes
(``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX`` for control characters) are valid Python too, so the cell
stays a correct Python literal whatever a path or name holds.
"""

from __future__ import annotations

import json

from papermill.translators import PythonTranslator, papermill_translators


class ReadablePythonTranslator(PythonTranslator):
    """papermill's Python translator, writing strings with their characters as they are."""

    @classmethod
    def translate_str(cls, val: str) -> str:
        """A Python string literal of ``val`` that keeps non-ASCII characters readable."""
        return json.dumps(val, ensure_ascii=False)


def register() -> None:
    """Make papermill use :class:`ReadablePythonTranslator` for Python kernels (idempotent)."""
    papermill_translators.register("python", ReadablePythonTranslator)
