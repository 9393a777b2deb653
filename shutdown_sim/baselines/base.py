"""Common types of the closed-form baselines: inputs, results, shared constants and factors.

Units: USD (current), days (fractional days = hours / 24), shares in [0, 1]. Constants come from
``parameters/baseline_constants.csv`` and published internet-economy shares from
``parameters/internet_economy_share.csv``; every value used is returned with its source.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import ParameterError
from ..params.table import PARAMETERS_DIR, UncertainParameter, read_table, uncertain_parameters

CONSTANTS_FILE = PARAMETERS_DIR / "baseline_constants.csv"
SHARES_FILE = PARAMETERS_DIR / "internet_economy_share.csv"
GROUPS_FILE = PARAMETERS_DIR / "baseline_country_groups.csv"
KINDS = ("full", "mobile", "apps")
DAYS_PER_YEAR = 365.0
APP_PREFIX = "kind_factor.app."


@lru_cache(maxsize=1)
def constants() -> dict[str, UncertainParameter]:
    """All baseline constants by name (cached)."""
    return uncertain_parameters(read_table(CONSTANTS_FILE, "baseline_constants"))


@lru_cache(maxsize=1)
def published_shares() -> dict[str, UncertainParameter]:
    """Published internet-economy shares keyed ``"<ISO3>.<name>"`` (cached)."""
    frame = read_table(SHARES_FILE, "internet_economy_share")
    return uncertain_parameters(frame, ("iso3", "name"))


class NotPriceable(ParameterError):
    """A method cannot price this country, year or kind (shown as "n/a", CLI exit 2)."""


@lru_cache(maxsize=1)
def country_groups() -> dict[str, frozenset[str]]:
    """Group name (``g20``, ``ssa``) -> ISO3 codes, from ``baseline_country_groups.csv``."""
    frame = read_table(GROUPS_FILE, "baseline_country_groups")
    return {str(g): frozenset(str(c) for c in sub["iso3"]) for g, sub in frame.groupby("group")}


def const(name: str) -> UncertainParameter:
    """One constant from ``baseline_constants.csv``."""
    try:
        return constants()[name]
    except KeyError:
        raise ParameterError(
            f"missing constant {name!r}", file=str(CONSTANTS_FILE), field="name"
        ) from None


def allowed_apps() -> tuple[str, ...]:
    """App names with a kind factor in ``baseline_constants.csv``."""
    return tuple(sorted(k[len(APP_PREFIX) :] for k in constants() if k.startswith(APP_PREFIX)))


def source_of(p: UncertainParameter, file: str) -> str:
    """One-line provenance of a table constant."""
    rng = f", range {p.low:g}-{p.high:g}" if p.high > p.low else ""
    return f"{file} {p.name} [{p.status}{rng}]: {p.source}"


def _check_share(name: str, value: float | None, optional: bool = True) -> None:
    if value is None and optional:
        return
    if value is None or not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ParameterError(f"{value!r} is not a share", field=name, allowed="number in [0, 1]")


def _check_nonneg(
    name: str, value: float | None, optional: bool = False, upper: float = 1e18
) -> None:
    if value is None and optional:
        return
    if value is None or not math.isfinite(value) or not 0 <= value <= upper:
        raise ParameterError(
            f"{value!r} out of range", field=name, allowed=f"finite number in [0, {upper:g}]"
        )


MAX_DAYS = 3660.0  # ten years: longer "shutdowns" are not what these methods describe


@dataclass(frozen=True)
class BaselineInput:
    """What every baseline takes.

    Attributes
    ----------
    region : ISO3 code of the country (None for a custom economy).
    year : year of the economic data (needed by ``cost`` for its escalator).
    gdp_usd : GDP in current USD per year.
    population : persons.
    internet_users_share : share of the population using the internet, in [0, 1].
    internet_share : internet-economy share of GDP in [0, 1]; None = published or fallback share.
    days : shutdown duration in days (hours / 24), >= 0.
    share_affected : share of the economy / population affected, in [0, 1].
    kind : ``full`` | ``mobile`` | ``apps``.
    apps : blocked apps (kind ``apps`` only).
    kind_factor : explicit kind factor in [0, 1] overriding the table (None = table value).
    sources : field -> where the value came from.
    """

    region: str | None
    year: int | None
    gdp_usd: float
    population: float
    internet_users_share: float | None
    internet_share: float | None
    days: float
    share_affected: float = 1.0
    kind: str = "full"
    apps: tuple[str, ...] = ()
    kind_factor: float | None = None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        _check_nonneg("days", self.days, upper=MAX_DAYS)
        _check_nonneg("gdp_usd", self.gdp_usd, upper=1e15)
        _check_nonneg("population", self.population, upper=2e10)
        _check_share("share_affected", self.share_affected, optional=False)
        _check_share("internet_users_share", self.internet_users_share)
        _check_share("internet_share", self.internet_share)
        _check_share("kind_factor", self.kind_factor)
        if self.kind not in KINDS:
            raise ParameterError(
                f"unknown kind {self.kind!r}", field="kind", allowed=" | ".join(KINDS)
            )
        apps = allowed_apps()
        for app in self.apps:
            if app not in apps:
                raise ParameterError(f"unknown app {app!r}", field="apps", allowed=", ".join(apps))
        if self.kind == "apps" and not self.apps and self.kind_factor is None:
            raise ParameterError(
                "kind 'apps' needs at least one app", field="apps", allowed=", ".join(apps)
            )
        if self.kind != "apps" and self.apps:
            raise ParameterError(
                f"apps given with kind {self.kind!r}",
                field="kind",
                allowed="apps (when apps are listed)",
            )

    def source(self, name: str) -> str:
        return self.sources.get(name, "user input")


@dataclass(frozen=True)
class BaselineResult:
    """A baseline estimate.

    Attributes
    ----------
    method : registry name.
    cost_usd : cost over all ``days`` (USD).
    cost_usd_per_day : cost per shutdown day (USD per day).
    inputs : every value used -> ``{"value": ..., "source": ...}``.
    notes : caveats (INFERRED/ASSUMPTION parts, gaps).
    method_version : method description and data vintage.
    """

    method: str
    cost_usd: float
    cost_usd_per_day: float
    inputs: dict[str, dict[str, Any]]
    notes: tuple[str, ...] = ()
    method_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict."""
        out = asdict(self)
        out["notes"] = list(self.notes)
        return out


