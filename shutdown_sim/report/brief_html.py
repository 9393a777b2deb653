"""The brief as HTML that prints on at most two A4 pages (``brief.pdf`` is this page printed).

Page one: the headline and its range, what was simulated, the estimate in both currencies and
the published methods side by side. Page two: how the loss spreads (one chart), the five
assumptions that move it most with short citations, what lies beyond GDP, method and limits in a
few lines, the sources, and one line of provenance. Every assumption with its full source is in
the appendix (``assumptions.html`` / ``assumptions.csv``) that the brief links to.

Citations in another language than the page (English titles on the Chinese brief) are marked
``lang="en"``, as are commands and hashes (``<code>``).
"""

from __future__ import annotations

import html

from .appendix import CSV_FILE, HTML_FILE
from .brands import brand
from .citations import reader_text, short_citation

TOP_SECTORS = 7
MAX_EVENTS = 6
BASELINE_ORDER = ("west2016", "deloitte2016", "cost", "netloss")

CSS = """
@page { size: A4; margin: 10mm 12mm 10mm 12mm; }
:root { --ink: #1b1b1b; --muted: #555; --rule: #d0d7de; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK HK", "Noto Sans CJK TC", system-ui, -apple-system,
  "Segoe UI", "PingFang HK", "Microsoft JhengHei", "Heiti TC", sans-serif; color: var(--ink);
  line-height: 1.35; font-size: 9pt; max-width: 184mm; margin: 0 auto; padding: 6mm 3mm; }
h1 { font-size: 15pt; margin: 0 0 1mm; color: var(--accent); }
h2 { font-size: 10.5pt; margin: 2.8mm 0 1mm; border-bottom: 1px solid var(--rule);
  padding-bottom: 0.6mm; color: var(--accent); break-after: avoid; page-break-after: avoid; }
p { margin: 1.2mm 0; }
ul { margin: 1mm 0; padding-left: 5mm; }
li { margin: 0.4mm 0; }
.subtitle, .note, figcaption, .small { color: var(--muted); font-size: 8pt; }
.headline { font-size: 11.5pt; font-weight: 600; background: #eef4fa; border-left: 4px solid
  var(--accent); padding: 2.2mm 3.5mm; margin: 2mm 0; }
table { border-collapse: collapse; width: 100%; margin: 1.2mm 0; font-size: 8.5pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.7mm 1.3mm; text-align: left;
  vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.baselines td:first-child { width: 20%; }
table.baselines td:last-child { width: 58%; font-size: 7.8pt; color: #333; }
table.drivers td:nth-child(2) { width: 30%; }
table.drivers td:last-child { white-space: nowrap; }
table.drivers td:last-child { font-size: 7.8pt; color: #333; }
tr { break-inside: avoid; page-break-inside: avoid; }
ol.sources { font-size: 7.5pt; color: #333; padding-left: 5mm; overflow-wrap: anywhere; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 7pt;
  word-break: break-all; }
figure { margin: 1mm 0; break-inside: avoid; page-break-inside: avoid; }
a { color: var(--accent); }
footer { margin-top: 2mm; border-top: 1px solid var(--rule); padding-top: 1mm; }
@media print {
  body { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: underline; }
  .modebar-container, .modebar { display: none !important; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _foreign(text_html: str, page_lang: str, lang: str = "en") -> str:
    """Wrap ``text_html`` in a span marked with its language when it differs from the page's."""
    return text_html if page_lang == lang else f'<span lang="{lang}">{text_html}</span>'


def _apps_of(event: dict) -> tuple[list[str], list[str]]:
    apps = event.get("apps") or ([event["app"]] if isinstance(event.get("app"), str) else [])
    later = (event.get("escalation") or {}).get("apps") or []
    return [brand(a) for a in apps], [brand(a) for a in later]


def event_lines(v) -> list[str]:
    """The scenario's events in words of the brief's language (no internal names or IDs)."""
    return scenario_event_lines(v.r.scenario_definition, v.m)[:MAX_EVENTS]


def kind_words(baseline_kind: str, m) -> str:
    """The published methods' kind (``full``, ``mobile``, ``apps (telegram)``) in words."""
    from .glossary import term

    bk = str(baseline_kind)
    concept = {"full": "full_shutdown", "mobile": "mobile_shutdown"}.get(bk.split(" ")[0])
    if concept:
        return term(concept, m.lang)
    if bk.startswith("apps"):
        apps = bk[bk.find("(") + 1 : bk.rfind(")")] if "(" in bk else ""
        names = m.t("list_sep").join(brand(a) for a in apps.split(",") if a.strip())
        return term("app_block", m.lang) + (m.t("event_apps", apps=names) if names else "")
    return bk


