"""The hindcast library (scenarios/events/, shutdown_sim/published.py, shutdown_sim/hindcast.py):
every real-event file carries its record and sourced published figures, the loader keeps them
apart from the bundled scenarios, and the table sets the model beside each figure."""

from __future__ import annotations

import copy
import json
import re
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from helpers import BASE, cli

from shutdown_sim.errors import ScenarioError
from shutdown_sim.hindcast import HindcastTable, load_events, rows_for
from shutdown_sim.paths import SCENARIOS_DIR
from shutdown_sim.scenario import list_events, list_scenarios, load_scenario, scenario_from_dict

HK_EVENT = "hkg-2019-09-keepiton-1d"
RECORD = {
    "id": "TEST-1",
    "country": "HKG",
    "start": "2019-10-02",
    "end": "2019-10-04",
    "what": "full national shutdown",
    "share_affected": 1.0,
    "share_source": "national order",
    "share_status": "ASSUMPTION",
}
FIGURE = {
    "estimator": "Someone",
    "usd": 1.0e6,
    "scope": "total; direct",
    "source": "https://example.org/report",
    "status": "SECONDARY",
}


def _scenario(**changes):
    data = copy.deepcopy(BASE)
    data.update(changes)
    return scenario_from_dict(data, source="test.yaml")


def test_events_are_listed_apart_from_the_bundled_scenarios():
    events, scenarios = set(list_events()), set(list_scenarios())
    assert HK_EVENT in events
    assert not events & scenarios
    assert "hk-2019-full-shutdown-1d" in scenarios  # the Hong Kong scenarios stay at top level
    assert load_scenario(HK_EVENT).real_event is not None  # names resolve in scenarios/events/


def test_published_block_is_validated():
    ok = _scenario(real_event=RECORD, published=[FIGURE])
    assert ok.published[0].usd == 1.0e6 and ok.published[0].per == "event"
    with pytest.raises(ScenarioError, match="differs from region"):
        _scenario(real_event={**RECORD, "country": "IRN"}, published=[FIGURE])
    with pytest.raises(ScenarioError, match="needs the real_event"):
        _scenario(published=[FIGURE])
    with pytest.raises(ScenarioError, match="source"):
        _scenario(real_event=RECORD, published=[{**FIGURE, "source": "../shared/x.csv"}])
    with pytest.raises(ScenarioError, match="end is before start"):
        _scenario(real_event={**RECORD, "end": "2019-10-01"}, published=[FIGURE])
    with pytest.raises(ScenarioError):
        _scenario(real_event={**RECORD, "start": "2019-02-30"}, published=[FIGURE])
    with pytest.raises(ScenarioError, match="status"):
        _scenario(real_event=RECORD, published=[{**FIGURE, "status": "GUESS"}])


def test_content_hash_ignores_absent_records():
    # Scenarios without the new blocks keep the hash of their canonical JSON as before the
    # blocks existed (saved results and provenance stay reproducible).
    import hashlib

    plain = _scenario()
    data = plain.model_dump(mode="json")
    del data["real_event"], data["published"]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    assert plain.content_hash() == hashlib.sha256(text.encode()).hexdigest()
    assert _scenario(real_event=RECORD, published=[FIGURE]).content_hash() != plain.content_hash()


@pytest.mark.parametrize("name", list_events())
def test_every_event_file_is_sourced(name):
    raw = yaml.safe_load((SCENARIOS_DIR / "events" / f"{name}.yaml").read_text("utf-8"))
    assert raw["name"] == name
    scenario = load_scenario(name)
    record = scenario.real_event
    assert record is not None and scenario.published
    assert record.country == scenario.region
    assert record.hypothetical or record.start is not None
    for fig in scenario.published:
        assert re.match(r"^https?://", fig.source)
        assert "shared/reference" not in fig.source


def test_rows_compare_each_figure_with_the_model():
    scenario = _scenario(
        real_event=RECORD,
        published=[FIGURE, {**FIGURE, "usd": 2.0e6, "per": "day", "estimator": "Daily"}],
    )
    draws = np.array([1.0e6, 2.0e6, 3.0e6, 4.0e6, 5.0e6])
    result = SimpleNamespace(
        to_dict=lambda: {
            "gdp_loss_usd": {"p5": 1.2e6, "p50": 3.0e6, "p95": 4.8e6},
            "direct_loss_usd": {"p50": float(np.median(draws))},
        },
        baselines={"west2016": {"cost_usd": 5.0e5}, "cost": {"cost_usd": float("nan")}},
    )
    event_fig, day_fig = rows_for(scenario, result)
    assert event_fig.ratio == pytest.approx(3.0)  # 3 M / 1 M
    assert event_fig.baseline_ratios() == {"west2016": pytest.approx(0.5), "cost": None}
    assert not event_fig.within_range  # 1 M below p5 = 1.2 M
    # a per-day figure is compared over the scenario's length (1 day here)
    assert scenario.duration_days == pytest.approx(1.0)
    assert day_fig.published_usd == pytest.approx(2.0e6) and day_fig.within_range
    table = HindcastTable(rows=[event_fig, day_fig], draws=5, seed=0)
    summary = table.summary()
    assert summary["median_ratio_model_to_published"] == pytest.approx((3.0 * 1.5) ** 0.5)
    assert summary["within_factor_2"] == 1 and summary["model_higher"] == 2


def test_unknown_event_is_refused(capsys):
    with pytest.raises(Exception, match="no real event"):
        load_events(["no-such-event"])
    code, _out, err = cli(capsys, "hindcast", "no-such-event")
    assert code == 2 and "no real event" in err


def test_hindcast_cli_json(capsys):
    code, out, _err = cli(capsys, "hindcast", HK_EVENT, "--draws", "50", "--json")
    assert code == 0
    data = json.loads(out)
    (row,) = data["rows"]
    assert row["event_id"] == "HKG-2019-09-KEEPITON"
    m = row["model_usd"]
    assert m["p5"] <= m["p50"] <= m["p95"]
    assert row["ratio_model_to_published"] == pytest.approx(m["p50"] / row["published_usd"])
    assert set(row["baselines_usd"]) == {"west2016", "deloitte2016", "cost", "netloss"}
    code, out, _err = cli(capsys, "hindcast", "--list")
    assert code == 0 and HK_EVENT in out


def test_library_covers_twenty_real_events():
    # issue 12: the hindcast covers at least 20 real (not hypothetical) events
    real = [n for n in list_events() if not load_scenario(n).real_event.hypothetical]
    assert len(real) >= 20
    assert len({load_scenario(n).region for n in real}) >= 15  # many countries, not one


@pytest.mark.slow
def test_app_hindcast_page():
    pytest.importorskip("streamlit")
    import os
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    os.environ["SHUTDOWN_SIM_APP_PREWARM"] = "0"
    app = str(Path(__file__).resolve().parents[1] / "app.py")
    at = AppTest.from_file(app, default_timeout=300)
    at.query_params["page"] = "hindcast"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    (frame,) = [d.value for d in at.dataframe]
    events = {load_scenario(n).real_event.id for n in list_events()}
    loaded, failed = load_events()
    assert set(frame.iloc[:, 0]) == {s.real_event.id for s in loaded.values()} <= events
    assert len(frame) == sum(len(s.published) for s in loaded.values())
    assert len(at.get("plotly_chart")) == 1
