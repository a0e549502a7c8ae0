"""Writing tables and files safely: atomic renames, CSV formula neutralisation."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pandas as pd

from analysis.errors import OutputError

# Cells from report text that a spreadsheet would run as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot be read as spreadsheet formulas (OWASP rule)."""
    out = df.copy()
    for col in out.columns:
        # By dtype, not by values: object, "string" and pandas 3's default "str" columns.
        if pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return out


#: Temporary files of :func:`atomic_path` are named ``.<target name>.<random>.tmp``: hidden, so
#: nothing lists them as outputs, and recognisable, so :func:`remove_temporaries` can clean up
#: after a killed writer.
TMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _problem(e: OSError) -> str:
    """``cannot write: No space left on device`` — the OS reason, one line."""
    return f"cannot write: {e.strerror or e}"


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success.

    The file under its final name is therefore always complete: a failure (disk full, an
    exception, Ctrl-C) removes the temporary file and leaves any earlier ``target`` untouched;
    only ``kill -9`` can leave a ``.<name>.*.tmp`` file behind. The file gets the usual
    permissions (``0666 & ~umask``; mkstemp creates it 0600), as outputs are handed out.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
        os.close(fd)
    except OSError as e:
        raise OutputError(target, _problem(e)) from e
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    except OSError as e:
        raise OutputError(target, _problem(e)) from e
    finally:
        tmp_path.unlink(missing_ok=True)


def remove_temporaries(folder: str | Path, names: tuple[str, ...] | None = None) -> list[Path]:
    """Remove the temporary files a killed :func:`atomic_path` left in ``folder`` (of the outputs
    named ``names`` only, when given). Call it only while holding the lock of those outputs: a
    live writer's temporary file looks the same. Returns what was removed."""
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for p in folder.glob(f".*{TMP_SUFFIX}"):
        name = p.name[1:].rsplit(".", 2)[0]  # ".brief.html.k3j2.tmp" → "brief.html"
        if names is None or name in names:
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created when missing) for the ``with`` block.

    ``flock`` locks are released by the kernel when the holder dies, even by ``kill -9``, so a
    crashed run never blocks the next one. Two batches writing the same outputs take turns.
    """
    import fcntl

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
    except OSError as e:
        raise OutputError(path, f"cannot lock: {e.strerror or e}") from e
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def lock_path(target: str | Path) -> Path:
    """Where the lock guarding ``target`` lives: outside the output tree, so a reader's
    ``reports/`` holds no empty lock files. One file per output path (by the hash of its resolved
    path) in a per-user folder of the temp dir; every batch on this machine finds the same one."""
    import hashlib

    digest = hashlib.sha256(str(Path(target).resolve()).encode("utf-8")).hexdigest()[:32]
    return Path(tempfile.gettempdir()) / f"briefs-locks-{os.getuid()}" / f"{digest}.lock"


@contextlib.contextmanager
def output_lock(target: str | Path) -> Iterator[None]:
    """Hold the lock guarding the output ``target`` (see :func:`lock_path` and :func:`locked`)."""
    with locked(lock_path(target)):
        yield


def write_table(df: pd.DataFrame, out: str | Path | IO[str]) -> None:
    """Write ``df`` as CSV, Parquet or JSON by ``out``'s extension, atomically; CSV to a stream.

    CSV files are UTF-8 with a byte-order mark: Excel on a Chinese Windows reads a file without
    one as GBK and shows 乱码; pandas, Python's csv (``utf-8-sig``) and LibreOffice accept it. A
    stream (stdout) gets none, as the next program in a pipe would take it for text.
    """
    if not isinstance(out, (str, Path)):
        csv_safe(df).to_csv(out, index=False)
        return
    out = Path(out)
    suffix = out.suffix.lower()
    with atomic_path(out) as tmp:
        if suffix == ".csv":
            csv_safe(df).to_csv(tmp, index=False, encoding="utf-8-sig")
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        elif suffix == ".json":
            df.to_json(tmp, orient="records", force_ascii=False, indent=1)
        else:
            raise OutputError(out, "output must end in .csv, .parquet or .json")
