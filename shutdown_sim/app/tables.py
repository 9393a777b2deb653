"""Tables and files the app shows or offers for download, built from the public API.

Parameter table (with source links), the services -> sectors flows of the Sankey, the published
methods for any country, and the downloads (JSON, spreadsheet-safe CSV).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError

# -- parameter table -----------------------------------------------------------------------------
_URL = re.compile(r"https?://[^\s,;)\]]+")


def source_link(source: str) -> str | None:
    match = _URL.search(source or "")
    return match.group(0).rstrip(".") if match else None


def parameter_frame(params: Any, defaults: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per parameter: name, value, default, low, high, unit, year, status, source."""
    rows = []
    for p in params:
        rows.append(
            {
                "name": p.name,
                "value": float(p.central),
                "default": float(defaults.get(p.name, p.central)) if defaults else float(p.central),
                "low": float(p.low),
                "high": float(p.high),
                "unit": p.unit,
                "year": str(p.year),
                "status": p.status,
                "source": p.source,
                "link": source_link(p.source),
                "note": p.note,
            }
        )
    return pd.DataFrame(rows)


# -- flows for the Sankey ------------------------------------------------------------------------
def service_sector_flows(ctx: Any) -> pd.DataFrame:
    """Value added per day (USD) of each sector that runs through each service.

    flow[i, s] = W_is × d_i × v_i / 365 with W = ``ctx.weights`` and d the central dependence.
    """
    economy = ctx.economy
    central = {p.name: p.central for p in ctx.space.params}
    dependence = np.array([central.get(f"{s}.dependence", np.nan) for s in economy.sectors])
    if np.isnan(dependence).any():
        dependence = np.asarray(economy.sector_param("dependence"), float)
    va_day = np.asarray(economy.value_added_usd, float) / 365.0
    flows = np.asarray(ctx.weights, float) * (dependence * va_day)[:, None]
    rows = []
    for i, sector in enumerate(economy.sectors):
        for s, service in enumerate(ctx.network.service_names):
            if flows[i, s] > 0:
                rows.append(
                    {
                        "service": service,
                        "sector": sector,
                        "sector_name": economy.sector_names[i],
                        "value_usd_per_day": float(flows[i, s]),
                    }
                )
    return pd.DataFrame(rows, columns=["service", "sector", "sector_name", "value_usd_per_day"])


# -- exports -------------------------------------------------------------------------------------
def result_json(result: Any) -> bytes:
    """The result as strict JSON (the ``run --json`` object; NaN becomes null with a note)."""
    from ..output import dumps_json

    return dumps_json(result.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def png_export_available() -> bool:
    return importlib.util.find_spec("kaleido") is not None


def browser_for_export() -> str | None:
    """A Chrome/Chromium for PNG, PDF and card downloads (kaleido installed), else None."""
    if not png_export_available():
        return None
    from ..report.browser import find_browser

    return find_browser()


def country_options() -> dict[str, str]:
    """ISO3 -> name of every country with GDP data (for the published-methods comparison)."""
    from ..params.countries import load_countries

    table = load_countries().reset_index()
    table = table[table["gdp_usd"].notna()]
    latest = table.sort_values("year").groupby("iso3")["country"].last()
    return dict(sorted(latest.items(), key=lambda kv: kv[1]))


def latest_year(iso3: str) -> int:
    """Latest year with GDP data for ``iso3``."""
    from ..params.countries import years_with_data

    return int(years_with_data(iso3, "gdp_usd")[-1])


def baselines_for_country(iso3: str, year: int, days: float, kind: str) -> pd.DataFrame:
    """Every published method for any country: one row per method (USD)."""
    from ..baselines import METHODS, error_entry, make_input, run_all

    try:
        results = run_all(make_input(days=float(days), country=iso3, year=int(year), kind=kind))
    except InputError as err:  # no data for that country-year: every row says why
        results = {method: error_entry(method, err) for method in METHODS}
    frame = pd.DataFrame(
        [
            {
                "method": method,
                "cost_usd": res["cost_usd"],
                "cost_usd_per_day": res["cost_usd_per_day"],
                "note": res.get("error", ""),
            }
            for method, res in results.items()
        ]
    )
    for column in ("cost_usd", "cost_usd_per_day"):  # None (method could not run) -> NaN
        frame[column] = pd.to_numeric(frame[column])
    return frame


def csv_bytes(frame: pd.DataFrame, result: Any, *, index: bool = True) -> bytes:
    """A download table with the result's ``provenance_*`` columns, as spreadsheet-safe CSV.

    Sector names and other text come from the data folder or an upload; a cell such as
    ``=cmd|' /C calc'!A0`` is written as text, never as a formula (``output.csv_text``).
    """
    from ..output import csv_text
    from ..provenance import with_provenance

    return csv_text(with_provenance(frame, result.provenance), index=index).encode("utf-8")
