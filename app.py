"""shutdown-sim scenario explorer (Streamlit): the campaigner's demo and the economist's workbench.

Thin front end: every number comes from the public API (``shutdown_sim.scenario``,
``shutdown_sim.model.simulate`` / ``prepare``, ``shutdown_sim.sensitivity.tornado``); figures from
``shutdown_sim.report.charts``; text from ``shutdown_sim.app_text``. Model runs are cached on the
scenario's content hash + overrides + seed + draws, so a rerun with the same inputs is instant.

Run: ``streamlit run app.py``. Control keys (also the URL's query parameters): ``scenario``,
``duration_days``, ``lang``, ``draws``.
"""

from __future__ import annotations

import os
import threading
from urllib.parse import urlencode

import streamlit as st

from shutdown_sim import app_support as sup
from shutdown_sim.app_text import (
    LANG_CODES,
    LANG_LABELS,
    currency_name,
    duration_text,
    lang_code,
    money,
    text,
)
from shutdown_sim.errors import InputError
from shutdown_sim.provenance import with_provenance
from shutdown_sim.report import charts
from shutdown_sim.scenario import DEFAULT_SCENARIO, list_scenarios, load_scenario

SEED = 0
PAGES = ("explorer", "sensitivity", "assumptions", "share")
PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"scale": 2}}

st.set_page_config(page_title="shutdown-sim", page_icon="📉", layout="wide")
st.markdown(
    "<style>[data-testid='stMetricValue']{font-size:2.3rem;font-weight:700}"
    ".st-key-headline [data-testid='stMetricValue']{font-size:3rem;color:#c0392b}"
    "h3.app-title{font-size:1.6rem;padding:0;margin:0}"
    "[data-testid='stMetricLabel'] p{font-size:1.15rem}"
    ".block-container{padding-top:3rem;padding-bottom:1rem}"
    "h3{padding-top:0.2rem}</style>",
    unsafe_allow_html=True,
)


# -- cached model access (one run per scenario hash + overrides + seed + draws) -------------------
@st.cache_resource(show_spinner=False)
def bundled_scenarios() -> dict:
    return {name: load_scenario(name) for name in list_scenarios()}


@st.cache_data(max_entries=96, show_spinner=False)
def run_model(scenario_hash: str, overrides: tuple, seed: int, draws: int, _scenario):
    """Monte Carlo result (cached; ``_scenario`` is keyed by its content hash)."""
    from shutdown_sim.model import simulate

    return simulate(_scenario, draws=draws, seed=seed, overrides=dict(overrides))


@st.cache_resource(max_entries=32, show_spinner=False)
def model_context(scenario_hash: str, overrides: tuple, _scenario):
    from shutdown_sim.model import prepare

    return prepare(_scenario, dict(overrides))


@st.cache_data(max_entries=32, show_spinner=False)
def tornado_data(scenario_hash: str, overrides: tuple, _scenario):
    from shutdown_sim.sensitivity import tornado

    return tornado(model_context(scenario_hash, overrides, _scenario))


@st.cache_data(max_entries=32, show_spinner=False)
def flows_data(scenario_hash: str, overrides: tuple, _scenario):
    return sup.service_sector_flows(model_context(scenario_hash, overrides, _scenario))


@st.cache_resource(show_spinner=False)
def prewarm_lock() -> threading.Lock:
    return threading.Lock()


def prewarm(run, scenarios: list, overrides: tuple, draws: int) -> None:
    """Run the neighbouring slider positions in the background so the next change is cached.

    One warm-up at a time per server; a user's own change waits on the same cache entry
    instead of computing it twice.
    """
    if os.environ.get("SHUTDOWN_SIM_APP_PREWARM", "1") == "0" or not scenarios:
        return
    lock = prewarm_lock()

    def work() -> None:
        if not lock.acquire(blocking=False):
            return
        try:
            for item in scenarios:
                run(item.content_hash(), overrides, SEED, draws, item)
        except Exception:  # a warm-up failure must never surface; the real run reports it
            pass
        finally:
            lock.release()

    threading.Thread(target=work, name="shutdown-sim-prewarm", daemon=True).start()