class Used:
    """Collects the values a method uses, each with its source."""

    def __init__(self, inp: BaselineInput) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.add("region", inp.region, inp.source("region"))
        self.add("year", inp.year, inp.source("year"))
        self.add("days", inp.days, inp.source("days"))
        self.add("share_affected", inp.share_affected, inp.source("share_affected"))
        self.add("kind", inp.kind, inp.source("kind"))
        if inp.apps:
            self.add("apps", list(inp.apps), inp.source("apps"))

    def add(self, name: str, value: Any, source: str) -> Any:
        self.items[name] = {"value": value, "source": source}
        return value


def kind_factor(inp: BaselineInput, used: Used) -> float:
    """Share of the full-shutdown cost for the disruption kind (1 for ``full``).

    ``mobile``: ``kind_factor.mobile``; ``apps``: 1 - prod(1 - f_app) over the blocked apps.
    An explicit ``inp.kind_factor`` overrides both.
    """
    if inp.kind_factor is not None:
        return used.add("kind_factor", inp.kind_factor, inp.source("kind_factor"))
    if inp.kind == "full":
        return used.add("kind_factor", 1.0, "full shutdown: whole internet economy")
    if inp.kind == "mobile":
        p = const("kind_factor.mobile")
        return used.add("kind_factor", p.central, source_of(p, "baseline_constants.csv"))
    keep = 1.0
    srcs = []
    for app in inp.apps:
        p = const(APP_PREFIX + app)
        keep *= 1.0 - p.central
        srcs.append(f"{app} {p.central:g}")
    p0 = const(APP_PREFIX + inp.apps[0])
    text = f"1 - prod(1 - f_app) over {', '.join(srcs)}; " + source_of(p0, "baseline_constants.csv")
    value = const(APP_PREFIX + inp.apps[0]).central if len(inp.apps) == 1 else 1.0 - keep
    return used.add("kind_factor", value, text)


def internet_economy_share(
    inp: BaselineInput, used: Used, prefer: Iterable[str] = ("bcg_internet_economy_share",)
) -> tuple[float, str]:
    """Internet-economy share of GDP and its origin: ``user``, ``published`` or ``fallback``.

    Order: explicit ``inp.internet_share``; the first published row in ``prefer`` for the region;
    otherwise ``fallback_internet_share_per_internet_user_share`` x internet users share
    (ASSUMPTION).
    """
    if inp.internet_share is not None:
        used.add("internet_share", inp.internet_share, inp.source("internet_share"))
        return inp.internet_share, "user"
    shares = published_shares()
    for name in prefer:
        p = shares.get(f"{inp.region}.{name}") if inp.region else None
        if p is not None:
            used.add("internet_share", p.central, source_of(p, "internet_economy_share.csv"))
            return p.central, "published"
    if inp.internet_users_share is None:
        raise ParameterError(
            "no published internet-economy share and no internet users share for the fallback rule",
            field="internet_share",
            allowed="a share in [0, 1] (or give internet users / a country)",
        )
    ratio = const("fallback_internet_share_per_internet_user_share")
    users = used.add(
        "internet_users_share", inp.internet_users_share, inp.source("internet_users_share")
    )
    used.add("fallback_ratio", ratio.central, source_of(ratio, "baseline_constants.csv"))
    share = min(1.0, ratio.central * users)
    used.add(
        "internet_share",
        share,
        "fallback: fallback_ratio x internet_users_share "
        "(ASSUMPTION; no published share for this region)",
    )
    return share, "fallback"


