"""Load a region's economy parameter set (sectors, IO interdependency, sector assumptions).

A region lives in ``parameters/regions/<REGION>/`` with a ``region.yaml`` naming its files; every
table is validated against ``parameters/schema/<table>.csv`` by :func:`read_table`. Nothing here
is specific to Hong Kong: a new region (or a new IO matrix for an old one) is a new set of files.

The interdependency matrix is whatever square CSV ``region.yaml`` names under ``files.io_matrix``
(header = sector codes, first column = sector codes, a*_ij = z_ij / x_i with row i = supplier),
so a second proxy or a real IO table drops in as a file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..constants import CATEGORIES
from ..errors import ParameterError
from ..safe_yaml import read_yaml_file
from .table import PARAMETERS_DIR, UncertainParameter, read_table, uncertain_parameters

SECTOR_PARAMS = ("dependence", "mobile_share", "buffer_h", "recapture_share", "recovery_days")
_SHARE_PARAMS = ("dependence", "mobile_share", "recapture_share")
_REGION_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_FILE_RE = re.compile(r"^[A-Za-z0-9_.-]+\.csv$")
_FILE_KEYS = (
    "sectors",
    "employment",
    "io_matrix",
    "sector_assumptions",
    "channel_weights",
    "behaviour",
)
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

    @property
    def n(self) -> int:
        return len(self.sectors)

    def sector_param(self, param: str) -> np.ndarray:
        """Central values of one sector parameter as an (n,) array in sector order."""
        return np.array([self.sector_params[f"{s}.{param}"].central for s in self.sectors])


def _regions_dir(parameters_dir: str | Path | None) -> Path:
    return Path(parameters_dir or PARAMETERS_DIR) / "regions"


def available_regions(parameters_dir: str | Path | None = None) -> tuple[str, ...]:
    """Region codes that have a ``region.yaml`` under ``parameters/regions/``."""
    base = _regions_dir(parameters_dir)
    if not base.is_dir():
        return ()
    return tuple(
        sorted(
            p.name
            for p in base.iterdir()
            if p.is_dir() and (p / "region.yaml").is_file() and _REGION_RE.match(p.name)
        )
    )


def _require(
    mapping: Any,
    key: str,
    source: str,
    kind: type | tuple[type, ...],
    allowed: str,
    prefix: str = "",
) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise ParameterError("missing key", file=source, field=f"{prefix}{key}", allowed=allowed)
    value = mapping[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ParameterError(
            f"wrong type {type(value).__name__}",
            file=source,
            field=f"{prefix}{key}",
            allowed=allowed,
        )
    return value


def _positive_number(mapping: Any, key: str, source: str, prefix: str = "") -> float:
    value = float(_require(mapping, key, source, (int, float), "a positive number", prefix))
    if not math.isfinite(value) or value <= 0:
        raise ParameterError(
            f"{value!r} not positive",
            file=source,
            field=f"{prefix}{key}",
            allowed="a positive finite number",
        )
    return value


def _nearest(years: list[int], year: int) -> int:
    return min(years, key=lambda y: (abs(y - year), -y))


def _macro_value(meta: dict, key: str, year: int, source: str) -> tuple[float, int, str]:
    block = _require(meta.get("macro"), key, source, dict, "mapping with values", "macro.")
    values = _require(block, "values", source, dict, "mapping year -> number", f"macro.{key}.")
    years = [y for y in values if isinstance(y, int) and not isinstance(y, bool)]
    if not years:
        raise ParameterError(
            "no years", file=source, field=f"macro.{key}.values", allowed="integer years as keys"
        )
    chosen = _nearest(years, year)
    value = _positive_number(values, chosen, source, f"macro.{key}.values.")  # type: ignore[arg-type]
    text = f"{block.get('source', '')} [{block.get('status', '')}; year {chosen}]"
    return value, chosen, text


def _file(meta: dict, key: str, region_dir: Path, source: str) -> Path:
    files = _require(meta, "files", source, dict, "mapping of table -> file name")
    name = _require(files, key, source, str, "a .csv file name in the region folder", "files.")
    if not _FILE_RE.match(name):
        raise ParameterError(
            f"bad file name {name!r}",
            file=source,
            field=f"files.{key}",
            allowed="a plain .csv file name inside the region folder",
        )
    return region_dir / name


def _sources_text(frame: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(str(s) for s in frame["source"] if str(s)))


def _read_matrix(path: Path, sectors: tuple[str, ...]) -> np.ndarray:
    """Read a square sector x sector matrix CSV and return it in ``sectors`` order."""
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
    index = [s.strip() for s in frame.iloc[:, 0]]
    columns = [c.strip() for c in frame.columns[1:]]
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
    values = np.empty((len(index), len(columns)))
    for i in range(len(index)):
        for j, col in enumerate(frame.columns[1:]):
            text = str(frame.iat[i, j + 1]).strip()
            where = f"row {i + 2} / {col.strip()}"
            try:
                v = float(text)
            except ValueError:
                raise ParameterError(
                    f"{text!r} is not a number", file=src, field=where, allowed="float in [0, 1)"
                ) from None
            if not math.isfinite(v) or v < 0 or v >= 1:
                raise ParameterError(
                    f"{text!r} out of range", file=src, field=where, allowed="float in [0, 1)"
                )
            values[i, j] = v
    order_r = [index.index(s) for s in sectors]
    order_c = [columns.index(s) for s in sectors]
    a = values[np.ix_(order_r, order_c)]
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
    return a


def _check_keys(
    frame: pd.DataFrame,
    sectors: tuple[str, ...],
    src: str,
    column: str = "sector",
    unique: bool = True,
) -> None:
    for i, s in enumerate(frame[column]):
        if s not in sectors:
            raise ParameterError(
                f"unknown sector {s!r}",
                file=src,
                field=f"row {i + 2} / {column}",
                allowed=", ".join(sectors),
            )
    if unique:
        dup = frame[column][frame[column].duplicated()]
        if len(dup):
            i = int(dup.index[0])
            raise ParameterError(
                f"duplicate sector {dup.iloc[0]!r}",
                file=src,
                field=f"row {i + 2} / {column}",
                allowed="one row per sector",
            )
        missing = [s for s in sectors if s not in set(frame[column])]
        if missing:
            raise ParameterError(
                f"missing sectors {missing}", file=src, field=column, allowed="one row per sector"
            )


def load_economy(
    region: str = "HKG", year: int | None = None, parameters_dir: str | Path | None = None
) -> Economy:
    """Load and validate a region's economy for ``year`` (None = the region's default year).

    The sector totals of the nearest available year are used (recorded in ``totals_year``);
    population and GDP likewise come from the nearest year in ``region.yaml``.

    Every simulation needs the economy and reading and validating its tables costs about 50 ms,
    so results are cached; the key includes the size and modification time of every file in the
    region folder, so an edited table is read again. The returned arrays are read-only because
    the object is shared.

    Raises
    ------
    ParameterError
        naming the file, the row/field and the allowed range.
    """
    return _load_economy(region, year, parameters_dir, _region_fingerprint(region, parameters_dir))


def _region_fingerprint(region: object, parameters_dir: str | Path | None) -> tuple:
    """(name, size, mtime) of every file in the region folder: changes when a table is edited."""
    if not isinstance(region, str) or not _REGION_RE.match(region):
        return ()
    folder = _regions_dir(parameters_dir) / region
    if not folder.is_dir():
        return ()
    return tuple(
        (str(p.relative_to(folder)), st.st_size, st.st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (st := p.stat())
    )


@lru_cache(maxsize=32)
def _load_economy(
    region: str, year: int | None, parameters_dir: str | Path | None, _fingerprint: tuple
) -> Economy:
    if not isinstance(region, str) or not _REGION_RE.match(region):
        raise ParameterError(
            f"bad region code {region!r}", field="region", allowed="upper-case code such as HKG"
        )
    region_dir = _regions_dir(parameters_dir) / region
    yaml_path = region_dir / "region.yaml"
    ysrc = str(yaml_path)
    if not yaml_path.is_file():
        raise ParameterError(
            "unknown region (no region.yaml)",
            file=ysrc,
            field="region",
            allowed=", ".join(available_regions(parameters_dir)) or "none",
        )
    meta = read_yaml_file(yaml_path, error=ParameterError)
    if not isinstance(meta, dict):
        raise ParameterError("not a mapping", file=ysrc, allowed="a YAML mapping")
    name = _require(meta, "name", ysrc, str, "a string")
    iso3 = _require(meta, "iso3", ysrc, str, "the region code")
    if iso3 != region:
        raise ParameterError(
            f"iso3 {iso3!r} does not match folder {region!r}",
            file=ysrc,
            field="iso3",
            allowed=region,
        )
    currency = _require(meta, "currency", ysrc, str, "a currency code")
    fx_block = _require(meta, "local_per_usd", ysrc, (dict, int, float), "number or mapping")
    fx = (
        _positive_number(fx_block, "central", ysrc, "local_per_usd.")
        if isinstance(fx_block, dict)
        else _positive_number(meta, "local_per_usd", ysrc)
    )
    default_year = int(_require(meta, "default_year", ysrc, int, "an integer year"))
    if year is None:
        year = default_year
    if (
        isinstance(year, bool)
        or not isinstance(year, (int, np.integer))
        or not 1900 <= year <= 2200
    ):
        raise ParameterError(f"bad year {year!r}", field="year", allowed="integer in [1900, 2200]")
    year = int(year)
    paths = {k: _file(meta, k, region_dir, ysrc) for k in _FILE_KEYS}

    # sectors (long format, one row per sector x year)
    sec = read_table(paths["sectors"], "economy_sectors")
    ssrc = str(paths["sectors"])
    for i, row in sec.iterrows():
        gap = abs(row["gross_output_usd"] - row["intermediate_inputs_usd"] - row["value_added_usd"])
        if gap > IDENTITY_RTOL * max(row["gross_output_usd"], 1.0):
            raise ParameterError(
                "gross output != intermediate inputs + value added",
                file=ssrc,
                field=f"row {i + 2} / gross_output_usd",
                allowed=f"equal within relative {IDENTITY_RTOL:g}",
            )
    years = sorted(int(y) for y in sec["year"].unique())
    totals_year = _nearest(years, year)
    first_year = sec[sec["year"] == years[0]]
    sectors = tuple(first_year["sector"])
    if len(set(sectors)) != len(sectors):
        raise ParameterError(
            "duplicate sector in a year",
            file=ssrc,
            field="sector",
            allowed="one row per sector and year",
        )
    cur = sec[sec["year"] == totals_year].set_index("sector")
    if sorted(cur.index) != sorted(sectors):
        raise ParameterError(
            f"year {totals_year} does not list the same sectors",
            file=ssrc,
            field="sector",
            allowed=", ".join(sectors),
        )
    cur = cur.loc[list(sectors)]
    x = cur["gross_output_usd"].to_numpy(dtype=float)
    v = cur["value_added_usd"].to_numpy(dtype=float)
    if np.any(x <= 0):
        bad = sectors[int(np.argmax(x <= 0))]
        raise ParameterError(
            f"gross output of {bad} is 0",
            file=ssrc,
            field="gross_output_usd",
            allowed="> 0 for every model sector",
        )

    # employment (optional values)
    emp = read_table(paths["employment"], "economy_employment")
    _check_keys(emp, sectors, str(paths["employment"]))
    employment = emp.set_index("sector").loc[list(sectors), "employment_persons"].to_numpy(float)

    # interdependency matrix
    a_star = _read_matrix(paths["io_matrix"], sectors)
    io_meta: dict[str, str] = {}
    if "io_meta" in meta.get("files", {}):
        io_path = _file(meta, "io_meta", region_dir, ysrc)
        iom = read_table(io_path, "io_meta")
        io_meta = {str(k): str(val) for k, val in zip(iom["field"], iom["value"], strict=True)}
        io_meta["_source"] = _sources_text(iom)

    # sector assumptions
    sa_path = paths["sector_assumptions"]
    sa = read_table(sa_path, "sector_assumptions")
    _check_keys(sa, sectors, str(sa_path), unique=False)
    dup = sa[sa.duplicated(["sector", "name"])]
    if len(dup):
        i = int(dup.index[0])
        raise ParameterError(
            f"duplicate {dup.iloc[0]['sector']}.{dup.iloc[0]['name']}",
            file=str(sa_path),
            field=f"row {i + 2} / sector,name",
            allowed="one row per sector and parameter",
        )
    for i, row in sa.iterrows():
        lo = row["central"] if pd.isna(row["low"]) else row["low"]
        hi = row["central"] if pd.isna(row["high"]) else row["high"]
        if row["name"] in _SHARE_PARAMS and not (0 <= lo and hi <= 1):
            raise ParameterError(
                f"{row['name']} outside [0, 1]",
                file=str(sa_path),
                field=f"row {i + 2} / low,central,high",
                allowed="shares in [0, 1]",
            )
        if row["name"] == "buffer_h" and lo < 0:
            raise ParameterError(
                "negative buffer",
                file=str(sa_path),
                field=f"row {i + 2} / low",
                allowed="hours >= 0",
            )
        if row["name"] == "recovery_days" and lo <= 0:
            raise ParameterError(
                "recovery time must be positive",
                file=str(sa_path),
                field=f"row {i + 2} / low",
                allowed="days > 0",
            )
    sector_params = uncertain_parameters(sa, ("sector", "name"))
    missing = [
        f"{s}.{p}" for s in sectors for p in SECTOR_PARAMS if f"{s}.{p}" not in sector_params
    ]
    if missing:
        raise ParameterError(
            f"missing sector parameters {missing[:5]}",
            file=str(sa_path),
            field="sector,name",
            allowed=", ".join(SECTOR_PARAMS),
        )

    # channel weights
    cw_path = paths["channel_weights"]
    cw = read_table(cw_path, "channel_weights")
    _check_keys(cw, sectors, str(cw_path))
    for i, row in cw.iterrows():
        total = sum(float(row[c]) for c in CATEGORIES)
        if total > 1 + 1e-6:
            raise ParameterError(
                f"weights sum to {total:.6g}",
                file=str(cw_path),
                field=f"row {i + 2} / {','.join(CATEGORIES)}",
                allowed="row sum <= 1 (normally exactly 1)",
            )
    weights = cw.set_index("sector").loc[list(sectors), list(CATEGORIES)].to_numpy(float)

    # economy-level behaviour
    beh = read_table(paths["behaviour"], "economy_behaviour")
    behaviour = uncertain_parameters(beh, ("name",))

    population, _, pop_src = _macro_value(meta, "population", year, ysrc)
    gdp_usd, _, gdp_src = _macro_value(meta, "gdp_usd", year, ysrc)

    for arr in (x, v, employment, a_star, weights):
        arr.setflags(write=False)
    fx_src = fx_block.get("source", "") if isinstance(fx_block, dict) else ""
    sources = {
        "sectors": _sources_text(sec),
        "employment": _sources_text(emp),
        "io_matrix": f"{paths['io_matrix'].name}: "
        + io_meta.get("_source", "")
        + (f" [method: {io_meta['method']}]" if "method" in io_meta else ""),
        "sector_assumptions": _sources_text(sa),
        "channel_weights": _sources_text(cw),
        "behaviour": _sources_text(beh),
        "population": pop_src,
        "gdp_usd": gdp_src,
        "local_per_usd": str(fx_src),
    }
    for array in (x, v, employment, a_star, weights):
        array.setflags(write=False)  # shared through the cache
    return Economy(
        region=region,
        name=name,
        year=year,
        currency=currency,
        local_per_usd=fx,
        population=population,
        gdp_usd=gdp_usd,
        sectors=sectors,
        sector_names=tuple(str(n) for n in cur["name"]),
        gross_output_usd=x,
        value_added_usd=v,
        employment=employment,
        a_star=a_star,
        channel_weights=weights,
        sector_params=sector_params,
        behaviour=behaviour,
        sources=sources,
        totals_year=totals_year,
        io_meta=io_meta,
    )
