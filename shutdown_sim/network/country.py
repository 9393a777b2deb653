"""The network of any World Bank economy, built in memory from ``parameters/world/`` tables.

Same :class:`~.model.Network` the Hong Kong folder gives (docs/country.md):

- access: fixed and mobile subscriptions (World Bank, per 100 people x population);
- internet exchanges: the economy's IXPs (PeeringDB list, else PCH, else Hurricane Electric);
  together 0.75 of domestic traffic, equal shares (ASSUMPTION: Hong Kong's IXP share, no
  per-IXP traffic data), the rest private peering; none listed: all private peering;
- submarine cables in service in the year and their landing points (TeleGeography, CC BY-NC-SA
  3.0), equal capacity weights (ASSUMPTION, as for Hong Kong); which cable lands at which
  point is not in the shipped tables, so a landing-point outage hits no cable;
- overland links: share of international capacity 0.3 (0.1-0.6) where the economy has
  submarine cables (ASSUMPTION: Hong Kong's value, widened; no per-country data on terrestrial
  cross-border capacity; an island with no land border is misrepresented), all capacity but the
  satellite share where it has none (landlocked or no cable);
- one national data-centre cluster; a generic set of global apps hosted abroad, equal usage
  weights (ASSUMPTION: no per-country usage data shipped);
- timeline behaviour and other capacity parameters: Hong Kong's team defaults.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..params import world
from ..params.region import region_folder
from ..params.table import load_schema, validate_frame
from .load import build_network
from .model import Network
from .tables import INFRASTRUCTURE_TABLES, REGION_TABLES, NetworkTables, read_network_tables

TEMPLATE_REGION = "HKG"
IXP_TOTAL_SHARE = 0.75  # Hong Kong: HKIX 0.6 + other IXPs 0.15 (ASSUMPTION there)
OVERLAND_WITH_CABLES = (0.3, 0.1, 0.6)
DROPPED_CAPACITY = ("submarine_capacity_tbps", "mainland_transit_via_hk_share")  # HK-specific
TEAM = "Expert judgement (shutdown-sim team)"
#: (app id, label): global platforms most often named in shutdown orders; ids as Hong Kong's
GENERIC_APPS = (
    ("whatsapp", "WhatsApp"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("telegram", "Telegram"),
    ("tiktok", "TikTok"),
    ("twitter", "X (Twitter)"),
    ("signal", "Signal"),
)


@lru_cache(maxsize=2)
def template(variant: str = "verified") -> NetworkTables:
    """Hong Kong's validated network tables (team defaults for behaviour and capacity)."""
    return read_network_tables(region_folder(TEMPLATE_REGION), variant)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:\-]+", "_", str(text)).strip("_")[:80] or "x"


def _row(node: str, kind: str, label: str, share, status: str, source: str, **kw) -> dict:
    return {
        "node": node, "kind": kind, "label": label, "area": "", "count": kw.get("count", ""),
        "count_status": kw.get("count_status", ""), "share": share, "capacity_value": "",
        "capacity_unit": kw.get("unit", ""), "year": kw.get("year", ""), "status": status,
        "source": source, "note": kw.get("note", ""),
    }  # fmt: skip


def _ixps(infra: world.Infrastructure) -> list[world.Ixp]:
    for source in ("pdb", "pch", "he"):
        listed = [x for x in infra.ixps if x.source == source]
        if listed:
            return listed
    return []


def node_frame(
    iso3: str, year: int, population: float, infra: world.Infrastructure
) -> pd.DataFrame:
    """Nodes: access, IXPs, private peering, transit, landing points, overland, satellite, DCs."""
    ind = world.indicators(iso3, year)
    rows = []
    for node, key, label in (
        ("fixed", "fixed_broadband_per100", "Fixed broadband access networks"),
        ("mobile", "mobile_subs_per100", "Mobile access networks"),
    ):
        item = ind[key]
        count = "" if item.value is None else round(item.value / 100 * population / 1e6, 6)
        rows.append(_row(node, "access", label, "", item.status, item.source, count=count,
                         count_status="DERIVED", unit="million subscriptions",
                         year=str(item.year or ""), note=f"{key} x population"))  # fmt: skip
    ixps = _ixps(infra)
    why = f"{TEAM}: Hong Kong's IXP share of domestic traffic ({IXP_TOTAL_SHARE}) split equally"
    for x in ixps:
        rows.append(_row(f"ixp_{_slug(x.ixp_id)}", "ixp", f"{x.name} ({x.city})".strip(),
                         IXP_TOTAL_SHARE / len(ixps), "ASSUMPTION", why,
                         note=f"listed by {x.source}; {infra.source}"))  # fmt: skip
    private = 1.0 - IXP_TOTAL_SHARE if ixps else 1.0
    rows.append(_row("private_peering", "private_peering", "Private peering between ISPs", private,
                     "ASSUMPTION", f"{TEAM}: the remainder after the IXP shares"))  # fmt: skip
    rows.append(_row("transit", "transit", "Transit providers and international gateways", 1.0,
                     "ASSUMPTION", f"{TEAM}: all transit as one group"))  # fmt: skip
    for lp in infra.landing_points:
        rows.append(_row(_slug(lp.landing_point_id), "landing_station", lp.name, "", "SECONDARY",
                         infra.source, count=1, count_status="SECONDARY",
                         note=f"{lp.n_cables_in_service} cables in service"))  # fmt: skip
    rows.append(_row("overland", "overland", "Overland links to neighbouring countries", "",
                     "ASSUMPTION", f"{TEAM}: capacity share in capacity"))  # fmt: skip
    rows.append(_row("satellite", "satellite", "Satellite systems", "", "ASSUMPTION",
                     f"{TEAM}: capacity share in capacity"))  # fmt: skip
    rows.append(_row("dc_national", "dc_cluster", "Data centres in the country", 1.0, "ASSUMPTION",
                     f"{TEAM}: one national cluster (no per-site data)"))  # fmt: skip
    frame = pd.DataFrame(rows)
    frame.loc[frame["year"] == "", "year"] = str(year)
    return frame


