"""The publishable brief: two sourced A4 pages (plus an appendix) in English or Traditional Chinese.

``build_brief`` runs the model (Monte Carlo + one-at-a-time tornado); ``render_brief_html`` and
``render_brief_markdown`` turn a result into text without side effects; ``write_brief`` writes
``brief.html``, ``brief.md``, ``results.csv`` and the assumptions appendix (``assumptions.html``,
``assumptions.csv``) atomically (temporary folder, then rename). The HTML layout lives in
``brief_html``; ``publish`` adds the PDF, the social card and the PNG charts.
All fixed text comes from ``messages/<lang>.yaml``; no model logic lives here.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..events import REGISTRY
from .brands import brand
from .brief_html import event_lines
from .citations import reader_text, short_citation
from .glossary import status_label
from .messages import Messages, check_lang

DEFAULT_DRAWS = 1000
TOP_DRIVERS = 5
TOP_SECTORS = 10
MAX_EVENTS = 8
FILES = ("brief.html", "brief.md", "results.csv", "assumptions.html", "assumptions.csv")

_URL = re.compile(
    r"(?P<url>https?://[^\s<>\"'\])]+|doi:10\.[^\s<>\"')\]]+|"
    r"\b(?:[a-z0-9-]+\.)+(?:com|org|net|gov|hk|io|edu|int|info)(?:/[^\s<>\"',;)\]]*)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows; ``html()``, ``markdown()`` and ``results_frame()`` render it."""

    lang: str
    result: Any  # shutdown_sim.result.Result
    central_usd: float  # tornado centre: net loss with every parameter central
    drivers: tuple[dict, ...]  # top tornado rows (largest swing first)
    params: tuple[Any, ...]  # UncertainParameter, the full assumptions table

    def html(self) -> str:
        from .brief_html import render

        return render(_View(self))

    def markdown(self) -> str:
        return _markdown(_View(self))

    def results_frame(self) -> pd.DataFrame:
        return results_frame(self.result)

    def headline(self) -> str:
        return _View(self).headline_sentence()


