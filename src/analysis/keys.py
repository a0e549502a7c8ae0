"""What a brief was made from: input hashes, parameters, library versions, and the job key.

The job key hashes the inputs that decide a brief (source bytes, notebook bytes, package
version, parameters); a batch skips a job whose key has not changed.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from analysis.store import atomic_path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
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


def code_digest() -> str:
    """sha256 over the package's code, templates and data (editable installs keep one version
    number while the code changes; the digest catches that)."""
    h = hashlib.sha256()
    for p in sorted(PACKAGE_DIR.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".j2", ".json", ".csv", ".toml", ".txt"}:
            h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(sha256_file(p).encode())
    return h.hexdigest()


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
