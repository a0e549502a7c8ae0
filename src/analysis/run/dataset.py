"""Many reports → one indicator table, optionally on a Dask cluster, stored as a Parquet dataset.

The dataset is a directory in hive layout, ``<out>/region=<slug>/report_year=<year>/*.parquet``,
plus ``_common_metadata`` holding the full schema (so an empty dataset still has its columns).
It is built in a temporary directory beside ``<out>`` and renamed into place: a reader never sees
a half-written dataset under the final name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from analysis.errors import AnalysisError, OutputError
from analysis.extract.indicators import extract_report
from analysis.schema import INDICATOR_COLUMNS, INDICATOR_EXTRA_COLUMNS, indicator_frame

#: Partition columns, outermost first.
PARTITIONS: tuple[str, ...] = ("region", "report_year")


@dataclass
class Extraction:
    """The tables of the files that could be read and the errors of those that could not."""

    tables: list[pd.DataFrame] = field(default_factory=list)
    failures: list[AnalysisError] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """All rows, in file order, with the contract's columns and dtypes."""
        if not self.tables:
            return indicator_frame([])
        return pd.concat(self.tables, ignore_index=True)


#: An AnalysisError taken apart to cross a process boundary: its (path, problem) init
#: arguments do not survive pickling as an exception (pickle calls ``cls(message)``).
_Failure = tuple[type[AnalysisError], str | None, str]


def _extract_one(
    path: Path, region: str | None, year: int | None
) -> tuple[pd.DataFrame | None, _Failure | None]:
    """One file's table, or the error a user can act on (returned, not raised, across processes)."""
    try:
        return extract_report(path, region=region, year=year)[1], None
    except AnalysisError as e:
        return None, (type(e), e.path, e.problem)


@contextmanager
def dask_client(address: str) -> Iterator[object]:
    """A ``distributed.Client`` for ``address``; ``local`` or ``local:N`` starts a LocalCluster.

    ``local:N`` starts N single-threaded worker processes (``local`` one per core): extraction is
    pure Python, so threads would only contend for the GIL.
    """
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        _, _, n = address.partition(":")
        try:
            n_workers = int(n) if n else (os.cpu_count() or 1)
        except ValueError:
            raise AnalysisError(None, f"--scheduler {address}: expected local or local:N") from None
        if n_workers < 1:
            raise AnalysisError(None, f"--scheduler {address}: needs at least one worker")
        with (
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout="10s")
    except OSError as e:
        raise AnalysisError(None, f"--scheduler {address}: cannot connect ({e})") from e
    with client:
        yield client


def extract_files(
    files: Sequence[Path],
    region: str | None = None,
    year: int | None = None,
    scheduler: str | None = None,
) -> Extraction:
    """Extract every file, in process or on the Dask cluster at ``scheduler``.

    A file that fails with an :class:`~analysis.errors.AnalysisError` is recorded in
    :attr:`Extraction.failures` and the others go on; any other exception is a bug and propagates.
    """
    if scheduler is None:
        results = [_extract_one(f, region, year) for f in files]
    else:
        with dask_client(scheduler) as client:
            futures = client.map(_extract_one, list(files), region=region, year=year, pure=False)
            results = client.gather(futures)
    out = Extraction()
    for table, failure in results:
        if failure is not None:
            cls, path, problem = failure
            out.failures.append(cls(path, problem))
        else:
            out.tables.append(table)
    return out


def arrow_schema() -> pa.Schema:
    """The Arrow schema of the indicator table (contract columns, then the extras).

    Without pandas metadata: it would make ``pandas.read_parquet(out)`` rebuild ``report_year``
    as Int64 from the partition's dictionary column and fail. :func:`read_dataset` restores the
    contract's dtypes itself.
    """
    return pa.Schema.from_pandas(indicator_frame([]), preserve_index=False).remove_metadata()


def _partitioning() -> ds.Partitioning:
    schema = arrow_schema()
    return ds.partitioning(pa.schema([schema.field(c) for c in PARTITIONS]), flavor="hive")


def write_dataset(df: pd.DataFrame, out: str | Path) -> Path:
    """Write ``df`` as a Parquet dataset partitioned by region and report year, atomically.

    An existing dataset (or file) at ``out`` is replaced only once the new one is complete.
    """
    out = Path(out)
    missing = [c for c in PARTITIONS if c not in df.columns]
    if missing:
        raise OutputError(out, f"table lacks partition columns {missing}")
    if df[list(PARTITIONS)].isna().any().any():
        raise OutputError(out, "rows without a region or report year cannot be partitioned")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except OSError as e:
        raise OutputError(out, f"cannot write: {e.strerror or e}") from e
    try:
        schema = arrow_schema()
        table = pa.Table.from_pandas(df, schema=schema, preserve_index=False)
        table = table.replace_schema_metadata(None)  # see arrow_schema()
        ds.write_dataset(
            table,
            tmp,
            format="parquet",
            partitioning=_partitioning(),
            basename_template="part-{i}.parquet",
            existing_data_behavior="overwrite_or_ignore",
            # Keep each report's rows in order within its file.
            preserve_order=True,
        )
        pq.write_metadata(schema, tmp / "_common_metadata")
        _replace(tmp, out)
    except OSError as e:
        raise OutputError(out, f"cannot write: {e.strerror or e}") from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _replace(new: Path, out: Path) -> None:
    """Rename ``new`` to ``out``; an old ``out`` is moved aside first and removed after."""
    if not out.exists() and not out.is_symlink():
        os.replace(new, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    aside = old / out.name
    os.replace(out, aside)
    try:
        os.replace(new, out)
    except OSError:
        os.replace(aside, out)  # put the previous dataset back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def read_dataset(path: str | Path) -> pd.DataFrame:
    """Read a dataset written by :func:`write_dataset` back into an indicator table.

    Columns come back in contract order with the contract's dtypes (the partition columns too),
    rows ordered by region and report year, and in file order within a report.
    """
    path = Path(path)
    if not path.is_dir():
        raise AnalysisError(path, "no such dataset directory")
    schema = arrow_schema()
    dataset = ds.dataset(
        path,
        schema=schema,
        format="parquet",
        partitioning=_partitioning(),
        exclude_invalid_files=False,
        ignore_prefixes=[".", "_"],
    )
    table = dataset.to_table()
    empty = indicator_frame([])
    df = table.to_pandas(types_mapper=pd.ArrowDtype).astype(empty.dtypes.to_dict())
    df = df[list(INDICATOR_COLUMNS + INDICATOR_EXTRA_COLUMNS)]
    return df.sort_values(list(PARTITIONS), kind="stable").reset_index(drop=True)
