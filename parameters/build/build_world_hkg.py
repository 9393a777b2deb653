"""Hong Kong's domestic-only interdependency matrix (the default; total use is the alternative).

Same proxy (Japan 2018, OECD 45), same aggregation (wholesale/retail split by Hong Kong output)
and same totals year (2019) as ``build_hkg_io.py``; the differences are only the ones that make
the table domestic: the proxy's imported inputs are removed (import proportionality) and the RAS
targets are Hong Kong's domestic intermediate sales (rows) and an estimate of its domestic
intermediate inputs (columns). Written as ``io_interdependency_domestic.csv`` and
``io_meta_domestic.csv``; ``region.yaml`` names them as the default (issue 11).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import world_proxies as wp

from shutdown_sim.params.domestic_io import column_targets

YEAR = 2019
RELEASE = "pre-jun2023"
ADB_SOURCE = (
    "Asian Development Bank, Multiregional Input-Output tables, 72 economies (pre-June-2023 "
    "release), Hong Kong 2019 sector totals incl. domestic intermediate sales, via "
    "github.com/ksreyes/mrio-processing data/final/summary.csv @061f3c41; https://kidb.adb.org/mrio"
)


def write_hkg_domestic(ref: Path, adb: pd.DataFrame, out: Path, domestic_a_star, proxy_arrays):
    """Write the two files; return a few numbers for the build summary."""
    raw = pd.read_csv(
        ref / "anycountry" / "adb_mrio" / "adb_mrio35_sector_totals_all_economies.csv"
    )
    hk = raw[(raw["iso3"] == "HKG") & (raw["year"] == YEAR) & (raw["release"] == RELEASE)]
    hk_x = dict(zip(hk["sector_code"], hk["gross_output"], strict=True))
    rows = wp.concordance(wp.OECD45, hk_x, {}, "JPN2018")
    jpn = wp.read_oecd(ref, "JPN2018", rows)
    sub = adb[(adb["iso3"] == "HKG") & (adb["year"] == YEAR) & (adb["release"] == RELEASE)]
    sub = sub.set_index("build_sector").loc[list(wp.BUILD)]
    x = sub["gross_output"].to_numpy(float)
    ez = sub["domestic_intermediate_sales"].to_numpy(float)
    zin = sub["intermediate_inputs"].to_numpy(float)
    pa = proxy_arrays(jpn)
    cols = column_targets(zin, pa["domestic_input_share"], ez.sum())
    res = domestic_a_star(pa, x, ez, cols)
    a = pd.DataFrame(res["a_star"], index=list(wp.CODES), columns=list(wp.CODES))
    a.index.name = "sector"
    out.mkdir(parents=True, exist_ok=True)
    a.to_csv(out / "io_interdependency_domestic.csv", float_format="%.8g", lineterminator="\n")
    r = res["ras"]
    share = ez.sum() / zin.sum()
    src = f"{wp.CITATIONS['JPN2018']}; {ADB_SOURCE}"
    meta = [
        (
            "proxy",
            "Japan 2018 OECD IOTs, domestic part (import proportionality)",
            "INFERRED",
            "same proxy and aggregation as io_interdependency.csv; imported inputs removed",
        ),
        ("proxy_year", "2018", "VERIFIED", "year of the proxy table"),
        ("totals_year", str(YEAR), "VERIFIED", f"ADB release {RELEASE}"),
        (
            "matrix_file",
            "io_interdependency_domestic.csv",
            "DERIVED",
            "A* = z_ij / x_i, row = supplier, domestic flows only; "
            "the default (region.yaml files.io_matrix)",
        ),
        (
            "method",
            "proxy domestic coefficients x HK output; RAS to HK domestic intermediate sales (rows) "
            "and domestic intermediate inputs (columns); see docs/domestic_io.md",
            "DERIVED",
            "RAS: shutdown_sim/params/ras.py",
        ),
        (
            "domestic_share_of_intermediate_inputs",
            f"{share:.6f}",
            "DERIVED",
            "HK sum of domestic intermediate sales / sum of intermediate inputs (all origins)",
        ),
        (
            "column_targets",
            "intermediate inputs x proxy domestic input share by user, rescaled to the domestic "
            "total and capped at each user's inputs",
            "ASSUMPTION",
            "ADB totals give domestic sales by supplier, not domestic purchases by user",
        ),
        ("ras_iterations", str(r.iterations), "DERIVED", "sweeps to converge (tol 1e-10)"),
        (
            "ras_max_residual",
            f"{r.max_residual:.3e}",
            "DERIVED",
            "max |row/column sum - target| / grand total",
        ),
        ("spectral_radius", f"{res['rho']:.6f}", "DERIVED", "rho(A*) < 1 required"),
        (
            "max_row_sum",
            f"{res['a_star'].sum(axis=1).max():.6f}",
            "DERIVED",
            "max_i sum_j a*_ij = largest domestic intermediate sales share of output",
        ),
        (
            "limits",
            "proxy structure re-weighted through HK totals only; column targets estimated; "
            "single year",
            "INFERRED",
            "see docs/domestic_io.md",
        ),
    ]
    pd.DataFrame(
        [
            {"field": f, "value": v, "year": YEAR, "status": st, "source": src, "note": n}
            for f, v, st, n in meta
        ]
    ).to_csv(out / "io_meta_domestic.csv", index=False, lineterminator="\n")
    fin = wp.CODES.index("FINANCE")
    return {
        "rho": round(res["rho"], 4),
        "finance_row_sum": round(float(res["a_star"][fin].sum()), 4),
        "domestic_share": round(float(share), 4),
    }
