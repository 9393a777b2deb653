"""The economy of any World Bank economy, built in memory from ``parameters/world/`` tables.

:func:`load_country_economy` returns the same :class:`~.economy.Economy` the Hong Kong folder
gives, for any ISO3 code with sector data (tier ``adb_mrio`` or ``wdi_shares``); Hong Kong keeps
its hand-built folder (``parameters/regions/HKG``), which always takes precedence. Rules and
labels: docs/country.md.

- sector totals, domestic A*, employment: :mod:`.world` (nearest year; zero-output sectors are
  left out; a negative value added, as published for a few sectors, is set to 0 and labelled);
- sector assumptions: Hong Kong's team defaults adjusted by :mod:`.country_rules`;
- channel weights and economy behaviour: Hong Kong's team defaults; spill-over values abroad 0
  (no data on the value of a country's hosting and transit to users abroad);
- population, GDP: World Bank (``parameters/countries.csv``), nearest year with data.

Money in current USD per year; the local currency is not in the data, so amounts stay in USD.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import ParameterError
from . import country_rules as rules
from . import world
from .economy import Economy, build_economy
from .economy_tables import EconomyTables, economy_tables, read_economy_tables
from .region import available_regions, region_folder

TEMPLATE_REGION = "HKG"  # team defaults come from this folder
TEMPLATE_YEAR = 2019  # the year the Hong Kong defaults were set for
ZERO_SPILLOVER = ("spillover_cloud_value_usd_per_day", "spillover_transit_value_usd_per_day")


def is_country(region: object) -> bool:
    """True for an ISO3 code of ``parameters/world/economies.csv`` without a region folder
    (whether it has the data a model needs is for :func:`country_build` to say)."""
    if not isinstance(region, str) or region in available_regions():
        return False
    return region in world.economies().index


def default_year(iso3: str) -> int:
    """Latest year with World Bank GDP for ``iso3`` (a shutdown happening now)."""
    from .countries import known_iso3, years_with_data

    code = world.check_iso3(iso3)
    years = years_with_data(code, "gdp_usd") if code in known_iso3() else ()
    if not years:
        raise world._missing(iso3, "World Bank GDP (parameters/countries.csv gdp_usd)", None)
    return max(years)


@lru_cache(maxsize=4)
def template_tables() -> EconomyTables:
    """Hong Kong's validated tables (the team defaults carried to other countries)."""
    return read_economy_tables(region_folder(TEMPLATE_REGION))


# --- access indicators ---------------------------------------------------------------------


def _group_median(code: str, name: str, year: int) -> tuple[float, str] | None:
    """Median of ``name`` over the economies of ``code``'s income group, else of its region."""
    eco = world.economies()
    for column in ("income_group", "region"):
        group = eco.loc[code, column]
        if not isinstance(group, str):
            continue
        peers = [c for c in eco.index[eco[column] == group] if c != code]
        values = [v for c in peers if (v := world.indicators(c, year)[name].value) is not None]
        if values:
            return float(np.median(values)), f"median of {len(values)} economies ({group})"
    return None


def access(iso3: str, year: int) -> tuple[rules.Access, list[str]]:
    """Internet users share and subscriptions per 100 (nearest years); notes on fallbacks.

    A missing value takes the median of the economy's World Bank income group (labelled in the
    notes); with no group either, ParameterError naming the missing indicator.
    """
    ind = world.indicators(iso3, year)
    values: dict[str, float] = {}
    notes: list[str] = []
    years: list[str] = []
    for name in ("internet_users_share", "fixed_broadband_per100", "mobile_subs_per100"):
        item = ind[name]
        if item.value is not None:
            values[name] = float(item.value)
            years.append(f"{name} {item.year}")
            continue
        fallback = _group_median(ind.iso3, name, year)
        if fallback is None:
            raise world._missing(ind.iso3, f"{name} (indicators.csv / countries.csv)", None)
        values[name] = fallback[0]
        years.append(f"{name} DERIVED")
        notes.append(f"{ind.iso3} has no {name}: {fallback[1]} used (DERIVED)")
    src = "; ".join(
        dict.fromkeys(
            ind[n].source
            for n in ("internet_users_share", "fixed_broadband_per100", "mobile_subs_per100")
        )
    )
    return (
        rules.Access(
            internet_users_share=values["internet_users_share"],
            fixed_per100=values["fixed_broadband_per100"],
            mobile_per100=values["mobile_subs_per100"],
            years=", ".join(years),
            source=src,
        ),
        notes,
    )