def scenario_event_lines(definition: dict | None, m) -> list[str]:
    """Every event of a scenario definition in words of ``m``'s language (app and brief)."""
    from ..events import REGISTRY

    lang = m.lang
    out = []
    for event in (definition or {}).get("events") or []:
        spec = REGISTRY.get(str(event.get("kind", "")))
        if spec is None:
            continue
        name = spec.choice_of(event)
        choice = spec.choices.get(name) if name else None
        label = choice.label if choice else spec.label
        what = label.get(lang, label["en"])
        apps, later = _apps_of(event)
        sep = m.t("list_sep")
        if apps:
            what += m.t("event_apps", apps=sep.join(apps))
        if later:
            what += m.t("event_escalation", apps=sep.join(later))
        hours = event.get("duration_h")
        duration = ""
        if isinstance(hours, int | float) and hours > 0:
            duration = m.t("event_duration", duration=m.duration(float(hours) / 24.0))
        out.append(
            m.t(
                "event_line",
                start=f"{float(event.get('start_h', 0)):g}",
                what=what,
                duration=duration,
            )
        )
    return out


def _limits(v) -> list[str]:
    from .brief import _io_is_proxy, tier_limit

    m = v.m
    items = [m.t("method_model")]
    if _io_is_proxy(v.r.region):
        items.append(m.t("limit_io"))
    items += tier_limit(v.r, m)
    items += [m.t("limit_dependence"), m.t("limit_baselines"), m.t("limit_range")]
    return items


def _beyond_gdp(v) -> list[str]:
    """The separate outcome lines the model reports beside the headline (never added to it)."""
    from .beyond import beyond_lines

    m, s = v.m, v.r.summary()
    # one item for the three counts: the two-page brief has room for little more
    sep = "" if m.lang.startswith("zh") else " "  # Chinese sentences end in 。, no space
    joined = sep.join(beyond_lines(v.r, m.lang, short=False))
    lines = [joined] if joined else []
    if "spillover_usd" in s.index and not v.r.outcomes["spillover_usd"].any():
        lines.append(m.t("beyond_spillover_none", region=v.region()))
    elif "spillover_usd" in s.index:
        row = s.loc["spillover_usd"]
        lines.append(
            m.t(
                "beyond_spillover",
                region=v.region(),
                mean=v.usd(float(row["mean"])),
                p5=v.usd(float(row["p5"])),
                p95=v.usd(float(row["p95"])),
            )
        )
    lines.append(m.t("beyond_not_monetised"))
    # two items: the three counts, then abroad and not monetised (the brief keeps to two pages)
    return [lines[0], sep.join(lines[1:])] if joined else [sep.join(lines)]


def _sources(v) -> list[tuple[str, str]]:
    """(text, language) of every source the brief cites, in order, without duplicates."""
    m = v.m
    out: list[tuple[str, str]] = []
    _, scenario_source = v.scenario_text()
    if scenario_source:
        out.append((short_citation(scenario_source, limit=220), "en"))
    for method in v.r.baselines or {}:
        cite = m.get(f"baseline.{method}.cite", "")
        if cite:
            out.append((cite, "en"))
    for row in v.b.drivers:
        out.append((_driver_citation(row), "en"))
    seen, unique = set(), []
    for text, lang in out:
        if text and text not in seen:
            seen.add(text)
            unique.append((text, lang))
    return unique


def _driver_citation(row: dict) -> str:
    return short_citation(str(row.get("source", "")), limit=130)


