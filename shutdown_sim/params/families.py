"""Parameter families as data: unit, bounds and Monte Carlo level of every uncertain parameter.

``parameters/parameter_families.csv`` (its columns: ``parameters/schema/parameter_families.csv``)
has one row per family: the table that defines it, its unit, its allowed range and the level at
which Monte Carlo draws it. The region loaders check every parameter row against it, user
overrides are bounded by it and the Monte Carlo grouping (which parameters are drawn once per
timeline group) follows from it. Adding a parameter is adding a row there.

A sector parameter's family is its name after the sector code (``FINANCE.dependence`` ->
``dependence``); other parameters are their own family.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ParameterError
from ..paths import PARAMETERS_DIR
from .table import read_table

FAMILIES_FILE = PARAMETERS_DIR / "parameter_families.csv"
LEVELS = ("timeline", "group", "draw")


def family_of(name: str) -> str:
    """``FINANCE.dependence`` -> ``dependence``; ``alpha_max`` -> ``alpha_max``."""
    return name.split(".", 1)[1] if "." in name else name


@dataclass(frozen=True)
class Family:
    """One family of parameters (see the module docstring)."""

    name: str
    table: str
    unit: str
    min: float | None
    min_open: bool
    max: float | None
    level: str
    description: str = ""
    correlation: float = 0.0  # latent within-family correlation (one-factor Gaussian copula)
    correlation_range: tuple[float, float] = (0.0, 0.0)  # plausible low, high

    def allowed(self) -> str:
        """The allowed range as text, e.g. ``share in [0, 1]`` or ``days > 0``."""
        lo, hi = self.min, self.max
        if lo is not None and hi is not None:
            return f"{self.unit} in {'(' if self.min_open else '['}{lo:g}, {hi:g}]"
        if lo is not None:
            return f"{self.unit} {'>' if self.min_open else '>='} {lo:g}"
        return f"{self.unit} <= {hi:g}" if hi is not None else f"a finite number ({self.unit})"

    def admits(self, value: float) -> bool:
        """True if ``value`` is finite and inside the family's range."""
        if not math.isfinite(value):
            return False
        if self.min is not None and (value <= self.min if self.min_open else value < self.min):
            return False
        return self.max is None or value <= self.max

    @classmethod
    def fallback(cls, name: str, unit: str) -> Family:
        """Rule for a parameter outside the table (e.g. in tests): shares in [0, 1], else >= 0."""
        return cls(name, "", unit, 0.0, False, 1.0 if unit == "share" else None, "draw")


@dataclass(frozen=True)
class Families:
    """The families table: ``family name -> Family``."""

    by_name: dict[str, Family]
    source: str

    def __getitem__(self, name: str) -> Family:
        return self.by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def of(self, parameter: str, unit: str = "") -> Family:
        """The family of a parameter name (the fallback rule if the table has none)."""
        return self.by_name.get(family_of(parameter)) or Family.fallback(parameter, unit)

    def in_table(self, table: str) -> tuple[str, ...]:
        """Families a region table defines, in the order of the families table."""
        return tuple(f.name for f in self.by_name.values() if f.table == table)

    def correlations(self) -> dict[str, float]:
        """Family name -> latent within-family correlation (families drawn jointly only)."""
        return {f.name: f.correlation for f in self.by_name.values() if f.correlation > 0}

    def at_level(self, names: Iterable[str], *levels: str) -> tuple[str, ...]:
        """The parameter names (in the given order) whose family is drawn at one of ``levels``."""
        return tuple(n for n in names if family_of(n) in self and self.of(n).level in levels)

    def check_rows(self, frame, table: str, name_column: str = "name") -> None:
        """Every row of a validated region table: a family of ``table``, its unit, its bounds."""
        source = frame.attrs.get("source", table)
        for i, row in enumerate(frame.to_dict("records")):
            where = f"row {i + 2}"
            fam = self.by_name.get(row[name_column])
            if fam is None or fam.table != table:
                raise ParameterError(
                    f"unknown parameter {row[name_column]!r}",
                    file=source,
                    field=f"{where} / {name_column}",
                    allowed=", ".join(self.in_table(table)) + f" (families: {self.source})",
                )
            if row["unit"] != fam.unit:
                raise ParameterError(
                    f"unit {row['unit']!r} of {fam.name}",
                    file=source,
                    field=f"{where} / unit",
                    allowed=fam.unit,
                )
            for col in ("low", "central", "high"):
                value = row.get(col)
                if value is not None and not (isinstance(value, float) and math.isnan(value)):
                    if not fam.admits(float(value)):
                        raise ParameterError(
                            f"{fam.name} {col} = {value:g} out of range",
                            file=source,
                            field=f"{where} / low,central,high",
                            allowed=fam.allowed(),
                        )


def _text(value) -> str:
    """A text cell ('' when empty: the table reader gives NaN for empty optional cells)."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _optional(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


@lru_cache(maxsize=4)
def load_families(path: Path = FAMILIES_FILE) -> Families:
    """Read and validate the families table (cached)."""
    frame = read_table(path, "parameter_families")
    by_name: dict[str, Family] = {}
    for i, row in enumerate(frame.to_dict("records")):
        if row["family"] in by_name:
            raise ParameterError(
                f"family {row['family']!r} twice",
                file=str(path),
                field=f"row {i + 2} / family",
                allowed="each family once",
            )
        rho = _correlation(row, str(path), i)
        by_name[row["family"]] = Family(
            name=row["family"],
            table=row["table"],
            unit=row["unit"],
            min=_optional(row.get("min")),
            min_open=row["min_open"] == "yes",
            max=_optional(row.get("max")),
            level=row["level"],
            description=row["description"],
            correlation=rho[0],
            correlation_range=(rho[1], rho[2]),
        )
    return Families(by_name, str(path))


def _correlation(row: dict, path: str, i: int) -> tuple[float, float, float]:
    """(central, low, high) latent correlation of a families row; zeros when none is given.

    A correlation is a number of the project like any other: it needs a range, a status and a
    source, and low <= central <= high.
    """
    central = _optional(row.get("correlation"))
    if central is None:
        return 0.0, 0.0, 0.0
    low = _optional(row.get("correlation_low"))
    high = _optional(row.get("correlation_high"))
    where = f"row {i + 2} / correlation"
    if low is None or high is None or not (low <= central <= high):
        raise ParameterError(
            f"correlation {central:g} of {row['family']!r} without a range around it",
            file=path,
            field=where,
            allowed="correlation_low <= correlation <= correlation_high, all in [0, 1]",
        )
    if not _text(row.get("correlation_status")) or not _text(row.get("correlation_source")):
        raise ParameterError(
            f"correlation of {row['family']!r} without status and source",
            file=path,
            field=where,
            allowed="correlation_status and correlation_source filled in",
        )
    return float(central), float(low), float(high)