# --- tables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryBuild:
    """The in-memory tables of one country plus what the run should say about them."""

    tables: EconomyTables
    tier: str
    notes: tuple[str, ...]
    factors: rules.Factors
    access: rules.Access


@lru_cache(maxsize=1)
def _adb_codes() -> dict[str, str]:
    """Model sector -> ADB-35 codes it aggregates (joined with +)."""
    build = world._table("sectors.csv", None)
    models = dict.fromkeys(build["model_sector"])
    return {m: "+".join(build.loc[build["model_sector"] == m, "adb35_codes"]) for m in models}


def _sector_frame(tot: world.SectorTotals, keep: np.ndarray) -> tuple[pd.DataFrame, list[str]]:
    codes = _adb_codes()
    notes: list[str] = []
    rows = []
    for i in np.flatnonzero(keep):
        x = float(tot.gross_output_usd[i])
        va = float(tot.value_added_usd[i])
        status, source = tot.status, f"{tot.source} ({tot.note})"
        if va < 0:
            notes.append(
                f"{tot.sectors[i]}: published value added {va:,.0f} USD is negative; set to 0 "
                "(its output is all intermediate inputs)"
            )
            va, status = 0.0, "DERIVED"
        va = min(va, x)
        sales = tot.intermediate_sales_usd
        rows.append(
            {
                "sector": tot.sectors[i],
                "name": tot.sector_names[i],
                "adb_codes": codes[tot.sectors[i]],
                "year": tot.year,
                "gross_output_usd": x,
                "value_added_usd": va,
                "intermediate_inputs_usd": x - va,
                "intermediate_sales_usd": float(
                    (sales if sales is not None else tot.domestic_intermediate_sales_usd)[i]
                ),
                "final_demand_sales_usd": "",
                "unit": "USD current (per year)",
                "status": status,
                "source": source,
            }
        )
    return pd.DataFrame(rows), notes


def _employment_frame(iso3: str, year: int, sectors: tuple[str, ...]) -> pd.DataFrame:
    try:
        emp = world.employment_by_sector(iso3, year)
        persons = dict(zip(emp.sectors, emp.persons, strict=True))
        status, source, note = emp.status, emp.source, emp.note
    except ParameterError as err:
        persons, status, source, note = {}, "ASSUMPTION", "none", f"unknown: {err.message}"
    return pd.DataFrame(
        [
            {
                "sector": s,
                "employment_persons": persons.get(s, ""),
                "unit": "persons",
                "year": year,
                "status": status,
                "source": source,
                "note": note,
            }
            for s in sectors
        ]
    )


def _adjusted_assumptions(
    template: pd.DataFrame, sectors: tuple[str, ...], f: rules.Factors, acc: rules.Access, iso3: str
) -> pd.DataFrame:
    """Hong Kong's sector rows for ``sectors``, three families adjusted (country_rules)."""
    out = template[template["sector"].isin(sectors)].astype(object)
    records = out.to_dict("records")
    for rec in records:
        name = str(rec["name"])
        rule = rules.RULES.get(name)
        if rule is None:
            rec["note"] = f"Hong Kong team default, not adjusted for {iso3}. {rec['note']}"
            continue
        c = float(rec["central"])
        lo = c if pd.isna(rec["low"]) else float(rec["low"])
        hi = c if pd.isna(rec["high"]) else float(rec["high"])
        nc, nlo, nhi = rule(c, lo, hi, f)
        rec.update(
            central=round(nc, 10),
            low=round(nlo, 10),
            high=round(nhi, 10),
            status="ASSUMPTION",
            source=f"{rec['source']}; adjusted with {acc.source}",
            note=f"Hong Kong 2019 default {c:g} ({lo:g}-{hi:g}) {rules.RULE_TEXT[name]}; "
            f"{iso3}: r = {f.use_ratio:.3f}, rho = {f.fixed_ratio:.3f} ({acc.years}); "
            "docs/country.md",
        )
    return pd.DataFrame(records, columns=out.columns)


def _behaviour_frame(template: pd.DataFrame, iso3: str) -> pd.DataFrame:
    out = template.copy().astype(object)
    for idx, row in out.iterrows():
        if row["name"] in ZERO_SPILLOVER:
            out.loc[idx, ["central", "low", "high", "distribution", "status"]] = [
                0.0, "", "", "fixed", "ASSUMPTION",
            ]  # fmt: skip
            out.at[idx, "source"] = (
                "Expert judgement (shutdown-sim team): no data on the value of this country's "
                "hosting and transit to users abroad; see docs/country.md"
            )
            out.at[idx, "note"] = f"spill-over abroad not modelled for {iso3} (0)"
    return out


