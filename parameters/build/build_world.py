"""Build the every-country tables in ``parameters/world/`` (reproducible; run from anywhere).

    python parameters/build/build_world.py [--reference DIR] [--out DIR] [--hkg-out DIR]

``DIR`` is a folder holding the downloaded source files (ADB MRIO, World Bank WDI, the
TeleGeography and IXP lists, the proxy input-output tables; each with its publisher and URL in
``parameters/world/sources.csv``); by default the research extracts folder found above this
checkout, if there is one. Writes:
- ``parameters/world/``: sector totals (ADB MRIO tier and World Bank share tier), the domestic-only
  interdependency matrix A* of every economy with data, the proxy concordance, indicators, and the
  column-level source table; ``parameters/world/infrastructure/`` (TeleGeography and IXP lists,
  under their own licence);
- ``parameters/regions/HKG/io_interdependency_domestic.csv`` and ``io_meta_domestic.csv``: the
  domestic-only matrix, Hong Kong's default since issue 11 (same proxy, same format as the
  total-use alternative).

Method: docs/domestic_io.md. Everything is deterministic: sorted rows, fixed float formats.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import world_indicators as wi  # noqa: E402
import world_proxies as wp  # noqa: E402
import world_sources as ws  # noqa: E402

from shutdown_sim.params import domestic_io as dio  # noqa: E402

OUT = ROOT / "parameters" / "world"
HKG_OUT = ROOT / "parameters" / "regions" / "HKG"
BASE_YEAR = 2019  # A* base year: last pre-COVID year of the pre-jun2023 ADB release
BASE_RELEASE = "pre-jun2023"
ADB_COLS = {
    "gross_output": "gross_output",
    "value_added": "value_added",
    "intermediate_inputs_total": "intermediate_inputs",
    "intermediate_sales_total": "intermediate_sales",
    "domestic_intermediate_sales": "domestic_intermediate_sales",
    "domestic_final_sales": "domestic_final_sales",
}


def find_reference() -> Path | None:
    """The research extracts' data folder above this file (checkout or git worktree), if any."""
    for parent in HERE.parents:
        cand = parent / "shared" / "reference" / "data"
        if cand.is_dir():
            return cand
    return None


# --- ADB MRIO ---------------------------------------------------------------------------------


def load_adb(ref: Path) -> pd.DataFrame:
    """ADB totals on the build sectors (USD million), one row per economy/release/year/sector."""
    raw = pd.read_csv(
        ref / "anycountry" / "adb_mrio" / "adb_mrio35_sector_totals_all_economies.csv"
    )
    raw = raw[raw["iso3"] != "ROW"].copy()
    raw["build_sector"] = raw["sector_code"].map(wp.ADB_TO_BUILD)
    if raw["build_sector"].isna().any():
        raise SystemExit("unmapped ADB sector codes")
    keys = ["iso3", "economy", "release", "year", "build_sector"]
    agg = raw.groupby(keys, sort=False)[list(ADB_COLS)].sum().reset_index()
    for c in ADB_COLS:  # 8 significant digits, as stored: the reader gets the same numbers
        agg[c] = r8(agg[c].to_numpy())
    return agg.rename(columns=ADB_COLS)


def adb_vector(adb: pd.DataFrame, iso3: str, release: str, year: int, col: str) -> np.ndarray:
    sub = adb[(adb["iso3"] == iso3) & (adb["release"] == release) & (adb["year"] == year)]
    return sub.set_index("build_sector").loc[list(wp.BUILD), col].to_numpy(float)


def adb_sector_output(adb: pd.DataFrame, ref: Path, iso3: str, year: int) -> dict[str, float]:
    """ADB-35 gross output of one economy (for concordance split keys)."""
    raw = pd.read_csv(
        ref / "anycountry" / "adb_mrio" / "adb_mrio35_sector_totals_all_economies.csv"
    )
    sub = raw[(raw["iso3"] == iso3) & (raw["year"] == year) & (raw["release"] == BASE_RELEASE)]
    return dict(zip(sub["sector_code"], sub["gross_output"], strict=True))


def to_model(v: np.ndarray) -> np.ndarray:
    """Aggregate a build-sector vector (21) to model sectors (20): AGRI + MINING -> AGR."""
    return np.concatenate([[v[0] + v[1]], v[2:]])


def broad_shares(va: np.ndarray) -> np.ndarray:
    """agr, ind_other, mfg, srv shares of value added (negative groups clipped at 0)."""
    out = np.array(
        [
            sum(v for s, v in zip(wp.BUILD, va, strict=True) if wp.broad_group(s) == g)
            for g in wp.BROAD_GROUPS
        ]
    )
    out = np.clip(out, 0, None)
    return out / out.sum()


