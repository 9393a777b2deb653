"""Build the every-country tables in ``parameters/world/`` (reproducible; run from anywhere).

    python parameters/build/build_world.py [--reference DIR] [--out DIR] [--hkg-out DIR]

``DIR`` defaults to the first ``shared/reference/data`` found above this checkout. Writes:
- ``parameters/world/``: sector totals (ADB MRIO tier and World Bank share tier), the domestic-only
  interdependency matrix A* of every economy with data, the proxy concordance, indicators, and the
  column-level source table; ``parameters/world/infrastructure/`` (TeleGeography and IXP lists,
  under their own licence);
- ``parameters/regions/HKG/io_interdependency_domestic.csv`` and ``io_meta_domestic.csv``: the
  domestic-only alternative to Hong Kong's current matrix (same proxy, same format; not the
  default).

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

from shutdown_sim.params.ras import ras  # noqa: E402

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
    """First ``shared/reference/data`` above this file (checkout or git worktree)."""
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


def to_model_matrix(z: np.ndarray) -> np.ndarray:
    m = np.zeros((len(wp.CODES), len(wp.BUILD)))
    for j, b in enumerate(wp.BUILD):
        m[wp.CODES.index(wp.BUILD_TO_MODEL[b]), j] = 1.0
    return m @ z @ m.T


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


def column_targets(total_inputs: np.ndarray, dshare: np.ndarray, grand: float) -> np.ndarray:
    """Domestic intermediate inputs by user: total inputs x proxy domestic share, rescaled to
    the known grand total and capped at each user's total inputs (excess spread pro rata)."""
    v = total_inputs * dshare
    capped = np.zeros(len(v), dtype=bool)
    for _ in range(len(v) + 1):
        free = grand - v[capped].sum()
        scale = free / v[~capped].sum()
        v = np.where(capped, v, v * scale)
        over = (~capped) & (v > total_inputs)
        if not over.any():
            break
        capped |= over
        v = np.where(capped, total_inputs, v)
    return v


def domestic_a_star(proxy: wp.Proxy, x: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> dict:
    """RAS the proxy's domestic coefficients (times the economy's output) to domestic targets.

    x, rows, cols: build-sector (21) output, domestic intermediate sales, domestic intermediate
    inputs (same money unit). Returns build-level Z and the model-level A* (z_ij / x_i).
    """
    a_dom = np.divide(
        proxy.z_dom, proxy.x[None, :], out=np.zeros_like(proxy.z_dom), where=proxy.x[None, :] > 0
    )
    z0 = a_dom * x[None, :]
    res = ras(z0, rows, cols, tol=1e-10, max_iter=20_000)
    zm = to_model_matrix(res.z)
    xm = to_model(x)
    a_star = np.divide(zm, xm[:, None], out=np.zeros_like(zm), where=xm[:, None] > 0)
    rho = float(np.max(np.abs(np.linalg.eigvals(a_star))))
    if rho >= 1 or a_star.sum(axis=1).max() >= 1:
        raise SystemExit(f"A* not productive for {proxy.key}: rho={rho}")
    return {"z": res.z, "a_star": a_star, "ras": res, "rho": rho}


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
        p = proxies[key]
        cols = column_targets(zin, p.domestic_input_share, ez.sum())
        out = domestic_a_star(p, x, ez, cols)
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
        p = proxies[key]
        va = np.zeros(len(wp.BUILD))
        for gi, g in enumerate(wp.BROAD_GROUPS):
            idx = [i for i, s in enumerate(wp.BUILD) if wp.broad_group(s) == g]
            pv = np.clip(p.va[idx], 0, None)
            va[idx] = broad[gi] * pv / pv.sum()
        ratio_x = np.divide(p.x, p.va, out=np.zeros_like(p.x), where=p.va > 0)
        x = va * ratio_x
        rows = x * np.divide(p.z_dom.sum(axis=1), p.x, out=np.zeros_like(p.x), where=p.x > 0)
        cols = x * np.divide(p.z_dom.sum(axis=0), p.x, out=np.zeros_like(p.x), where=p.x > 0)
        cols *= rows.sum() / cols.sum()
        zin = x - va  # all intermediate inputs (imports and net taxes on them included)
        out = domestic_a_star(p, x, rows, cols)
        mats.append((iso3, "wdi_shares", key, int(row["year"]), out["a_star"]))
        meta.append(
            _meta_row(iso3, "wdi_shares", key, int(row["year"]), row["vintage"], dist, norm, out)
        )
        for s, xv, vv, zi, r in zip(
            wp.CODES, to_model(x), to_model(va), to_model(zin), to_model(rows), strict=True
        ):
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
    rows = []
    for (iso3, release, year), sub in adb.groupby(["iso3", "release", "year"], sort=True):
        sub = sub.set_index("build_sector").loc[list(wp.BUILD)]
        for j, s in enumerate(wp.CODES):
            part = sub.iloc[[0, 1]] if j == 0 else sub.iloc[[j + 1]]
            vals = part[list(ADB_COLS.values())].sum()
            rows.append(
                {"iso3": iso3, "release": release, "year": year, "sector": s, **vals.to_dict()}
            )
    return pd.DataFrame(rows)


def sectors_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "sector": c,
                "name": n,
                "adb35_codes": "+".join(a),
                "wdi_broad_group": "agr+ind_other" if c == "AGR" else wp.broad_group(c),
            }
            for c, n, a in wp.MODEL_SECTORS
        ]
    )


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
    write_csv(adb_totals_table(adb), out / "sector_totals_adb.csv", "%.2f")
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

    hk_summary = hk.write_hkg_domestic(ref, adb, hkg_out, domestic_a_star, column_targets)
    return {"adb": len(mats), "wdi": len(wmats), "hkg": hk_summary}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=find_reference())
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--hkg-out", type=Path, default=HKG_OUT)
    args = ap.parse_args(argv)
    if args.reference is None or not args.reference.is_dir():
        print("reference data not found (shared/reference/data)", file=sys.stderr)
        return 2
    summary = build(args.reference, args.out, args.hkg_out)
    print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