def _drivers_table(v, sources: list[tuple[str, str]]) -> str:
    from .glossary import status_label

    m = v.m
    header = [
        m.t(k)
        for k in (
            "drivers_col_rank",
            "drivers_col_param",
            "drivers_col_range",
            "drivers_col_low",
            "drivers_col_high",
            "drivers_col_source",
        )
    ]
    numeric = {0, 3, 4}
    head = "".join(
        f"<th{' class=num' if i in numeric else ''}>{_e(h)}</th>" for i, h in enumerate(header)
    )
    body = []
    for i, r in enumerate(v.b.drivers, 1):
        unit = m.unit(str(r.get("unit", "")))
        rng = m.t(
            "range_format", low=m.number(r["value_low"]), high=m.number(r["value_high"]), unit=unit
        ).strip()
        status = status_label(str(r.get("status", "")), v.b.lang)
        cite = _driver_citation(r)
        number = next((k for k, (text, _) in enumerate(sources, 1) if text == cite), None)
        cells = [
            f"<td class=num>{_e(r.get('rank', i))}</td>",
            f"<td>{_e(v.param_label(r['parameter']))}</td>",
            f"<td class=num>{_e(rng)}</td>",
            f"<td class=num>{_e(v.usd(r['loss_at_low_usd']))}</td>",
            f"<td class=num>{_e(v.usd(r['loss_at_high_usd']))}</td>",
            f"<td>{_e(status)}{f' [{number}]' if number else ''}</td>",
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="drivers"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render(v) -> str:
    """The two-page brief of a ``brief._View``."""
    from .brief import _linkify_html, _table_html
    from .figures import cascade_figure, figure_html

    m = v.m
    page_lang = v.b.lang
    sep = _e(m.t("label_sep"))
    parts: list[str] = []
    add = parts.append

    # -- page one: what, how much, compared with what ---------------------------------------
    add(f"<header><h1>{_e(v.title())}</h1><p class=subtitle>{_e(v.subtitle())}</p></header>")
    add(f'<p class="headline">{_e(v.headline_sentence())}</p>')
    add(f"<p>{_e(v.per_day_sentence())}</p>")

    description, source = v.scenario_text()
    add(f"<h2>{_e(m.t('scenario_heading'))}</h2>")
    add(f"<p>{_linkify_html(reader_text(description))}</p>")
    events = event_lines(v)
    if events:
        add(
            f"<p class=small><strong>{_e(m.t('scenario_events_label'))}{sep}</strong>"
            + _e(m.t("list_sep_long")).join(_e(e) for e in events)
            + "</p>"
        )

    add(f"<h2>{_e(m.t('headline_heading'))}</h2>")
    header, rows = v.headline_table()
    rows = rows[:2]  # totals in USD and local currency; per day: the sentence above
    add(_table_html(header, rows, numeric=(1, 2, 3), cls="hl"))
    add(f"<p class=note>{_e(v.headline_note())}</p>")

    add(f"<h2>{_e(m.t('baselines_heading'))}</h2><p class=small>{_e(m.t('baselines_intro'))}</p>")
    header, rows = v.baselines()
    header = [header[0], header[1], header[3], header[4]]  # per-day column: in results.csv
    rows = [[r[0], r[1], r[3], r[4]] for r in rows]
    rows[0][1] = v.usd(v.head["p50"])
    add(_table_html(header, rows, numeric=(1, 2), cls="baselines"))
    if len(rows) == 1:
        add(f"<p class=note>{_e(m.t('baselines_none'))}</p>")

    # -- page two: why, how sure, where from --------------------------------------------------
    add('<section class="part2">')
    add(f"<h2>{_e(m.t('cascade_heading'))}</h2><p>{_e(v.cascade_sentence())}</p>")
    if len(v.r.by_sector):
        fig = cascade_figure(v.r.by_sector, m, TOP_SECTORS)
        fig.update_layout(
            height=50 + 21 * min(TOP_SECTORS, len(v.r.by_sector)),
            margin={"l": 10, "r": 10, "t": 6, "b": 34},
            font={"size": 10},
            legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top", "xanchor": "left"},
        )
        add(
            f"<figure>{figure_html(fig, first=True)}<figcaption>"
            f"{_e(m.t('cascade_caption', n=min(TOP_SECTORS, len(v.r.by_sector))))}"
            "</figcaption></figure>"
        )

    add(f"<h2>{_e(m.t('drivers_heading'))}</h2><p class=small>{_e(m.t('drivers_intro'))}</p>")
    sources = _sources(v)
    if v.b.drivers:
        add(_drivers_table(v, sources))
    else:
        add(f"<p class=note>{_e(m.t('drivers_none'))}</p>")

    add(
        f"<h2>{_e(m.t('beyond_gdp_heading'))}</h2><ul class=small>"
        + "".join(f"<li>{_e(item)}</li>" for item in _beyond_gdp(v))
        + "</ul>"
    )
    add(
        f"<h2>{_e(m.t('method_heading'))}</h2><ul class=small>"
        + "".join(f"<li>{_e(item)}</li>" for item in _limits(v))
        + "</ul>"
    )
    if sources:
        add(
            f"<h2>{_e(m.t('sources_heading'))}</h2><ol class=sources>"
            + "".join(
                f"<li>{_foreign(_linkify_html(text), page_lang, lang)}</li>"
                for text, lang in sources
            )
            + "</ol>"
        )
    appendix = _e(m.get("appendix_line", "")).format(
        html=f'<a href="{HTML_FILE}">{HTML_FILE}</a>',
        csv=f'<a href="{CSV_FILE}">{CSV_FILE}</a>',
        results='<a href="results.csv">results.csv</a>',
    )
    add(f"<footer class=small>{appendix} {_e(v.footer())} {_provenance_html(v)}</footer>")
    add("</section>")

    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(m.t("html_lang"))}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(v.title())}</title><style>{CSS}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )


def _provenance_html(v) -> str:
    p = v.r.provenance or {}
    command = (
        f"shutdown-sim report {v.r.scenario_name} --lang {v.b.lang} "
        f"--draws {v.r.draws} --seed {v.r.seed} --out DIR"
    )
    return _e(v.m.get("prov_line", "")).format(
        scenario_hash=f"<code>{_e(str(p.get('scenario_sha256', ''))[:16])}</code>",
        values_hash=f"<code>{_e(str(p.get('parameter_values_sha256', ''))[:16])}</code>",
        command=f'<code lang="en">{_e(command)}</code>',
    )