def best_proxy(shares: np.ndarray, proxies: dict[str, wp.Proxy]) -> tuple[str, float]:
    """Proxy whose broad value-added shares are closest (L1 distance); ties by key order."""
    dist = {k: float(np.abs(shares - p.broad_va_shares).sum()) for k, p in sorted(proxies.items())}
    key = min(dist, key=lambda k: (round(dist[k], 12), k))
    return key, dist[key]


# --- proxies ------------------------------------------------------------------------------------


def load_proxies(ref: Path, adb: pd.DataFrame) -> tuple[dict[str, wp.Proxy], pd.DataFrame]:
    """The five proxies on the build sectors, plus their concordance table."""
    chn_vec = pd.read_csv(
        ref / "anycountry" / "io_tables" / "chn_2018_oecd45_vectors.csv", dtype={"code": str}
    )
    oecd_chn = dict(zip(chn_vec["code"], chn_vec["OUTPUT"], strict=True))
    rows: dict[str, list[dict]] = {}
    for key, mapping in (("JPN2018", wp.OECD45), ("CHN2018", wp.OECD45), ("BRA2020", wp.BRA51)):
        iso3, year = key[:3], int(key[3:])
        rows[key] = wp.concordance(mapping, adb_sector_output(adb, ref, iso3, year), oecd_chn, key)
    uk = pd.read_csv(
        ref / "anycountry" / "io_tables" / "gbr_2010_ons_siot127_vectors.csv", dtype={"code": str}
    )
    rows["GBR2010"] = wp.simple_concordance(
        "GBR2010", list(uk["code"]), dict(zip(uk["code"], uk["name"], strict=True)), wp.cpa_sector
    )
    acc = pd.read_csv(ref / "anycountry" / "io_tables" / "zaf_2015_unuwider_sam_accounts.csv")
    acts = acc[acc["type"] == "activity"]
    rows["ZAF2015"] = wp.simple_concordance(
        "ZAF2015",
        list(acts["account"]),
        dict(zip(acts["account"], acts["description"], strict=True)),
        wp.ZAF_ACTIVITIES.__getitem__,
    )
    proxies = {
        "JPN2018": wp.read_oecd(ref, "JPN2018", rows["JPN2018"]),
        "CHN2018": wp.read_oecd(ref, "CHN2018", rows["CHN2018"]),
        "BRA2020": wp.read_bra(ref, rows["BRA2020"]),
        "GBR2010": wp.read_gbr(ref, rows["GBR2010"]),
        "ZAF2015": wp.read_zaf(ref, rows["ZAF2015"]),
    }
    table = pd.DataFrame([r for k in sorted(rows) for r in rows[k]])
    return proxies, table


# --- domestic A* --------------------------------------------------------------------------------


GROUPS = np.array([wp.CODES.index(wp.BUILD_TO_MODEL[b]) for b in wp.BUILD])
BROAD_INDEX = np.array([wp.BROAD_GROUPS.index(wp.broad_group(b)) for b in wp.BUILD])


def r8(a: np.ndarray) -> np.ndarray:
    """Round to 8 significant digits, as written to the proxy tables (runtime = build)."""
    arr = np.asarray(a, dtype=float)
    return np.array([float(f"{v:.8g}") for v in arr.ravel()]).reshape(arr.shape)


def proxy_arrays(p: wp.Proxy) -> dict[str, np.ndarray]:
    """The proxy quantities the method uses, rounded as stored in proxy_*.csv."""
    col = p.x[None, :]
    return {
        "a_dom": r8(np.divide(p.z_dom, col, out=np.zeros_like(p.z_dom), where=col > 0)),
        "gross_output": r8(p.x),
        "value_added": r8(p.va),
        "domestic_input_share": r8(p.domestic_input_share),
        "domestic_sales_ratio": r8(p.z_dom.sum(axis=1) / p.x),
        "domestic_input_ratio": r8(p.z_dom.sum(axis=0) / p.x),
    }


