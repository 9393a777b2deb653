"""Read a parameter table (CSV) and validate it against its schema (also CSV).

The schema of every input is data, PyPSA-style: ``parameters/schema/<table>.csv`` has one row per
column of the table with its type, unit, allowed range and description. Adding a parameter column
is adding a row there; validation, docs and the app's assumption page follow from it.

Schema columns: ``column, dtype, unit, min, max, allowed, required, description`` where dtype is
one of ``str, float, int, share`` (share = float in [0, 1]) and ``allowed`` is a ``|``-separated
list of permitted values for strings (empty = any).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from ..paths import PARAMETERS_DIR

SCHEMA_DIR = PARAMETERS_DIR / "schema"
MAX_TABLE_BYTES = 20 * 1024 * 1024
STATUSES = ("VERIFIED", "SECONDARY", "DERIVED", "INFERRED", "RECALLED", "ASSUMPTION")
DISTRIBUTIONS = ("fixed", "triangular", "beta", "lognormal", "uniform")


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table schema."""

    column: str
    dtype: str
    unit: str
    min: float | None
    max: float | None
    allowed: tuple[str, ...]
    required: bool
    description: str

    def range_text(self) -> str:
        if self.allowed:
            return " | ".join(self.allowed)
        lo = "-inf" if self.min is None else f"{self.min:g}"
        hi = "inf" if self.max is None else f"{self.max:g}"
        return f"{self.dtype} in [{lo}, {hi}]" + (f" {self.unit}" if self.unit else "")


def _opt_float(text: str) -> float | None:
    text = str(text).strip()
    return None if text in ("", "nan") else float(text)


@lru_cache(maxsize=64)
def load_schema(name: str, schema_dir: Path = SCHEMA_DIR) -> tuple[ColumnSpec, ...]:
    """Load ``<schema_dir>/<name>.csv`` into column specs."""
    path = schema_dir / f"{name}.csv"
    if not path.is_file():
        raise ParameterError(
            "no such schema", file=str(path), allowed="a file in parameters/schema/"
        )
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    specs = []
    for _, row in frame.iterrows():
        dtype = row["dtype"].strip()
        lo, hi = _opt_float(row["min"]), _opt_float(row["max"])
        if dtype == "share":
            lo = 0.0 if lo is None else lo
            hi = 1.0 if hi is None else hi
        specs.append(
            ColumnSpec(
                column=row["column"].strip(),
                dtype=dtype,
                unit=row["unit"].strip(),
                min=lo,
                max=hi,
                allowed=tuple(a.strip() for a in row["allowed"].split("|") if a.strip()),
                required=row["required"].strip().lower() in ("yes", "true", "1"),
                description=row["description"].strip(),
            )
        )
    return tuple(specs)


CSV_ALLOWED = "a UTF-8 CSV table: one header row, then at least one data row"


