"""World Bank indicators and internet infrastructure lists for ``build_world.py``.

Shares are stored in [0, 1] (World Bank percentages / 100); persons as whole numbers. Units,
sources and status per indicator are in ``parameters/world/sources.csv``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

WDI = ("anycountry", "wdi")
INFRA = ("anycountry", "internet_infra")
SHARE_VINTAGE = "wdi_2022_05"  # the only vintage with all four value-added shares

# model indicator -> (WDI series, file, divisor, status, first year kept)
INDICATORS = {
    "mobile_subs_per100": ("IT.CEL.SETS.P2", "telecom", 1.0, "VERIFIED", 2010),
    "fixed_broadband_per100": ("IT.NET.BBND.P2", "telecom", 1.0, "VERIFIED", 2010),
    "labour_force_persons": ("SL.TLF.TOTL.IN", "labour", 1.0, "VERIFIED", 2010),
    "unemployment_share": ("SL.UEM.TOTL.ZS", "labour", 100.0, "VERIFIED", 2010),
    "employment_share_agr": ("SL.AGR.EMPL.ZS_DERIVED", "labour", 100.0, "DERIVED", 2010),
    "employment_share_ind": ("SL.IND.EMPL.ZS_DERIVED", "labour", 100.0, "DERIVED", 2010),
    "employment_share_srv": ("SL.SRV.EMPL.ZS_DERIVED", "labour", 100.0, "DERIVED", 2010),
    "tax_revenue_share_gdp": ("GC.TAX.TOTL.GD.ZS", "labour", 100.0, "VERIFIED", 2000),
}
FILES = {
    "telecom": "wdi_telecom_subscriptions_long.csv",
    "labour": "wdi_labour_tax_long.csv",
}


def _meta(ref: Path) -> pd.DataFrame:
    meta = pd.read_csv(ref.joinpath(*WDI, "wdi_country_meta.csv"))
    return meta[~meta["is_aggregate"]].set_index("iso3")


def wdi_broad_shares(ref: Path, proxies: dict, best_proxy) -> pd.DataFrame:
    """Latest year with agriculture, industry and services shares (% of GDP), one vintage.

    Columns agr, ind_other (industry less manufacturing), mfg, srv, year, vintage, share_status.
    Where manufacturing is missing (e.g. Sudan) it is industry x the manufacturing share of
    industry in the proxy that fits agr/ind/srv best (INFERRED). Economies with no 2022-vintage
    set but 2026-vintage agriculture and industry (e.g. Libya) get services as the remainder
    after the median share of net product taxes (100 - agr - ind - srv, 2022 vintage).
    """
    raw = pd.read_csv(ref.joinpath(*WDI, "wdi_sector_va_shares_long.csv"))
    raw = raw[~raw["is_aggregate"]]
    wide = raw[raw["vintage"] == SHARE_VINTAGE].pivot_table(
        index=["iso3", "year"], columns="indicator", values="value"
    )
    need = ["NV.AGR.TOTL.ZS", "NV.IND.TOTL.ZS", "NV.SRV.TOTL.ZS"]
    wide = wide.dropna(subset=need).reset_index().sort_values(["iso3", "year"])
    latest = wide.groupby("iso3").tail(1).set_index("iso3")
    rows = {}
    for iso3, r in latest.iterrows():
        agr, ind, srv = (float(r[c]) for c in need)
        rows[iso3] = _shares(agr, ind, srv, r.get("NV.IND.MANF.ZS", np.nan), proxies)
        rows[iso3].update(year=int(r["year"]), vintage=SHARE_VINTAGE)
    taxes = float(np.median(100 - latest[need].sum(axis=1)))
    new = raw[raw["vintage"] == "wdi_2026_07"].pivot_table(
        index=["iso3", "year"], columns="indicator", values="value"
    )
    new = new.dropna(subset=need[:2]).reset_index().sort_values(["iso3", "year"])
    for iso3, r in new.groupby("iso3").tail(1).set_index("iso3").iterrows():
        if iso3 in rows:
            continue
        agr, ind = float(r[need[0]]), float(r[need[1]])
        rows[iso3] = _shares(agr, ind, 100 - agr - ind - taxes, np.nan, proxies)
        rows[iso3].update(
            year=int(r["year"]),
            vintage="wdi_2026_07",
            share_status=f"INFERRED (services = 100 - agr - ind - {taxes:.2f}, the median net "
            "product tax share of the 2022 vintage; " + rows[iso3]["share_status"] + ")",
        )
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


def _shares(agr: float, ind: float, srv: float, mfg: float, proxies: dict) -> dict:
    status = "VERIFIED"
    if pd.isna(mfg):
        three = np.array([agr, ind, srv]) / (agr + ind + srv)
        collapsed = {k: _collapse(p.broad_va_shares) for k, p in proxies.items()}
        key = min(sorted(collapsed), key=lambda k: np.abs(three - collapsed[k]).sum())
        ps = proxies[key].broad_va_shares
        mfg = ind * ps[2] / (ps[1] + ps[2])
        status = f"manufacturing INFERRED as industry x its share in {key}"
    return {
        "agr": agr,
        "ind_other": max(ind - float(mfg), 0.0),
        "mfg": float(mfg),
        "srv": srv,
        "share_status": status,
    }


def _collapse(shares: np.ndarray) -> np.ndarray:
    return np.array([shares[0], shares[1] + shares[2], shares[3]])


def write_indicators(ref: Path, out: Path) -> None:
    """indicators.csv (long), tax_income_group_medians.csv and economies.csv."""
    frames = {k: pd.read_csv(ref.joinpath(*WDI, f)) for k, f in FILES.items()}
    meta = _meta(ref)
    recs = []
    for name, (series, fk, div, status, first) in INDICATORS.items():
        f = frames[fk]
        sub = f[(f["indicator"] == series) & (f["year"] >= first) & f["iso3"].isin(meta.index)]
        for r in sub.itertuples():
            recs.append((r.iso3, name, int(r.year), float(r.value) / div, status))
    ind = pd.DataFrame(recs, columns=["iso3", "indicator", "year", "value", "status"])
    wide = ind.pivot_table(index=["iso3", "year"], columns="indicator", values="value")
    wide = wide[list(INDICATORS)].reset_index().sort_values(["iso3", "year"])
    wide["labour_force_persons"] = wide["labour_force_persons"].round().astype("Int64")
    wide.to_csv(out / "indicators.csv", index=False, float_format="%.6g", lineterminator="\n")

    tax = ind[ind["indicator"] == "tax_revenue_share_gdp"].copy()
    tax["income_group"] = tax["iso3"].map(meta["income_group"])
    med = (
        tax.dropna(subset=["income_group"])
        .groupby(["income_group", "year"])["value"]
        .agg(["median", "count"])
        .reset_index()
        .rename(columns={"median": "tax_revenue_share_gdp", "count": "n_economies"})
    )
    med["status"] = "DERIVED"
    med.to_csv(
        out / "tax_income_group_medians.csv", index=False, float_format="%.6g", lineterminator="\n"
    )


def write_economies(
    ref: Path, out: Path, tiers: dict[str, tuple[str, str]], names: dict[str, str]
) -> None:
    """economies.csv: every World Bank economy with name, region, income group and data tier."""
    meta = _meta(ref)
    rows = []
    for iso3, m in meta.sort_index().iterrows():
        tier, proxy = tiers.get(iso3, ("none", ""))
        rows.append(
            {
                "iso3": iso3,
                "name": m["country"],
                "region": m["region"] if isinstance(m["region"], str) else "",
                "income_group": m["income_group"] if isinstance(m["income_group"], str) else "",
                "tier": tier,
                "proxy": proxy,
            }
        )
    for iso3, (tier, proxy) in sorted(tiers.items()):
        if iso3 not in meta.index:
            rows.append(
                {
                    "iso3": iso3,
                    "name": names.get(iso3, iso3),
                    "region": "",
                    "income_group": "",
                    "tier": tier,
                    "proxy": proxy,
                }
            )
    pd.DataFrame(rows).sort_values("iso3").to_csv(
        out / "economies.csv", index=False, lineterminator="\n"
    )


def write_infrastructure(ref: Path, out: Path) -> None:
    """Counts, cables, landing points and IXPs per economy (TeleGeography / IXP lists)."""
    out.mkdir(parents=True, exist_ok=True)
    src = ref.joinpath(*INFRA)
    counts = pd.read_csv(src / "infra_counts_by_country.csv").sort_values("iso3")
    counts.to_csv(out / "counts.csv", index=False, lineterminator="\n")

    land = pd.read_csv(src / "submarine_cable_landings.csv")
    cables = pd.read_csv(src / "submarine_cables.csv").set_index("cable_id")
    per = (
        land.groupby(["iso3", "cable_id"])
        .agg(landings_here=("landing_point_id", "nunique"))
        .reset_index()
    )
    per["cable_name"] = per["cable_id"].map(cables["name"])
    per["rfs_year"] = per["cable_id"].map(cables["rfs_year"]).astype("Int64")
    per["is_planned"] = per["cable_id"].map(cables["is_planned"])
    per["length_km"] = per["cable_id"].map(cables["length_km"])
    per["n_countries"] = per["cable_id"].map(cables["n_countries"])
    cols = [
        "iso3",
        "cable_id",
        "cable_name",
        "rfs_year",
        "is_planned",
        "length_km",
        "n_countries",
        "landings_here",
    ]
    per[cols].sort_values(["iso3", "cable_id"]).to_csv(
        out / "cables.csv", index=False, float_format="%.0f", lineterminator="\n"
    )

    lp = pd.read_csv(src / "submarine_landing_points.csv")
    lp["lon"], lp["lat"] = lp["lon"].round(4), lp["lat"].round(4)
    lp[
        ["iso3", "landing_point_id", "name", "lat", "lon", "n_cables", "n_cables_in_service"]
    ].sort_values(["iso3", "landing_point_id"]).to_csv(
        out / "landing_points.csv", index=False, lineterminator="\n"
    )

    ixp = pd.read_csv(src / "ixps_list.csv")
    ixp[["iso3", "source", "ixp_id", "name", "city"]].sort_values(
        ["iso3", "source", "ixp_id"]
    ).to_csv(out / "ixps.csv", index=False, lineterminator="\n")