def domestic_a_star(pa: dict, x: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> dict:
    """RAS the proxy's domestic coefficients (times the economy's output) to domestic targets."""
    out = dio.domestic_a_star(pa["a_dom"], x, rows, cols, GROUPS, len(wp.CODES))
    if out.spectral_radius >= 1 or out.a_star.sum(axis=1).max() >= 1:
        raise SystemExit(f"A* not productive: rho={out.spectral_radius}")
    return {"z": out.z, "a_star": out.a_star, "ras": out.ras, "rho": out.spectral_radius}


def adb_tier(adb: pd.DataFrame, proxies: dict[str, wp.Proxy]) -> tuple[list, list]:
    """A* and its metadata for every ADB economy (base year, base release)."""
    mats, meta = [], []
    for iso3 in sorted(adb["iso3"].unique()):
        x, va, zin, ez = (
            adb_vector(adb, iso3, BASE_RELEASE, BASE_YEAR, c)
            for c in (
                "gross_output",
                "value_added",
                "intermediate_inputs",
                "domestic_intermediate_sales",
            )
        )
        shares = broad_shares(va)
        key, dist = best_proxy(shares, proxies)
        pa = proxy_arrays(proxies[key])
        cols = dio.column_targets(zin, pa["domestic_input_share"], ez.sum())
        out = domestic_a_star(pa, x, ez, cols)
        mats.append((iso3, "adb_mrio", key, BASE_YEAR, out["a_star"]))
        meta.append(_meta_row(iso3, "adb_mrio", key, BASE_YEAR, BASE_RELEASE, dist, shares, out))
    return mats, meta


def _meta_row(iso3, tier, key, year, release, dist, shares, out) -> dict:
    res = out["ras"]
    return {
        "iso3": iso3,
        "tier": tier,
        "proxy": key,
        "year": year,
        "release": release,
        "fit_l1": round(dist, 6),
        **{
            f"va_share_{g}": round(float(s), 6)
            for g, s in zip(wp.BROAD_GROUPS, shares, strict=True)
        },
        "ras_iterations": res.iterations,
        "ras_max_residual": f"{res.max_residual:.2e}",
        "ras_r_min": round(float(res.r[res.r > 0].min()), 4),
        "ras_r_max": round(float(res.r.max()), 4),
        "spectral_radius": round(out["rho"], 6),
        "max_row_sum": round(float(out["a_star"].sum(axis=1).max()), 6),
        "status": "DERIVED" if tier == "adb_mrio" else "INFERRED",
    }


def wdi_tier(shares_tbl: pd.DataFrame, proxies: dict[str, wp.Proxy], skip: set[str]):
    """Sector structure and A* for economies with World Bank shares but no ADB totals.

    Per economy: broad value-added shares (% of GDP) are split across build sectors by the
    proxy's value-added mix within each group; output = value added x the proxy's output/VA
    ratio; domestic intermediate sales and inputs = the proxy's ratios to output; A* by RAS.
    Money is in shares of GDP (the loader multiplies by GDP).
    """
    totals, mats, meta = [], [], []
    for iso3, row in shares_tbl.iterrows():
        if iso3 in skip:
            continue
        broad = row[["agr", "ind_other", "mfg", "srv"]].to_numpy(float) / 100.0
        norm = broad / broad.sum()
        key, dist = best_proxy(norm, proxies)
        pa = proxy_arrays(proxies[key])
        x, va, rows, cols = dio.wdi_structure(
            broad,
            BROAD_INDEX,
            pa["value_added"],
            pa["gross_output"],
            pa["domestic_sales_ratio"],
            pa["domestic_input_ratio"],
        )
        zin = x - va  # all intermediate inputs (imports and net taxes on them included)
        out = domestic_a_star(pa, x, rows, cols)
        mats.append((iso3, "wdi_shares", key, int(row["year"]), out["a_star"]))
        meta.append(
            _meta_row(iso3, "wdi_shares", key, int(row["year"]), row["vintage"], dist, norm, out)
        )
        for s, xv, vv, zi, r in zip(wp.BUILD, x, va, zin, rows, strict=True):
            totals.append(
                {
                    "iso3": iso3,
                    "year": int(row["year"]),
                    "sector": s,
                    "gross_output": xv,
                    "value_added": vv,
                    "intermediate_inputs": zi,
                    "domestic_intermediate_sales": r,
                    "proxy": key,
                    "vintage": row["vintage"],
                    "share_status": row["share_status"],
                }
            )
    return totals, mats, meta


# --- writing ------------------------------------------------------------------------------------


def write_matrices(mats: list, path: Path) -> None:
    recs = []
    for iso3, tier, key, year, a in sorted(mats, key=lambda m: m[0]):
        for i, s in enumerate(wp.CODES):
            recs.append([iso3, tier, key, year, s, *a[i]])
    frame = pd.DataFrame(recs, columns=["iso3", "tier", "proxy", "year", "supplier", *wp.CODES])
    for c in wp.CODES:  # absolute precision 1e-5 is far finer than the proxy structure
        frame[c] = [f"{v:.5f}".rstrip("0").rstrip(".") for v in frame[c]]
    frame.to_csv(path, index=False, lineterminator="\n")


def adb_totals_table(adb: pd.DataFrame) -> pd.DataFrame:
    order = {b: i for i, b in enumerate(wp.BUILD)}
    out = adb.drop(columns="economy").rename(columns={"build_sector": "sector"})
    out = out.assign(_o=out["sector"].map(order)).sort_values(["iso3", "release", "year", "_o"])
    return out.drop(columns="_o")


def sectors_table() -> pd.DataFrame:
    names = {c: (n, a) for c, n, a in wp.MODEL_SECTORS}
    build_names = {
        "AGRI": ("Agriculture, forestry and fishing", ("AHF",)),
        "MINING": ("Mining and quarrying", ("MIN",)),
    }
    rows = []
    for b in wp.BUILD:
        model = wp.BUILD_TO_MODEL[b]
        name, adb = build_names[b] if b in build_names else names[b]
        rows.append(
            {
                "build_sector": b,
                "model_sector": model,
                "name": name,
                "model_name": names[model][0],
                "adb35_codes": "+".join(adb),
                "wdi_broad_group": wp.broad_group(b),
            }
        )
    return pd.DataFrame(rows)


def proxy_tables(proxies: dict[str, wp.Proxy]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """proxy_coefficients.csv (domestic a_ij = z^d_ij / x_j) and proxy_vectors.csv."""
    coef, vec = [], []
    for k, p in sorted(proxies.items()):
        pa = proxy_arrays(p)
        for i, b in enumerate(wp.BUILD):
            coef.append({"proxy": k, "supplier": b, **dict(zip(wp.BUILD, pa["a_dom"][i]))})
            vec.append({"proxy": k, "sector": b} | {c: pa[c][i] for c in pa if c != "a_dom"})
    return pd.DataFrame(coef), pd.DataFrame(vec)


def proxies_table(proxies: dict[str, wp.Proxy]) -> pd.DataFrame:
    rows = []
    for k, p in sorted(proxies.items()):
        a_dom = p.z_dom / p.x[None, :]
        rows.append(
            {
                "proxy": k,
                "iso3": p.iso3,
                "year": p.year,
                "label": p.label,
                "table_type": p.table_type,
                **{
                    f"va_share_{g}": round(float(s), 6)
                    for g, s in zip(wp.BROAD_GROUPS, p.broad_va_shares, strict=True)
                },
                "domestic_share_of_intermediates": round(p.z_dom.sum() / p.z_total.sum(), 6),
                "spectral_radius_domestic": round(
                    float(np.max(np.abs(np.linalg.eigvals(a_dom)))), 6
                ),
                "source": p.citation,
            }
        )
    return pd.DataFrame(rows)


def write_csv(frame: pd.DataFrame, path: Path, fmt: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, float_format=fmt, lineterminator="\n")


def build(ref: Path, out: Path = OUT, hkg_out: Path = HKG_OUT) -> dict:
    """Write every table; returns a summary for printing and tests."""
    adb = load_adb(ref)
    proxies, conc = load_proxies(ref, adb)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(sectors_table(), out / "sectors.csv")
    write_csv(conc, out / "proxy_concordance.csv")
    write_csv(proxies_table(proxies), out / "proxies.csv")
    coef, vec = proxy_tables(proxies)
    write_csv(coef, out / "proxy_coefficients.csv", "%.8g")
    write_csv(vec, out / "proxy_vectors.csv", "%.8g")
    write_csv(adb_totals_table(adb), out / "sector_totals_adb.csv", "%.8g")
    mats, meta = adb_tier(adb, proxies)
    shares = wi.wdi_broad_shares(ref, proxies, best_proxy)
    totals, wmats, wmeta = wdi_tier(shares, proxies, set(adb["iso3"]))
    write_csv(pd.DataFrame(totals), out / "sector_shares_wdi.csv", "%.6g")
    write_matrices(mats + wmats, out / "io_domestic.csv")
    write_csv(pd.DataFrame(meta + wmeta).sort_values("iso3"), out / "io_domestic_meta.csv")
    wi.write_indicators(ref, out)
    tiers = {m["iso3"]: (m["tier"], m["proxy"]) for m in meta + wmeta}
    wi.write_economies(ref, out, tiers, dict(zip(adb["iso3"], adb["economy"], strict=False)))
    wi.write_infrastructure(ref, out / "infrastructure")
    ws.write_sources(out)
    import build_world_hkg as hk

    hk_summary = hk.write_hkg_domestic(ref, adb, hkg_out, domestic_a_star, proxy_arrays)
    return {"adb": len(mats), "wdi": len(wmats), "hkg": hk_summary}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=find_reference())
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--hkg-out", type=Path, default=HKG_OUT)
    args = ap.parse_args(argv)
    if args.reference is None or not args.reference.is_dir():
        print(
            "source data folder not found: give --reference DIR "
            "(the downloads listed in parameters/world/sources.csv)",
            file=sys.stderr,
        )
        return 2
    summary = build(args.reference, args.out, args.hkg_out)
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
