"""Writing tables and files safely: atomic renames, CSV formula neutralisation."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pandas as pd

from .errors import OutputError

# Cells from report text that a spreadsheet would run as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot be read as spreadsheet formulas (OWASP rule)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("string"):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return out


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as e:
        raise OutputError(target, f"cannot write: {e.strerror or e}") from e
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except OSError as e:
        raise OutputError(target, f"cannot write: {e.strerror or e}") from e
    finally:
        tmp_path.unlink(missing_ok=True)


def write_table(df: pd.DataFrame, out: str | Path | IO[str]) -> None:
    """Write ``df`` as CSV, Parquet or JSON by ``out``'s extension, atomically; CSV to a stream."""
    if not isinstance(out, (str, Path)):
        csv_safe(df).to_csv(out, index=False)
        return
    out = Path(out)
    suffix = out.suffix.lower()
    with atomic_path(out) as tmp:
        if suffix == ".csv":
            csv_safe(df).to_csv(tmp, index=False, encoding="utf-8")
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        elif suffix == ".json":
            df.to_json(tmp, orient="records", force_ascii=False, indent=1)
        else:
            raise OutputError(out, "output must end in .csv, .parquet or .json")