@st.cache_data(max_entries=32, show_spinner=False)
def parameter_defaults(scenario_hash: str, _scenario):
    ctx = model_context(scenario_hash, (), _scenario)
    return sup.parameter_frame(ctx.space.params)


# -- state: URL -> session (once), session -> URL (every run) ------------------------------------
SS = st.session_state
BUNDLED = bundled_scenarios()


def scenario_options() -> list[str]:
    return list(BUNDLED) + list(SS.get("uploaded", {})) + [sup.BUILD]


def init_state() -> None:
    if SS.get("_init"):
        return
    qp = st.query_params
    options = scenario_options()
    default = DEFAULT_SCENARIO if DEFAULT_SCENARIO in options else options[0]
    SS.scenario = qp.get("scenario") if qp.get("scenario") in options else default
    SS.lang = LANG_CODES[lang_code(qp.get("lang", "en"))]
    SS.draws = sup.clamp_draws(qp.get("draws", sup.DEFAULT_DRAWS))
    SS.page = qp.get("page") if qp.get("page") in PAGES else "explorer"
    SS._url_duration = qp.get("duration_days")
    SS.overrides_base = {}
    SS.editor_version = 0
    SS._init = True


def on_scenario_upload() -> None:
    upload = SS.get("upload_scenario")
    SS.pop("_upload_msg", None)
    if upload is None:
        return
    try:
        scenario = sup.load_upload_scenario(upload.getvalue(), upload.name)
    except InputError as exc:
        SS._upload_msg = ("error", sup.error_text(exc))
        return
    except Exception as exc:  # never a traceback for a bad upload
        SS._upload_msg = ("error", sup.error_text(exc))
        return
    name = f"{scenario.name} ({text('uploaded', 'en')})"
    SS.setdefault("uploaded", {})[name] = scenario
    SS.scenario = name
    SS._upload_msg = ("ok", scenario.name)


def on_params_upload() -> None:
    upload = SS.get("upload_params")
    SS.pop("_params_msg", None)
    if upload is None:
        return
    try:
        known = {p: True for p in SS.get("_param_names", ())}
        overrides = sup.parse_override_csv(upload.getvalue(), upload.name, known)
    except Exception as exc:  # InputError or unexpected: one line, no traceback
        SS._params_msg = ("error", sup.error_text(exc))
        return
    SS.overrides_base = {
        **SS.get("overrides_base", {}),
        **SS.get("_editor_overrides", {}),
        **overrides,
    }
    SS.editor_version = SS.get("editor_version", 0) + 1
    SS._params_msg = ("ok", len(overrides))


def on_reset() -> None:
    SS.overrides_base = {}
    SS._editor_overrides = {}
    SS.editor_version = SS.get("editor_version", 0) + 1
    SS.pop("_params_msg", None)


def editor_key() -> str:
    return f"param_editor_{SS.get('editor_version', 0)}"


def editor_overrides(defaults) -> dict[str, float]:
    """Edits made in the Assumptions table (read before the model runs, so they apply now)."""
    state = SS.get(editor_key())
    out: dict[str, float] = {}
    if not isinstance(state, dict):
        return out
    names = list(defaults["name"])
    base = SS.get("overrides_base", {})
    for row, changes in (state.get("edited_rows") or {}).items():
        index = int(row)
        if "value" in changes and 0 <= index < len(names):
            try:
                value = float(changes["value"])
            except (TypeError, ValueError):
                continue
            name = names[index]
            default = float(base.get(name, defaults["value"].iloc[index]))
            if value != default:
                out[name] = value
    return out


init_state()
LANG = lang_code(SS.get("lang", "English"))


def T(key: str, **fields) -> str:  # noqa: N802 - short name for UI text
    return text(key, LANG, **fields)


