"""Build a region's economy (sectors, IO interdependency, sector assumptions) from its tables.

Two layers: the readers (:mod:`.economy_tables`) produce validated tables from a region folder
or from memory; :func:`build_economy` checks them against each other and against the parameter
families (:mod:`.families`) and returns an :class:`Economy`. :func:`load_economy` does both for a
folder under ``parameters/regions/`` (resolved by :mod:`.region`), cached. Nothing here is
specific to one region: a new region (or a new IO matrix for an old one) is a new set of files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..constants import CATEGORIES
from ..errors import ParameterError
from .economy_tables import EconomyTables, read_economy_tables
from .families import Families, load_families
from .region import available_regions, nearest_year, region_fingerprint, region_folder
from .table import UncertainParameter, uncertain_parameters

__all__ = [
    "CATEGORIES",
    "SECTOR_PARAMS",
    "Economy",
    "available_regions",
    "build_economy",
    "load_economy",
]

#: Sector parameter families (every sector has one row of each), from the families table.
SECTOR_PARAMS = load_families().in_table("sector_assumptions")
ROW_SUM_MAX = 1.0  # a*_ij row sums must stay strictly below this
IDENTITY_RTOL = 1e-5  # x = intermediate inputs + value added, relative (source rounding)


@dataclass(frozen=True, eq=False)
class Economy:
    """One region's economy for one year (arrays are read-only; money in current USD per year)."""

    region: str
    name: str
    year: int
    currency: str
    local_per_usd: float
    population: float
    gdp_usd: float
    sectors: tuple[str, ...]
    sector_names: tuple[str, ...]
    gross_output_usd: np.ndarray
    value_added_usd: np.ndarray
    employment: np.ndarray
    a_star: np.ndarray
    channel_weights: np.ndarray
    sector_params: dict[str, UncertainParameter]
    behaviour: dict[str, UncertainParameter]
    sources: dict[str, str]
    totals_year: int = 0  # year of the sector totals actually used (nearest available)
    io_meta: dict[str, str] = field(default_factory=dict)
    transit_share_parameter: str | None = None  # parameter scaling the transit spill-over
    region_tier: str = "hand-built"  # hand-built (a region folder), adb_mrio or wdi_shares
    notes: tuple[str, ...] = ()  # what a run should say (e.g. a nearest year used)

    @property
    def n(self) -> int:
        return len(self.sectors)

    def sector_param(self, param: str) -> np.ndarray:
        """Central values of one sector parameter as an (n,) array in sector order."""
        return np.array([self.sector_params[f"{s}.{param}"].central for s in self.sectors])


def load_economy(
    region: str = "HKG",
    year: int | None = None,
    parameters_dir: str | Path | None = None,
    io_table: str = "default",
) -> Economy:
    """Load and validate a region's economy for ``year`` (None = the region's default year).

    ``io_table`` picks the interdependency matrix: ``"default"`` (``files.io_matrix``) or an
    alternative the region names (``files.alternatives.io_matrix_<name>``; structural choice).

    The sector totals of the nearest available year are used (recorded in ``totals_year``);
    population and GDP likewise come from the nearest year in ``region.yaml``.

    Every simulation needs the economy and reading and validating its tables costs about 50 ms,
    so results are cached; the key includes the size and modification time of every file in the
    region folder, so an edited table is read again. The returned arrays are read-only because
    the object is shared.

    A region without a folder that is an ISO3 code with sector data in ``parameters/world`` is
    built from those tables (:mod:`.country`, docs/country.md); a folder always takes precedence.

    Raises
    ------
    ParameterError
        naming the file, the row/field and the allowed range.
    """
    from .country import is_country, load_country_economy

    if is_country(region) and parameters_dir is None:
        return load_country_economy(region, year)  # built from parameters/world (one IO table)
    return _load_economy(
        region, year, parameters_dir, io_table, region_fingerprint(region, parameters_dir)
    )


@lru_cache(maxsize=32)
def _load_economy(
    region: str,
    year: int | None,
    parameters_dir: str | Path | None,
    io_table: str,
    _fingerprint: tuple,
) -> Economy:
    folder = region_folder(region, parameters_dir)
    if year is not None:
        _check_year(year)
    return build_economy(read_economy_tables(folder, io_table), year)


