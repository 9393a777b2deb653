"""Country facts (GDP, population, internet users) from ``parameters/countries.csv``.

The table is built by ``parameters/build/build_countries.py`` from World Bank WDI extracts; units
and sources per column are in ``parameters/countries_sources.csv``.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..errors import ParameterError
from .table import PARAMETERS_DIR, read_table

COUNTRIES_FILE = PARAMETERS_DIR / "countries.csv"
SOURCES_FILE = PARAMETERS_DIR / "countries_sources.csv"
VALUE_COLUMNS = ("gdp_usd", "population", "internet_users_share")


@dataclass(frozen=True)
class CountryFacts:
    """World Bank facts for one country and year.

    Attributes
    ----------
    gdp_usd : GDP in current USD per year (None if the World Bank has no value).
    population : persons (None if missing).
    internet_users_share : share of population using the internet, in [0, 1] (None if missing).
    sources : column -> source text (series, vintage, licence).
    """

    iso3: str
    name: str
    year: int
    gdp_usd: float | None
    population: float | None
    internet_users_share: float | None
    sources: dict[str, str] = field(default_factory=dict, compare=False)


@lru_cache(maxsize=1)
def load_countries() -> pd.DataFrame:
    """The validated country table, indexed by (iso3, year). Cached."""
    frame = read_table(COUNTRIES_FILE, "countries")
    _refuse_duplicates(frame, ["iso3", "year"], COUNTRIES_FILE)
    return frame.set_index(["iso3", "year"]).sort_index()


def _refuse_duplicates(frame: pd.DataFrame, keys: list[str], path) -> None:
    """One row per key: a repeated (iso3, year) would make every lookup ambiguous."""
    dup = frame.duplicated(keys, keep=False)
    if dup.any():
        rows = [int(i) + 2 for i in frame.index[dup][:4]]  # CSV line numbers (header = 1)
        first = frame.loc[dup].iloc[0]
        key = ", ".join(f"{k}={first[k]}" for k in keys)
        raise ParameterError(
            f"duplicate rows for {key} (lines {', '.join(map(str, rows))})",
            file=str(path),
            field="/".join(keys),
            allowed="one row per " + " and ".join(keys),
        )


@lru_cache(maxsize=1)
def country_sources() -> dict[str, str]:
    """Column -> one-line source text from ``countries_sources.csv``."""
    frame = read_table(SOURCES_FILE, "countries_sources")
    _refuse_duplicates(frame, ["column"], SOURCES_FILE)
    return {
        r["column"]: f"{r['source']} [{r['status']}, {r['licence']}, vintage {r['vintage']}]"
        for _, r in frame.iterrows()
    }


@lru_cache(maxsize=1)
def known_iso3() -> tuple[str, ...]:
    """All ISO3 codes in the table."""
    return tuple(load_countries().index.get_level_values(0).unique())


def _check_iso3(iso3: str) -> str:
    code = str(iso3).strip().upper()
    codes = known_iso3()
    if code in codes:
        return code
    frame = load_countries()
    names = {str(n).lower(): c for (c, _), n in frame["country"].items()}
    close = difflib.get_close_matches(code, codes, n=3, cutoff=0.5)
    close += [
        names[n] for n in difflib.get_close_matches(str(iso3).lower(), names, n=3, cutoff=0.6)
    ]
    hint = ", ".join(dict.fromkeys(close)) or "see parameters/countries.csv"
    raise ParameterError(
        f"unknown ISO3 code {iso3!r}; close matches: {hint}",
        file=str(COUNTRIES_FILE),
        field="country",
        allowed="an ISO3 code in parameters/countries.csv",
    )


def years_with_data(iso3: str, column: str | None = None) -> tuple[int, ...]:
    """Years with any value (or a value in ``column``) for ``iso3``."""
    sub = load_countries().loc[_check_iso3(iso3)]
    cols = list(VALUE_COLUMNS) if column is None else [column]
    return tuple(int(y) for y in sub.index[sub[cols].notna().any(axis=1)])


def nearest_years(years: tuple[int, ...], year: int, n: int = 2) -> list[int]:
    """The ``n`` years closest to ``year`` (earlier first on ties)."""
    return sorted(sorted(years, key=lambda y: (abs(y - year), y))[:n])


def country_facts(iso3: str, year: int) -> CountryFacts:
    """World Bank GDP (USD), population (persons) and internet users (share) for a country-year.

    Raises
    ------
    ParameterError
        unknown ISO3 (field ``country``, with close matches) or a year with no data at all
        (field ``year``, naming the nearest years that have data).
    """
    code = _check_iso3(iso3)
    year = int(year)
    frame = load_countries()
    if (code, year) not in frame.index or frame.loc[(code, year), list(VALUE_COLUMNS)].isna().all():
        years = years_with_data(code)
        near = ", ".join(str(y) for y in nearest_years(years, year))
        raise ParameterError(
            f"no data for {code} in {year}; nearest years with data: {near}",
            file=str(COUNTRIES_FILE),
            field="year",
            allowed=f"{min(years)}-{max(years)}" if years else "none",
        )
    row = frame.loc[(code, year)]

    def val(col: str) -> float | None:
        v = row[col]
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)

    src = country_sources()
    return CountryFacts(
        iso3=code,
        name=str(row["country"]),
        year=year,
        gdp_usd=val("gdp_usd"),
        population=val("population"),
        internet_users_share=val("internet_users_share"),
        sources={
            c: f"{src.get(c, 'parameters/countries.csv')} ({code} {year})" for c in VALUE_COLUMNS
        },
    )