# -- sidebar: levers ------------------------------------------------------------------------------
with st.sidebar:
    st.radio(T("lang"), list(LANG_LABELS), key="lang", horizontal=True)
    options = scenario_options()
    if SS.get("scenario") not in options:
        SS.scenario = DEFAULT_SCENARIO if DEFAULT_SCENARIO in options else options[0]
    st.selectbox(
        T("scenario"),
        options,
        key="scenario",
        format_func=lambda n: T("build_own") if n == sup.BUILD else n,
    )

    scenario = None
    if SS.scenario == sup.BUILD:
        st.markdown(f"**{T('builder_title')}**")
        kind = st.selectbox(
            T("builder_kind"), sup.BUILD_KINDS, key="b_kind", format_func=lambda k: T("kind_" + k)
        )
        template_name = sup.find_template(BUNDLED, kind)
        if template_name is None:
            st.warning(T("builder_unavailable"))
        else:
            template = BUNDLED[template_name]
            fields = sup.event_fields(template)
            settings: dict = {}
            if "share_affected" in fields:
                settings["share_affected"] = st.slider(
                    T("builder_share"),
                    0.0,
                    1.0,
                    float(fields["share_affected"]),
                    0.05,
                    key="b_share",
                )
            settings["start_h"] = st.number_input(
                T("builder_start"),
                0.0,
                24.0 * 365,
                float(fields.get("start_h", 0.0)),
                1.0,
                key="b_start",
            )
            app_field = "apps" if "apps" in fields else "blocked" if "blocked" in fields else None
            if app_field:
                ctx0 = model_context(template.content_hash(), (), template)
                chosen = st.multiselect(
                    T("builder_apps"),
                    list(ctx0.network.apps),
                    default=[a for a in fields[app_field] if a in ctx0.network.apps],
                    key="b_apps",
                )
                if app_field == "apps":
                    settings["apps"] = chosen
                else:
                    settings["fields"] = {"blocked": chosen}
            if fields.get("escalation"):
                settings["escalation"] = st.checkbox(
                    T("builder_escalation"), True, key="b_escalation"
                )
            if sup.vpn_keys(fields):
                settings["vpn"] = st.checkbox(T("builder_vpn"), True, key="b_vpn")
            try:
                scenario = sup.build_scenario(template, kind, settings)
            except Exception as exc:  # validation errors from the library, shown in one line
                st.error(T("upload_error", error=sup.error_text(exc)))
    elif SS.scenario in SS.get("uploaded", {}):
        scenario = SS.uploaded[SS.scenario]
    else:
        scenario = BUNDLED.get(SS.scenario)
    if scenario is None:
        scenario = (
            BUNDLED[DEFAULT_SCENARIO]
            if DEFAULT_SCENARIO in BUNDLED
            else next(iter(BUNDLED.values()))
        )

    # Duration: reset to the scenario's own length when the scenario changes (URL wins once).
    own = float(scenario.duration_days)
    dur_options = sup.duration_options(own)
    has_duration = hasattr(scenario.events[0], "duration_h")
    if SS.get("_dur_for") != SS.scenario:
        url_value = SS.pop("_url_duration", None)
        SS.duration_days = sup.snap_duration(
            url_value if url_value is not None else own,
            dur_options,
            sup.snap_duration(own, dur_options, 1),
        )
        SS._dur_for = SS.scenario
    elif SS.get("duration_days") not in dur_options:
        SS.duration_days = sup.snap_duration(SS.get("duration_days"), dur_options, 1.0)
    st.select_slider(
        T("duration_days"),
        dur_options,
        key="duration_days",
        format_func=lambda d: duration_text(d, LANG),
        disabled=not has_duration,
    )
    st.number_input(T("draws"), sup.MIN_DRAWS, sup.MAX_DRAWS, step=100, key="draws")
    st.radio(T("page"), PAGES, key="page", format_func=lambda p: T("page_" + p))

# -- URL always mirrors the controls --------------------------------------------------------------
st.query_params.from_dict(
    {
        **sup.share_query(SS.scenario, SS.duration_days, LANG, SS.draws),
        **({"page": SS.page} if SS.page != "explorer" else {}),
    }
)

# -- the run --------------------------------------------------------------------------------------
levers = scenario  # the chosen scenario at its own duration


def with_duration(days: float):
    """``levers`` at ``days`` (the scenario itself at its own length, so its hash is stable)."""
    if not has_duration or abs(days - own) <= 1e-9:
        return levers
    return levers.with_duration(float(days))


try:
    scenario = with_duration(float(SS.duration_days))
except InputError as exc:
    st.error(T("error", error=sup.error_text(exc)))
if not has_duration:
    st.info(T("no_duration"))

