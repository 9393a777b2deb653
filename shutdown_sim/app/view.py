"""What every page draws from: the simulated result, its inputs and the shared headline block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from ..report.messages import Messages
from . import runs
from .text import currency_name, duration_text, money, plain, text

PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"scale": 2}}


@dataclass(frozen=True)
class View:
    """One run of the page: the inputs the user chose and the model's result for them.

    ``scenario`` is what was simulated (``levers`` at the chosen duration), ``choice`` the
    scenario control's value, ``overrides`` the parameter edits that apply.
    """

    lang: str
    choice: str
    levers: Any
    scenario: Any
    duration_days: float
    draws: int
    overrides: dict[str, float]
    defaults: pd.DataFrame
    result: Any

    @property
    def key(self) -> tuple[str, tuple, Any]:
        """Cache key of the model context / tornado / flows for this view."""
        return self.scenario.content_hash(), tuple(sorted(self.overrides.items())), self.scenario

    def T(self, key: str, **fields: object) -> str:  # noqa: N802 - short name for UI text
        return text(key, self.lang, **fields)

    @property
    def msgs(self) -> Messages:
        """The whole catalogue in this language (the brief's keys too)."""
        return Messages.for_lang(self.lang)

    def money(self, usd: float, currency: str = "USD") -> str:
        return money(usd, currency, self.result.local_per_usd, self.lang)

    def context(self):
        return runs.model_context(*self.key)

    def tornado(self):
        return runs.tornado_data(*self.key)

    def flows(self) -> pd.DataFrame:
        return runs.flows_data(*self.key)


def show(fig, key: str) -> None:
    st.plotly_chart(fig, config=PLOT_CONFIG, key=key, width="stretch")


def headline_block(v: View) -> None:
    """Net GDP loss: the median of the draws and their p5–p95 range, in USD and local currency."""
    result, head, cur = v.result, v.result.headline(), v.result.currency
    st.markdown(f"<h3 class='app-title'>{v.T('title')}</h3>", unsafe_allow_html=True)
    st.caption(
        v.T(
            "subtitle",
            region=plain(Messages.for_lang(v.lang).region(result.region, result.region_name)),
            scenario=plain(result.scenario_name),
            duration=duration_text(result.duration_days, v.lang),
            draws=result.draws,
        )
    )
    tier = getattr(result, "region_tier", "hand-built")
    st.caption(v.T("region_tier", tier=v.msgs.get(f"tier.{tier}", tier)))
    st.container(key="headline").metric(
        v.T("headline_label", currency=currency_name("USD", v.lang)),
        v.money(head["p50"]),
        help=f"{v.T('range_label')}: {v.money(head['p5'])} – {v.money(head['p95'])}",
    )
    c2, c3 = st.columns([1.3, 1])
    c2.metric(
        v.T("headline_label_local", currency=currency_name(cur, v.lang)),
        v.money(head["p50"], cur),
    )
    daily_gdp = result.gdp_usd / 365.0
    share = head["p50"] / max(result.duration_days, 1e-9) / daily_gdp if daily_gdp else 0
    c3.metric(v.T("share_of_gdp_label"), f"{share:.0%}" if share >= 0.1 else f"{share:.1%}")
    st.markdown(
        v.T(
            "range_line",
            central=v.money(head["p50"]),
            low=v.money(head["p5"]),
            high=v.money(head["p95"]),
            draws=result.draws,
            central_local=v.money(head["p50"], cur),
            low_local=v.money(head["p5"], cur),
            high_local=v.money(head["p95"], cur),
        )
    )
    from .beyond import beyond_block

    beyond_block(v)