# -- public functions -------------------------------------------------------------------------
def build_brief(
    scenario,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    lang: str = "en",
    *,
    overrides: dict[str, float] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Brief:
    """Simulate ``scenario`` (a Scenario, a name or a path) and gather the brief's content."""
    from ..model import prepare, simulate
    from ..scenario import Scenario, load_scenario
    from ..sensitivity import tornado

    check_lang(lang)
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    result = simulate(scenario, draws=draws, seed=seed, overrides=overrides, progress=progress)
    ctx = prepare(scenario, overrides)
    central, rows = tornado(ctx, top=TOP_DRIVERS)
    return Brief(
        lang=lang,
        result=result,
        central_usd=float(central),
        drivers=tuple(rows),
        params=tuple(ctx.space.params),
    )


def render_brief_html(
    result, sensitivity=None, lang: str = "en", *, params: Sequence[Any] | None = None
) -> str:
    """The self-contained HTML brief of ``result`` (no I/O beyond reading parameter files).

    ``sensitivity`` is a ``SensitivityResult``, the ``(central_usd, rows)`` pair returned by
    ``shutdown_sim.sensitivity.tornado`` or a list of tornado rows; ``params`` the uncertain
    parameters (``ctx.space.params``; rebuilt from the result's scenario when omitted).
    """
    return _brief_from(result, sensitivity, lang, params).html()


def render_brief_markdown(
    result, sensitivity=None, lang: str = "en", *, params: Sequence[Any] | None = None
) -> str:
    """The same brief as Markdown (charts as tables)."""
    return _brief_from(result, sensitivity, lang, params).markdown()


def write_brief(
    out_dir,
    scenario,
    lang: str = "en",
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    force: bool = False,
    *,
    overrides: dict[str, float] | None = None,
    progress: Callable[[float], None] | None = None,
) -> tuple[Brief, list[Path]]:
    """Build the brief and write brief.html, brief.md and results.csv into ``out_dir``.

    All or nothing: files go to a temporary folder renamed into place; an existing non-empty
    ``out_dir`` is replaced only with ``force``. Returns the brief and the written paths.
    """
    check_lang(lang)
    _check_out_dir(out_dir, force)  # fail before the (slower) simulation, not after it
    brief = build_brief(
        scenario, draws=draws, seed=seed, lang=lang, overrides=overrides, progress=progress
    )
    write_brief_files(brief, out_dir, force=force)
    return brief, [Path(out_dir) / name for name in FILES]


def _check_out_dir(out_dir, force: bool) -> None:
    from ..output import check_out_dir

    check_out_dir(out_dir, force=force)


def write_brief_files(brief: Brief, out_dir, *, force: bool = False) -> Path:
    """Write an already built brief's text files (no browser needed) atomically into ``out_dir``.

    ``report.publish.write_publication`` writes the same plus the PDF, card and PNG charts.
    """
    from ..output import write_atomically

    return write_atomically(out_dir, lambda folder: write_brief_texts(brief, folder), force=force)


def write_brief_texts(brief: Brief, folder: Path) -> list[Path]:
    """Write the brief's text files into an existing ``folder``; returns their paths."""
    from ..output import write_csv
    from ..provenance import with_provenance
    from .appendix import write_appendix

    html_text, md_text, frame = brief.html(), brief.markdown(), brief.results_frame()
    folder = Path(folder)
    (folder / "brief.html").write_text(html_text, encoding="utf-8")
    (folder / "brief.md").write_text(md_text, encoding="utf-8")
    write_csv(with_provenance(frame, brief.result.provenance), folder / "results.csv", index=False)
    write_appendix(brief, folder)
    return [folder / name for name in FILES]


def results_frame(result) -> pd.DataFrame:
    """Summary table: every outcome (central, mean, p5, p50, p95) and baseline, USD and local;
    the beyond-GDP lines (people and worker-days in the ``*_count`` columns)."""
    from .beyond import COUNT_COLUMNS, beyond_result_rows

    cur = result.currency.lower()
    rate = result.local_per_usd
    days = result.duration_days if result.duration_days > 0 else math.nan
    rows = []
    for outcome, row in result.summary().iterrows():
        rec = {"kind": "outcome", "name": outcome}
        for stat in ("central", "mean", "p5", "p50", "p95"):
            rec[f"{stat}_usd"] = float(row[stat])
        rec["central_usd_per_day"] = float(row["central"]) / days
        for stat in ("central", "p5", "p95") if cur != "usd" else ():  # USD: columns above
            rec[f"{stat}_{cur}"] = float(row[stat]) * rate
        rows.append(rec)
    for method, info in (result.baselines or {}).items():
        cost = float(info["cost_usd"])
        rows.append(
            {
                "kind": "baseline",
                "name": method,
                "central_usd": cost,
                "central_usd_per_day": float(info.get("cost_usd_per_day", cost / days)),
                **({f"central_{cur}": cost * rate} if cur != "usd" else {}),
            }
        )
    columns = [
        "kind",
        "name",
        "central_usd",
        "mean_usd",
        "p5_usd",
        "p50_usd",
        "p95_usd",
        "central_usd_per_day",
        *((f"central_{cur}", f"p5_{cur}", f"p95_{cur}") if cur != "usd" else ()),
        *COUNT_COLUMNS,
    ]
    rows += beyond_result_rows(result, cur, rate)
    frame = pd.DataFrame(rows, columns=columns)
    frame["currency_local"] = result.currency
    frame["local_per_usd"] = rate
    return frame


# -- assembling --------------------------------------------------------------------------------
def brief_from_result(
    result, sensitivity=None, lang: str = "en", *, params: Sequence[Any] | None = None
) -> Brief:
    """A Brief of an existing result (the app's view): no new simulation.

    ``sensitivity`` and ``params`` as for :func:`render_brief_html`.
    """
    return _brief_from(result, sensitivity, lang, params)


def _brief_from(result, sensitivity, lang: str, params) -> Brief:
    check_lang(lang)
    central, rows = _tornado_rows(result, sensitivity)
    if params is None:
        params = _params_of(result)
    return Brief(
        lang=lang,
        result=result,
        central_usd=central,
        drivers=tuple(rows[:TOP_DRIVERS]),
        params=tuple(params),
    )


def _tornado_rows(result, sensitivity) -> tuple[float, list[dict]]:
    central = float(result.central["gdp_loss_usd"])
    if sensitivity is None:
        return central, []
    if hasattr(sensitivity, "tornado"):
        return float(sensitivity.central_usd), list(sensitivity.tornado)
    if (
        isinstance(sensitivity, tuple)
        and len(sensitivity) == 2
        and not isinstance(sensitivity[0], dict)
    ):
        return float(sensitivity[0]), list(sensitivity[1])
    return central, list(sensitivity)


def _params_of(result) -> tuple[Any, ...]:
    from ..model import prepare
    from ..scenario import scenario_from_dict

    scenario = scenario_from_dict(result.scenario_definition, source=result.scenario_name)
    overrides = dict((result.provenance or {}).get("overrides") or {})
    return tuple(prepare(scenario, overrides).space.params)


def tier_limit(result, m) -> list[str]:
    """The data tier of a region built from the world tables (nothing for a hand-built one)."""
    tier = getattr(result, "region_tier", "hand-built")
    if tier == "hand-built":
        return []
    return [m.t("limit_tier", tier=m.get(f"tier.{tier}", tier))]


def _io_is_proxy(region: str) -> bool:
    """Whether the region's supply-chain matrix is a proxy (io_meta.csv has a ``proxy`` row)."""
    from ..params.table import PARAMETERS_DIR

    path = PARAMETERS_DIR / "regions" / region / "io_meta.csv"
    from ..params.country import is_country

    if is_country(region):  # built from parameters/world: always a proxy structure
        return True
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError):
        return False
    return "field" in meta and bool((meta["field"].str.strip() == "proxy").any())