def result(
    method: str,
    per_day_usd: float,
    inp: BaselineInput,
    used: Used,
    notes: Iterable[str],
    version: str,
) -> BaselineResult:
    """Assemble a result; cost is linear in days (hours / 24).

    Hard bound: a day never costs more than the affected economy's daily output
    (GDP / 365 x share affected); a method that would exceed it cannot price the case.
    """
    ceiling = inp.gdp_usd / DAYS_PER_YEAR * inp.share_affected
    if not math.isfinite(per_day_usd) or per_day_usd > ceiling * (1 + 1e-12):
        raise NotPriceable(
            f"{method} would price a day at USD {per_day_usd:,.0f}, more than the affected "
            f"economy's daily output (USD {ceiling:,.0f}); it cannot price this case",
            field="method",
            allowed="another method, or a country/year within the method's range",
        )
    notes = list(notes)
    for name, item in used.items.items():
        if "(nearest available)" in str(item["source"]):
            notes.append(f"{name} is from another year: {item['source']}")
    return BaselineResult(
        method=method,
        cost_usd=per_day_usd * inp.days,
        cost_usd_per_day=per_day_usd,
        inputs=used.items,
        notes=tuple(notes),
        method_version=version,
    )


def _parse_apps(apps: str | Iterable[str] | None) -> tuple[str, ...]:
    if apps is None:
        return ()
    items = apps.split(",") if isinstance(apps, str) else list(apps)
    return tuple(str(a).strip().lower() for a in items if str(a).strip())


def make_input(
    *,
    days: float,
    country: str | None = None,
    year: int | None = None,
    gdp_usd: float | None = None,
    population: float | None = None,
    internet_users_share: float | None = None,
    internet_share: float | None = None,
    share_affected: float = 1.0,
    kind: str = "full",
    apps: str | Iterable[str] | None = None,
    kind_factor: float | None = None,
) -> BaselineInput:
    """Build a :class:`BaselineInput` from country facts plus overrides.

    With ``country`` (ISO3) and ``year`` the World Bank facts are used; explicit ``gdp_usd``,
    ``population`` and ``internet_users_share`` override them. Without a country, ``gdp_usd`` and
    ``population`` are required. If the internet-users series has no value for ``year``, the
    latest earlier year is used (and named in the source).
    """
    from ..params.countries import country_facts, nearest_years, years_with_data

    sources: dict[str, str] = {}
    region = None
    if country is not None:
        if year is None:
            raise ParameterError(
                "a year is needed with a country",
                field="year",
                allowed="a year with World Bank data",
            )
        facts = country_facts(country, year)
        region = facts.iso3
        sources["region"] = f"{facts.name} (parameters/countries.csv)"
        for name, given in (("gdp_usd", gdp_usd), ("population", population)):
            if given is None:
                value = getattr(facts, name)
                if value is None:
                    near = nearest_years(years_with_data(region, name), int(year))
                    raise ParameterError(
                        f"no {name} for {region} in {year}; nearest years with it: "
                        f"{', '.join(map(str, near))}",
                        field=name,
                        allowed=f"a year with {name} or an explicit {name}",
                    )
                sources[name] = facts.sources[name]
                if name == "gdp_usd":
                    gdp_usd = value
                else:
                    population = value
        if internet_users_share is None:
            internet_users_share = facts.internet_users_share
            if internet_users_share is not None:
                sources["internet_users_share"] = facts.sources["internet_users_share"]
            else:
                years = years_with_data(region, "internet_users_share")
                earlier = [y for y in years if y <= int(year)]
                if years:
                    use = max(earlier) if earlier else nearest_years(years, int(year), 1)[0]
                    internet_users_share = country_facts(region, use).internet_users_share
                    sources["internet_users_share"] = (
                        f"{facts.sources['internet_users_share']}: no {year} value, "
                        f"used {use} (nearest available)"
                    )
    else:
        if gdp_usd is None:
            raise ParameterError(
                "gdp_usd is needed without a country",
                field="gdp_usd",
                allowed="USD per year > 0, or give a country and year",
            )
        if population is None:
            raise ParameterError(
                "population is needed without a country",
                field="population",
                allowed="persons > 0, or give a country and year",
            )
    return BaselineInput(
        region=region,
        year=None if year is None else int(year),
        gdp_usd=float(gdp_usd),
        population=float(population),
        internet_users_share=internet_users_share,
        internet_share=internet_share,
        days=float(days),
        share_affected=float(share_affected),
        kind=str(kind),
        apps=_parse_apps(apps),
        kind_factor=kind_factor,
        sources=sources,
    )
