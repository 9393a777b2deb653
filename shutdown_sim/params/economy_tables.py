"""The reader layer of an economy: the tables it is built from, from a region folder or memory.

:func:`read_economy_tables` reads the files a region's ``region.yaml`` names;
:func:`economy_tables` takes the same tables as pandas DataFrames already in memory (e.g. built
for every country from a data set). Either way each table is validated against its schema in
``parameters/schema/`` and the result is an :class:`EconomyTables` that
:func:`shutdown_sim.params.economy.build_economy` turns into an ``Economy``.

The interdependency matrix is whatever square table ``files.io_matrix`` names (header = sector
codes, first column = sector codes, a*_ij = z_ij / x_i with row i = supplier), so a second proxy
or a real IO table drops in as a file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ParameterError
from .region import RegionFolder, RegionMeta, region_meta
from .table import load_schema, read_table, validate_frame

#: table key (``files.<key>`` in region.yaml) -> schema name; io_meta is optional.
ECONOMY_TABLES = {
    "sectors": "economy_sectors",
    "employment": "economy_employment",
    "sector_assumptions": "sector_assumptions",
    "channel_weights": "channel_weights",
    "behaviour": "economy_behaviour",
    "io_meta": "io_meta",
}


@dataclass(frozen=True)
class EconomyTables:
    """Validated tables of one economy (``frame.attrs["source"]`` names where each came from)."""

    meta: RegionMeta
    sectors: pd.DataFrame  # long format: one row per sector x year
    employment: pd.DataFrame
    io_matrix: pd.DataFrame  # square, index and columns = sector codes, values in [0, 1)
    sector_assumptions: pd.DataFrame
    channel_weights: pd.DataFrame
    behaviour: pd.DataFrame
    io_meta: pd.DataFrame | None = None
    io_matrix_name: str = ""  # file name of the matrix, for the sources text


def io_table_keys(io_table: str = "default") -> tuple[str, str]:
    """``files.`` keys of the interdependency matrix and its metadata for a structural choice.

    ``"default"`` = ``io_matrix``/``io_meta``; another name = the region's alternative
    ``alternatives.io_matrix_<name>`` / ``alternatives.io_meta_<name>``.
    """
    if io_table == "default":
        return "io_matrix", "io_meta"
    return f"alternatives.io_matrix_{io_table}", f"alternatives.io_meta_{io_table}"


def io_table_options(folder: RegionFolder) -> tuple[str, ...]:
    """The io_table choices a region offers: ``default`` plus each alternative matrix."""
    prefix = "io_matrix_"
    alts = [k[len(prefix) :] for k in folder.options("alternatives") if k.startswith(prefix)]
    return ("default", *alts)


def read_economy_tables(folder: RegionFolder, io_table: str = "default") -> EconomyTables:
    """Read and validate every economy table a region folder's ``region.yaml`` names.

    ``io_table`` picks the interdependency matrix (:func:`io_table_keys`).
    """
    matrix_key, meta_key = io_table_keys(io_table)
    if io_table != "default" and not folder.has(matrix_key):
        raise ParameterError(
            f"no alternative io_table {io_table!r}",
            file=folder.meta.source,
            field=f"files.{matrix_key}",
            allowed=", ".join(io_table_options(folder)),
        )
    frames = {
        key: read_table(folder.file(meta_key if key == "io_meta" else key), schema)
        for key, schema in ECONOMY_TABLES.items()
        if key != "io_meta" or folder.has(meta_key)
    }
    matrix_path = folder.file(matrix_key)
    return EconomyTables(
        meta=folder.meta,
        io_matrix=read_matrix(matrix_path),
        io_matrix_name=matrix_path.name,
        **frames,
    )


def economy_tables(
    meta: Mapping, frames: Mapping[str, pd.DataFrame], source: str = "in-memory tables"
) -> EconomyTables:
    """Validate tables held in memory (keys as :data:`ECONOMY_TABLES` plus ``io_matrix``).

    ``meta`` is a mapping shaped like ``region.yaml`` (its ``files`` key is not needed);
    ``frames["io_matrix"]`` is a square DataFrame indexed by sector code.
    """
    tables: dict[str, pd.DataFrame] = {}
    for key, schema in ECONOMY_TABLES.items():
        if key in frames:
            text = _as_text(frames[key])
            tables[key] = validate_frame(text, load_schema(schema), f"{source}: {key}")
    matrix = frames["io_matrix"]
    labelled = pd.DataFrame(
        matrix.to_numpy(), index=[str(s) for s in matrix.index], columns=[str(c) for c in matrix]
    )
    return EconomyTables(
        meta=region_meta(dict(meta), source),
        io_matrix=check_matrix(labelled, f"{source}: io_matrix"),
        io_matrix_name="io_matrix",
        **tables,
    )


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as text the way a CSV holds them (missing values as empty strings)."""
    return frame.astype(object).where(frame.notna(), "").astype(str)


def read_matrix(path) -> pd.DataFrame:
    """Read a square sector x sector CSV (first column = row sector codes)."""
    src = str(path)
    if not path.is_file():
        raise ParameterError("file not found", file=src)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ParameterError(f"not a valid CSV matrix: {exc}", file=src) from None
    if frame.shape[1] < 2:
        raise ParameterError(
            "needs a first column of sector codes plus one column per sector",
            file=src,
            field="header",
        )
    body = frame.iloc[:, 1:].copy()
    body.index = [str(s).strip() for s in frame.iloc[:, 0]]
    body.columns = [str(c).strip() for c in frame.columns[1:]]
    return check_matrix(body, src)


def check_matrix(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """Every cell a number in [0, 1); errors name the file row (header = row 1)."""
    values = np.empty(frame.shape)
    for i in range(frame.shape[0]):
        for j, col in enumerate(frame.columns):
            text = str(frame.iat[i, j]).strip()
            where = f"row {i + 2} / {col}"
            try:
                v = float(text)
            except ValueError:
                raise ParameterError(
                    f"{text!r} is not a number", file=source, field=where, allowed="float in [0, 1)"
                ) from None
            if not math.isfinite(v) or v < 0 or v >= 1:
                raise ParameterError(
                    f"{text!r} out of range", file=source, field=where, allowed="float in [0, 1)"
                )
            values[i, j] = v
    out = pd.DataFrame(values, index=list(frame.index), columns=list(frame.columns))
    out.attrs["source"] = source
    return out
