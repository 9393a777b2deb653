"""Build Hong Kong's economy tables from extracts of public data (reproducible; run from repo root).

    .venv/bin/python parameters/build/build_hkg_io.py [--reference DIR] [--year 2019]

Inputs (read-only, USD million current prices), local extracts under ``DIR`` (default: the
project's development data folder), each citing its public source:
- io/hkg_adb_mrio35_sector_totals_2017_2021.csv: ADB MRIO (72-economy) totals for Hong Kong
  (kidb.adb.org/mrio, via github.com/ksreyes/mrio-processing).
- io/jpn_2018_oecd45_Z.csv, io/jpn_2018_oecd45_vectors.csv: OECD IOTs 2021 ed., Japan 2018 (proxy;
  via github.com/Carol-seven/ionet).
- hk/hk_employment_by_industry.csv, hk/hk_gdp_by_sector.csv: C&SD figures (General Household
  Survey 2008; Hong Kong Yearbook 2018, Appendix 6).

Outputs in parameters/regions/HKG/: sectors.csv, employment.csv, io_mapping.csv,
io_interdependency.csv, io_meta.csv.

Method for the interdependency matrix (there is no official Hong Kong IO table):
1. aggregate the Japan OECD-45 Z and output x to the model sectors with the weights of
   io_mapping.csv (industry 45 dropped; 26 wholesale & retail split by HK output shares);
2. proxy technical coefficients A = Z x^-1 (per column), start Z0 = A diag(x_HK);
3. RAS-balance Z0 to HK column targets (ADB intermediate_inputs_total) and row targets (ADB
   intermediate_sales_total scaled by one common factor to the column grand total);
4. A* = z_ij / x_i (row i = supplier).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shutdown_sim.params.ras import ras  # noqa: E402

OUT = ROOT / "parameters" / "regions" / "HKG"
DEFAULT_REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "data"
MILLION = 1e6
ADB_SOURCE = (
    "Asian Development Bank, ADB Multiregional Input-Output Tables (72 economies, 35 sectors; "
    "https://kidb.adb.org/mrio), Hong Kong rows 2017-2021, as processed in "
    "github.com/ksreyes/mrio-processing data/final/summary.csv @061f3c41 "
    "(build: parameters/build/build_hkg_io.py)"
)
OECD_SOURCE = (
    "OECD Input-Output Tables 2021 ed., Japan 2018, total use, 45 industries, as republished "
    "in github.com/Carol-seven/ionet (OECD21ed_JPN_2018)"
)

# (code, name, ADB-35 codes)
SECTORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("AGR", "Agriculture, fishing, mining", ("AHF", "MIN")),
    ("FOOD_MFG", "Food, beverages and tobacco manufacturing", ("FBT",)),
    (
        "MFG",
        "Other manufacturing",
        ("TEX", "LTH", "WDC", "PPP", "CRP", "CCP", "RBP", "ONM", "MFM", "MCH", "EOE", "TRE", "MFG"),
    ),
    ("UTL", "Electricity, gas and water supply", ("UTL",)),
    ("CON", "Construction", ("CON",)),
    ("WHOLESALE", "Import/export and wholesale trade", ("WST",)),
    ("RETAIL", "Retail trade (incl. motor vehicles and fuel)", ("RTR", "MTV")),
    ("HOTELS_FOOD", "Accommodation and food services", ("HRS",)),
    ("LAND_TRANSPORT", "Land (inland) transport", ("ITR",)),
    ("WATER_TRANSPORT", "Water transport", ("WTR",)),
    ("AIR_TRANSPORT", "Air transport", ("ATR",)),
    ("TRANSPORT_SUPPORT", "Supporting transport activities, storage, travel agencies", ("OTR",)),
    ("TELECOM_POST", "Post and telecommunications", ("TEL",)),
    ("FINANCE", "Financing and insurance", ("FIN",)),
    ("REAL_ESTATE", "Real estate (incl. ownership of premises)", ("REA",)),
    ("BUSINESS_SERVICES", "Renting, IT, professional and business services", ("OBA",)),
    ("PUBLIC_ADMIN", "Public administration and defence", ("PAD",)),
    ("EDUCATION", "Education", ("EDU",)),
    ("HEALTH", "Health and social work", ("HSW",)),
    (
        "OTHER_SERVICES",
        "Other community, social and personal services; households as employers",
        ("OSV", "PHE"),
    ),
)
CODES = tuple(s[0] for s in SECTORS)

# OECD-45 industry -> model sector(s); "HK_OUTPUT" weights are filled in from HK gross output.
# Each entry: (oecd codes, [(sector, weight or None)], basis, note)
MAPPING: tuple[tuple[tuple[str, ...], tuple[tuple[str, float | None], ...], str, str], ...] = (
    (
        ("01", "02", "03", "04", "05"),
        (("AGR", 1.0),),
        "one-to-one",
        "ISIC A+B; HK mining (ADB MIN) is zero, kept for completeness",
    ),
    (("06",), (("FOOD_MFG", 1.0),), "one-to-one", "ISIC C10-C12 = ADB FBT"),
    (
        tuple(f"{i:02d}" for i in range(7, 23)),
        (("MFG", 1.0),),
        "one-to-one",
        "ISIC C13-C33 = ADB TEX..MFG",
    ),
    (
        ("23", "24"),
        (("UTL", 1.0),),
        "one-to-one",
        "ISIC D+E; ADB UTL (ISIC Rev.3 E) lacks waste management (Rev.3 O90, in ADB OSV)",
    ),
    (("25",), (("CON", 1.0),), "one-to-one", "ISIC F"),
    (
        ("26",),
        (("WHOLESALE", None), ("RETAIL", None)),
        "HK gross output shares (ADB WST vs RTR+MTV)",
        "one OECD industry for wholesale and retail; split by HK output shares in the IO year",
    ),
    (("27",), (("LAND_TRANSPORT", 1.0),), "one-to-one", "ISIC H49 = ADB ITR"),
    (("28",), (("WATER_TRANSPORT", 1.0),), "one-to-one", "ISIC H50 = ADB WTR"),
    (("29",), (("AIR_TRANSPORT", 1.0),), "one-to-one", "ISIC H51 = ADB ATR"),
    (("30",), (("TRANSPORT_SUPPORT", 1.0),), "one-to-one", "ISIC H52 = ADB OTR"),
    (
        ("31",),
        (("TELECOM_POST", 1.0),),
        "one-to-one",
        "ISIC H53 postal & courier is in ADB TEL (ISIC Rev.3 I64 post and telecommunications)",
    ),
    (("32",), (("HOTELS_FOOD", 1.0),), "one-to-one", "ISIC I = ADB HRS"),
    (
        ("33",),
        (("OTHER_SERVICES", 1.0),),
        "ASSUMPTION",
        "publishing/audiovisual/broadcasting: ISIC Rev.3 puts publishing in D22 (ADB PPP) and "
        "audiovisual/broadcasting in O92 (ADB OSV); no split data, all assigned to OTHER_SERVICES",
    ),
    (("34",), (("TELECOM_POST", 1.0),), "one-to-one", "ISIC J61 = ADB TEL"),
    (
        ("35",),
        (("BUSINESS_SERVICES", 1.0),),
        "one-to-one",
        "ISIC J62-63 IT services = ISIC Rev.3 K72, in ADB OBA",
    ),
    (("36",), (("FINANCE", 1.0),), "one-to-one", "ISIC K = ADB FIN"),
    (("37",), (("REAL_ESTATE", 1.0),), "one-to-one", "ISIC L = ADB REA"),
    (("38",), (("BUSINESS_SERVICES", 1.0),), "one-to-one", "ISIC M = ISIC Rev.3 K73-74, ADB OBA"),
    (
        ("39",),
        (("BUSINESS_SERVICES", 1.0),),
        "one-to-one",
        "ISIC N renting, admin & support (travel agencies N79 = Rev.3 I63 in ADB OTR; not split)",
    ),
    (("40",), (("PUBLIC_ADMIN", 1.0),), "one-to-one", "ISIC O = ADB PAD"),
    (("41",), (("EDUCATION", 1.0),), "one-to-one", "ISIC P = ADB EDU"),
    (("42",), (("HEALTH", 1.0),), "one-to-one", "ISIC Q = ADB HSW"),
    (("43", "44"), (("OTHER_SERVICES", 1.0),), "one-to-one", "ISIC R+S = ADB OSV"),
)

# C&SD 2008 employment groups (hk_employment_by_industry.csv) -> model sectors
EMPLOYMENT_GROUPS = {
    "Manufacturing": ("FOOD_MFG", "MFG"),
    "Construction": ("CON",),
    "Import/export trade and wholesale": ("WHOLESALE",),
    "Retail, accommodation and food services": ("RETAIL", "HOTELS_FOOD"),
    "Transportation, storage, postal & courier services, information & communications": (
        "LAND_TRANSPORT",
        "WATER_TRANSPORT",
        "AIR_TRANSPORT",
        "TRANSPORT_SUPPORT",
        "TELECOM_POST",
    ),
    "Financing, insurance, real estate, professional & business services": (
        "FINANCE",
        "REAL_ESTATE",
        "BUSINESS_SERVICES",
    ),
    "Public administration, social and personal services": (
        "PUBLIC_ADMIN",
        "EDUCATION",
        "HEALTH",
        "OTHER_SERVICES",
    ),
}


def load_totals(ref: Path) -> pd.DataFrame:
    """ADB totals aggregated to model sectors, long format, USD (not million)."""
    raw = pd.read_csv(ref / "io" / "hkg_adb_mrio35_sector_totals_2017_2021.csv")
    to_model = {adb: code for code, _, adbs in SECTORS for adb in adbs}
    missing = set(raw["sector_code"]) - set(to_model)
    if missing:
        raise SystemExit(f"unmapped ADB sectors: {sorted(missing)}")
    raw["sector"] = raw["sector_code"].map(to_model)
    cols = [
        "gross_output",
        "value_added",
        "intermediate_inputs_total",
        "intermediate_sales_total",
        "final_demand_sales_total",
    ]
    agg = raw.groupby(["sector", "year"], sort=False)[cols].sum().reset_index()
    agg[cols] = agg[cols] * MILLION
    agg["order"] = agg["sector"].map({c: i for i, c in enumerate(CODES)})
    return agg.sort_values(["year", "order"]).drop(columns="order").reset_index(drop=True)


def totals_for(agg: pd.DataFrame, year: int, column: str) -> np.ndarray:
    sub = agg[agg["year"] == year].set_index("sector").loc[list(CODES)]
    return sub[column].to_numpy(dtype=float)


def mapping_table(agg: pd.DataFrame, year: int, names: dict[str, str]) -> pd.DataFrame:
    x = dict(zip(CODES, totals_for(agg, year, "gross_output"), strict=True))
    rows = []
    for oecd_codes, targets, basis, note in MAPPING:
        hk_total = sum(x[s] for s, w in targets if w is None)
        for oc in oecd_codes:
            for sector, w in targets:
                weight = x[sector] / hk_total if w is None else w
                status = (
                    "DERIVED"
                    if w is None
                    else ("ASSUMPTION" if basis == "ASSUMPTION" else "INFERRED")
                )
                rows.append(
                    {
                        "oecd45_code": oc,
                        "oecd45_name": names[oc],
                        "model_sector": sector,
                        "weight": round(weight, 6),
                        "weight_basis": basis,
                        "year": year,
                        "status": status,
                        "source": "ISIC Rev.4 (OECD-45) vs ISIC Rev.3 (ADB-35) concordance "
                        "by industry definitions"
                        + (f"; weights from ADB HK gross output {year}" if w is None else ""),
                        "note": note,
                    }
                )
    rows.append(
        {
            "oecd45_code": "45",
            "oecd45_name": names["45"],
            "model_sector": "DROPPED",
            "weight": 0.0,
            "weight_basis": "dropped",
            "year": year,
            "status": "INFERRED",
            "source": "jpn_2018_oecd45 README",
            "note": "all zeros in the proxy; dropped",
        }
    )
    table = pd.DataFrame(rows)
    sums = table.groupby("oecd45_code")["weight"].sum()
    bad = sums[(sums - 1).abs() > 1e-5].drop("45", errors="ignore")
    if len(bad):
        raise SystemExit(f"mapping weights do not sum to 1: {bad.to_dict()}")
    return table


def aggregation_matrix(mapping: pd.DataFrame, oecd_codes: list[str]) -> np.ndarray:
    s = np.zeros((len(CODES), len(oecd_codes)))
    col = {c: j for j, c in enumerate(oecd_codes)}
    row = {c: i for i, c in enumerate(CODES)}
    for _, m in mapping[mapping["model_sector"] != "DROPPED"].iterrows():
        s[row[m["model_sector"]], col[m["oecd45_code"]]] += float(m["weight"])
    return s


def build_io(ref: Path, agg: pd.DataFrame, year: int) -> dict:
    z_jp = pd.read_csv(ref / "io" / "jpn_2018_oecd45_Z.csv", dtype={"from\\to": str})
    z_jp = z_jp.set_index(z_jp.columns[0])
    vec = pd.read_csv(ref / "io" / "jpn_2018_oecd45_vectors.csv", dtype={"code": str})
    names = dict(zip(vec["code"], vec["name"], strict=True))
    keep = [c for c in vec["code"] if c != "45"]
    z = z_jp.loc[keep, keep].to_numpy(dtype=float)
    x_jp = vec.set_index("code").loc[keep, "OUTPUT"].to_numpy(dtype=float)

    mapping = mapping_table(agg, year, names)
    s = aggregation_matrix(mapping, keep)
    z_agg = s @ z @ s.T
    x_agg = s @ x_jp
    a_proxy = z_agg / x_agg[None, :]

    x_hk = totals_for(agg, year, "gross_output")
    col_targets = totals_for(agg, year, "intermediate_inputs_total")
    row_raw = totals_for(agg, year, "intermediate_sales_total")
    row_scale = col_targets.sum() / row_raw.sum()
    row_targets = row_raw * row_scale
    z0 = a_proxy * x_hk[None, :]
    res = ras(z0, row_targets, col_targets, tol=1e-10, max_iter=10_000)
    a_star = res.z / x_hk[:, None]
    rho = float(np.max(np.abs(np.linalg.eigvals(a_star))))
    row_sums = a_star.sum(axis=1)
    if rho >= 1 or row_sums.max() >= 1:
        raise SystemExit(f"A* not productive: rho={rho}, max row sum={row_sums.max()}")
    return {
        "mapping": mapping,
        "a_star": a_star,
        "ras": res,
        "rho": rho,
        "row_sums": row_sums,
        "row_scale": row_scale,
        "z0": z0,
        "a_proxy_rho": float(np.max(np.abs(np.linalg.eigvals(a_proxy)))),
    }


def sectors_table(agg: pd.DataFrame) -> pd.DataFrame:
    info = {code: (name, "+".join(adbs)) for code, name, adbs in SECTORS}
    out = pd.DataFrame(
        {
            "sector": agg["sector"],
            "name": agg["sector"].map(lambda c: info[c][0]),
            "adb_codes": agg["sector"].map(lambda c: info[c][1]),
            "year": agg["year"],
            "gross_output_usd": agg["gross_output"].round(0),
            "value_added_usd": agg["value_added"].round(0),
            "intermediate_inputs_usd": agg["intermediate_inputs_total"].round(0),
            "intermediate_sales_usd": agg["intermediate_sales_total"].round(0),
            "final_demand_sales_usd": agg["final_demand_sales_total"].round(0),
            "unit": "USD current (per year)",
            "status": "DERIVED",
            "source": ADB_SOURCE + "; sum over the ADB sectors in adb_codes, x 1e6",
        }
    )
    return out


def ownership_of_premises_share(ref: Path, agg: pd.DataFrame) -> float:
    """Share of REAL_ESTATE value added that is C&SD 'ownership of premises' (2017)."""
    gdp = pd.read_csv(ref / "hk" / "hk_gdp_by_sector.csv")
    own = gdp[(gdp["sector"] == "Ownership of premises") & (gdp["year"] == 2017)]["value"].iloc[0]
    va17 = agg[agg["year"] == 2017].set_index("sector")["value_added"]
    rea_share = 100 * va17["REAL_ESTATE"] / va17.sum()
    return float(own / rea_share)


def employment_table(ref: Path, agg: pd.DataFrame, own_share: float) -> pd.DataFrame:
    emp = pd.read_csv(ref / "hk" / "hk_employment_by_industry.csv")
    emp = emp[emp["year"] == 2008].set_index("industry")
    va17 = agg[agg["year"] == 2017].set_index("sector")["value_added"].copy()
    # imputed rent of owner-occupiers has no workers: remove it from the splitting key
    va17["REAL_ESTATE"] *= 1 - own_share
    src = (
        "Census and Statistics Department (C&SD), General Household Survey 2008 (HSIC 2.0), as "
        "published in National Bureau of Statistics of China, China Statistical Yearbook 2009, "
        "table 23-8 (build: parameters/build/build_hkg_io.py)"
    )
    rows = {}
    for group, members in EMPLOYMENT_GROUPS.items():
        total = float(emp.loc[group, "value"])
        key = va17[list(members)]
        for sector in members:
            share = float(key[sector] / key.sum())
            split = len(members) > 1
            rows[sector] = {
                "sector": sector,
                "employment_persons": round(total * share),
                "unit": "persons",
                "year": 2008,
                "status": "ASSUMPTION" if split else "VERIFIED",
                "source": src,
                "group": group,
                "group_total_persons": total,
                "split_share": round(share, 6),
                "note": (
                    "group total VERIFIED; split across the group's model sectors by ADB "
                    "2017 value added (ASSUMPTION: equal value added per worker within the "
                    "group; REAL_ESTATE key excludes ownership of premises). 2008 levels, "
                    "not rescaled to 2019"
                    if split
                    else "C&SD group maps one-to-one to this sector; 2008 level"
                ),
            }
    for sector in ("AGR", "UTL"):
        rows[sector] = {
            "sector": sector,
            "employment_persons": "",
            "unit": "persons",
            "year": 2008,
            "status": "VERIFIED",
            "source": src,
            "group": "Others",
            "group_total_persons": float(emp.loc["Others", "value"]),
            "split_share": "",
            "note": (
                "unknown (NaN): the C&SD 'Others' group (217,000) cannot be split, and the "
                "groups listed sum to 3,713,000 > total 3,519,000, so 'Others' is "
                "inconsistent with the total; left empty"
            ),
        }
    return pd.DataFrame([rows[c] for c in CODES])


def write_outputs(agg: pd.DataFrame, io: dict, emp: pd.DataFrame, year: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sectors_table(agg).to_csv(out / "sectors.csv", index=False, float_format="%.0f")
    emp.to_csv(out / "employment.csv", index=False)
    io["mapping"].to_csv(out / "io_mapping.csv", index=False)
    a = pd.DataFrame(io["a_star"], index=list(CODES), columns=list(CODES))
    a.index.name = "sector"
    a.to_csv(out / "io_interdependency.csv", float_format="%.8g")
    res = io["ras"]
    src = f"{OECD_SOURCE}; {ADB_SOURCE}"
    meta = [
        (
            "proxy",
            "Japan 2018 OECD IOTs (45 industries, total use incl. imports)",
            "INFERRED",
            "no official HK inter-industry table is public; Japan used as a structural proxy",
        ),
        ("proxy_year", "2018", "VERIFIED", "year of the proxy table"),
        ("totals_year", str(year), "VERIFIED", "year of the HK ADB totals used as RAS targets"),
        ("matrix_file", "io_interdependency.csv", "DERIVED", "A* = z_ij / x_i, row = supplier"),
        (
            "method",
            "aggregate proxy Z to model sectors (io_mapping.csv); A = Z x^-1 per column; "
            "Z0 = A diag(x_HK); RAS to HK row/column targets; A* = z_ij / x_i",
            "DERIVED",
            "RAS: shutdown_sim/params/ras.py",
        ),
        (
            "row_target_scaling",
            f"{io['row_scale']:.6f}",
            "ASSUMPTION",
            "ADB intermediate_sales_total (incl. intermediate exports) and "
            "intermediate_inputs_total (incl. imported inputs) have different grand totals; the "
            "row targets were multiplied by this common factor to match the column total, i.e. "
            "imported intermediate inputs are allocated to HK suppliers in proportion to their "
            "intermediate sales. Limit: overstates domestic supply links where imports dominate "
            "(manufactured inputs) and forward linkages of exporters",
        ),
        ("ras_iterations", str(res.iterations), "DERIVED", "sweeps to converge (tol 1e-10)"),
        (
            "ras_max_residual",
            f"{res.max_residual:.3e}",
            "DERIVED",
            "max |row/column sum - target| / grand total",
        ),
        (
            "ras_r_range",
            f"{res.r.min():.4f}-{res.r.max():.4f}",
            "DERIVED",
            "range of RAS row multipliers (distance of HK from the proxy)",
        ),
        (
            "ras_s_range",
            f"{res.s.min():.4f}-{res.s.max():.4f}",
            "DERIVED",
            "range of RAS column multipliers",
        ),
        ("spectral_radius", f"{io['rho']:.6f}", "DERIVED", "rho(A*) < 1 required"),
        (
            "proxy_spectral_radius",
            f"{io['a_proxy_rho']:.6f}",
            "DERIVED",
            "rho of the aggregated Japan A before RAS",
        ),
        ("max_row_sum", f"{io['row_sums'].max():.6f}", "DERIVED", "max_i sum_j a*_ij < 1 required"),
        (
            "limits",
            "proxy structure (Japan, manufacturing-heavy, total-use table incl. imports) "
            "re-weighted only through HK row/column totals; no HK cell-level information; imports "
            "are not separated so multipliers are upper-side; single year",
            "INFERRED",
            "replace io_interdependency.csv with a real HK table or another proxy (same format) "
            "and name it in region.yaml",
        ),
    ]
    pd.DataFrame(
        [
            {"field": f, "value": v, "year": year, "status": st, "source": src, "note": n}
            for f, v, st, n in meta
        ]
    ).to_csv(out / "io_meta.csv", index=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    ap.add_argument("--year", type=int, default=2019, help="ADB totals year for the RAS targets")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    agg = load_totals(args.reference)
    io = build_io(args.reference, agg, args.year)
    own = ownership_of_premises_share(args.reference, agg)
    emp = employment_table(args.reference, agg, own)
    write_outputs(agg, io, emp, args.year, args.out)
    res = io["ras"]
    print(
        f"RAS: {res.iterations} sweeps, max relative residual {res.max_residual:.2e}; "
        f"row scale {io['row_scale']:.4f}"
    )
    print(
        f"rho(A*) = {io['rho']:.4f}; max row sum = {io['row_sums'].max():.4f}; "
        f"ownership-of-premises share of REAL_ESTATE VA (2017) = {own:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