base_hash = scenario.content_hash()
defaults_frame = parameter_defaults(levers.content_hash(), levers)
SS._param_names = tuple(defaults_frame["name"])
SS._editor_overrides = editor_overrides(defaults_frame)
overrides = {**SS.get("overrides_base", {}), **SS._editor_overrides}
override_key = tuple(sorted(overrides.items()))
draws = int(SS.draws)

try:
    with st.spinner(T("running", draws=draws)):
        result = run_model(base_hash, override_key, SEED, draws, scenario)
except InputError as exc:
    st.error(T("error", error=sup.error_text(exc)))
    if not override_key:  # nothing of the user's to drop: the scenario itself is refused
        st.stop()
    override_key, overrides = (), {}  # show the model without the refused edits
    result = run_model(base_hash, (), SEED, draws, scenario)

head = result.headline()
cur, rate = result.currency, result.local_per_usd
st.sidebar.caption(T("about", currency=currency_name(cur, LANG)))


def headline_block(compact: bool = False) -> None:
    """Net GDP loss: central value and p5–p95 range in USD and local currency."""
    st.markdown(f"<h3 class='app-title'>{T('title')}</h3>", unsafe_allow_html=True)
    st.caption(
        T(
            "subtitle",
            region=result.region_name,
            scenario=result.scenario_name,
            duration=duration_text(result.duration_days, LANG),
            draws=result.draws,
        )
    )
    st.container(key="headline").metric(
        T("headline_label", currency=currency_name("USD", LANG)),
        money(head["central"], "USD", rate, LANG),
        help=T("range_label")
        + ": "
        + money(head["p5"], "USD", rate, LANG)
        + " – "
        + money(head["p95"], "USD", rate, LANG),
    )
    c2, c3 = st.columns([1.3, 1])
    c2.metric(
        T("headline_label_local", currency=currency_name(cur, LANG)),
        money(head["central"], cur, rate, LANG),
    )
    daily_gdp = result.gdp_usd / 365.0
    share = head["central"] / max(result.duration_days, 1e-9) / daily_gdp if daily_gdp else 0
    c3.metric(T("share_of_gdp_label"), f"{share:.0%}" if share >= 0.1 else f"{share:.1%}")
    st.markdown(
        T(
            "range_line",
            central=money(head["central"], "USD", rate, LANG),
            low=money(head["p5"], "USD", rate, LANG),
            high=money(head["p95"], "USD", rate, LANG),
            draws=result.draws,
            central_local=money(head["central"], cur, rate, LANG),
            low_local=money(head["p5"], cur, rate, LANG),
            high_local=money(head["p95"], cur, rate, LANG),
        )
    )


def show(fig, key: str) -> None:
    st.plotly_chart(fig, config=PLOT_CONFIG, key=key, width="stretch")


def page_explorer() -> None:
    left, right = st.columns([1.05, 1])
    with left:
        headline_block()
        spill = float(result.central.get("spillover_usd", 0.0))
        st.caption(T("not_in_headline", spill=money(spill, "USD", rate, LANG)))
    with right:
        show(charts.baselines_figure(result, LANG, height=330), "fig_baselines")
        st.caption(T("baselines_caption", kind=result.baseline_kind))
    with st.expander(
        T("source") + " — " + ", ".join(charts.baseline_label(m) for m in result.baselines)
    ):
        for method, info in result.baselines.items():
            st.markdown(f"- **{charts.baseline_label(method)}**: {charts.baseline_source(info)}")
        for note in result.notes:
            st.markdown(f"- {note}")
    a, b = st.columns(2)
    with a:
        show(charts.fan_figure(result, LANG), "fig_fan")
    with b:
        show(charts.sectors_figure(result, LANG, height=380), "fig_sectors")
    a, b = st.columns([1.4, 1])
    with a:
        show(charts.availability_figure(result, LANG), "fig_availability")
    with b:
        st.markdown(f"**{T('event_log')}**")
        events = result.events.rename(
            columns={"time_h": T("time_h"), "kind": T("kind"), "detail": T("detail")}
        )
        st.dataframe(events, hide_index=True, height=340, width="stretch")
    show(charts.sankey_figure(flows_data(base_hash, override_key, scenario), LANG), "fig_sankey")
    st.caption(T("sankey_caption"))
    any_country_panel()


