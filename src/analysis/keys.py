"""Keys and provenance: what every stored output was made from, and when it is up to date.

- An extraction's key (:func:`extraction_key`) is the source's sha256 and the digest of the
  extraction code and vocabulary (:data:`EXTRACT_CODE`): a new copy of a report or a change to
  the extractor makes a new extraction, nothing else does.
- A notebook run's key (:func:`job_key`) hashes its inputs (source bytes, notebook bytes,
  package version and code digest, parameters); a batch skips a job whose key has not changed.
- A provenance record (:func:`write`, :func:`read`) is the JSON beside each output that holds
  its key, input hashes and library versions.
"""

from __future__ import annotations

import hashlib
import json
import platform
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from analysis.store import atomic_path

PACKAGE_DIR = Path(__file__).resolve().parent
#: What an extraction is made of: the extractor, its vocabulary and the table contract.
EXTRACT_CODE = ("extract", "data", "schema.py", "extracted.py")
_CODE_SUFFIXES = {".py", ".j2", ".json", ".csv", ".toml", ".txt"}
#: Distributions whose versions every provenance record names.
LIBRARIES = ("pandas", "altair", "vl-convert-python", "papermill", "nbconvert", "jieba")


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_path(path: str | Path) -> str:
    """sha256 of a file, or of a folder's files (names and contents: a trends notebook reads
    every report of its region); '' when the path does not exist."""
    p = Path(path)
    if p.is_file():
        return sha256_file(p)
    if not p.is_dir():
        return ""
    h = hashlib.sha256()
    for f in sorted(x for x in p.iterdir() if x.is_file() and not x.name.startswith(".")):
        h.update(f"{f.name}\0{sha256_file(f)}\n".encode())
    return h.hexdigest()


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return ""


def versions() -> dict[str, str]:
    """Versions of Python, analysis, the rendering libraries and the PDF engine."""
    from analysis import __version__

    out = {"python": platform.python_version(), "analysis": __version__}
    out.update({lib: _version(lib) for lib in LIBRARIES})
    out["pdf_engine"] = f"weasyprint {_version('weasyprint')}"
    return out


def code_digest(parts: tuple[str, ...] = ()) -> str:
    """sha256 over the package version and the code, templates and data of ``parts`` (files or
    folders of the package; all of it when empty). Editable installs keep one version number
    while the code changes; the digest catches that."""
    from analysis import __version__

    h = hashlib.sha256(__version__.encode())
    roots = [PACKAGE_DIR / p for p in parts] if parts else [PACKAGE_DIR]
    for root in roots:
        for p in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if p.is_file() and p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts:
                h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
                h.update(sha256_file(p).encode())
    return h.hexdigest()


@cache
def extract_digest() -> str:
    """:func:`code_digest` of the extraction code (:data:`EXTRACT_CODE`), once per process."""
    return code_digest(EXTRACT_CODE)


def extraction_key(source: str | Path) -> str:
    """The key of ``source``'s extraction: its bytes and the extraction code."""
    return f"{sha256_file(source)}:{extract_digest()}"


def job_key(source_sha256: str, notebook_sha256: str, parameters: dict, digest: str = "") -> str:
    """The key of one notebook run: equal keys mean equal inputs, so the outputs can be reused."""
    from analysis import __version__

    payload = {
        "source": source_sha256,
        "notebook": notebook_sha256,
        "analysis": __version__,
        "code": digest,
        "parameters": parameters,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def read(path: str | Path) -> dict | None:
    """A provenance record, or ``None`` when absent or unreadable (then the job re-runs)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write(path: str | Path, record: dict) -> None:
    """Write a provenance record as indented JSON, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(
            json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
