"""Event kinds (shutdown_sim/events/): the registry is complete, models refuse bad values, names
are checked against the network, and each kind tells the published methods how to see it."""

from __future__ import annotations

import inspect
import math
from pathlib import Path

import pytest
import yaml
from helpers import assert_scenario_file_refused, scenario_text
from pydantic import TypeAdapter, ValidationError

from shutdown_sim.errors import ScenarioError
from shutdown_sim.events import (
    EVENT_KINDS,
    LANGS,
    REGISTRY,
    BaselineMapping,
    Event,
    choices,
    spec_of,
    validate_against,
)
from shutdown_sim.network import load_network
from shutdown_sim.scenario import scenario_from_dict
from shutdown_sim.timeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]
EVENT = TypeAdapter(Event)
NET = load_network("HKG", "verified")


def bundled_kinds() -> set[str]:
    kinds: set[str] = set()
    for path in (ROOT / "scenarios").glob("*.yaml"):
        kinds |= {e["kind"] for e in yaml.safe_load(path.read_text("utf-8"))["events"]}
    return kinds


def one_event_scenario(event: dict) -> dict:
    return {"name": f"example-{event['kind']}", "region": "HKG", "year": 2019, "events": [event]}


def all_examples() -> list[tuple[str, dict]]:
    return [(kind, ex) for kind, spec in REGISTRY.items() for ex in spec.examples]


# -- the registry -------------------------------------------------------------------------------


def test_registry_is_the_union_and_each_kind_has_its_own_module():
    assert tuple(REGISTRY) == EVENT_KINDS and len(set(EVENT_KINDS)) == len(EVENT_KINDS)
    for kind, spec in REGISTRY.items():
        assert spec.kind == kind
        assert spec.model.__module__ == f"shutdown_sim.events.{kind}"
        assert EVENT.validate_python({**spec.examples[0]}).kind == kind


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_kind_is_complete(kind):
    """Process, description, baseline mapping, labels in every language and a running example."""
    spec = REGISTRY[kind]
    assert inspect.isgeneratorfunction(spec.process), kind
    assert len(spec.description) > 20 and spec.description.endswith("."), spec.description
    assert set(spec.label) == set(LANGS) and all(spec.label.values()), spec.label
    for text in [spec.phrase] + [c.phrase for c in spec.choices.values()]:
        assert text is None or (set(text) == set(LANGS) and all(text.values())), text
    for choice in spec.choices.values():
        assert set(choice.label) == set(LANGS) and all(choice.label.values())
    assert spec.examples or kind in bundled_kinds(), f"{kind}: no example and no bundled scenario"
    for example in spec.examples:
        scenario = scenario_from_dict(one_event_scenario(dict(example)), source=kind)
        event = scenario.events[0]
        assert event.summary() and spec_of(event) is spec
        mapping = spec.baseline(event)
        assert isinstance(mapping, BaselineMapping) and 0 <= mapping.share_affected <= 1
        assert mapping.days is None or (math.isfinite(mapping.days) and mapping.days >= 0)
        tl = build_timeline(scenario, NET, {}, scenario.horizon_h)
        assert tl.disrupted.any() and tl.events, kind


@pytest.mark.slow
@pytest.mark.parametrize("kind,example", all_examples(), ids=[k for k, _ in all_examples()])
def test_every_example_runs_end_to_end(kind, example):
    from shutdown_sim.model import simulate

    result = simulate(scenario_from_dict(one_event_scenario(dict(example))), draws=8, seed=1)
    assert result.central["gdp_loss_usd"] >= 0 and result.baselines, kind


def test_every_kind_has_its_line_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for kind in EVENT_KINDS:
        assert f"\n| `{kind}` | " in readme, f"README's scenario table has no row for {kind}"