def _ratio(x: float) -> str:
    """A ratio to two significant figures without exponents: 0.37, 6.6, 13, 130, 1,300."""
    if x <= 0:
        return "0"
    x = float(f"{x:.2g}")
    return f"{x:,.{max(0, 1 - math.floor(math.log10(x) + 1e-12))}f}"


class _View:
    """Language-specific texts and tables of a brief (shared by the HTML and Markdown writers)."""

    def __init__(self, brief: Brief) -> None:
        self.b = brief
        self.r = brief.result
        self.m = Messages.for_lang(brief.lang)
        self.sector_names = dict(zip(self.r.by_sector.index, self.r.by_sector["name"]))
        self.head = self.r.headline()
        self.days = float(self.r.duration_days)

    # money in USD and local currency
    def usd(self, value: float) -> str:
        return self.m.money(value, "USD")

    def _usd_only(self) -> str:
        """Key suffix for sentences without a second currency (the region counts in USD)."""
        return "_usd" if self.r.currency == "USD" else ""

    def local(self, value_usd: float) -> str:
        return self.m.money(value_usd * self.r.local_per_usd, self.r.currency)

    def per_day(self, value: float) -> float:
        return value / self.days if self.days > 0 else math.nan

    def region(self) -> str:
        return self.m.region(self.r.region, self.r.region_name)

    def param_label(self, name: str) -> str:
        return self.m.parameter(name, self.sector_names)

    # texts
    def title(self) -> str:
        return self.m.t("doc_title", region=self.region(), year=self.r.year)

    def subtitle(self) -> str:
        from .card import card_date

        created = card_date(str(self.r.provenance.get("created_utc", "")), self.m)
        return self.m.t(
            "subtitle",
            scenario=self.r.scenario_name,
            draws=f"{self.r.draws:,}",
            seed=self.r.seed,
            date=created,
        )

    def kind(self) -> str:
        """The first event's kind inside a sentence, worded by its module (events.REGISTRY)."""
        events = (self.r.scenario_definition or {}).get("events") or [{}]
        spec = REGISTRY.get(str(events[0].get("kind", "")))
        phrase = spec.phrase_of(events[0]) if spec else None
        if phrase is None:
            return self.m.t("kind.other")
        bk = str(self.r.baseline_kind)
        apps = bk[bk.find("(") + 1 : bk.rfind(")")] if "(" in bk else ""
        apps = self.m.t("list_sep").join(brand(a) for a in apps.split(",") if a.strip())
        return phrase.get(self.m.lang, phrase["en"]).format(apps=apps)

    def headline_sentence(self) -> str:
        h = self.head
        return self.m.t(
            "headline_sentence" + self._usd_only(),
            kind=self.kind(),
            duration=self.m.duration(self.days),
            region=self.region(),
            year=self.r.year,
            central=self.usd(h["p50"]),
            central_local=self.local(h["p50"]),
            p5=self.usd(h["p5"]),
            p95=self.usd(h["p95"]),
        )

    def per_day_sentence(self) -> str:
        central_day = self.per_day(self.head["p50"])
        share = central_day / (self.r.gdp_usd / 365.0) if self.r.gdp_usd else math.nan
        return self.m.t(
            "per_day_sentence" + self._usd_only(),
            per_day=self.usd(central_day),
            per_day_local=self.local(central_day),
            share=self.m.percent(share),
        )

    def headline_table(self) -> tuple[list[str], list[list[str]]]:
        m, h = self.m, self.head
        header = [
            m.t(k)
            for k in (
                "headline_table_measure",
                "headline_table_central",
                "headline_table_low",
                "headline_table_high",
            )
        ]
        stats = ("p50", "p5", "p95")  # the median is the headline
        cur = m.currency(self.r.currency)
        rows = [
            [m.t("headline_row_total_usd")] + [self.usd(h[s]) for s in stats],
            [m.t("headline_row_total_local", currency=cur)] + [self.local(h[s]) for s in stats],
            [m.t("headline_row_day_usd")] + [self.usd(self.per_day(h[s])) for s in stats],
            [m.t("headline_row_day_local", currency=cur)]
            + [self.local(self.per_day(h[s])) for s in stats],
        ]
        return header, rows

    def headline_note(self) -> str:
        return self.m.t(
            "headline_note",
            rate=f"{self.r.local_per_usd:g}",
            currency=self.m.currency(self.r.currency),
        )

    def scenario_text(self) -> tuple[str, str]:
        definition = self.r.scenario_definition or {}
        translated = definition.get("description_zh") if self.b.lang == "zh-Hant" else None
        self.description_translated = bool(translated)
        return (
            reader_text(
                str(translated or definition.get("description") or self.r.description or "")
            ),
            reader_text(str(definition.get("source") or "")),
        )

    def scenario_label_key(self) -> str:
        translated = getattr(self, "description_translated", False)
        return "scenario_text_label_translated" if translated else "scenario_text_label"

    def events(self) -> list[str]:
        """The scenario's events in words of the brief's language (no internal IDs)."""
        return event_lines(self)

    def baselines(self) -> tuple[list[str], list[list[str]]]:
        m = self.m
        header = [
            m.t(k)
            for k in (
                "baselines_col_method",
                "baselines_col_total",
                "baselines_col_day",
                "baselines_col_ratio",
                "baselines_col_why",
            )
        ]
        central = self.head["p50"]
        rows = [
            [
                m.t("baselines_model_row"),
                f"{self.usd(central)} ({self.usd(self.head['p5'])} – {self.usd(self.head['p95'])})",
                self.usd(self.per_day(central)),
                m.t("ratio_format", ratio="1.0"),
                "",
            ]
        ]
        for method, info in (self.r.baselines or {}).items():
            cost = float("nan" if info["cost_usd"] is None else info["cost_usd"])
            why = m.get(f"baseline.{method}.why", m.t("baseline.other.why"))
            if not math.isfinite(cost):  # the method cannot price this scenario: say why
                label = m.get(f"baseline.{method}.label", method)
                na = m.t("not_applicable")
                # the method's own reason is English text: other languages keep their wording
                detail = info.get("error") if self.b.lang == "en" else None
                reason = f"{why} ({na}: {detail})" if detail else why
                rows.append([label, na, na, "–", reason])
                continue
            per_day = float(info.get("cost_usd_per_day", self.per_day(cost)))
            ratio = cost / central if central > 0 else math.nan
            ratio_text = m.t("ratio_format", ratio=_ratio(ratio)) if math.isfinite(ratio) else "–"
            rows.append(
                [
                    m.get(f"baseline.{method}.label", method),
                    self.usd(cost),
                    self.usd(per_day),
                    ratio_text,
                    why,
                ]
            )
        return header, rows

    def cascade_sentence(self) -> str:
        s = self.r.summary()
        return self.m.t(
            "cascade_sentence",
            direct=self.usd(s.loc["direct_loss_usd", "mean"]),
            indirect=self.usd(s.loc["indirect_loss_usd", "mean"]),
            recaptured=self.usd(s.loc["recaptured_usd", "mean"]),
            net=self.usd(s.loc["gdp_loss_usd", "mean"]),
        )

    def cascade_table(self) -> tuple[list[str], list[list[str]]]:
        from .figures import top_sectors

        m = self.m
        header = [
            m.t("cascade_col_sector"),
            m.t("cascade_direct"),
            m.t("cascade_indirect"),
            m.t("cascade_recaptured"),
            m.t("cascade_col_net"),
        ]
        rows = []
        for code, row in top_sectors(self.r.by_sector, TOP_SECTORS).iterrows():
            rows.append(
                [
                    m.sector(code, row["name"]),
                    self.usd(row["direct_loss_usd_mean"]),
                    self.usd(row["indirect_loss_usd_mean"]),
                    self.usd(row["recaptured_usd_mean"]),
                    self.usd(row["gdp_loss_usd_mean"]),
                ]
            )
        return header, rows

    def n_cascade(self) -> int:
        return min(TOP_SECTORS, len(self.r.by_sector))

    def drivers(self) -> tuple[list[str], list[list[str]], list[str]]:
        """Header, rows and the raw source texts of the top drivers."""
        m = self.m
        header = [
            m.t(k)
            for k in (
                "drivers_col_rank",
                "drivers_col_param",
                "drivers_col_range",
                "drivers_col_low",
                "drivers_col_high",
                "drivers_col_swing",
                "drivers_col_source",
            )
        ]
        rows, sources = [], []
        for i, r in enumerate(self.b.drivers, 1):
            unit = m.unit(str(r.get("unit", "")))
            rng = m.t(
                "range_format",
                low=m.number(r["value_low"]),
                high=m.number(r["value_high"]),
                unit=unit,
            ).strip()
            rows.append(
                [
                    str(r.get("rank", i)),
                    self.param_label(r["parameter"]),
                    rng,
                    self.usd(r["loss_at_low_usd"]),
                    self.usd(r["loss_at_high_usd"]),
                    self.usd(r["swing_usd"]),
                    "",
                ]
            )
            status = status_label(str(r.get("status", "")), self.b.lang)
            sources.append(f"{status}{m.t('label_sep')}{short_citation(str(r.get('source', '')))}")
        return header, rows, sources

    def assumptions(self) -> tuple[list[str], list[list[str]], list[str]]:
        m = self.m
        header = [
            m.t(k)
            for k in (
                "assumptions_col_param",
                "assumptions_col_central",
                "assumptions_col_low",
                "assumptions_col_high",
                "assumptions_col_unit",
                "assumptions_col_dist",
                "assumptions_col_status",
                "assumptions_col_year",
                "assumptions_col_source",
            )
        ]
        from .beyond import beyond_inputs

        rows, sources = [], []
        for p in (*self.b.params, *beyond_inputs(self.r)):
            label = self.param_label(p.name)
            label = label if label == p.name else f"{label} [{p.name}]"
            rows.append(
                [
                    label,
                    m.number(p.central),
                    m.number(p.low),
                    m.number(p.high),
                    m.unit(p.unit),
                    m.distribution(p.distribution),
                    status_label(p.status, self.b.lang),
                    str(p.year),
                    "",
                ]
            )
            sources.append(reader_text(str(p.source)))
        return header, rows, sources

    def limits(self) -> list[str]:
        m = self.m
        items = [m.t("method_model")]
        if _io_is_proxy(self.r.region):
            items.append(m.t("limit_io"))
        items += tier_limit(self.r, m)
        spill = float(self.r.summary().loc["spillover_usd", "mean"])
        items += [
            m.t("limit_dependence"),
            m.t("limit_spillover", spillover=self.usd(spill)),
            m.t("limit_baselines"),
            m.t("limit_range"),
        ]
        return items

    def provenance(self) -> list[tuple[str, str]]:
        m, p = self.m, self.r.provenance or {}
        overrides = p.get("overrides") or {}
        over = ", ".join(f"{k} = {v:g}" for k, v in overrides.items()) or m.t("prov_none")
        return [
            (m.t("prov_version"), f"shutdown-sim {p.get('version', '')}"),
            (m.t("prov_scenario"), self.r.scenario_name),
            (m.t("prov_scenario_hash"), str(p.get("scenario_sha256", ""))),
            (m.t("prov_param_files_hash"), str(p.get("parameter_files_sha256", ""))),
            (m.t("prov_param_values_hash"), str(p.get("parameter_values_sha256", ""))),
            (m.t("prov_seed"), str(p.get("seed", self.r.seed))),
            (m.t("prov_draws"), str(p.get("draws", self.r.draws))),
            (m.t("prov_created"), str(p.get("created_utc", ""))),
            (m.t("prov_overrides"), over),
        ]

    def reproduce(self) -> str:
        cmd = (
            f"shutdown-sim report {self.r.scenario_name} --lang {self.b.lang} "
            f"--draws {self.r.draws} --seed {self.r.seed} --out DIR"
        )
        return self.m.t("prov_reproduce", command=cmd)

    def footer(self) -> str:
        return self.m.t("footer", version=(self.r.provenance or {}).get("version", ""))


