"""shutdown-sim scenario explorer (Streamlit): the campaigner's demo and the economist's workbench.

Thin entry point: the app lives in ``shutdown_sim/app/`` (session state, sidebar levers, cached
model runs, charts, one module per page); every number comes from the public API and every text
from the catalogue shared with the brief. Model runs are cached on the scenario's content hash +
overrides + seed + draws, so a rerun with the same inputs is instant.

Run: ``streamlit run app.py``. Control keys (also the URL's query parameters): ``scenario``,
``duration_days``, ``lang``, ``draws``, ``country`` (any economy with data).
"""

from __future__ import annotations

import streamlit as st

from shutdown_sim.app import runs, session, sidebar
from shutdown_sim.app.country import active_country
from shutdown_sim.app.pages import (
    annual,
    assumptions,
    explorer,
    hindcast,
    sensitivity,
    share,
    world,
)
from shutdown_sim.app.session import SS
from shutdown_sim.app.state import duration_options, share_query
from shutdown_sim.app.text import currency_name, error_text, lang_code, plain, text
from shutdown_sim.app.view import View
from shutdown_sim.errors import InputError

PAGES = {
    "explorer": explorer.render,
    "sensitivity": sensitivity.render,
    "assumptions": assumptions.render,
    "share": share.render,
    "hindcast": hindcast.render,
    "annual": annual.render,
    "world": world.render,
}

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

# -- state: URL -> session (once); the levers in the sidebar ----------------------------------
BUNDLED, BROKEN = runs.bundled_scenarios()
session.init_state(BUNDLED)
LANG = lang_code(SS.get("lang", "English"))
with st.sidebar:
    levers = sidebar.levers(BUNDLED, LANG)
    if levers is not None:
        scenario, applies = sidebar.safe_duration(levers, LANG)
    sidebar.draws_and_page(LANG)
session.show_notices(LANG)
if BROKEN:
    st.warning(text("broken_scenarios", LANG, names=plain(", ".join(sorted(BROKEN)))))
if levers is None:  # nothing to show: every bundled scenario is broken and none uploaded
    st.stop()

# -- the URL always mirrors the controls ------------------------------------------------------
st.query_params.from_dict(
    {
        **share_query(SS.scenario, SS.duration_days, LANG, SS.draws, active_country()),
        **({"page": SS.page} if SS.page != "explorer" else {}),
    }
)
sidebar.duration_notes(levers, scenario, applies, LANG)

# -- the run ------------------------------------------------------------------------------------
defaults = runs.parameter_defaults(levers.content_hash(), levers)
SS._param_names = tuple(defaults["name"])
SS._levers = scenario
SS._editor_overrides = session.editor_overrides(defaults)
overrides = {**SS.get("overrides_base", {}), **SS._editor_overrides}
draws = int(SS.draws)
try:
    with st.spinner(text("running", LANG, draws=draws)):
        key = tuple(sorted(overrides.items()))
        result = runs.run_model(scenario.content_hash(), key, runs.SEED, draws, scenario)
except InputError as exc:
    st.error(text("error", LANG, error=plain(error_text(exc))))
    if not overrides:  # nothing of the user's to drop: the scenario itself is refused
        st.stop()
    overrides = {}  # show the model without the refused edits
    result = runs.run_model(scenario.content_hash(), (), runs.SEED, draws, scenario)

st.sidebar.caption(text("about", LANG, currency=currency_name(result.currency, LANG)))
view = View(
    lang=LANG,
    choice=SS.scenario,
    levers=levers,
    scenario=scenario,
    duration_days=float(SS.duration_days),
    draws=draws,
    overrides=overrides,
    defaults=defaults,
    result=result,
)
PAGES[SS.page](view)

# Warm the cache for the slider's neighbours (after the page is drawn, off the script thread).
if applies:
    options = duration_options(levers.duration_days)
    position = options.index(SS.duration_days) if SS.duration_days in options else -1
    steps = (position + 1, position - 1) if position >= 0 else ()
    neighbours = [options[i] for i in steps if 0 <= i < len(options)]
    try:
        own = levers.duration_days
        nearby = [levers if d == own else levers.with_duration(d) for d in neighbours]
        runs.prewarm(nearby, tuple(sorted(overrides.items())), draws)
    except InputError:
        pass
