"""Pure helpers of the app (shutdown_sim/app/state.py, text.py): no Streamlit session needed."""

from __future__ import annotations

import pytest

from shutdown_sim.app import state
from shutdown_sim.app.text import money, plain, text
from shutdown_sim.report.messages import Messages
from shutdown_sim.scenario import load_scenario, scenario_from_dict


@pytest.mark.parametrize(
    ("raw", "expected", "changed"),
    [
        ("500", 500, False),
        ("inf", state.MAX_DRAWS, True),
        ("1e999", state.MAX_DRAWS, True),
        ("-inf", state.MIN_DRAWS, True),
        ("nan", state.DEFAULT_DRAWS, True),
        ("-3", state.MIN_DRAWS, True),
        ("1e9", state.MAX_DRAWS, True),
        ("abc", state.DEFAULT_DRAWS, True),
        ("120.5", 120, True),
    ],
)
def test_clamp_draws_never_raises(raw: str, expected: int, changed: bool) -> None:
    assert state.clamp_draws(raw) == (expected, changed)


def test_duration_options_keep_the_scenario_length_exactly() -> None:
    own = 101 / 24  # two 1-hour cuts 100 h apart: 4.2083... days
    options = state.duration_options(own)
    assert own in options  # not a rounded copy, which would rebuild the scenario
    assert state.snap_duration(f"{own:.10g}", options, 1.0) == own


def _events(*events: dict) -> object:
    return scenario_from_dict({"name": "t", "region": "HKG", "year": 2019, "events": list(events)})


def test_duration_applies_only_to_one_disruption_of_set_length() -> None:
    assert state.duration_applies(load_scenario("hk-2019-full-shutdown-7d"))
    assert not state.duration_applies(load_scenario("hk-platform-exit"))
    assert not state.duration_applies(load_scenario("hk-2006-cable-cut"))
    two = _events(
        {"kind": "shutdown", "start_h": 0, "duration_h": 1},
        {"kind": "shutdown", "start_h": 100, "duration_h": 1},
    )
    assert not state.duration_applies(two)


def test_plain_text_cannot_become_an_image_or_link() -> None:
    assert plain("![p](http://x/y.png)") == "` ![p](http://x/y.png) `"
    assert plain("a ``b`` c") == "``` a ``b`` c ```"
    assert plain("two\nlines") == "` two lines `"


def test_app_money_is_the_catalogue_formatter() -> None:
    en, zh = Messages.for_lang("en"), Messages.for_lang("zh-Hant")
    assert money(191.46e6) == en.money(191.46e6, short=True) == "USD 191 M"
    assert money(1e8, "HKD", 7.8, "zh-Hant") == zh.money(7.8e8, "HKD", short=True)
    assert text("title", "zh-Hant") == zh.t("app.title")


def test_downloads_are_spreadsheet_safe_and_strict_json() -> None:
    import csv
    import io
    import json
    from types import SimpleNamespace

    from shutdown_sim.app import tables
    from shutdown_sim.model import simulate

    result = simulate(load_scenario("hk-2019-mobile-data-1d"), draws=20, with_baselines=False)
    frame = result.by_sector.copy()
    frame.iloc[0, frame.columns.get_loc("name")] = "=cmd|' /C calc'!A0"
    rows = list(csv.reader(io.StringIO(tables.csv_bytes(frame, result).decode())))
    cells = [cell for row in rows for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(c.startswith(("=", "@", "+")) for c in cells)

    def parse_constant(name: str) -> None:
        raise AssertionError(f"bare {name} in JSON")

    nan_result = SimpleNamespace(to_dict=lambda: {"sigma": float("nan"), "name": "x"})
    parsed = json.loads(tables.result_json(nan_result), parse_constant=parse_constant)
    assert parsed["sigma"] is None