def in_service(cables: tuple[world.Cable, ...], year: int) -> list[world.Cable]:
    """Cables in service by ``year``: not planned (in the data's vintage) and ready by then."""
    return [c for c in cables if not c.planned and (c.rfs_year is None or c.rfs_year <= year)]


def cable_frame(cables: list[world.Cable], year: int, source: str) -> pd.DataFrame:
    cols = ["cable", "label", "landing_stations", "landing_site_status", "groups",
            "in_service_2019", "capacity_weight", "capacity_status", "year", "source",
            "note"]  # fmt: skip
    rows = [
        {
            "cable": _slug(c.cable_id), "label": c.name, "landing_stations": "",
            "landing_site_status": "UNKNOWN", "groups": "",
            "in_service_2019": "unknown" if c.rfs_year is None else
            ("yes" if c.rfs_year <= 2019 else "no"),
            "capacity_weight": 1.0, "capacity_status": "ASSUMPTION", "year": str(year),
            "source": source,
            "note": f"ready for service {c.rfs_year or 'n.d.'}; equal capacity split (ASSUMPTION)",
        }
        for c in cables
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def capacity_frame(tmpl: pd.DataFrame, has_cables: bool) -> pd.DataFrame:
    out = tmpl[~tmpl["name"].isin(DROPPED_CAPACITY)].copy().astype(object)
    idx = out.index[out["name"] == "overland_capacity_share"][0]
    sat = out.loc[out["name"] == "satellite_capacity_share"]
    if has_cables:
        c, lo, hi = OVERLAND_WITH_CABLES
        why = (
            f"{TEAM}: Hong Kong's overland share (0.3), range widened to 0.1-0.6: no per-country "
            "data on terrestrial cross-border capacity"
        )
        dist = "beta"
    else:
        c = 1.0 - float(sat["high"].iloc[0])
        lo = hi = ""
        why = f"{TEAM}: no submarine cable in service: all international capacity but the "
        why += "satellite share is overland"
        dist = "fixed"
    out.loc[idx, ["central", "low", "high", "distribution", "status", "source", "note"]] = [
        c,
        lo,
        hi,
        dist,
        "ASSUMPTION",
        why,
        "docs/country.md",
    ]
    return out


def app_frame(year: int) -> pd.DataFrame:
    why = (
        f"{TEAM}: no per-country usage shares shipped; every generic platform gets the same "
        "weight within messaging and social (docs/country.md)"
    )
    return pd.DataFrame(
        [
            {"app": a, "label": label, "hosting": "abroad", "hosting_status": "RECALLED",
             "central": 0.5, "low": "", "high": "", "unit": "relative usage weight",
             "distribution": "fixed", "year": str(year), "status": "ASSUMPTION", "source": why,
             "note": "servers abroad (global platform; RECALLED)"}
            for a, label in GENERIC_APPS
        ]
    )  # fmt: skip


@lru_cache(maxsize=64)
def load_country_network(iso3: str, year: int, variant: str = "verified") -> Network:
    """The :class:`Network` of ``iso3`` in ``year`` (infrastructure as listed, cables in service
    by that year); ``variant`` picks Hong Kong's template behaviour (verified or claimed)."""
    from ..params.countries import country_facts, known_iso3, years_with_data

    code = world.check_iso3(iso3)
    infra = world.infrastructure(code)
    pop = 0.0
    if code in known_iso3() and (years := years_with_data(code, "population")):
        near = min(years, key=lambda y: (abs(y - year), -y))
        pop = float(country_facts(code, near).population or 0.0)
    cables = in_service(infra.cables, year)
    source = f"parameters/world ({code} network)"
    capacity, apps = _shared(variant, year, bool(cables))
    tables = NetworkTables(
        nodes=_valid("nodes", node_frame(code, year, pop, infra), source),
        cables=_valid("cables", cable_frame(cables, year, infra.source), source),
        capacity=capacity,
        apps=apps,
        behaviour=template(variant).behaviour,  # validated when read
    )
    return build_network(tables, code, variant)


def _valid(key: str, frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """``frame`` checked against the schema of network table ``key`` (typed copy)."""
    schema = {**INFRASTRUCTURE_TABLES, **REGION_TABLES}[key]
    text = frame.astype(object).where(frame.notna(), "").astype(str)
    return validate_frame(text, load_schema(schema), f"{source}: {key}")


@lru_cache(maxsize=16)
def _shared(variant: str, year: int, has_cables: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validated capacity and app tables (the same for every economy with or without cables)."""
    source = "parameters/world (generated network)"
    capacity = capacity_frame(template(variant).capacity, has_cables)
    return _valid("capacity", capacity, source), _valid("apps", app_frame(year), source)