@st.cache_data(show_spinner=False)
def country_choices() -> dict[str, str]:
    return sup.country_options()


def any_country_panel() -> None:
    """Campaigners elsewhere: the published methods for any country (no structural model)."""
    with st.expander(T("any_country_title")):
        st.caption(T("any_country_caption"))
        countries = country_choices()
        codes = list(countries)
        c1, c2, c3 = st.columns([2, 1, 1])
        iso3 = c1.selectbox(
            T("country"),
            codes,
            index=codes.index(result.region) if result.region in codes else 0,
            format_func=lambda c: f"{countries[c]} ({c})",
            key="any_country",
        )
        year = c2.number_input(
            T("year"), 1960, sup.latest_year(iso3), sup.latest_year(iso3), key="any_year"
        )
        kind = c3.selectbox(
            T("any_kind"), ["full", "mobile"], format_func=lambda k: T("kind_" + k), key="any_kind"
        )
        try:
            frame = sup.baselines_for_country(iso3, int(year), float(SS.duration_days), kind)
        except Exception as exc:  # a year without data etc.: one line, never a traceback
            st.error(sup.error_text(exc))
            return
        frame["method"] = [charts.baseline_label(m) for m in frame["method"]]
        frame["cost_usd"] = [
            money(v, "USD", rate, LANG) if v == v else "–" for v in frame["cost_usd"]
        ]
        frame["cost_usd_per_day"] = [
            money(v, "USD", rate, LANG) if v == v else "–" for v in frame["cost_usd_per_day"]
        ]
        st.dataframe(frame, hide_index=True, width="stretch")


def page_sensitivity() -> None:
    headline_block()
    with st.spinner(T("tornado_spinner")):
        central, rows = tornado_data(base_hash, override_key, scenario)
    show(charts.tornado_figure(central, rows, LANG), "fig_tornado")
    st.caption(T("tornado_caption"))
    import pandas as pd

    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def page_assumptions() -> None:
    headline_block()
    st.markdown(f"### {T('assumptions_title')}")
    st.caption(T("assumptions_caption"))
    message = SS.get("_params_msg")
    u1, u2 = st.columns(2)
    u1.file_uploader(
        T("upload_params"),
        type=["csv"],
        key="upload_params",
        on_change=on_params_upload,
        max_upload_size=1,
    )
    u2.file_uploader(
        T("upload_scenario"),
        type=["yaml", "yml"],
        key="upload_scenario",
        on_change=on_scenario_upload,
        max_upload_size=1,
    )
    for msg in (message, SS.get("_upload_msg")):
        if msg and msg[0] == "error":
            st.error(T("upload_error", error=msg[1]))
    if message and message[0] == "ok":
        st.success(T("upload_params_ok", n=message[1]))
    upload_msg = SS.get("_upload_msg")
    if upload_msg and upload_msg[0] == "ok":
        st.success(T("upload_ok", name=upload_msg[1]))
    if overrides:
        st.info(T("n_overrides", n=len(overrides), names=", ".join(sorted(overrides))))
    st.button(T("reset"), on_click=on_reset, key="reset")
    frame = defaults_frame.copy()
    base = SS.get("overrides_base", {})
    frame["default"] = frame["value"]
    frame["value"] = [float(base.get(n, v)) for n, v in zip(frame["name"], frame["value"])]
    cfg = st.column_config
    st.data_editor(
        frame,
        key=editor_key(),
        hide_index=True,
        width="stretch",
        height=520,
        disabled=[c for c in frame.columns if c != "value"],
        column_order=[
            "name",
            "value",
            "default",
            "low",
            "high",
            "unit",
            "year",
            "status",
            "source",
            "link",
            "note",
        ],
        column_config={
            "name": cfg.TextColumn(T("col_name")),
            "value": cfg.NumberColumn(T("col_value"), format="%.6g", required=True),
            "default": cfg.NumberColumn(T("col_default"), format="%.6g"),
            "low": cfg.NumberColumn(T("col_low"), format="%.6g"),
            "high": cfg.NumberColumn(T("col_high"), format="%.6g"),
            "unit": cfg.TextColumn(T("col_unit")),
            "year": cfg.TextColumn(T("col_year")),
            "status": cfg.TextColumn(T("col_status")),
            "source": cfg.TextColumn(T("col_source")),
            "link": cfg.LinkColumn(T("col_link")),
            "note": cfg.TextColumn(T("col_note")),
        },
    )