def test_choices_are_unique_and_cover_the_app_builder():
    names = [name for spec in REGISTRY.values() for name in spec.choices]
    assert len(names) == len(set(names))
    assert tuple(choices()) == ("full", "mobile", "fixed", "apps", "cable", "firewall")
    spec, choice = choices()["mobile"]
    event = EVENT.validate_python({"kind": "shutdown", "start_h": 0, **choice.fields})
    assert spec.choice_of(event) == "mobile" and spec.phrase_of(event) == choice.phrase


# -- how the published methods see each kind ----------------------------------------------------


def _mapping(event: dict) -> BaselineMapping:
    e = EVENT.validate_python(event)
    return spec_of(e).baseline(e)


def test_shutdown_baseline_days_count_staged_restoration():
    """A week, then 60 % still cut for a day and 30 % for a day: 7 + 0.6 + 0.3 = 7.9 days."""
    stages = [
        {"after_h": 0, "share_restored": 0.4},
        {"after_h": 24, "share_restored": 0.7},
        {"after_h": 48, "share_restored": 1.0},
    ]
    m = _mapping({"kind": "shutdown", "start_h": 0, "duration_h": 168, "restoration": stages})
    assert m.kind == "full" and m.covered and m.days == pytest.approx(7.9)
    m = _mapping({"kind": "shutdown", "start_h": 0, "scope": "mobile", "share_affected": 0.25})
    assert (m.kind, m.share_affected, m.days) == ("mobile", 0.25, None)


def test_uncovered_kinds_are_compared_with_a_full_shutdown():
    for kind in ("throttle", "cable_cut", "landing_station_outage", "ixp_outage", "ddos"):
        m = REGISTRY[kind].baseline(EVENT.validate_python(REGISTRY[kind].examples[0]))
        assert (m.kind, m.covered, m.days) == ("full", False, None), kind


def test_app_kinds_collect_every_blocked_app_across_events():
    scenario = scenario_from_dict(
        {
            "name": "apps",
            "events": [
                {
                    "kind": "app_block",
                    "start_h": 0,
                    "duration_h": 48,
                    "apps": ["telegram"],
                    "escalation": {"apps": ["whatsapp"]},
                },
                {"kind": "firewall", "start_h": 10, "blocked": ["international", "app:lihkg"]},
                {"kind": "platform_exit", "start_h": 20, "app": "telegram"},
            ],
        }
    )
    assert scenario.baseline_kind() == ("apps", ("telegram", "whatsapp", "lihkg"), 1.0)
    assert scenario.baseline_days() == 2.0 and scenario.baseline_mapping().covered


# -- models and name checks ---------------------------------------------------------------------


def test_unknown_names_are_scenario_errors():
    bad = [EVENT.validate_python({"kind": "app_block", "start_h": 0, "apps": ["telegramm"]})]
    with pytest.raises(ScenarioError) as err:
        validate_against(bad, NET)
    assert err.value.field == "events[0].apps[0]" and "telegram" in err.value.allowed
    for event, field in [
        ({"kind": "cable_cut", "start_h": 0, "cables": ["tat14"]}, "events[0].cables[0]"),
        ({"kind": "cable_cut", "start_h": 0, "group": "atlantic"}, "events[0].group"),
        (
            {"kind": "landing_station_outage", "start_h": 0, "station": "stanley"},
            "events[0].station",
        ),
        ({"kind": "data_centre_outage", "start_h": 0, "cluster": "kowloon"}, "events[0].cluster"),
        ({"kind": "ixp_outage", "start_h": 0, "ixp": "linx"}, "events[0].ixp"),
        ({"kind": "ddos", "start_h": 0, "target": "pentagon"}, "events[0].target"),
        ({"kind": "platform_exit", "start_h": 0, "app": "myspace"}, "events[0].app"),
        ({"kind": "firewall", "start_h": 0, "blocked": ["signal"]}, "events[0].blocked[0]"),
        (
            {
                "kind": "app_block",
                "start_h": 0,
                "apps": ["telegram"],
                "escalation": {"apps": ["signal"]},
            },
            "events[0].escalation.apps[0]",
        ),
    ]:
        with pytest.raises(ScenarioError) as err:
            validate_against([EVENT.validate_python(event)], NET)
        assert err.value.field == field


