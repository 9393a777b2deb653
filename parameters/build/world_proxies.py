"""Read the five proxy input-output tables and aggregate each to the build sector set.

Used by ``build_world.py``. Every proxy comes out as a :class:`Proxy` on the 21 build sectors
(the 20 model sectors with agriculture and mining apart), with both a total-use and a domestic
intermediate flow matrix (row = supplier, column = user, proxy currency per year).

Domestic flows, by table type:
- Brazil 2020 and UK 2010 are domestic-use tables: Z is already domestic, imported intermediates
  are one row per user.
- China 2018 and Japan 2018 (OECD IOTs) are total-use tables: domestic flows follow the import
  proportionality assumption, z^d_ij = z_ij (1 - m_i), m_i = imports_i / domestic use_i
  (Miller & Blair 2009, section 2.6; the OECD builds its own domestic tables the same way where
  it has no import use tables).
- South Africa 2015 is a social accounting matrix: industry x industry flows under the
  fixed-product-sales assumption, Z = V diag(g)^-1 U (Miller & Blair 2009, section 5.3), and the
  domestic part scales each commodity by its domestic share of supply (imports plus import
  tariffs removed, from the ``row`` and ``mtax`` accounts).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from build_hkg_io import SECTORS

# Model sectors: the Hong Kong set, (code, name, ADB-35 codes), shared with build_hkg_io.py
MODEL_SECTORS = SECTORS
CODES = tuple(s[0] for s in MODEL_SECTORS)
BUILD = ("AGRI", "MINING", *CODES[1:])  # 21 build sectors
BUILD_TO_MODEL = {b: ("AGR" if b in ("AGRI", "MINING") else b) for b in BUILD}
ADB_TO_BUILD = {"AHF": "AGRI", "MIN": "MINING"} | {
    adb: code for code, _, adbs in MODEL_SECTORS[1:] for adb in adbs
}
# World Bank broad groups (NV.AGR = ISIC A, NV.IND = B-F incl. NV.IND.MANF = C, NV.SRV = G-U)
BROAD = {"AGRI": "agr", "MINING": "ind_other", "UTL": "ind_other", "CON": "ind_other"} | {
    "FOOD_MFG": "mfg",
    "MFG": "mfg",
}
BROAD_GROUPS = ("agr", "ind_other", "mfg", "srv")


def broad_group(build_sector: str) -> str:
    """World Bank broad group of a build sector (services by default)."""
    return BROAD.get(build_sector, "srv")


@dataclass(frozen=True)
class Proxy:
    """One proxy table on the build sectors (money in the proxy's currency per year)."""

    key: str  # BRA2020, GBR2010, CHN2018, ZAF2015, JPN2018
    iso3: str
    year: int
    label: str
    table_type: str  # domestic | total | sam
    citation: str
    z_total: np.ndarray  # (21, 21) total-use intermediate flows
    z_dom: np.ndarray  # (21, 21) domestic intermediate flows
    x: np.ndarray  # (21,) gross output
    va: np.ndarray  # (21,) value added

    @property
    def domestic_input_share(self) -> np.ndarray:
        """Share of each user's intermediate inputs bought from domestic suppliers."""
        col = self.z_total.sum(axis=0)
        return np.divide(self.z_dom.sum(axis=0), col, out=np.ones_like(col), where=col > 0)

    @property
    def broad_va_shares(self) -> np.ndarray:
        """Value-added shares of agr, ind_other, mfg, srv (sum 1)."""
        out = np.array(
            [
                sum(v for s, v in zip(BUILD, self.va, strict=True) if broad_group(s) == g)
                for g in BROAD_GROUPS
            ]
        )
        return out / out.sum()


# Concordance rows: (proxy code, [(build sector, weight or split key)], basis, note)
Split = tuple[tuple[str, float | str], ...]


def _one(sector: str) -> Split:
    return ((sector, 1.0),)


OECD45: dict[str, tuple[Split, str, str]] = {
    **{c: (_one("AGRI"), "one-to-one", "ISIC A") for c in ("01", "02")},
    **{c: (_one("MINING"), "one-to-one", "ISIC B") for c in ("03", "04", "05")},
    "06": (_one("FOOD_MFG"), "one-to-one", "ISIC C10-C12 = ADB FBT"),
    **{f"{i:02d}": (_one("MFG"), "one-to-one", "ISIC C13-C33") for i in range(7, 23)},
    "23": (_one("UTL"), "one-to-one", "ISIC D"),
    "24": (_one("UTL"), "one-to-one", "ISIC E (waste is ADB OSV in ISIC Rev.3; kept in UTL)"),
    "25": (_one("CON"), "one-to-one", "ISIC F"),
    "26": (
        (("WHOLESALE", "WST"), ("RETAIL", "RTR+MTV")),
        "split by the proxy country's ADB gross output",
        "ISIC G is one OECD industry",
    ),
    "27": (_one("LAND_TRANSPORT"), "one-to-one", "ISIC H49"),
    "28": (_one("WATER_TRANSPORT"), "one-to-one", "ISIC H50"),
    "29": (_one("AIR_TRANSPORT"), "one-to-one", "ISIC H51"),
    "30": (_one("TRANSPORT_SUPPORT"), "one-to-one", "ISIC H52"),
    "31": (_one("TELECOM_POST"), "one-to-one", "ISIC H53 post is in ADB TEL"),
    "32": (_one("HOTELS_FOOD"), "one-to-one", "ISIC I"),
    "33": (
        _one("OTHER_SERVICES"),
        "ASSUMPTION",
        "publishing and broadcasting (ISIC J58-60) split between ADB PPP and OSV in ISIC Rev.3; "
        "all in OTHER_SERVICES as in the Hong Kong build",
    ),
    "34": (_one("TELECOM_POST"), "one-to-one", "ISIC J61"),
    "35": (_one("BUSINESS_SERVICES"), "one-to-one", "ISIC J62-63 = ISIC Rev.3 K72 in ADB OBA"),
    "36": (_one("FINANCE"), "one-to-one", "ISIC K"),
    "37": (_one("REAL_ESTATE"), "one-to-one", "ISIC L"),
    "38": (_one("BUSINESS_SERVICES"), "one-to-one", "ISIC M"),
    "39": (_one("BUSINESS_SERVICES"), "one-to-one", "ISIC N"),
    "40": (_one("PUBLIC_ADMIN"), "one-to-one", "ISIC O"),
    "41": (_one("EDUCATION"), "one-to-one", "ISIC P"),
    "42": (_one("HEALTH"), "one-to-one", "ISIC Q"),
    "43": (_one("OTHER_SERVICES"), "one-to-one", "ISIC R"),
    "44": (_one("OTHER_SERVICES"), "one-to-one", "ISIC S"),
}

BRA51: dict[str, tuple[Split, str, str]] = {
    **{c: (_one("AGRI"), "one-to-one", "agriculture, livestock, fishing") for c in ("01", "02")},
    **{c: (_one("MINING"), "one-to-one", "extractive industries") for c in ("03", "04", "05")},
    **{c: (_one("FOOD_MFG"), "one-to-one", "food, beverages, tobacco") for c in ("06", "07")},
    **{f"{i:02d}": (_one("MFG"), "one-to-one", "manufacturing") for i in range(8, 35)},
    "35": (_one("UTL"), "one-to-one", "electricity, gas, water, sewage, waste"),
    "36": (_one("CON"), "one-to-one", "construction"),
    "37": (
        (("WHOLESALE", "WST"), ("RETAIL", "RTR+MTV")),
        "split by the proxy country's ADB gross output",
        "one commerce sector",
    ),
    "38": (
        (
            ("LAND_TRANSPORT", "ITR"),
            ("WATER_TRANSPORT", "WTR"),
            ("AIR_TRANSPORT", "ATR"),
            ("TRANSPORT_SUPPORT", "OTR"),
        ),
        "split by the proxy country's ADB gross output",
        "one transport, storage and mail sector; mail stays with transport (small)",
    ),
    "39": (
        (
            ("TELECOM_POST", "OECD:34"),
            ("BUSINESS_SERVICES", "OECD:35"),
            ("OTHER_SERVICES", "OECD:33"),
        ),
        "split by China 2018 OECD output of industries 34, 35, 33",
        "information services = telecoms + IT + publishing/broadcasting; Brazil's own split is "
        "not in the table, China (same income group) gives the key",
    ),
    "40": (_one("FINANCE"), "one-to-one", "financial intermediation and insurance"),
    "41": (_one("REAL_ESTATE"), "one-to-one", "real estate and rental (machine rental small)"),
    "42": (_one("OTHER_SERVICES"), "INFERRED", "maintenance and repair services (ISIC S95)"),
    "43": (_one("HOTELS_FOOD"), "one-to-one", "accommodation and food"),
    "44": (_one("BUSINESS_SERVICES"), "one-to-one", "business services"),
    **{c: (_one("EDUCATION"), "one-to-one", "education") for c in ("45", "49")},
    **{c: (_one("HEALTH"), "one-to-one", "health") for c in ("46", "50")},
    **{c: (_one("OTHER_SERVICES"), "one-to-one", "personal, domestic") for c in ("47", "48")},
    "51": (_one("PUBLIC_ADMIN"), "one-to-one", "public administration"),
}

# CPA division -> build sector (UK product codes are CPA 2008 divisions, NM_/NPISH_ prefixes split
# non-market output; they map by division like market output)
CPA_DIVISIONS: tuple[tuple[range, str], ...] = (
    (range(1, 4), "AGRI"),
    (range(5, 10), "MINING"),
    (range(10, 13), "FOOD_MFG"),
    (range(13, 34), "MFG"),
    (range(35, 40), "UTL"),
    (range(41, 44), "CON"),
    (range(45, 46), "RETAIL"),
    (range(46, 47), "WHOLESALE"),
    (range(47, 48), "RETAIL"),
    (range(49, 50), "LAND_TRANSPORT"),
    (range(50, 51), "WATER_TRANSPORT"),
    (range(51, 52), "AIR_TRANSPORT"),
    (range(52, 53), "TRANSPORT_SUPPORT"),
    (range(53, 54), "TELECOM_POST"),
    (range(55, 57), "HOTELS_FOOD"),
    (range(58, 61), "OTHER_SERVICES"),
    (range(61, 62), "TELECOM_POST"),
    (range(62, 64), "BUSINESS_SERVICES"),
    (range(64, 67), "FINANCE"),
    (range(68, 69), "REAL_ESTATE"),
    (range(69, 83), "BUSINESS_SERVICES"),
    (range(84, 85), "PUBLIC_ADMIN"),
    (range(85, 86), "EDUCATION"),
    (range(86, 89), "HEALTH"),
    (range(90, 100), "OTHER_SERVICES"),
)

ZAF_ACTIVITIES: dict[str, str] = {
    **dict.fromkeys(("aagri", "afore", "afish"), "AGRI"),
    **dict.fromkeys(("acoal", "agold", "amore", "aomin"), "MINING"),
    **dict.fromkeys(("afood", "abevt"), "FOOD_MFG"),
    **dict.fromkeys(
        "aweav aknit aleat afoot awood apapr aprnt apetr abchm aochm arubb aplas aglss anmmi "
        "abisc anfme afabm amach aemch ardtv amopt amtvp aotrp afurn aomnf".split(),
        "MFG",
    ),
    **dict.fromkeys(("aelcg", "awatd", "awast"), "UTL"),
    "acnst": "CON",
    "awtrd": "WHOLESALE",
    "artrd": "RETAIL",
    "amtvs": "RETAIL",
    "aacct": "HOTELS_FOOD",
    "altrp": "LAND_TRANSPORT",
    "awtrp": "WATER_TRANSPORT",
    "aatrp": "AIR_TRANSPORT",
    "atrps": "TRANSPORT_SUPPORT",
    "apost": "TELECOM_POST",
    **dict.fromkeys(("afins", "ainsp", "aofin"), "FINANCE"),
    "areal": "REAL_ESTATE",
    **dict.fromkeys(("arent", "acomp", "arsea", "aobus"), "BUSINESS_SERVICES"),
    "apuba": "PUBLIC_ADMIN",
    "aeduc": "EDUCATION",
    "aheal": "HEALTH",
    **dict.fromkeys(("amorg", "arecr", "aoact", "anobs"), "OTHER_SERVICES"),
}

CITATIONS = {
    "BRA2020": (
        "IBGE, Matriz de insumo-produto Brasil 2020 (51 sectors, domestic use), as packaged in "
        "A. Miranda, fio R package, inst/extdata/iom/br/2020.xlsx, github.com/albersonmiranda/fio "
        "@470c478c; https://www.ibge.gov.br/estatisticas/economicas/contas-nacionais/"
        "9085-matriz-de-insumo-produto.html"
    ),
    "GBR2010": (
        "ONS, UK Input-Output Analytical Tables 2010 (domestic use, basic prices, product by "
        "product), as packaged in rOpenGov iotables uk_2010_data, github.com/rOpenGov/iotables "
        "@84e420fc; https://www.ons.gov.uk/economy/nationalaccounts/supplyandusetables"
    ),
    "CHN2018": (
        "OECD, Input-Output Tables 2021 ed., China 2018 (45 industries, total use), via "
        "github.com/Carol-seven/ionet @51145dca; https://www.oecd.org/sti/ind/input-outputtables.htm"
    ),
    "JPN2018": (
        "OECD, Input-Output Tables 2021 ed., Japan 2018 (45 industries, total use), via "
        "github.com/Carol-seven/ionet; https://www.oecd.org/sti/ind/input-outputtables.htm"
    ),
    "ZAF2015": (
        "van Seventer, Davies, Bold & Gabriel (2018), A 2015 social accounting matrix for South "
        "Africa, UNU-WIDER, https://www.wider.unu.edu/sites/default/files/Data/"
        "SASAM-2015-Data-Resource.xlsx (via github.com/EAPD-DRB/SAM-files @15c364bc); no licence "
        "stated"
    ),
}


def _split_weight(key: float | str, adb_x: dict[str, float], oecd_chn: dict[str, float]) -> float:
    if isinstance(key, float):
        return key
    if key.startswith("OECD:"):
        return oecd_chn[key[5:]]
    return sum(adb_x[c] for c in key.split("+"))


def concordance(
    mapping: dict[str, tuple[Split, str, str]],
    adb_x: dict[str, float],
    oecd_chn: dict[str, float],
    proxy: str,
) -> list[dict]:
    """Concordance rows (proxy code -> build sector, weight) with split weights filled in."""
    rows = []
    for code, (targets, basis, note) in mapping.items():
        keys = [_split_weight(k, adb_x, oecd_chn) for _, k in targets]
        total = sum(keys)
        for (sector, key), w in zip(targets, keys, strict=True):
            split = isinstance(key, str)
            status = "DERIVED" if split else ("ASSUMPTION" if basis == "ASSUMPTION" else "INFERRED")
            rows.append(
                {
                    "proxy": proxy,
                    "proxy_code": code,
                    "build_sector": sector,
                    "model_sector": BUILD_TO_MODEL[sector],
                    "weight": round(w / total, 6),
                    "basis": basis,
                    "status": status,
                    "note": note,
                }
            )
    return rows


def aggregation(rows: list[dict], codes: list[str]) -> np.ndarray:
    """(21, n) matrix S with S[build, code] = weight; aggregated Z = S Z S^T."""
    s = np.zeros((len(BUILD), len(codes)))
    col = {c: j for j, c in enumerate(codes)}
    row = {c: i for i, c in enumerate(BUILD)}
    for r in rows:
        s[row[r["build_sector"]], col[r["proxy_code"]]] += r["weight"]
    missing = [c for c, j in col.items() if s[:, j].sum() == 0]
    if missing:
        raise SystemExit(f"proxy codes without a build sector: {missing}")
    return s


def _read_z(path: Path) -> pd.DataFrame:
    z = pd.read_csv(path, dtype={0: str})
    z = z.set_index(z.columns[0])
    z.index = z.index.astype(str)
    return z


def _finish(key, iso3, year, label, ttype, s, z_tot, z_dom, x, va) -> Proxy:
    return Proxy(
        key=key,
        iso3=iso3,
        year=year,
        label=label,
        table_type=ttype,
        citation=CITATIONS[key],
        z_total=s @ z_tot @ s.T,
        z_dom=s @ z_dom @ s.T,
        x=s @ x,
        va=s @ va,
    )


def read_oecd(ref: Path, key: str, rows: list[dict]) -> Proxy:
    """OECD 45-industry total-use table (China or Japan 2018); industry 45 dropped."""
    iso3 = key[:3]
    folder = ref / ("io" if iso3 == "JPN" else "anycountry/io_tables")
    stem = f"{iso3.lower()}_2018_oecd45"
    z = _read_z(folder / f"{stem}_Z.csv")
    vec = pd.read_csv(folder / f"{stem}_vectors.csv", dtype={"code": str}).set_index("code")
    keep = [c for c in vec.index if c != "45"]
    zt = z.loc[keep, keep].to_numpy(float)
    v = vec.loc[keep]
    dom_fd = v[["HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "CONS_ABR"]].sum(axis=1).to_numpy()
    use = zt.sum(axis=1) + dom_fd
    imports = -v["IMPO"].to_numpy(float)
    m = np.clip(np.divide(imports, use, out=np.zeros_like(use), where=use > 0), 0.0, 1.0)
    zd = zt * (1 - m)[:, None]
    s = aggregation(rows, keep)
    label = f"{'China' if iso3 == 'CHN' else 'Japan'} 2018 (OECD IOTs, total use)"
    x, va = v["OUTPUT"].to_numpy(float), v["VALU"].to_numpy(float)
    return _finish(key, iso3, 2018, label, "total", s, zt, zd, x, va)


def read_bra(ref: Path, rows: list[dict]) -> Proxy:
    """Brazil 2020, 51 sectors, domestic Z with imported intermediates per user."""
    folder = ref / "anycountry" / "io_tables"
    z = _read_z(folder / "bra_2020_iom51_Z.csv")
    vec = pd.read_csv(folder / "bra_2020_iom51_vectors.csv", dtype={"code": str}).set_index("code")
    codes = list(vec.index)
    zd = z.loc[codes, codes].to_numpy(float)
    return _domestic_table("BRA2020", "BRA", 2020, "Brazil 2020 (IBGE, domestic)", zd, vec, rows)


def read_gbr(ref: Path, rows: list[dict]) -> Proxy:
    """UK 2010, 127 products, domestic use at basic prices."""
    folder = ref / "anycountry" / "io_tables"
    z = _read_z(folder / "gbr_2010_ons_siot127_Z.csv")
    vec = pd.read_csv(folder / "gbr_2010_ons_siot127_vectors.csv", dtype={"code": str})
    vec = vec.set_index("code")
    codes = list(vec.index)
    zd = z.loc[codes, codes].to_numpy(float)
    return _domestic_table("GBR2010", "GBR", 2010, "UK 2010 (ONS, domestic)", zd, vec, rows)


def _domestic_table(key, iso3, year, label, zd, vec, rows) -> Proxy:
    s = aggregation(rows, list(vec.index))
    # imported intermediates are known per user only: put them on a pseudo-row spread like the
    # user's domestic inputs, so total-use columns = domestic + imported (rows are not used)
    col = zd.sum(axis=0)
    imp = vec["IMPORTS_INTERMEDIATE"].to_numpy(float)
    share = np.divide(zd, col[None, :], out=np.zeros_like(zd), where=col[None, :] > 0)
    zt = zd + share * imp[None, :]
    x, va = vec["OUTPUT"].to_numpy(float), vec["VALU"].to_numpy(float)
    return _finish(key, iso3, year, label, "domestic", s, zt, zd, x, va)


def cpa_sector(code: str) -> str:
    """Build sector of a UK product code such as ``10-1``, ``68-2IMP`` or ``NPISH_94``."""
    base = code.split("_")[-1]
    division = int(base[:2])
    for rng, sector in CPA_DIVISIONS:
        if division in rng:
            return sector
    raise SystemExit(f"UK product {code!r}: division {division} not mapped")


def simple_concordance(proxy: str, codes: list[str], names: dict[str, str], sector_of) -> list:
    """Concordance rows for a proxy whose codes map one-to-one (UK products, ZAF activities)."""
    rows = [
        {
            "proxy": proxy,
            "proxy_code": c,
            "build_sector": sector_of(c),
            "model_sector": BUILD_TO_MODEL[sector_of(c)],
            "weight": 1.0,
            "basis": "one-to-one",
            "status": "INFERRED",
            "note": names.get(c, ""),
        }
        for c in codes
    ]
    for r in rows:
        if r["proxy_code"] in ASSUMED:
            r.update(basis="ASSUMPTION", status="ASSUMPTION", note=ASSUMED[r["proxy_code"]])
    return rows


ASSUMED = {
    "anobs": "non-observed (informal) activities of all industries, 5.8% of South African output; "
    "the SAM does not split them by industry, so all go to OTHER_SERVICES",
}


def read_zaf(ref: Path, rows: list[dict]) -> Proxy:
    """South Africa 2015 SAM -> industry x industry (fixed product sales), domestic by commodity."""
    folder = ref / "anycountry" / "io_tables"
    sam = pd.read_csv(folder / "zaf_2015_unuwider_sam.csv").set_index("row_receives\\col_pays")
    acc = pd.read_csv(folder / "zaf_2015_unuwider_sam_accounts.csv")
    acts = list(acc.loc[acc["type"] == "activity", "account"])
    coms = list(acc.loc[acc["type"] == "commodity", "account"])
    u = sam.loc[coms, acts].to_numpy(float)  # commodity use by activity (purchaser prices)
    v = sam.loc[acts, coms].to_numpy(float)  # make: activity output by commodity
    supply = sam[coms].sum(axis=0).to_numpy(float)  # commodity column totals
    imported = sam.loc[["row", "mtax"], coms].sum(axis=0).to_numpy(float)
    g = v.sum(axis=0)
    dom_share = np.clip(
        1 - np.divide(imported, supply, out=np.zeros_like(supply), where=supply > 0), 0, 1
    )
    mk = np.divide(v, g[None, :], out=np.zeros_like(v), where=g[None, :] > 0)
    zt = mk @ u
    zd = mk @ (dom_share[:, None] * u)
    vec = pd.read_csv(folder / "zaf_2015_unuwider_sam_activity_vectors.csv").set_index("activity")
    vec = vec.loc[acts]
    s = aggregation(rows, acts)
    x, va = vec["OUTPUT"].to_numpy(float), vec["VALU"].to_numpy(float)
    return _finish(
        "ZAF2015", "ZAF", 2015, "South Africa 2015 (UNU-WIDER SAM)", "sam", s, zt, zd, x, va
    )