def _io_meta_frame(dio: world.DomesticIO) -> pd.DataFrame:
    method = "domestic-only A*, proxy RAS-balanced to the economy's totals (docs/domestic_io.md)"
    fields = {**dio.meta, "method": method}
    return pd.DataFrame(
        [
            {"field": k, "value": str(v), "year": dio.year, "status": dio.status,
             "source": dio.source, "note": ""}
            for k, v in fields.items()
        ]
    )  # fmt: skip


def _macro(iso3: str) -> dict:
    from .countries import country_sources, known_iso3, load_countries

    if iso3 not in known_iso3():
        raise world._missing(iso3, "World Bank GDP and population (parameters/countries.csv)", None)
    sub = load_countries().loc[iso3]
    src = country_sources()
    out = {}
    for key in ("population", "gdp_usd"):
        col = sub[key].dropna()
        if col.empty:
            raise world._missing(iso3, f"World Bank {key} (parameters/countries.csv)", None)
        out[key] = {
            "unit": "persons" if key == "population" else "USD current",
            "status": "VERIFIED",
            "source": src.get(key, "parameters/countries.csv"),
            "values": {int(y): float(v) for y, v in col.items()},
        }
    return out


def country_build(iso3: str, year: int) -> CountryBuild:
    """Every economy table of ``iso3`` for ``year`` (validated), and the run's notes."""
    code = world.check_iso3(iso3)
    year = int(year)
    macro = _macro(code)
    tot = world.sector_totals(code, year)
    keep = tot.gross_output_usd > 0
    sectors = tuple(np.asarray(tot.sectors)[keep])
    notes: list[str] = []
    if tot.year != year:
        notes.append(f"{code}: sector totals of {tot.year} used ({tot.note}; requested {year})")
    dropped = [s for s, k in zip(tot.sectors, keep, strict=True) if not k]
    if dropped:
        notes.append(f"{code}: sectors with no output left out: {', '.join(dropped)}")
    sector_frame, va_notes = _sector_frame(tot, keep)
    notes += va_notes
    dio = world.domestic_io(code)
    idx = [tot.sectors.index(s) for s in sectors]
    a = pd.DataFrame(dio.a_star[np.ix_(idx, idx)], index=list(sectors), columns=list(sectors))
    acc, acc_notes = access(code, year)
    notes += acc_notes
    ref, _ = access(TEMPLATE_REGION, TEMPLATE_YEAR)
    f = rules.factors(acc, ref)
    tmpl = template_tables()
    gdp_years = sorted(macro["gdp_usd"]["values"])
    gdp_year = min(gdp_years, key=lambda y: (abs(y - year), -y))
    if gdp_year != year:
        notes.append(f"{code}: World Bank GDP of {gdp_year} used (nearest to {year})")
    name = str(world.economies().loc[code, "name"])
    meta = {
        "iso3": code,
        "name": name,
        "currency": "USD",
        "local_per_usd": {"central": 1.0, "source": "amounts in USD (no exchange rate shipped)"},
        "default_year": year,
        "macro": macro,
    }
    frames = {
        "sectors": sector_frame,
        "employment": _employment_frame(code, year, sectors),
        "sector_assumptions": _adjusted_assumptions(tmpl.sector_assumptions, sectors, f, acc, code),
        "channel_weights": tmpl.channel_weights[tmpl.channel_weights["sector"].isin(sectors)],
        "behaviour": _behaviour_frame(tmpl.behaviour, code),
        "io_meta": _io_meta_frame(dio),
        "io_matrix": a,
    }
    tables = economy_tables(meta, frames, source=f"parameters/world ({code}, {tot.tier})")
    return CountryBuild(tables, tot.tier, tuple(notes), f, acc)


def load_country_economy(iso3: str, year: int | None = None) -> Economy:
    """The :class:`Economy` of ``iso3`` (None = the latest year with GDP), cached."""
    code = world.check_iso3(iso3)
    return _load_country_economy(code, default_year(code) if year is None else int(year))


@lru_cache(maxsize=64)
def _load_country_economy(code: str, year: int) -> Economy:
    build = country_build(code, year)
    economy = build_economy(build.tables, year)
    sources = dict(economy.sources)
    sources["io_matrix"] = f"domestic A* ({build.tier}): {economy.io_meta.get('_source', '')}"
    return dataclasses.replace(economy, region_tier=build.tier, notes=build.notes, sources=sources)