def _read_csv_checked(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise ParameterError(
            "file not found", file=str(path), field="(file)", allowed="an existing CSV file"
        )
    size = path.stat().st_size
    if size == 0:
        raise ParameterError("file is empty", file=str(path), field="(file)", allowed=CSV_ALLOWED)
    if size > MAX_TABLE_BYTES:
        raise ParameterError(
            f"file is {size} bytes",
            file=str(path),
            field="(file)",
            allowed=f"at most {MAX_TABLE_BYTES} bytes",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParameterError(
            f"not UTF-8 text (byte {exc.start})",
            file=str(path),
            field="(file)",
            allowed=CSV_ALLOWED,
        ) from None
    if "\x00" in text:
        raise ParameterError(
            "contains NUL bytes (binary?)", file=str(path), field="(file)", allowed=CSV_ALLOWED
        )
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParameterError(
            f"not a valid CSV table: {exc}", file=str(path), field="(file)", allowed=CSV_ALLOWED
        ) from None
    if frame.empty:
        raise ParameterError("no data rows", file=str(path), field="(file)", allowed=CSV_ALLOWED)
    return frame


def validate_frame(frame: pd.DataFrame, specs: tuple[ColumnSpec, ...], source: str) -> pd.DataFrame:
    """Check columns, types, ranges and row invariants; return a typed copy.

    Raises
    ------
    ParameterError
        naming ``source`` (file), ``row N / column`` and the allowed range.
    """
    by_name = {s.column: s for s in specs}
    unknown = [c for c in frame.columns if c not in by_name]
    if unknown:
        raise ParameterError(
            f"unknown column(s) {unknown}", file=source, field="header", allowed=", ".join(by_name)
        )
    missing = [s.column for s in specs if s.required and s.column not in frame.columns]
    if missing:
        raise ParameterError(
            f"missing column(s) {missing}", file=source, field="header", allowed=", ".join(by_name)
        )
    out = frame.copy()
    for spec in specs:
        if spec.column not in frame.columns:
            continue
        values = []
        for i, text in enumerate(frame[spec.column].astype(str)):
            field = f"row {i + 2} / {spec.column}"  # +2: header line and 1-based lines
            text = text.strip()
            if text == "":
                if spec.required:
                    raise ParameterError(
                        "value is empty", file=source, field=field, allowed=spec.range_text()
                    )
                values.append(None if spec.dtype == "str" else math.nan)
                continue
            values.append(_convert(text, spec, source, field))
        out[spec.column] = values
    _check_low_central_high(out, source)
    out.attrs["source"] = source
    return out


def _convert(text: str, spec: ColumnSpec, source: str, field: str):
    if spec.dtype == "str":
        if spec.allowed and text not in spec.allowed:
            raise ParameterError(
                f"value {text!r} not allowed", file=source, field=field, allowed=spec.range_text()
            )
        return text
    try:
        value = float(text)
    except ValueError:
        raise ParameterError(
            f"{text!r} is not a number", file=source, field=field, allowed=spec.range_text()
        ) from None
    if not math.isfinite(value):
        raise ParameterError(
            f"{text!r} is not finite", file=source, field=field, allowed=spec.range_text()
        )
    if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
        raise ParameterError(
            f"{value:g} out of range", file=source, field=field, allowed=spec.range_text()
        )
    if spec.dtype == "int":
        if value != int(value):
            raise ParameterError(
                f"{text!r} is not an integer", file=source, field=field, allowed=spec.range_text()
            )
        return int(value)
    return value


def _check_low_central_high(frame: pd.DataFrame, source: str) -> None:
    cols = [c for c in ("low", "central", "high") if c in frame.columns]
    if len(cols) < 3:
        return
    for i, (lo, mid, hi) in enumerate(zip(frame["low"], frame["central"], frame["high"])):
        if any(isinstance(v, float) and math.isnan(v) for v in (lo, hi)):
            continue
        if not lo <= mid <= hi:
            raise ParameterError(
                f"low {lo:g} <= central {mid:g} <= high {hi:g} does not hold",
                file=source,
                field=f"row {i + 2} / low,central,high",
                allowed="low <= central <= high",
            )
        if "distribution" in frame.columns:
            dist = frame["distribution"].iloc[i]
            if dist == "lognormal" and lo <= 0:
                raise ParameterError(
                    "lognormal needs low > 0",
                    file=source,
                    field=f"row {i + 2} / low",
                    allowed="low > 0",
                )
            if dist == "beta" and not (0 <= lo and hi <= 1):
                raise ParameterError(
                    "beta is for shares",
                    file=source,
                    field=f"row {i + 2} / low,high",
                    allowed="0 <= low <= high <= 1",
                )


def read_table(path: str | Path, schema: str, schema_dir: Path = SCHEMA_DIR) -> pd.DataFrame:
    """Read and validate one table against ``parameters/schema/<schema>.csv``."""
    path = Path(path)
    frame = _read_csv_checked(path)
    return validate_frame(frame, load_schema(schema, schema_dir), str(path))


@dataclass(frozen=True)
class UncertainParameter:
    """A sourced number with its range: what we don't know, in EMA Workbench's words.

    ``central``, ``low``, ``high`` share ``unit``; ``distribution`` says how Monte Carlo samples it
    (triangular by default, beta for shares, lognormal for times; ``fixed`` = not sampled).
    """

    name: str
    central: float
    low: float
    high: float
    unit: str
    distribution: str
    year: str
    status: str
    source: str
    note: str = ""

    @property
    def is_uncertain(self) -> bool:
        return self.distribution != "fixed" and self.high > self.low

    def with_value(
        self, central: float, low: float | None = None, high: float | None = None
    ) -> UncertainParameter:
        """A copy with a user-edited value; the range widens to keep low <= central <= high."""
        lo = min(self.low if low is None else low, central)
        hi = max(self.high if high is None else high, central)
        return UncertainParameter(
            self.name,
            central,
            lo,
            hi,
            self.unit,
            self.distribution,
            self.year,
            "ASSUMPTION" if central != self.central else self.status,
            self.source,
            (self.note + " [edited by user]").strip() if central != self.central else self.note,
        )


def uncertain_parameters(
    frame: pd.DataFrame, name_columns: tuple[str, ...] = ("name",)
) -> dict[str, UncertainParameter]:
    """Turn a validated table with uncertain-parameter columns into ``{name: UncertainParameter}``.

    With several ``name_columns`` (e.g. ``("sector", "name")``) the key is joined with ``.``.
    """
    out: dict[str, UncertainParameter] = {}
    for _, row in frame.iterrows():
        key = ".".join(str(row[c]) for c in name_columns)
        if key in out:
            raise ParameterError(
                f"parameter {key!r} appears twice",
                file=frame.attrs.get("source"),
                field="/".join(name_columns),
                allowed="each parameter once",
            )
        central = float(row["central"])
        low = row.get("low", math.nan)
        high = row.get("high", math.nan)
        low = central if pd.isna(low) else float(low)
        high = central if pd.isna(high) else float(high)
        out[key] = UncertainParameter(
            name=key,
            central=central,
            low=low,
            high=high,
            unit=str(row.get("unit", "")),
            distribution=str(row.get("distribution") or "triangular"),
            year=str(row.get("year", "")),
            status=str(row.get("status", "")),
            source=str(row.get("source", "")),
            note=str(row.get("note") or ""),
        )
    return out
