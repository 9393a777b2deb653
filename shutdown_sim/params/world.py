"""Every-country tables in ``parameters/world/``: sector totals, domestic A*, indicators, infra.

Pure readers: an ISO3 code (and a year) in, frozen dataclasses with plain numpy arrays out; no
model logic. The tables are written by ``parameters/build/build_world.py``; units, status and
sources per column are in ``parameters/world/sources.csv``; the method is docs/domestic_io.md.

Tiers: ``adb_mrio`` (ADB MRIO sector totals; A* RAS-balanced to the economy's domestic sales),
``wdi_shares`` (World Bank value-added shares splitting a proxy structure, scaled by GDP).
Money is current USD per year. Years: the nearest year with data is used and reported
(``year`` beside ``year_requested``); ADB releases are never combined (``release``).
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError
from . import domestic_io as dio
from .table import PARAMETERS_DIR, read_table

WORLD_DIR = PARAMETERS_DIR / "world"
MILLION = 1e6
RELEASES = ("pre-jun2023", "jun2023")  # pre-jun2023 covers 2017-2021, jun2023 2020-2022
SCHEMAS = {  # table -> parameters/schema/<name>.csv
    "economies.csv": "world_economies",
    "sectors.csv": "world_sectors",
    "sector_totals_adb.csv": "world_sector_totals_adb",
    "sector_shares_wdi.csv": "world_sector_shares_wdi",
    "io_domestic.csv": "world_io_domestic",
    "io_domestic_meta.csv": "world_io_domestic_meta",
    "proxies.csv": "world_proxies",
    "proxy_concordance.csv": "world_proxy_concordance",
    "proxy_coefficients.csv": "world_proxy_coefficients",
    "proxy_vectors.csv": "world_proxy_vectors",
    "indicators.csv": "world_indicators",
    "tax_income_group_medians.csv": "world_tax_medians",
    "sources.csv": "world_sources",
    "infrastructure/counts.csv": "world_infra_counts",
    "infrastructure/cables.csv": "world_infra_cables",
    "infrastructure/landing_points.csv": "world_infra_landing_points",
    "infrastructure/ixps.csv": "world_infra_ixps",
}


@dataclass(frozen=True)
class SectorTotals:
    """Sector totals of one economy and year (arrays in ``sectors`` order, USD per year).

    ``intermediate_sales_usd`` and ``domestic_final_sales_usd`` are None in the ``wdi_shares``
    tier (the World Bank shares say nothing about them).
    """

    iso3: str
    name: str
    tier: str
    year_requested: int
    year: int
    release: str  # ADB release, or the World Bank vintage of the shares
    sectors: tuple[str, ...]
    sector_names: tuple[str, ...]
    gross_output_usd: np.ndarray
    value_added_usd: np.ndarray
    intermediate_inputs_usd: np.ndarray  # all origins (imports included)
    domestic_intermediate_sales_usd: np.ndarray
    intermediate_sales_usd: np.ndarray | None
    domestic_final_sales_usd: np.ndarray | None
    status: str
    source: str
    note: str = ""

    @property
    def exports_usd(self) -> np.ndarray | None:
        """Sales abroad (intermediate + final) = output - domestic sales; None without data."""
        if self.domestic_final_sales_usd is None:
            return None
        return (
            self.gross_output_usd
            - self.domestic_intermediate_sales_usd
            - (self.domestic_final_sales_usd)
        )


@dataclass(frozen=True)
class DomesticIO:
    """Domestic-only interdependency matrix a*_ij = z^d_ij / x_i (row i = supplier)."""

    iso3: str
    tier: str
    proxy: str
    year: int
    sectors: tuple[str, ...]
    a_star: np.ndarray
    status: str
    source: str
    meta: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Indicator:
    """One indicator value with its provenance (``value`` None when nothing is known)."""

    name: str
    value: float | None
    unit: str
    year: int | None
    status: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Indicators:
    """Country indicators for a requested year (each at its own nearest year)."""

    iso3: str
    year_requested: int
    values: dict[str, Indicator]

    def __getitem__(self, name: str) -> Indicator:
        return self.values[name]

    def employment_persons(self) -> dict[str, float | None]:
        """Employed persons by broad group (agr, ind, srv) = labour force x (1 - unemployment) x
        share; None where an input is missing. Inputs may come from different years."""
        lf = self.values["labour_force_persons"].value
        u = self.values["unemployment_share"].value
        out: dict[str, float | None] = {}
        for g in ("agr", "ind", "srv"):
            s = self.values[f"employment_share_{g}"].value
            out[g] = None if None in (lf, u, s) else lf * (1 - u) * s  # type: ignore[operator]
        return out


@dataclass(frozen=True)
class Cable:
    cable_id: str
    name: str
    rfs_year: int | None
    planned: bool
    length_km: float | None
    n_countries: int
    landings_here: int


@dataclass(frozen=True)
class LandingPoint:
    landing_point_id: str
    name: str
    lat: float
    lon: float
    n_cables: int
    n_cables_in_service: int


@dataclass(frozen=True)
class Ixp:
    source: str  # pdb | pch | he
    ixp_id: str
    name: str
    city: str


@dataclass(frozen=True)
class Infrastructure:
    """Submarine cables, landing points and IXPs of one economy (CC BY-NC-SA 3.0 data)."""

    iso3: str
    counts: dict[str, int]
    cables: tuple[Cable, ...]
    landing_points: tuple[LandingPoint, ...]
    ixps: tuple[Ixp, ...]
    licence: str
    source: str


# --- reading ------------------------------------------------------------------------------------


def _dir(world_dir: str | Path | None) -> Path:
    return Path(world_dir) if world_dir is not None else WORLD_DIR


@lru_cache(maxsize=32)
def _read(path: Path, schema: str) -> pd.DataFrame:
    if not path.is_file():
        raise ParameterError(
            "table missing; rebuild with parameters/build/build_world.py",
            file=str(path),
            allowed="the tables listed in parameters/world/README.md",
        )
    return read_table(path, schema)  # validated against parameters/schema/<schema>.csv


def _table(name: str, world_dir: str | Path | None) -> pd.DataFrame:
    return _read(_dir(world_dir) / name, SCHEMAS[name])


@lru_cache(maxsize=64)
def _by_iso3_cached(path: Path, schema: str) -> dict[str, pd.DataFrame]:
    return {str(k): g for k, g in _read(path, schema).groupby("iso3", sort=False)}


def _rows(name: str, iso3: str, world_dir: str | Path | None) -> pd.DataFrame:
    """Rows of one table for one economy (empty frame if none); tables are grouped once."""
    groups = _by_iso3_cached(_dir(world_dir) / name, SCHEMAS[name])
    if iso3 in groups:
        return groups[iso3]
    return _table(name, world_dir).iloc[0:0]


@lru_cache(maxsize=8)
def _sources_cached(path: Path) -> dict[tuple[str, str], pd.Series]:
    frame = _read(path, SCHEMAS["sources.csv"])
    return {(r["file"], r["column"]): r for _, r in frame.iterrows()}


def _sources(world_dir: str | Path | None) -> dict[tuple[str, str], pd.Series]:
    return _sources_cached(_dir(world_dir) / "sources.csv")


@lru_cache(maxsize=8)
def _economies_cached(path: Path) -> pd.DataFrame:
    return _read(path, SCHEMAS["economies.csv"]).set_index("iso3")


def economies(world_dir: str | Path | None = None) -> pd.DataFrame:
    """Every economy: iso3, name, region, income_group, tier, proxy (indexed by iso3)."""
    return _economies_cached(_dir(world_dir) / "economies.csv")


def check_iso3(iso3: str, world_dir: str | Path | None = None) -> str:
    """Upper-cased ISO3 code if known; otherwise ParameterError with the closest names."""
    code = str(iso3).strip().upper()
    eco = economies(world_dir)
    if code in eco.index:
        return code
    names = {str(n).lower(): c for c, n in eco["name"].items()}
    codes = difflib.get_close_matches(code, list(eco.index), n=3, cutoff=0.5)
    codes += [
        names[n]
        for n in difflib.get_close_matches(str(iso3).strip().lower(), names, n=3, cutoff=0.5)
    ]
    close = [f"{c} ({eco.loc[c, 'name']})" for c in dict.fromkeys(codes)]
    hint = ", ".join(dict.fromkeys(close)) or "see parameters/world/economies.csv"
    raise ParameterError(
        f"unknown country {iso3!r}; closest: {hint}",
        file=str(_dir(world_dir) / "economies.csv"),
        field="country",
        allowed="an ISO3 code in parameters/world/economies.csv",
    )


def tier(iso3: str, world_dir: str | Path | None = None) -> str:
    """``adb_mrio``, ``wdi_shares`` or ``none``."""
    return str(economies(world_dir).loc[check_iso3(iso3, world_dir), "tier"])


def _nearest(years, year: int) -> int:
    """Nearest year (the later one on ties)."""
    return min(years, key=lambda y: (abs(int(y) - year), -int(y)))


@dataclass(frozen=True)
class _Sectors:
    model: tuple[str, ...]  # model sectors (20)
    names: tuple[str, ...]
    build: tuple[str, ...]  # build sectors (21: agriculture and mining apart)
    groups: np.ndarray  # build sector k -> model sector index
    broad: np.ndarray  # build sector k -> World Bank broad group index (BROAD_GROUPS)


BROAD_GROUPS = ("agr", "ind_other", "mfg", "srv")


def _sector_info(world_dir) -> _Sectors:
    sec = _table("sectors.csv", world_dir)
    model = tuple(dict.fromkeys(sec["model_sector"]))
    names = tuple(dict(zip(sec["model_sector"], sec["model_name"], strict=True))[m] for m in model)
    groups = np.array([model.index(m) for m in sec["model_sector"]])
    broad = np.array([BROAD_GROUPS.index(g) for g in sec["wdi_broad_group"]])
    return _Sectors(model, names, tuple(sec["build_sector"]), groups, broad)


def _to_model(v: np.ndarray, sec: _Sectors) -> np.ndarray:
    out = np.zeros(len(sec.model))
    np.add.at(out, sec.groups, v)
    return out


def _missing(iso3: str, what: str, world_dir) -> ParameterError:
    return ParameterError(
        f"{iso3} has no {what}",
        file=str(_dir(world_dir)),
        field="country",
        allowed="an economy whose tier in economies.csv is adb_mrio or wdi_shares",
    )


def sector_totals(
    iso3: str,
    year: int,
    *,
    release: str | None = None,
    world_dir: str | Path | None = None,
) -> SectorTotals:
    """Sector totals for ``iso3`` at the nearest year with data.

    ADB tier: one release only; default pre-jun2023 (2017-2021) for years up to 2021 and
    jun2023 for 2022 on. World Bank tier: structure (shares of GDP) of its year times World Bank
    GDP of the nearest year to ``year`` (parameters/countries.csv).

    Raises ParameterError: unknown country (closest names), no sector data (names the tables),
    unknown release.
    """
    code = check_iso3(iso3, world_dir)
    year = int(year)
    eco = economies(world_dir).loc[code]
    sec = _sector_info(world_dir)
    if eco["tier"] == "adb_mrio":
        return _adb_totals(code, str(eco["name"]), year, release, sec, world_dir)
    if eco["tier"] == "wdi_shares":
        return _wdi_totals(code, str(eco["name"]), year, sec, world_dir)
    raise _missing(
        code, "sector data (not in sector_totals_adb.csv nor sector_shares_wdi.csv)", world_dir
    )


def _adb_rows(code: str, year: int, release: str | None, sec: _Sectors, world_dir):
    """Build-sector rows of the ADB table for one economy, one release, nearest year."""
    sub = _rows("sector_totals_adb.csv", code, world_dir)
    if sub.empty:
        raise _missing(code, "rows in sector_totals_adb.csv", world_dir)
    if release is None:
        release = "jun2023" if year >= 2022 else "pre-jun2023"
    if release not in RELEASES:
        raise ParameterError(
            f"unknown release {release!r}", field="release", allowed=" | ".join(RELEASES)
        )
    sub = sub[sub["release"] == release]
    used = _nearest(sub["year"].unique(), year)
    return sub[sub["year"] == used].set_index("sector").loc[list(sec.build)], release, int(used)


def _adb_totals(code, name, year, release, sec: _Sectors, world_dir) -> SectorTotals:
    rows, release, used = _adb_rows(code, year, release, sec, world_dir)
    src = _sources(world_dir)[("sector_totals_adb.csv", "gross_output")]

    def col(c: str) -> np.ndarray:
        return _to_model(rows[c].to_numpy(float) * MILLION, sec)

    note = f"ADB release {release}, year {used}"
    if used != year:
        note += f" (nearest to {year})"
    return SectorTotals(
        iso3=code, name=name, tier="adb_mrio", year_requested=year, year=int(used),
        release=release, sectors=sec.model, sector_names=sec.names,
        gross_output_usd=col("gross_output"), value_added_usd=col("value_added"),
        intermediate_inputs_usd=col("intermediate_inputs"),
        domestic_intermediate_sales_usd=col("domestic_intermediate_sales"),
        intermediate_sales_usd=col("intermediate_sales"),
        domestic_final_sales_usd=col("domestic_final_sales"),
        status="DERIVED", source=str(src["source"]), note=note,
    )  # fmt: skip


def _wdi_totals(code, name, year, sec: _Sectors, world_dir) -> SectorTotals:
    from .countries import country_facts, years_with_data

    rows = _rows("sector_shares_wdi.csv", code, world_dir).set_index("sector").loc[list(sec.build)]
    gdp_years = years_with_data(code, "gdp_usd")
    if not gdp_years:
        raise _missing(code, "World Bank GDP (parameters/countries.csv gdp_usd)", world_dir)
    gdp_year = _nearest(gdp_years, year)
    gdp = country_facts(code, gdp_year).gdp_usd
    src = _sources(world_dir)[("sector_shares_wdi.csv", "value_added")]
    share_year = int(rows["year"].iloc[0])
    status = "INFERRED"
    how = str(rows["share_status"].iloc[0])
    vintage = str(rows["vintage"].iloc[0])
    note = (
        f"World Bank value-added shares of {share_year} ({vintage}; proxy "
        f"{rows['proxy'].iloc[0]}) x GDP of {gdp_year}" + ("" if how == "VERIFIED" else f"; {how}")
    )

    def col(c: str) -> np.ndarray:
        return _to_model(rows[c].to_numpy(float) * float(gdp), sec)  # type: ignore[arg-type]

    return SectorTotals(
        iso3=code, name=name, tier="wdi_shares", year_requested=year, year=int(gdp_year),
        release=vintage, sectors=sec.model, sector_names=sec.names,
        gross_output_usd=col("gross_output"), value_added_usd=col("value_added"),
        intermediate_inputs_usd=col("intermediate_inputs"),
        domestic_intermediate_sales_usd=col("domestic_intermediate_sales"),
        intermediate_sales_usd=None, domestic_final_sales_usd=None,
        status=status, source=str(src["source"]), note=note,
    )  # fmt: skip


def domestic_io(
    iso3: str, *, proxy: str | None = None, world_dir: str | Path | None = None
) -> DomesticIO:
    """The economy's domestic-only A* (one base year per economy, see ``year``).

    ``proxy`` (a key of proxies.csv, e.g. ``JPN2018``) recomputes A* with another proxy table by
    the same method (for structural sensitivity); default: the best-fitting proxy, as stored.
    """
    code = check_iso3(iso3, world_dir)
    sub = _rows("io_domestic.csv", code, world_dir)
    if sub.empty:
        raise _missing(code, "domestic input-output matrix (io_domestic.csv)", world_dir)
    sec = _sector_info(world_dir)
    meta = _rows("io_domestic_meta.csv", code, world_dir).iloc[0]
    first = sub.iloc[0]
    src = _sources(world_dir)[("io_domestic.csv", "AGR..OTHER_SERVICES")]
    proxies = _table("proxies.csv", world_dir).set_index("proxy")
    stored = str(first["proxy"])
    key = stored if proxy is None else str(proxy).strip().upper()
    if key not in proxies.index:
        raise ParameterError(
            f"unknown proxy {proxy!r}", field="proxy", allowed=" | ".join(proxies.index)
        )
    info = {k: str(v) for k, v in meta.items()}
    if key == stored:
        a = sub.set_index("supplier").loc[list(sec.model), list(sec.model)].to_numpy(float)
    else:
        a, rho = _alternative_a_star(code, str(first["tier"]), key, sec, world_dir)
        info |= {"proxy": key, "spectral_radius": f"{rho:.6f}", "note": f"alternative to {stored}"}
    a.setflags(write=False)
    return DomesticIO(
        iso3=code,
        tier=str(first["tier"]),
        proxy=key,
        year=int(first["year"]),
        sectors=sec.model,
        a_star=a,
        status=str(meta["status"]),
        source=f"{src['source']}; proxy: {proxies.loc[key, 'source']}",
        meta=info,
    )


def _alternative_a_star(code, tier_, key, sec: _Sectors, world_dir) -> tuple[np.ndarray, float]:
    """A* with proxy ``key``: the build's method on the stored inputs (docs/domestic_io.md)."""
    coef = _table("proxy_coefficients.csv", world_dir)
    a_dom = coef[coef["proxy"] == key].set_index("supplier").loc[list(sec.build), list(sec.build)]
    vec = _table("proxy_vectors.csv", world_dir)
    pv = vec[vec["proxy"] == key].set_index("sector").loc[list(sec.build)]
    if tier_ == "adb_mrio":
        base = int(_rows("io_domestic.csv", code, world_dir)["year"].iloc[0])
        rows, _, _ = _adb_rows(code, base, "pre-jun2023", sec, world_dir)
        x = rows["gross_output"].to_numpy(float)
        ez = rows["domestic_intermediate_sales"].to_numpy(float)
        zin = rows["intermediate_inputs"].to_numpy(float)
        cols = dio.column_targets(zin, pv["domestic_input_share"].to_numpy(float), ez.sum())
    else:
        shares = _rows("sector_shares_wdi.csv", code, world_dir).set_index("sector")
        va = shares.loc[list(sec.build), "value_added"].to_numpy(float)
        broad = np.array([va[sec.broad == g].sum() for g in range(len(BROAD_GROUPS))])
        x, _, ez, cols = dio.wdi_structure(
            broad, sec.broad, pv["value_added"].to_numpy(float),
            pv["gross_output"].to_numpy(float), pv["domestic_sales_ratio"].to_numpy(float),
            pv["domestic_input_ratio"].to_numpy(float),
        )  # fmt: skip
    out = dio.domestic_a_star(a_dom.to_numpy(float), x, ez, cols, sec.groups, len(sec.model))
    return out.a_star, out.spectral_radius