def build_economy(
    tables: EconomyTables, year: int | None = None, families: Families | None = None
) -> Economy:
    """An :class:`Economy` for ``year`` (None = the default year) from validated tables."""
    meta = tables.meta
    year = meta.default_year if year is None else _check_year(year)
    families = families or load_families()
    totals = _sector_totals(tables.sectors, year)
    sectors = totals.sectors
    population, _, pop_src = meta.macro_value("population", year)
    gdp_usd, _, gdp_src = meta.macro_value("gdp_usd", year)
    io_meta = _io_meta(tables.io_meta)
    employment = _employment(tables.employment, sectors)
    a_star = _interdependency(tables.io_matrix, sectors)
    weights = _channel_weights(tables.channel_weights, sectors)
    families.check_rows(tables.behaviour, "economy_behaviour")
    for array in (totals.gross_output, totals.value_added, employment, a_star, weights):
        array.setflags(write=False)  # shared through the cache
    return Economy(
        region=meta.code,
        name=meta.name,
        year=year,
        currency=meta.currency,
        local_per_usd=meta.local_per_usd,
        population=population,
        gdp_usd=gdp_usd,
        sectors=sectors,
        sector_names=totals.names,
        gross_output_usd=totals.gross_output,
        value_added_usd=totals.value_added,
        employment=employment,
        a_star=a_star,
        channel_weights=weights,
        sector_params=_sector_parameters(tables.sector_assumptions, sectors, families),
        behaviour=uncertain_parameters(tables.behaviour, ("name",)),
        sources=_sources(tables, io_meta, pop_src, gdp_src),
        totals_year=totals.year,
        io_meta=io_meta,
        transit_share_parameter=meta.transit_share_parameter,
    )


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int | np.integer) or not 1900 <= year <= 2200:
        raise ParameterError(f"bad year {year!r}", field="year", allowed="integer in [1900, 2200]")
    return int(year)


def _src(frame: pd.DataFrame) -> str:
    return str(frame.attrs.get("source", ""))


@dataclass(frozen=True)
class _Totals:
    year: int
    sectors: tuple[str, ...]
    names: tuple[str, ...]
    gross_output: np.ndarray
    value_added: np.ndarray


def _sector_totals(sec: pd.DataFrame, year: int) -> _Totals:
    """Sector totals of the year nearest ``year`` (sector order: the first year's rows)."""
    src = _src(sec)
    for i, row in sec.iterrows():
        gap = abs(row["gross_output_usd"] - row["intermediate_inputs_usd"] - row["value_added_usd"])
        if gap > IDENTITY_RTOL * max(row["gross_output_usd"], 1.0):
            raise ParameterError(
                "gross output != intermediate inputs + value added",
                file=src,
                field=f"row {i + 2} / gross_output_usd",
                allowed=f"equal within relative {IDENTITY_RTOL:g}",
            )
    years = sorted(int(y) for y in sec["year"].unique())
    totals_year = nearest_year(years, year)
    sectors = tuple(sec[sec["year"] == years[0]]["sector"])
    if len(set(sectors)) != len(sectors):
        raise ParameterError(
            "duplicate sector in a year",
            file=src,
            field="sector",
            allowed="one row per sector and year",
        )
    cur = sec[sec["year"] == totals_year].set_index("sector")
    if sorted(cur.index) != sorted(sectors):
        raise ParameterError(
            f"year {totals_year} does not list the same sectors",
            file=src,
            field="sector",
            allowed=", ".join(sectors),
        )
    cur = cur.loc[list(sectors)]
    x = cur["gross_output_usd"].to_numpy(dtype=float)
    if np.any(x <= 0):
        raise ParameterError(
            f"gross output of {sectors[int(np.argmax(x <= 0))]} is 0",
            file=src,
            field="gross_output_usd",
            allowed="> 0 for every model sector",
        )
    names = tuple(str(n) for n in cur["name"])
    return _Totals(totals_year, sectors, names, x, cur["value_added_usd"].to_numpy(dtype=float))


def _check_keys(
    frame: pd.DataFrame, sectors: tuple[str, ...], column: str = "sector", unique: bool = True
) -> None:
    """Every row names a known sector; with ``unique``, each sector exactly once."""
    src = _src(frame)
    for i, s in enumerate(frame[column]):
        if s not in sectors:
            raise ParameterError(
                f"unknown sector {s!r}",
                file=src,
                field=f"row {i + 2} / {column}",
                allowed=", ".join(sectors),
            )
    if not unique:
        return
    _no_duplicates(frame, [column], "one row per sector")
    missing = [s for s in sectors if s not in set(frame[column])]
    if missing:
        raise ParameterError(
            f"missing sectors {missing}", file=src, field=column, allowed="one row per sector"
        )


def _no_duplicates(frame: pd.DataFrame, columns: list[str], allowed: str) -> None:
    """Refuse a second row with the same values in ``columns`` (naming its file row)."""
    dup = frame[frame.duplicated(columns)]
    if len(dup):
        key = ".".join(str(dup.iloc[0][c]) for c in columns)
        raise ParameterError(
            f"duplicate {key!r}",
            file=_src(frame),
            field=f"row {int(dup.index[0]) + 2} / {','.join(columns)}",
            allowed=allowed,
        )


