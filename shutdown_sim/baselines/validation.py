"""Published outputs of the methods' own tools versus the reconstructed baselines.

Cases live in ``parameters/baseline_published_outputs.csv`` (country, dates, hours, kind, the
published USD, jobs/FDI where given, source, vintage, and ``use``: fit | check | context).
:func:`reproduce_all` recomputes every case from the parameter files; :func:`residual_table`
renders the README table. Residual = reproduced / published - 1.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import pandas as pd

from ..errors import ParameterError
from ..params.table import PARAMETERS_DIR, read_table
from . import METHODS, make_input, run

CASES_FILE = PARAMETERS_DIR / "baseline_published_outputs.csv"


@lru_cache(maxsize=1)
def cases() -> pd.DataFrame:
    """The published-output table, indexed by ``case_id``."""
    return read_table(CASES_FILE, "baseline_published_outputs").set_index("case_id")


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def reproduce(case_id: str) -> dict[str, Any]:
    """One case: published and reproduced USD, residual, and why not when it cannot be run."""
    row = cases().loc[case_id]
    out: dict[str, Any] = {
        "case_id": case_id,
        "method": row["method"],
        "iso3": row["iso3"],
        "kind": row["kind"],
        "hours": float(row["hours"]),
        "published_usd": float(row["published_usd"]),
        "bound": row["bound"],
        "use": row["use"],
        "vintage": row["vintage"],
        "jobs": None if _text(row["jobs"]) == "" else float(row["jobs"]),
        "reproduced_usd": None,
        "residual": None,
        "why": "",
    }
    if row["method"] not in METHODS:
        out["why"] = "method not implemented"
        return out
    share = _text(row["share_affected"])
    if share == "":
        out["why"] = "share affected unknown"
        return out
    apps = _text(row["apps"]).replace("|", ",") or None
    options = {}
    if row["method"] == "netloss" and str(row["vintage"]).startswith("NetLoss 2026"):
        options["vintage"] = "2026"
    try:
        inp = make_input(
            country=row["iso3"],
            year=int(row["data_year"]),
            days=float(row["hours"]) / 24.0,
            share_affected=float(share),
            kind=row["kind"],
            apps=apps,
        )
        res = run(row["method"], inp, **options)
    except ParameterError as err:
        out["why"] = str(err)
        return out
    out["reproduced_usd"] = res.cost_usd
    out["residual"] = res.cost_usd / out["published_usd"] - 1.0
    return out


def reproduce_all() -> list[dict[str, Any]]:
    """Every case in table order."""
    return [reproduce(c) for c in cases().index]


def _usd(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value >= 1e9:
        return f"{value / 1e9:,.2f} bn"
    if value >= 1e6:
        return f"{value / 1e6:,.2f} M"
    return f"{value:,.0f}"


def residual_table(rows: list[dict[str, Any]] | None = None) -> str:
    """Markdown table: case, kind, hours, published, reproduced, residual, use, vintage."""
    rows = reproduce_all() if rows is None else rows
    lines = [
        "| case | method | kind | hours | published USD | reproduced USD | residual | used as |"
        " vintage |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        pub = ("> " if r["bound"] == ">" else "≈ " if r["bound"] == "~" else "") + _usd(
            r["published_usd"]
        )
        if r["jobs"]:
            pub += f" ({r['jobs']:,.0f} jobs)"
        res = "—" if r["residual"] is None else f"{r['residual'] * 100:+.0f} %"
        rep = _usd(r["reproduced_usd"]) if r["reproduced_usd"] is not None else f"n/a ({r['why']})"
        lines.append(
            f"| {r['case_id']} | {r['method']} | {r['kind']} | {r['hours']:g} | {pub} | {rep} | "
            f"{res} | {r['use']} | {r['vintage']} |"
        )
    return "\n".join(lines)