# --- indicators ---------------------------------------------------------------------------------

INDICATOR_NAMES = (
    "mobile_subs_per100",
    "fixed_broadband_per100",
    "labour_force_persons",
    "unemployment_share",
    "employment_share_agr",
    "employment_share_ind",
    "employment_share_srv",
    "tax_revenue_share_gdp",
)


def _latest_value(frame: pd.DataFrame, column: str, year: int) -> tuple[float, int] | None:
    values = frame[column].to_numpy(dtype=float)
    years = frame["year"].to_numpy(dtype=int)[~np.isnan(values)]
    if years.size == 0:
        return None
    used = _nearest(years, year)
    return float(values[~np.isnan(values)][years == used][0]), int(used)


def indicators(iso3: str, year: int, *, world_dir: str | Path | None = None) -> Indicators:
    """Telecom, labour, employment, tax and internet-use indicators at their nearest years.

    The tax ratio falls back to the median of the economy's World Bank income group (status
    DERIVED, labelled in ``note``) when the economy has none; missing values are None.
    """
    code = check_iso3(iso3, world_dir)
    year = int(year)
    sub = _rows("indicators.csv", code, world_dir)
    src = _sources(world_dir)
    out: dict[str, Indicator] = {}
    for name in INDICATOR_NAMES:
        s = src[("indicators.csv", name)]
        hit = _latest_value(sub, name, year)
        note = "" if hit is None or hit[1] == year else f"nearest year to {year}"
        out[name] = Indicator(
            name, None if hit is None else hit[0], str(s["unit"]),
            None if hit is None else hit[1], str(s["status"]), str(s["source"]), note,
        )  # fmt: skip
    if out["tax_revenue_share_gdp"].value is None:
        out["tax_revenue_share_gdp"] = _tax_fallback(code, year, world_dir)
    out["internet_users_share"] = _internet_users(code, year)
    return Indicators(code, year, out)


