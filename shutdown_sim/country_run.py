"""A shutdown happening now, without YAML: the scenario of ``run --country`` and ``sweep
--countries``.

:func:`country_scenario` builds an ordinary :class:`~.scenario.Scenario` (``region`` = the
ISO3 code) from the few levers an advocate knows: the kind of shutdown, its length in days
(fractional allowed) and the share of the economy under the order. The economy and network
come from ``parameters/world`` (docs/country.md); Hong Kong keeps its hand-built folder.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .errors import InputError
from .scenario import MAX_HORIZON_DAYS, Scenario, scenario_from_dict

KINDS = ("full", "mobile", "apps")
KIND_WORDS = {"full": "full internet shutdown", "mobile": "mobile data shutdown",
              "apps": "block of apps"}  # fmt: skip


def country_codes(text: str) -> list[str]:
    """``ISO3,ISO3,...`` or ``all`` (every economy with sector data) -> checked ISO3 codes."""
    from .params import world

    if text.strip().lower() == "all":
        eco = world.economies()
        from .params.countries import known_iso3

        known = set(known_iso3())
        return [c for c in eco.index if eco.loc[c, "tier"] != "none" and c in known]
    parts = [p.strip() for p in text.split(",")]
    if not text.strip() or any(not p for p in parts):
        raise InputError(
            f"{text!r} has an empty entry", field="--countries", allowed="ISO3,ISO3,... or all"
        )
    return list(dict.fromkeys(world.check_iso3(p) for p in parts))


def country_scenario(
    iso3: str,
    *,
    year: int | None = None,
    kind: str = "full",
    days: float = 1.0,
    share: float = 1.0,
    apps: Sequence[str] = (),
) -> Scenario:
    """The scenario of a ``kind`` shutdown of ``days`` days in ``iso3`` (from hour 0).

    ``share``: share of users (and so of the economy) under the order, for regional shutdowns;
    ``apps``: the blocked apps for ``kind="apps"`` (names of the generic app set).
    Raises InputError (bad lever) or ParameterError (unknown country, closest names).
    """
    from .params import world
    from .params.country import default_year, load_country_economy

    code = world.check_iso3(iso3)
    if kind not in KINDS:
        raise InputError(f"kind {kind!r}", field="--kind", allowed=" | ".join(KINDS))
    if not (isinstance(days, int | float) and math.isfinite(days) and 0 < days <= MAX_HORIZON_DAYS):
        raise InputError(
            f"{days!r} days", field="--days", allowed=f"0 < days <= {MAX_HORIZON_DAYS}"
        )
    if not (isinstance(share, int | float) and math.isfinite(share) and 0 < share <= 1):
        raise InputError(f"share {share!r}", field="--share", allowed="0 < share <= 1")
    if kind == "apps" and not apps:
        raise InputError("--kind apps needs --apps", field="--apps", allowed="e.g. --apps whatsapp")
    if kind != "apps" and apps:
        raise InputError("--apps applies to --kind apps", field="--apps", allowed="--kind apps")
    if kind == "apps" and share < 1:
        raise InputError(
            "--share applies to full and mobile shutdowns", field="--share", allowed="1 for apps"
        )
    year = default_year(code) if year is None else int(year)
    load_country_economy(code, year)  # a missing table: the error names it before any work
    hours = float(days) * 24.0
    if kind == "apps":
        event = {"kind": "app_block", "start_h": 0, "duration_h": hours, "apps": list(apps)}
        what = f"block of {', '.join(apps)}"
    else:
        event = {"kind": "shutdown", "start_h": 0, "duration_h": hours, "scope": kind,
                 "share_affected": float(share)}  # fmt: skip
        what = KIND_WORDS[kind] + ("" if share >= 1 else f" ({share:.0%} of users)")
    name = f"{code.lower()}-{year}-{kind}-{days:g}d" + ("" if share >= 1 else f"-{share:g}")
    data = {
        "name": name,
        "description": f"{what} in {world.economies().loc[code, 'name']}, {days:g} day(s), "
        f"{year} (built by run --country)",
        "region": code,
        "year": year,
        "events": [event],
    }
    return scenario_from_dict(data, source=f"--country {code}")