def _employment(emp: pd.DataFrame, sectors: tuple[str, ...]) -> np.ndarray:
    """(n,) persons employed (NaN where unknown)."""
    _check_keys(emp, sectors)
    return emp.set_index("sector").loc[list(sectors), "employment_persons"].to_numpy(float)


def _interdependency(matrix: pd.DataFrame, sectors: tuple[str, ...]) -> np.ndarray:
    """A* in ``sectors`` order; rows must sum below 1 and the spectral radius stay below 1."""
    src = _src(matrix)
    index, columns = list(matrix.index), list(matrix.columns)
    allowed = ", ".join(sectors)
    if sorted(columns) != sorted(sectors) or len(set(columns)) != len(columns):
        raise ParameterError(
            f"columns {columns} do not match the sectors", file=src, field="header", allowed=allowed
        )
    if sorted(index) != sorted(sectors) or len(set(index)) != len(index):
        raise ParameterError(
            f"row labels {index} do not match the sectors",
            file=src,
            field="column 1",
            allowed=allowed,
        )
    order_r = [index.index(s) for s in sectors]
    a = matrix.to_numpy(float)[np.ix_(order_r, [columns.index(s) for s in sectors])]
    sums = a.sum(axis=1)
    for k, s in enumerate(sectors):
        if sums[k] >= ROW_SUM_MAX:
            raise ParameterError(
                f"row sum {sums[k]:.6g} >= 1",
                file=src,
                field=f"row {order_r[k] + 2} ({s})",
                allowed="row sums < 1",
            )
    rho = float(np.max(np.abs(np.linalg.eigvals(a)))) if a.size else 0.0
    if rho >= 1:
        raise ParameterError(
            f"spectral radius {rho:.6g} >= 1",
            file=src,
            field="matrix",
            allowed="spectral radius < 1",
        )
    return np.ascontiguousarray(a)


def _sector_parameters(
    sa: pd.DataFrame, sectors: tuple[str, ...], families: Families
) -> dict[str, UncertainParameter]:
    """``{"<sector>.<family>": UncertainParameter}``: one row per sector and sector family."""
    src = _src(sa)
    _check_keys(sa, sectors, unique=False)
    _no_duplicates(sa, ["sector", "name"], "one row per sector and parameter")
    families.check_rows(sa, "sector_assumptions")
    params = uncertain_parameters(sa, ("sector", "name"))
    wanted = families.in_table("sector_assumptions")
    missing = [f"{s}.{p}" for s in sectors for p in wanted if f"{s}.{p}" not in params]
    if missing:
        raise ParameterError(
            f"missing sector parameters {missing[:5]}",
            file=src,
            field="sector,name",
            allowed=", ".join(wanted),
        )
    return params


def _channel_weights(cw: pd.DataFrame, sectors: tuple[str, ...]) -> np.ndarray:
    """(n, len(CATEGORIES)) channel weights; each row sums to at most 1."""
    _check_keys(cw, sectors)
    for i, row in cw.iterrows():
        total = sum(float(row[c]) for c in CATEGORIES)
        if total > 1 + 1e-6:
            raise ParameterError(
                f"weights sum to {total:.6g}",
                file=_src(cw),
                field=f"row {i + 2} / {','.join(CATEGORIES)}",
                allowed="row sum <= 1 (normally exactly 1)",
            )
    return cw.set_index("sector").loc[list(sectors), list(CATEGORIES)].to_numpy(float)


def _sources_text(frame: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(str(s) for s in frame["source"] if str(s)))


def _io_meta(frame: pd.DataFrame | None) -> dict[str, str]:
    if frame is None:
        return {}
    out = {str(k): str(v) for k, v in zip(frame["field"], frame["value"], strict=True)}
    out["_source"] = _sources_text(frame)
    return out


def _sources(
    tables: EconomyTables, io_meta: dict[str, str], pop_src: str, gdp_src: str
) -> dict[str, str]:
    """Table -> source text (what the app's assumptions page shows)."""
    method = f" [method: {io_meta['method']}]" if "method" in io_meta else ""
    return {
        "sectors": _sources_text(tables.sectors),
        "employment": _sources_text(tables.employment),
        "io_matrix": f"{tables.io_matrix_name}: " + io_meta.get("_source", "") + method,
        "sector_assumptions": _sources_text(tables.sector_assumptions),
        "channel_weights": _sources_text(tables.channel_weights),
        "behaviour": _sources_text(tables.behaviour),
        "population": pop_src,
        "gdp_usd": gdp_src,
        "local_per_usd": tables.meta.local_per_usd_source,
    }