def _tax_fallback(code: str, year: int, world_dir) -> Indicator:
    group = economies(world_dir).loc[code, "income_group"]
    s = _sources(world_dir)[("tax_income_group_medians.csv", "tax_revenue_share_gdp")]
    med = _table("tax_income_group_medians.csv", world_dir)
    med = med[med["income_group"] == group]
    if not isinstance(group, str) or med.empty:
        return Indicator(
            "tax_revenue_share_gdp",
            None,
            str(s["unit"]),
            None,
            "ASSUMPTION",
            str(s["source"]),
            "no tax ratio and no income group",
        )
    used = _nearest(med["year"].unique(), year)
    row = med[med["year"] == used].iloc[0]
    return Indicator(
        "tax_revenue_share_gdp", float(row["tax_revenue_share_gdp"]), str(s["unit"]), int(used),
        "DERIVED", str(s["source"]),
        f"{code} has no World Bank tax ratio: median of {group} economies in {used} "
        f"(n={int(row['n_economies'])})",
    )  # fmt: skip


def _internet_users(code: str, year: int) -> Indicator:
    from .countries import country_facts, country_sources, known_iso3, years_with_data

    src = country_sources().get("internet_users_share", "parameters/countries.csv")
    unit = "share of population"
    years = years_with_data(code, "internet_users_share") if code in known_iso3() else ()
    if not years:
        return Indicator("internet_users_share", None, unit, None, "VERIFIED", src, "no data")
    used = _nearest(years, year)
    note = "" if used == year else f"nearest year to {year}"
    value = country_facts(code, used).internet_users_share
    return Indicator("internet_users_share", value, unit, used, "VERIFIED", src, note)