def test_event_models_reject_bad_values():
    for bad in [
        {"kind": "shutdown", "start_h": -1},
        {"kind": "shutdown", "start_h": 0, "share_affected": 1.5},
        {"kind": "shutdown", "start_h": 0, "scope": "partial"},
        {"kind": "shutdown", "start_h": 0, "oops": 1},
        {"kind": "shutdown", "start_h": 0, "restoration": [{"after_h": 0, "share_restored": 0.5}]},
        {"kind": "cable_cut", "start_h": 0},
        {"kind": "cable_cut", "start_h": 0, "cables": ["aag"], "group": "pacific"},
        {"kind": "platform_exit", "start_h": 0, "app": "tiktok", "permanent": False},
        {"kind": "meteor", "start_h": 0},
    ]:
        with pytest.raises(ValidationError):
            EVENT.validate_python(bad)
    e = EVENT.validate_python({"kind": "shutdown", "start_h": 0})
    with pytest.raises(ValidationError):
        e.start_h = 5  # frozen


# -- bad event files through ``validate`` -------------------------------------------------------

# (id, file content (str or bytes), substrings the error line must contain)
EVENT_FILE_CASES: list[tuple[str, str | bytes, tuple[str, ...]]] = [
    ("unknown-kind", scenario_text(ev={"kind": "nuke"}), ("events[0]", "'nuke'", "'shutdown'")),
    (
        "missing-kind",
        yaml.safe_dump({"name": "x", "events": [{"start_h": 0}]}),
        ("events[0]", "kind"),
    ),
    ("unknown-event-field", scenario_text(ev={"bogus": 1}), ("events[0]", "bogus")),
    (
        "restoration-not-final",
        scenario_text(ev={"restoration": [{"after_h": 5, "share_restored": 0.5}]}),
        ("events[0]", "restore share 1.0"),
    ),
    (
        "unknown-app",
        scenario_text(events=[{"kind": "app_block", "start_h": 0, "apps": ["myspace"]}]),
        ("events[0].apps[0]", "'myspace'", "telegram"),
    ),
    (
        "unknown-escalation-app",
        scenario_text(
            events=[
                {
                    "kind": "app_block",
                    "start_h": 0,
                    "apps": ["telegram"],
                    "escalation": {"apps": ["friendster"]},
                }
            ]
        ),
        ("events[0].escalation.apps[0]", "'friendster'"),
    ),
    (
        "unknown-cable",
        scenario_text(events=[{"kind": "cable_cut", "start_h": 0, "cables": ["NOPE"]}]),
        ("events[0].cables[0]", "'NOPE'", "allowed:"),
    ),
    (
        "cable-and-group",
        scenario_text(
            events=[{"kind": "cable_cut", "start_h": 0, "cables": ["apg"], "group": "x"}]
        ),
        ("events[0]", "either cables"),
    ),
    (
        "unknown-station",
        scenario_text(
            events=[{"kind": "landing_station_outage", "start_h": 0, "station": "atlantis"}]
        ),
        ("events[0].station", "'atlantis'"),
    ),
    (
        "unknown-cluster",
        scenario_text(events=[{"kind": "data_centre_outage", "start_h": 0, "cluster": "moonbase"}]),
        ("events[0].cluster", "'moonbase'"),
    ),
    (
        "unknown-ddos-target",
        scenario_text(events=[{"kind": "ddos", "start_h": 0, "target": "pentagon"}]),
        ("events[0].target", "'pentagon'"),
    ),
]


@pytest.mark.parametrize(
    "content,needles", [c[1:] for c in EVENT_FILE_CASES], ids=[c[0] for c in EVENT_FILE_CASES]
)
def test_bad_event_in_scenario_file_refused(tmp_path, capsys, monkeypatch, content, needles):
    assert_scenario_file_refused(tmp_path, capsys, monkeypatch, content, needles)