# -- HTML helpers (brief_html renders the page) -------------------------------------------
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _href(url: str) -> str:
    """The link target of a URL, bare domain or ``doi:`` found in source text."""
    if url.lower().startswith("http"):
        return url
    if url.lower().startswith("doi:"):
        return f"https://doi.org/{url[4:]}"
    return f"https://{url}"


def _linkify(text: str, escape, link) -> str:
    """Escape ``text`` with ``escape`` and turn URLs, domains and DOIs into ``link(url, href)``."""
    out, pos = [], 0
    for match in _URL.finditer(text):
        out.append(escape(text[pos : match.start()]))
        url = match.group("url").rstrip(".,;:")
        tail = match.group("url")[len(url) :]
        out.append(link(url, _href(url)) + escape(tail))
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def _linkify_html(text: str) -> str:
    """Escape ``text`` for HTML and turn URLs, domains and DOIs into links."""
    return _linkify(text, _e, lambda url, href: f'<a href="{_e(href)}">{_e(url)}</a>')


def _table_html(
    header: list[str],
    rows: list[list[str]],
    *,
    numeric: Sequence[int] = (),
    cls: str = "",
    raw_last: Sequence[str] | None = None,
) -> str:
    head = "".join(
        f"<th{' class=num' if i in numeric else ''}>{_e(h)}</th>" for i, h in enumerate(header)
    )
    body = []
    for k, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            if raw_last is not None and i == len(row) - 1:
                cells.append(f"<td>{_linkify_html(raw_last[k])}</td>")
            else:
                cells.append(f"<td{' class=num' if i in numeric else ''}>{_e(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cls_attr = f' class="{cls}"' if cls else ""
    return f"<table{cls_attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


# -- Markdown -----------------------------------------------------------------------------------
_MD_ESCAPE = re.compile(r"([\\`\[\]|])")


def _md_cell(text: object) -> str:
    """Text as inert Markdown: no links, images, code or raw HTML can come from it (backslash
    before ``\\ ` [ ] |``, ``<``/``>`` as entities); one line."""
    flat = " ".join(str(text).splitlines())
    return _MD_ESCAPE.sub(r"\\\1", flat).replace("<", "&lt;").replace(">", "&gt;")


def _linkify_md(text: str) -> str:
    return _linkify(text, _md_cell, lambda url, href: f"[{_md_cell(url)}]({href})")


def _table_md(
    header: list[str],
    rows: list[list[str]],
    *,
    numeric: Sequence[int] = (),
    raw_last: Sequence[str] | None = None,
) -> str:
    lines = [
        "| " + " | ".join(_md_cell(h) for h in header) + " |",
        "|" + "|".join("---:" if i in numeric else "---" for i in range(len(header))) + "|",
    ]
    for k, row in enumerate(rows):
        cells = [_md_cell(c) for c in row]
        if raw_last is not None:
            cells[-1] = _linkify_md(raw_last[k])
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _markdown(v: _View) -> str:
    m = v.m
    out: list[str] = [
        f"# {_md_cell(v.title())}",
        "",
        f"_{_md_cell(v.subtitle())}_",
        "",
        f"**{_md_cell(v.headline_sentence())}**",
        "",
        _md_cell(v.per_day_sentence()),
        "",
    ]
    description, source = v.scenario_text()
    sep = m.t("label_sep")
    out += [
        f"## {m.t('scenario_heading')}",
        "",
        f"**{m.t(v.scenario_label_key())}**{sep}{_linkify_md(description)}",
        "",
    ]
    if source:
        out += [f"**{m.t('scenario_source_label')}**{sep}{_linkify_md(source)}", ""]
    events = v.events()
    if events:
        out += (
            [f"**{m.t('scenario_events_label')}**{sep}", ""]
            + [f"- {_md_cell(e)}" for e in events]
            + [""]
        )
    header, rows = v.headline_table()
    out += [
        f"## {m.t('headline_heading')}",
        "",
        _table_md(header, rows, numeric=(1, 2, 3)),
        "",
        f"_{v.headline_note()}_",
        "",
    ]
    header, rows = v.baselines()
    out += [
        f"## {m.t('baselines_heading')}",
        "",
        m.t("baselines_intro"),
        "",
        _table_md(header, rows, numeric=(1, 2, 3)),
        "",
    ]
    if len(rows) == 1:
        out += [f"_{m.t('baselines_none')}_", ""]
    header, rows = v.cascade_table()
    out += [
        f"## {m.t('cascade_heading')}",
        "",
        _md_cell(v.cascade_sentence()),
        "",
        _table_md(header, rows, numeric=(1, 2, 3, 4)),
        "",
        f"_{m.t('cascade_caption', n=v.n_cascade())}_",
        "",
    ]
    header, rows, sources = v.drivers()
    out += [f"## {m.t('drivers_heading')}", "", m.t("drivers_intro"), ""]
    out += [
        _table_md(header, rows, numeric=(0, 3, 4, 5), raw_last=sources)
        if rows
        else f"_{m.t('drivers_none')}_",
        "",
    ]
    out += [f"## {m.t('method_heading')}", ""] + [f"- {item}" for item in v.limits()] + [""]
    out += [  # the full assumptions table is the appendix beside the brief
        m.t(
            "appendix_line",
            html="[assumptions.html](assumptions.html)",
            csv="[assumptions.csv](assumptions.csv)",
            results="[results.csv](results.csv)",
        ),
        "",
    ]
    out += [f"## {m.t('provenance_heading')}", ""]
    out += [f"- {k}{sep}`{val}`" for k, val in v.provenance()]
    out += ["", v.reproduce(), "", "---", "", v.footer(), ""]
    return "\n".join(out)