@dataclass(frozen=True)
class SectorEmployment:
    """Employed persons by model sector (split of the World Bank broad groups)."""

    iso3: str
    year_requested: int
    sectors: tuple[str, ...]
    persons: np.ndarray
    status: str
    source: str
    note: str


# World Bank employment group of each model sector (AGR: agriculture; mining workers are in the
# World Bank's industry group, so they are spread over the industrial model sectors)
EMPLOYMENT_GROUP = {"AGR": "agr", "FOOD_MFG": "ind", "MFG": "ind", "UTL": "ind", "CON": "ind"}


def employment_by_sector(
    iso3: str, year: int, *, world_dir: str | Path | None = None
) -> SectorEmployment:
    """Employed persons per model sector: each broad group's employment (labour force x
    (1 - unemployment) x share) split by the sectors' value added within the group.

    ASSUMPTION: equal value added per worker within a broad group (the rule Hong Kong's own
    employment table uses to split its survey groups).
    """
    ind = indicators(iso3, year, world_dir=world_dir)
    groups = ind.employment_persons()
    if any(v is None for v in groups.values()):
        raise _missing(ind.iso3, "employment data (indicators.csv labour rows)", world_dir)
    tot = sector_totals(ind.iso3, year, world_dir=world_dir)
    va = np.clip(tot.value_added_usd, 0, None)
    group_of = np.array([EMPLOYMENT_GROUP.get(s, "srv") for s in tot.sectors])
    persons = np.zeros(len(tot.sectors))
    for g, total in groups.items():
        mask = group_of == g
        key = va[mask] if va[mask].sum() > 0 else np.ones(mask.sum())
        persons[mask] = float(total) * key / key.sum()  # type: ignore[arg-type]
    years = {k: ind[k].year for k in ("labour_force_persons", "employment_share_agr")}
    src = ind["employment_share_agr"].source
    return SectorEmployment(
        iso3=ind.iso3,
        year_requested=int(year),
        sectors=tot.sectors,
        persons=persons,
        status="ASSUMPTION",
        source=f"{src}; split by value added ({tot.source})",
        note=f"labour data of {years['labour_force_persons']}, shares of "
        f"{years['employment_share_agr']}, value added of {tot.year}; equal value added per "
        "worker within agriculture, industry and services",
    )


