"""Measured connectivity as input (issue 16 item 1): the ``measured`` event kind and the reader
of measurement files (shutdown_sim/events/measured.py, shutdown_sim/outages/measured.py)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from helpers import BASE

from shutdown_sim.errors import InputError, ScenarioError
from shutdown_sim.events import spec_of
from shutdown_sim.model import simulate
from shutdown_sim.outages.measured import read_measured
from shutdown_sim.scenario import scenario_from_dict

FIXTURE = Path(__file__).parent / "data" / "outages" / "ts_test_outage.csv"
REF = Path(__file__).resolve().parents[2] / "shared" / "reference" / "data" / "outages"


def _scenario(events):
    data = copy.deepcopy(BASE)
    data["events"] = events
    return scenario_from_dict(data, source="test.yaml")


def test_reader_normalises_combines_and_cuts_to_the_event():
    curve = read_measured(FIXTURE)
    # A offline (0) and B at 50 % from 08:00 to 13:00: equal weights give 0.25; the 5 % dip of
    # A at 03:00 (mean 0.975) is noise outside the event and is not priced
    assert curve.availability == pytest.approx((0.25,) * 6)
    assert curve.start_utc == "2020-01-01T08:00Z"
    assert "2 regions, equal weights" in curve.weights
    event = _scenario([curve.event()]).events[0]
    assert event.lost_share_hours == pytest.approx(6 * 0.75)
    assert spec_of(event).baseline(event).days == pytest.approx(4.5 / 24)
    # a given normal overrides the baselines table (value 100 / 200 = 0.5 at most)
    assert max(read_measured(FIXTURE, normal=200.0).availability) <= 0.5


def test_reader_refuses_other_layouts(tmp_path):
    other = tmp_path / "radar.csv"
    other.write_text("timestamp,value\n2020-01-01T00:00:00Z,1\n")
    with pytest.raises(InputError, match="layout not recognised"):
        read_measured(other)
    with pytest.raises(InputError, match="signal"):
        read_measured(FIXTURE, signal="nope")
    flat = tmp_path / "flat.csv"
    flat.write_text(FIXTURE.read_text().replace(",0\n", ",100\n").replace(",50\n", ",100\n"))
    with pytest.raises(InputError, match="never falls below"):
        read_measured(flat, normal=100.0)


def test_measured_zero_curve_equals_a_plain_full_shutdown():
    # Two routes to the same access curve: a measured curve at 0 for 24 h and a full order that
    # complies at once without cutting the external gateways or sparing private networks give
    # the same loss.
    measured = _scenario([{"kind": "measured", "start_h": 0, "availability": [0.0] * 24}])
    order = _scenario(
        [
            {
                "kind": "shutdown",
                "start_h": 0,
                "duration_h": 24,
                "compliance_ramp_h": 0,
                "cuts_external_links": False,
                "private_networks": "cut",
            }
        ]
    )
    a, b = simulate(measured, draws=20, seed=1), simulate(order, draws=20, seed=1)
    assert a.central["gdp_loss_usd"] == pytest.approx(b.central["gdp_loss_usd"], rel=1e-9)
    assert measured.duration_days == pytest.approx(1.0)


def test_measured_partial_curve_costs_less_than_the_full_outage():
    half = _scenario([{"kind": "measured", "start_h": 0, "availability": [0.5] * 48}])
    full = _scenario([{"kind": "measured", "start_h": 0, "availability": [0.0] * 48}])
    a, b = simulate(half, draws=20, seed=1), simulate(full, draws=20, seed=1)
    assert 0 < a.central["gdp_loss_usd"] < b.central["gdp_loss_usd"]
    with pytest.raises(ScenarioError):
        _scenario([{"kind": "measured", "start_h": 0, "availability": [1.5]}])
    with pytest.raises(ScenarioError, match="duration"):
        half.with_duration(3)  # the curve fixes its own length


@pytest.mark.skipif(not REF.is_dir(), reason="shared reference data not available")
def test_iran_2019_curve_from_the_reference():
    curve = read_measured(REF / "timeseries" / "ts_IRN-2019-11_monash_connectivity.csv")
    assert curve.iso3 == "IRN" and curve.signal == "connectivity_index"
    # the national mean fell between 16:30Z and 18:30Z on 16 Nov (data README)
    assert curve.start_utc.startswith("2019-11-16T1")
    assert min(curve.availability) < 0.1


def test_run_measured_and_its_refusals(capsys, tmp_path):
    from helpers import cli

    # the made-up fixture measures the made-up region of Hong Kong ("HKG" in the file)
    code, out, err = cli(
        capsys, "run", "--country", "HKG", "--measured", str(FIXTURE), "--draws", "20", "--json"
    )
    assert code == 0, err
    import json

    data = json.loads(out)
    assert data["region"] == "HKG" and data["gdp_loss_usd"]["p50"] > 0
    code, _, err = cli(capsys, "run", "--measured", str(FIXTURE))
    assert code == 2 and "--country" in err
    code, _, err = cli(capsys, "run", "--country", "HKG", "--measured", str(FIXTURE), "--days", "2")
    assert code == 2 and "--days" in err
    code, _, err = cli(capsys, "run", "--country", "IRN", "--measured", str(FIXTURE))
    assert code == 2 and "measures HKG" in err
    code, _, err = cli(capsys, "run", "--signal", "x")
    assert code == 2 and "--measured" in err