def page_share() -> None:
    headline_block()
    st.markdown(f"### {T('share_title')}")
    query = urlencode(sup.share_query(SS.scenario, SS.duration_days, LANG, SS.draws))
    base_url = str(getattr(st.context, "url", "") or "").split("?")[0]
    st.markdown(T("share_link"))
    st.code(f"{base_url}?{query}", language=None)
    st.markdown(f"### {T('downloads')}")
    stem = f"{result.scenario_name}_{result.duration_days:g}d"
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.download_button(
        T("dl_summary"),
        lambda: with_provenance(result.summary(), result.provenance).to_csv(),
        f"{stem}_summary.csv",
        "text/csv",
        key="dl_summary",
        on_click="ignore",
    )
    c2.download_button(
        T("dl_sectors"),
        lambda: with_provenance(result.by_sector, result.provenance).to_csv(),
        f"{stem}_by_sector.csv",
        "text/csv",
        key="dl_sectors",
        on_click="ignore",
    )
    c3.download_button(
        T("dl_timeline"),
        lambda: with_provenance(result.timeline, result.provenance).to_csv(index=False),
        f"{stem}_timeline.csv",
        "text/csv",
        key="dl_timeline",
        on_click="ignore",
    )
    c4.download_button(
        T("dl_json"),
        lambda: sup.result_json(result),
        f"{stem}.json",
        "application/json",
        key="dl_json",
        on_click="ignore",
    )
    brief = sup.brief_builder()
    if brief is not None:

        def brief_bytes() -> bytes:
            sensitivity = tornado_data(base_hash, override_key, scenario)
            params = model_context(base_hash, override_key, scenario).space.params
            try:
                html = brief(result, sensitivity, lang=LANG, params=params)
            except TypeError:  # an older brief signature
                html = brief(result)
            return html.encode("utf-8") if isinstance(html, str) else bytes(html)

        c5.download_button(
            T("dl_brief"),
            brief_bytes,
            f"{stem}_brief_{LANG}.html",
            "text/html",
            key="dl_brief",
            on_click="ignore",
        )
    else:
        c5.caption(T("no_brief"))
    figures = {
        "baselines": lambda: charts.baselines_figure(result, LANG),
        "fan": lambda: charts.fan_figure(result, LANG),
        "sectors": lambda: charts.sectors_figure(result, LANG),
        "availability": lambda: charts.availability_figure(result, LANG),
        "sankey": lambda: charts.sankey_figure(flows_data(base_hash, override_key, scenario), LANG),
    }
    png = sup.png_export_available()
    if not png:
        st.caption(T("no_png"))
    cols = st.columns(len(figures))
    for col, (name, build) in zip(cols, figures.items()):
        if png:
            col.download_button(
                T("dl_chart", name=name) + " (PNG)",
                lambda build=build: build().to_image(format="png", scale=2),
                f"{stem}_{name}.png",
                "image/png",
                key=f"dl_png_{name}",
                on_click="ignore",
            )
        else:
            col.download_button(
                T("dl_chart", name=name) + " (HTML)",
                lambda build=build: build().to_html(include_plotlyjs=True),
                f"{stem}_{name}.html",
                "text/html",
                key=f"dl_html_{name}",
                on_click="ignore",
            )
    with st.expander(T("provenance")):
        st.json(result.provenance)


{
    "explorer": page_explorer,
    "sensitivity": page_sensitivity,
    "assumptions": page_assumptions,
    "share": page_share,
}[SS.page]()

# Warm the cache for the slider's neighbours (after the page is drawn, off the script thread).
if has_duration:
    position = dur_options.index(SS.duration_days) if SS.duration_days in dur_options else -1
    neighbours = [
        dur_options[i]
        for i in (position + 1, position - 1)
        if position >= 0 and 0 <= i < len(dur_options)
    ]
    try:
        prewarm(run_model, [with_duration(d) for d in neighbours], override_key, draws)
    except InputError:
        pass