# --- infrastructure -----------------------------------------------------------------------------


def _opt(v) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def infrastructure(iso3: str, *, world_dir: str | Path | None = None) -> Infrastructure:
    """Cables, landing points and IXPs (empty tuples for none: zeros are real in the sources)."""
    code = check_iso3(iso3, world_dir)
    base = "infrastructure/"
    counts = _table(base + "counts.csv", world_dir)
    row = _rows(base + "counts.csv", code, world_dir)
    count_cols = [c for c in counts.columns if c not in ("iso3", "country")]
    cnt = {c: int(row[c].iloc[0]) for c in count_cols} if len(row) else dict.fromkeys(count_cols, 0)
    cables = tuple(
        Cable(r.cable_id, r.cable_name, None if _opt(r.rfs_year) is None else int(r.rfs_year),
              r.is_planned == "True", _opt(r.length_km), int(r.n_countries), int(r.landings_here))
        for r in _rows(base + "cables.csv", code, world_dir).itertuples()
    )  # fmt: skip
    points = tuple(
        LandingPoint(r.landing_point_id, r.name, float(r.lat), float(r.lon), int(r.n_cables),
                     int(r.n_cables_in_service))
        for r in _rows(base + "landing_points.csv", code, world_dir).itertuples()
    )  # fmt: skip
    ixps = tuple(
        Ixp(r.source, r.ixp_id, r.name, "" if _opt_str(r.city) is None else r.city)
        for r in _rows(base + "ixps.csv", code, world_dir).itertuples()
    )
    src = _sources(world_dir)
    cab_src = src[(base + "cables.csv", "*")]
    ixp_src = src[(base + "ixps.csv", "*")]
    return Infrastructure(
        iso3=code,
        counts=cnt,
        cables=cables,
        landing_points=points,
        ixps=ixps,
        licence=f"cables: {cab_src['licence']}; IXPs: {ixp_src['licence']}",
        source=f"{cab_src['source']}; {ixp_src['source']}",
    )


def _opt_str(v) -> str | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
