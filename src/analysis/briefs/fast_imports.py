"""jsonschema without rfc3987-syntax's IRI grammar: ~1.5 s less in every process of a batch.

With JupyterLab in the environment (``make lab``), ``import jsonschema`` (loaded by nbformat,
papermill and Altair) builds rfc3987-syntax's grammar at import, ~1.5 s of CPU (3 s on a
loaded machine), for an ``iri`` format checker that none of them uses. The batch process (a
re-run with nothing changed included), each worker and each kernel would pay it. Hiding the
module while jsonschema imports makes jsonschema skip that checker, as it does where
rfc3987-syntax is not installed; the name is freed right after, so an explicit import still
works. ``analysis.briefs`` and ``analysis.run`` call :func:`import_jsonschema` first thing.
"""

from __future__ import annotations

import sys


def import_jsonschema() -> None:
    """Import jsonschema with rfc3987-syntax hidden (nothing to do when either is loaded)."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # None: ImportError
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]
