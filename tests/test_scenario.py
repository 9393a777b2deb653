"""Scenario schema (shutdown_sim/scenario.py): bad files are refused with exit 2 and one line
naming the file, the field path and the allowed range."""

from __future__ import annotations

import types

import pytest
import yaml
from helpers import ROOT, assert_refused, assert_scenario_file_refused, cli, scenario_text
from pydantic import TypeAdapter

from shutdown_sim.events import Event, validate_against
from shutdown_sim.network import load_network
from shutdown_sim.timeline import build_timeline

SCENARIOS = ROOT / "scenarios"
EXPECTED = {
    "hk-2019-full-shutdown-1d",
    "hk-2019-full-shutdown-7d",
    "hk-2019-mobile-data-1d",
    "hk-2019-app-block-escalation",
    "hk-2006-cable-cut",
    "hk-landing-station-loss",
    "hk-ddos-platform",
    "hk-platform-exit",
    "hk-firewall-permanent",
}
EVENT = TypeAdapter(Event)
NET = load_network("HKG", "verified")

# (id, file content (str or bytes), substrings the error line must contain)
SCENARIO_CASES: list[tuple[str, str | bytes, tuple[str, ...]]] = [
    ("top-list", "- 1\n- 2\n", ("(top level)", "top level is list", "allowed: a mapping")),
    ("top-scalar", "just a string\n", ("(top level)", "top level is str", "allowed:")),
    (
        "nan-duration",
        scenario_text().replace("duration_h: 24", "duration_h: .nan"),
        ("events[0].duration_h", "not a finite number", "allowed: a finite number"),
    ),
    (
        "inf-share",
        scenario_text().replace("share_affected: 1.0", "share_affected: .inf"),
        ("events[0].share_affected", "not a finite number"),
    ),
    (
        "negative-duration",
        scenario_text(ev={"duration_h": -24}),
        ("duration_h", "allowed: number in [0, 26352"),
    ),
    (
        "absurd-duration",
        scenario_text(ev={"duration_h": 1e9}),
        ("duration_h", "allowed: number in [0, 26352"),
    ),
    ("negative-start", scenario_text(ev={"start_h": -1}), ("start_h", "number in [0,")),
    (
        "share-above-1",
        scenario_text(ev={"share_affected": 1.5}),
        ("share_affected", "allowed: number in [0, 1]"),
    ),
    (
        "share-below-0",
        scenario_text(ev={"share_affected": -0.1}),
        ("share_affected", "allowed: number in [0, 1]"),
    ),
    ("string-duration", scenario_text(ev={"duration_h": "a day"}), ("duration_h", "number")),
    ("unknown-top-field", scenario_text(bogus=1), ("bogus", "Extra inputs")),
    ("unknown-region", scenario_text(region="XYZ"), ("region", "'XYZ'", "allowed: HKG")),
    ("region-traversal", scenario_text(region="../../etc"), ("region", "pattern")),
    ("name-traversal", scenario_text(name="../../x"), ("name", "pattern")),
    ("year-too-early", scenario_text(year=1800), ("year", "number in [1990, 2100]")),
    ("year-string", scenario_text(year="next year"), ("year", "integer")),
    (
        "unknown-infrastructure",
        scenario_text(infrastructure="imagined"),
        ("infrastructure", "'verified' or 'claimed'"),
    ),
    ("no-events", scenario_text(events=[]), ("events", "at least 1")),
    ("events-not-list", scenario_text(events="shutdown"), ("events",)),
    ("horizon-zero", scenario_text(horizon_days=0), ("horizon_days", "(0, 1098]")),
    ("horizon-huge", scenario_text(horizon_days=1e6), ("horizon_days", "(0, 1098]")),
    (
        "start-after-horizon",
        scenario_text(horizon_days=2, ev={"start_h": 100}),
        ("events[0].start_h", "after the horizon", "horizon (48 h)"),
    ),
    (
        "end-after-horizon",
        scenario_text(horizon_days=2, ev={"start_h": 40, "duration_h": 100}),
        ("events[0].duration_h", "after the horizon"),
    ),
    (
        "nan-override",
        scenario_text(overrides={"alpha_max": float("nan")}),
        ("overrides.alpha_max", "not a finite number"),
    ),
]


@pytest.mark.parametrize(
    "content,needles", [c[1:] for c in SCENARIO_CASES], ids=[c[0] for c in SCENARIO_CASES]
)
def test_bad_scenario_file_refused(tmp_path, capsys, monkeypatch, content, needles):
    assert_scenario_file_refused(tmp_path, capsys, monkeypatch, content, needles)


@pytest.mark.parametrize(
    "overrides,needles",
    [
        ({"no.such.param": 1.0}, ("unknown parameter 'no.such.param'", "allowed:")),
        ({"FINANCE.dependence": 1.5}, ("FINANCE.dependence", "share in [0, 1]")),
        ({"alpha_max": -2.0}, ("alpha_max", ">= 1")),
    ],
    ids=["unknown", "share-1.5", "negative"],
)
def test_bad_scenario_overrides_refused_by_run(tmp_path, capsys, overrides, needles):
    path = tmp_path / "scenario.yaml"
    path.write_text(scenario_text(overrides=overrides), encoding="utf-8")
    code, out, err = cli(capsys, "run", str(path), "--draws", "2")
    assert_refused(code, err, *needles)
    assert out == ""


def test_missing_and_directory_scenario(tmp_path, capsys):
    code, _, err = cli(capsys, "run", str(tmp_path / "nope.yaml"))
    assert_refused(code, err, "nope.yaml", "file not found")
    code, _, err = cli(capsys, "run", "no-such-scenario")
    assert_refused(code, err, "SCENARIO", "hk-2019-full-shutdown-1d")
    code, _, err = cli(capsys, "validate", str(tmp_path))
    assert_refused(code, err, str(tmp_path))


# -- the bundled scenario files ------------------------------------------------------------------


def test_scenario_files_load_and_build():
    files = sorted(SCENARIOS.glob("*.yaml"))
    assert {f.stem for f in files} == EXPECTED
    for path in files:
        data = yaml.safe_load(path.read_text())
        assert data["name"] == path.stem and data["region"] == "HKG"
        assert data["infrastructure"] == "verified" and data["source"] and data["description"]
        events = [EVENT.validate_python(e) for e in data["events"]]
        assert all(e.summary() for e in events)
        s = types.SimpleNamespace(events=events)
        validate_against(s, NET)
        horizon = int(24 * data.get("horizon_days", 40))
        tl = build_timeline(s, NET, {}, horizon)
        assert tl.disrupted.any(), path.stem
