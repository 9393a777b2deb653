"""Column-level provenance for ``parameters/world/`` (written as ``sources.csv`` by the build).

One row per (file, column): unit, status, primary citation with URL, licence, note. Rows whose
status varies carry it in the data (``status``/``mfg_status`` columns, or the tier).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ADB = (
    "Asian Development Bank, Multiregional Input-Output tables (72 economies + rest of world), "
    "sector summary per economy, processed by K. Reyes, github.com/ksreyes/mrio-processing "
    "data/final/summary.csv and summary_jun2023.csv @061f3c41; https://kidb.adb.org/mrio"
)
ADB_LIC = "ADB terms (CC BY 3.0 IGO, recalled, to be checked); attribute ADB"
WB = "World Bank, World Development Indicators"
WB_2026 = f"{WB}, via github.com/datasets/world-development-indicators @4ebec5a2 (Jul 2026)"
WB_2022 = f"{WB}, API files of 2022-05-25, via github.com/DSKUS-Foreign-Aid/Foreign_Aid @52256add"
WB_LIC = "CC BY 4.0 (World Bank)"
TG = (
    "TeleGeography, Submarine Cable Map data (Nov 2022, last CC-licensed state), via "
    "github.com/Kadantte/www.submarinecablemap.com @0d684b2a; https://www.submarinecablemap.com"
)
TG_LIC = "CC BY-NC-SA 3.0 (TeleGeography)"
IXP = (
    "PeeringDB (https://www.peeringdb.com), Packet Clearing House IXP directory "
    "(https://www.pch.net/ixp/dir) and Hurricane Electric (https://bgp.he.net), merged by "
    "github.com/robin-rpr/ixp-dataset @c90d2bcc (May 2026)"
)
IXP_LIC = "no licence stated by the merger; PCH data CC BY-NC-SA 3.0; PeeringDB terms unchecked"
METHOD = "this project, parameters/build/build_world.py; method in docs/domestic_io.md"

ROWS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    # file, column, unit, status, source, licence, note
    (
        "sector_totals_adb.csv",
        "gross_output",
        "USD million, current prices, per year",
        "DERIVED",
        ADB,
        ADB_LIC,
        "sum of the ADB-35 sectors in sectors.csv adb35_codes",
    ),
    (
        "sector_totals_adb.csv",
        "value_added",
        "USD million, current, basic prices",
        "DERIVED",
        ADB,
        ADB_LIC,
        "negative cells kept as published",
    ),
    (
        "sector_totals_adb.csv",
        "intermediate_inputs",
        "USD million, current",
        "DERIVED",
        ADB,
        ADB_LIC,
        "purchases from all origins, imports included",
    ),
    (
        "sector_totals_adb.csv",
        "intermediate_sales",
        "USD million, current",
        "DERIVED",
        ADB,
        ADB_LIC,
        "sales to industries at home and abroad",
    ),
    (
        "sector_totals_adb.csv",
        "domestic_intermediate_sales",
        "USD million, current",
        "DERIVED",
        ADB,
        ADB_LIC,
        "sales to domestic industries (the summary's ez column; see adb_mrio README)",
    ),
    (
        "sector_totals_adb.csv",
        "domestic_final_sales",
        "USD million, current",
        "DERIVED",
        ADB,
        ADB_LIC,
        "sales to domestic final demand (ey); exports = output - ez - ey",
    ),
    (
        "sector_totals_adb.csv",
        "release",
        "",
        "VERIFIED",
        ADB,
        ADB_LIC,
        "pre-jun2023 (2017-2021) or jun2023 (2020-2022); never combine the two in one series",
    ),
    (
        "sector_shares_wdi.csv",
        "gross_output",
        "share of GDP (current USD), per year",
        "INFERRED",
        f"{WB_2022} (NV.AGR/NV.IND/NV.IND.MANF/NV.SRV.TOTL.ZS) split by the proxy; {METHOD}",
        WB_LIC,
        "value added x the proxy's output/value-added ratio per sector",
    ),
    (
        "sector_shares_wdi.csv",
        "value_added",
        "share of GDP",
        "INFERRED",
        f"{WB_2022}; {METHOD}",
        WB_LIC,
        "World Bank broad shares split within each group by the proxy's value-added mix",
    ),
    (
        "sector_shares_wdi.csv",
        "intermediate_inputs",
        "share of GDP",
        "INFERRED",
        METHOD,
        WB_LIC,
        "output - value added (inputs from all origins, net taxes on them included)",
    ),
    (
        "sector_shares_wdi.csv",
        "domestic_intermediate_sales",
        "share of GDP",
        "INFERRED",
        METHOD,
        WB_LIC,
        "output x the proxy's domestic intermediate sales ratio",
    ),
    (
        "io_domestic.csv",
        "AGR..OTHER_SERVICES",
        "a*_ij = z_ij / x_i (share of supplier output)",
        "DERIVED (adb_mrio) | INFERRED (wdi_shares)",
        METHOD,
        "see proxies.csv and the tier's data",
        "domestic intermediate flows only; row = supplier; rounded to 1e-5",
    ),
    (
        "io_domestic_meta.csv",
        "*",
        "",
        "DERIVED",
        METHOD,
        "MIT (derived statistics)",
        "proxy chosen, fit distance, RAS diagnostics per economy",
    ),
    ("proxies.csv", "*", "", "DERIVED", "see the proxy's source column", "per source", ""),
    (
        "proxy_coefficients.csv",
        "*",
        "z^d_ij / x_j (share of user output)",
        "DERIVED",
        f"proxy tables (proxies.csv); {METHOD}",
        "per source",
        "domestic input coefficients of each proxy on the 21 build sectors, 8 significant digits",
    ),
    (
        "proxy_vectors.csv",
        "*",
        "proxy currency million per year; shares",
        "DERIVED",
        f"proxy tables (proxies.csv); {METHOD}",
        "per source",
        "output, value added and domestic ratios used by the method",
    ),
    (
        "proxy_concordance.csv",
        "weight",
        "share of the proxy sector",
        "INFERRED|DERIVED|ASSUMPTION",
        METHOD,
        "MIT",
        "DERIVED weights are split keys from the proxy country's ADB output",
    ),
    (
        "indicators.csv",
        "mobile_subs_per100",
        "subscriptions per 100 people",
        "VERIFIED",
        f"{WB_2026} IT.CEL.SETS.P2 (ITU)",
        WB_LIC,
        "",
    ),
    (
        "indicators.csv",
        "fixed_broadband_per100",
        "subscriptions per 100 people",
        "VERIFIED",
        f"{WB_2026} IT.NET.BBND.P2 (ITU)",
        WB_LIC,
        "",
    ),
    (
        "indicators.csv",
        "labour_force_persons",
        "persons",
        "VERIFIED",
        f"{WB_2026} SL.TLF.TOTL.IN (ILO modelled estimates)",
        WB_LIC,
        "",
    ),
    (
        "indicators.csv",
        "unemployment_share",
        "share of labour force",
        "VERIFIED",
        f"{WB_2026} SL.UEM.TOTL.ZS / 100 (ILO modelled)",
        WB_LIC,
        "",
    ),
    (
        "indicators.csv",
        "employment_share_agr",
        "share of employment",
        "DERIVED",
        f"{WB_2026} SL.AGR.EMPL.FE.ZS and .MA.ZS, weighted by female/male employment",
        WB_LIC,
        "the total series is not in the mirror; derived from the female and male series",
    ),
    (
        "indicators.csv",
        "employment_share_ind",
        "share of employment",
        "DERIVED",
        f"{WB_2026} SL.IND.EMPL.FE.ZS and .MA.ZS, weighted",
        WB_LIC,
        "as above",
    ),
    (
        "indicators.csv",
        "employment_share_srv",
        "share of employment",
        "DERIVED",
        f"{WB_2026} SL.SRV.EMPL.FE.ZS and .MA.ZS, weighted",
        WB_LIC,
        "as above",
    ),
    (
        "indicators.csv",
        "tax_revenue_share_gdp",
        "share of GDP",
        "VERIFIED",
        f"{WB_2026} GC.TAX.TOTL.GD.ZS / 100 (IMF GFS based)",
        WB_LIC,
        "sparse; India 2022 is a level break as published",
    ),
    (
        "tax_income_group_medians.csv",
        "tax_revenue_share_gdp",
        "share of GDP",
        "DERIVED",
        f"median over economies of the group with a value that year; {WB_2026} GC.TAX.TOTL.GD.ZS",
        WB_LIC,
        "fallback for economies without a tax ratio; label it as a group median",
    ),
    (
        "economies.csv",
        "region|income_group",
        "",
        "VERIFIED",
        f"{WB} country metadata (2022 vintage)",
        WB_LIC,
        "",
    ),
    (
        "infrastructure/cables.csv",
        "*",
        "",
        "VERIFIED",
        TG,
        TG_LIC,
        "in service = not planned as of Nov 2022; use rfs_year for later years",
    ),
    (
        "infrastructure/landing_points.csv",
        "*",
        "degrees (lat/lon)",
        "VERIFIED",
        TG,
        TG_LIC,
        "Hong Kong landing points recoded from China to HKG by name",
    ),
    (
        "infrastructure/counts.csv",
        "cables_*|landing_points_*|intl_cables_in_service",
        "count",
        "DERIVED",
        TG,
        TG_LIC,
        "",
    ),
    (
        "infrastructure/counts.csv",
        "ixps_*",
        "count",
        "DERIVED",
        IXP,
        IXP_LIC,
        "prefer ixps_pdb or ixps_merged_dedup; PCH rows may include inactive exchanges",
    ),
    (
        "infrastructure/ixps.csv",
        "*",
        "",
        "SECONDARY",
        IXP,
        IXP_LIC,
        "one row per exchange per source",
    ),
)


def write_sources(out: Path) -> None:
    cols = ["file", "column", "unit", "status", "source", "licence", "note"]
    pd.DataFrame(ROWS, columns=cols).to_csv(out / "sources.csv", index=False, lineterminator="\n")
