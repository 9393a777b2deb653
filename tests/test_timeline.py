"""SimPy timeline: each event kind's story, the recorder's hourly arrays, the scenario files."""

from __future__ import annotations

import types

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from shutdown_sim.events import Event
from shutdown_sim.network import load_network
from shutdown_sim.timeline import _logistic, build_timeline

EVENT = TypeAdapter(Event)
NET = load_network("HKG", "verified")


def scenario(*events: dict) -> types.SimpleNamespace:
    return types.SimpleNamespace(
        events=[EVENT.validate_python(e) for e in events],
        region="HKG",
        infrastructure="verified",
        horizon_days=None,
    )


def col(tl, name: str) -> np.ndarray:
    return tl.services[:, tl.service_names.index(name)]


def test_full_shutdown_zero_during_order_one_after():
    tl = build_timeline(
        scenario({"kind": "shutdown", "start_h": 24, "duration_h": 48, "compliance_ramp_h": 0}),
        NET,
        {},
        120,
    )
    assert tl.services.shape == (120, len(NET.service_names)) and tl.access.shape == (120, 2)
    assert np.all(tl.services[24:72] == 0) and np.all(tl.access[24:72] == 0)
    assert np.all(tl.services[:24] == 1) and np.all(tl.services[72:] == 1)
    assert np.all(tl.access[72:] == 1)
    assert np.all(tl.foreign["transit"][24:72] == 0)  # national order cuts external gateways
    assert tl.disrupted[24:72].all() and not tl.disrupted[72:].any()
    assert tl.restoration_h == 72.0


def test_compliance_ramp_and_staged_restoration():
    tl = build_timeline(
        scenario(
            {
                "kind": "shutdown",
                "start_h": 0,
                "duration_h": 24,
                "compliance_ramp_h": 2,
                "restoration": [
                    {"after_h": 0, "share_restored": 0.4},
                    {"after_h": 24, "share_restored": 1.0},
                ],
            }
        ),
        NET,
        {},
        72,
    )
    assert tl.access[0, 0] == 0.5 and tl.access[2, 0] == 0.0
    assert tl.access[24, 0] == pytest.approx(0.4) and tl.access[48, 0] == 1.0


def test_mobile_only_shutdown():
    tl = build_timeline(
        scenario(
            {
                "kind": "shutdown",
                "start_h": 0,
                "duration_h": 24,
                "scope": "mobile",
                "compliance_ramp_h": 0,
            }
        ),
        NET,
        {},
        48,
    )
    assert np.all(tl.access[:24, 1] == 0) and np.all(tl.access[:, 0] == 1)
    assert np.all(tl.services == 1)  # fixed users still reach everything
    assert np.all(tl.foreign["transit"] == 1)


def test_regional_shutdown_share():
    tl = build_timeline(
        scenario(
            {
                "kind": "shutdown",
                "start_h": 0,
                "duration_h": 24,
                "share_affected": 0.3,
                "compliance_ramp_h": 0,
            }
        ),
        NET,
        {},
        48,
    )
    assert np.allclose(tl.access[:24], 0.7) and np.all(tl.access[24:] == 1)
    assert np.all(tl.foreign["transit"] == 1)  # regional order: gateways stay up


APP_BLOCK = {
    "kind": "app_block",
    "start_h": 0,
    "duration_h": 240,
    "apps": ["telegram"],
    "compliance": 0.8,
}
NO_SUBSTITUTION = {"substitution_cap_share": 0.0, "isp_compliance_ramp_h": 0.0}


def test_app_block_formula_and_vpn_uptake():
    tl = build_timeline(scenario(APP_BLOCK), NET, NO_SUBSTITUTION, 300)
    a = col(tl, "app:telegram")
    b = NET.behaviour
    cap, half = b["vpn_cap_app_block_share"].central, b["vpn_half_time_days"].central
    width = b["vpn_logistic_width_days"].central
    for h in (0, 6, 30, 36, 60, 120):  # ramp steps every 6 h: value of the step's start
        v = _logistic(h, 0.0, cap, half, width)
        assert a[h] == pytest.approx(1 - 0.8 * (1 - v), abs=1e-3)
    assert np.all(np.diff(a[:240]) >= -1e-12)  # rises with VPN uptake
    assert a[200] == pytest.approx(1 - 0.8 * (1 - cap), abs=1e-3)
    others = [s for s in NET.service_names if s != "app:telegram"]
    assert all(np.all(col(tl, s) == 1) for s in others)
    assert np.all(a[240:] == 1)


def test_no_circumvention_and_substitution():
    flat = build_timeline(
        scenario({**APP_BLOCK, "circumvention": False}), NET, NO_SUBSTITUTION, 100
    )
    assert np.allclose(col(flat, "app:telegram")[:100], 0.2)
    moved = build_timeline(
        scenario({**APP_BLOCK, "circumvention": False}),
        NET,
        {"isp_compliance_ramp_h": 0.0, "substitution_cap_share": 0.5},
        240,
    )
    assert col(moved, "app:telegram")[200] == pytest.approx(0.2 + 0.5 * 0.8, abs=1e-3)


def test_escalation_blocks_whatsapp_after_lag():
    tl = build_timeline(
        scenario(
            {**APP_BLOCK, "escalation": {"apps": ["whatsapp", "facebook"], "reaction_lag_h": 48}}
        ),
        NET,
        NO_SUBSTITUTION,
        240,
    )
    wa, fb = col(tl, "app:whatsapp"), col(tl, "app:facebook")
    assert np.all(wa[:48] == 1) and np.all(wa[48:240] < 1)
    assert np.all(fb[:96] == 1) and np.all(fb[96:240] < 1)
    log = [e for e in tl.events if e.kind == "escalation"]
    assert [e.time_h for e in log] == [48.0, 96.0]
    assert "block whatsapp" in log[0].detail and "block facebook" in log[1].detail


def test_escalation_stops_when_block_ends():
    tl = build_timeline(
        scenario(
            {
                **APP_BLOCK,
                "duration_h": 30,
                "escalation": {"apps": ["whatsapp"], "reaction_lag_h": 48},
            }
        ),
        NET,
        {},
        120,
    )
    assert np.all(col(tl, "app:whatsapp") == 1)


SIX = ["aag", "apcn2", "apg", "eac_c2c", "fnal", "tgn_ia"]


def test_cable_cut_repairs_queue_for_ships():
    values = {
        "repair_ships": 2,
        "cable_repair_days": 10,
        "reroute_delay_h": 3,
        "reroute_efficiency_share": 0.2,
        "normal_utilisation_share": 0.7,
    }
    tl = build_timeline(
        scenario({"kind": "cable_cut", "start_h": 5, "cables": SIX}), NET, values, 40 * 24
    )
    repaired = [e for e in tl.events if e.kind == "repair" and "repaired" in e.detail]
    times = [e.time_h for e in repaired]
    assert times == [245.0, 245.0, 485.0, 485.0, 725.0, 725.0]
    assert [e.detail.split()[1] for e in repaired] == SIX  # FIFO queue for ships
    assert "cable aag repaired at hour 245" in repaired[0].detail
    intl = col(tl, "international")
    assert np.all(intl[:5] == 1) and intl[5] < intl[9]  # reroute after 3 h
    steps = [intl[9], intl[250], intl[490]]
    assert steps[0] < steps[1] < steps[2] <= 1.0 and intl[730] == 1.0
    assert len(np.unique(intl[9:245])) == 1  # piecewise constant between repairs
    assert tl.restoration_h == 725.0


def test_cable_cut_by_group_and_unrepaired():
    tl = build_timeline(
        scenario({"kind": "cable_cut", "start_h": 0, "group": "pacific", "repair": False}),
        NET,
        {},
        48,
    )
    cut = tl.events[0].detail
    assert all(c in cut for c in NET.cable_groups["pacific"])
    assert tl.restoration_h is None or col(tl, "international")[-1] == 1.0


def test_landing_station_loss_removes_cables_landing_there():
    by_station = build_timeline(
        scenario(
            {
                "kind": "landing_station_outage",
                "start_h": 0,
                "station": "tong_fuk",
                "duration_h": 100,
            }
        ),
        NET,
        {},
        100,
    )
    by_cut = build_timeline(
        scenario({"kind": "cable_cut", "start_h": 0, "cables": ["aag", "fea", "fnal"]}),
        NET,
        {},
        100,
    )
    assert np.allclose(by_station.services, by_cut.services)
    assert col(by_station, "international")[0] < 1


def test_landing_station_failover_default():
    tl = build_timeline(
        scenario({"kind": "landing_station_outage", "start_h": 0, "station": "hk_island_south"}),
        NET,
        {"failover_delay_h": 2.0, "reroute_delay_h": 6.0},
        24,
    )
    assert col(tl, "international")[0] < 1 and col(tl, "international")[3] == 1
    assert any("back in service" in e.detail and e.time_h == 2.0 for e in tl.events)


def test_data_centre_outage_with_failover():
    tl = build_timeline(
        scenario(
            {
                "kind": "data_centre_outage",
                "start_h": 0,
                "cluster": "dc_tseung_kwan_o",
                "duration_h": 24,
            }
        ),
        NET,
        {"failover_delay_h": 4.0, "dr_offshore_share": 0.4},
        48,
    )
    cloud = tl.foreign["cloud"]
    assert cloud[0] == pytest.approx(0.5) and cloud[5] == pytest.approx(0.5 + 0.5 * 0.4)
    assert cloud[24] == 1.0


def test_ddos_until_mitigated_and_platform_exit():
    tl = build_timeline(
        scenario(
            {
                "kind": "ddos",
                "start_h": 2,
                "target": "lihkg",
                "severity_share": 0.75,
                "mitigation_h": 4,
            },
            {"kind": "platform_exit", "start_h": 10, "app": "tiktok"},
        ),
        NET,
        {},
        48,
    )
    assert np.allclose(col(tl, "app:lihkg")[2:6], 0.25) and col(tl, "app:lihkg")[6] == 1
    # after the exit users move part of TikTok's activity to the best app still served
    tiktok = col(tl, "app:tiktok")
    assert np.all(tl.unsubstituted[10:, tl.service_names.index("app:tiktok")] == 0)
    assert tiktok[10] < 0.1 and np.all(np.diff(tiktok[10:]) >= -1e-12) and tiktok[-1] > 0.1
    assert tl.restoration_h is None


@pytest.mark.parametrize("headroom", [True, False])
def test_throttle_scopes(headroom):
    tl = build_timeline(
        scenario(
            {
                "kind": "throttle",
                "start_h": 0,
                "duration_h": 10,
                "scope": "mobile",
                "capacity_share": 0.25,
            },
            {
                "kind": "throttle",
                "start_h": 0,
                "duration_h": 10,
                "scope": "international",
                "capacity_share": 0.5,
            },
        ),
        NET,
        {"congestion_gamma": 1.0},
        20,
        throttle_headroom=headroom,
    )
    assert tl.access[0, 1] == pytest.approx(0.25) and tl.access[0, 0] == 1
    # international demand is u of capacity: a throttle to 0.5 carries min(1, 0.5 / u) of it
    u = NET.behaviour["normal_utilisation_share"].central
    expected = min(1.0, 0.5 / u) if headroom else 0.5
    assert col(tl, "international")[0] == pytest.approx(expected) and col(tl, "domestic")[0] == 1
    assert np.all(tl.services[10:] == 1)


def test_power_outage_fixed_at_once_mobile_after_batteries():
    """40 % without power for 12 h: fixed access 0.6 at once, mobile 0.6 after 3 h of batteries;
    no external cut (hosted services stay reachable from abroad)."""
    tl = build_timeline(
        scenario(
            {
                "kind": "power_outage",
                "start_h": 2,
                "duration_h": 12,
                "share_affected": 0.4,
                "mobile_backup_h": 3,
            }
        ),
        NET,
        {},
        20,
    )
    assert np.all(tl.access[:2] == 1) and np.all(tl.access[14:] == 1)
    assert np.allclose(tl.access[2:14, 0], 0.6)
    assert np.all(tl.access[2:5, 1] == 1) and np.allclose(tl.access[5:14, 1], 0.6)
    assert np.all(tl.foreign["transit"] == 1) and np.all(tl.foreign["cloud"] == 1)
    assert tl.restoration_h == 14


def test_firewall_for_a_year_is_cheap():
    tl = build_timeline(
        scenario(
            {
                "kind": "firewall",
                "start_h": 0,
                "duration_h": 8760,
                "blocked": ["whatsapp", "facebook"],
                "international_throttle_share": 0.8,
            }
        ),
        NET,
        {},
        8760 + 720,
        throttle_headroom=False,  # the throttle bites on every international path (no headroom)
    )
    assert tl.services.shape[0] == 9480
    changes = np.any(np.diff(tl.services, axis=0) != 0, axis=1).sum()
    assert changes < 120  # cost follows events and ramp steps, not hours
    assert col(tl, "international")[5000] == pytest.approx(0.8)
    assert col(tl, "app:whatsapp")[5000] < 1 and col(tl, "app:wechat")[5000] < 1
    assert np.all(tl.services[8760:] == 1) and tl.restoration_h == 8760.0


def test_deterministic():
    s = scenario(
        {**APP_BLOCK, "escalation": {"apps": ["whatsapp"]}},
        {"kind": "cable_cut", "start_h": 3, "cables": SIX},
    )
    a, b = build_timeline(s, NET, {}, 500), build_timeline(s, NET, {}, 500)
    assert np.array_equal(a.services, b.services) and a.events == b.events


event_strategy = st.one_of(
    st.fixed_dictionaries(
        {
            "kind": st.just("shutdown"),
            "start_h": st.integers(0, 60),
            "duration_h": st.integers(1, 60),
            "scope": st.sampled_from(["full", "mobile", "fixed"]),
            "share_affected": st.floats(0, 1),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("app_block"),
            "start_h": st.floats(0, 60),
            "duration_h": st.floats(1, 80),
            "apps": st.lists(st.sampled_from(NET.apps), min_size=1, max_size=3),
            "compliance": st.floats(0, 1),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("cable_cut"),
            "start_h": st.floats(0, 60),
            "cables": st.lists(st.sampled_from(NET.cables), min_size=1, max_size=6, unique=True),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("throttle"),
            "start_h": st.floats(0, 60),
            "duration_h": st.floats(0.5, 30),
            "scope": st.sampled_from(["all", "international"]),
            "capacity_share": st.floats(0, 1),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("firewall"),
            "start_h": st.floats(0, 60),
            "blocked": st.lists(st.sampled_from(NET.targets()), max_size=3),
            "international_throttle_share": st.floats(0, 1),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("landing_station_outage"),
            "start_h": st.floats(0, 60),
            "station": st.sampled_from(NET.station_names()),
        }
    ),
)


@settings(max_examples=40, deadline=None)
@given(
    events=st.lists(event_strategy, min_size=1, max_size=4),
    gamma=st.floats(0.5, 2),
    ships=st.integers(1, 4),
)
def test_timeline_availability_in_unit_interval(events, gamma, ships):
    tl = build_timeline(
        scenario(*events), NET, {"congestion_gamma": gamma, "repair_ships": ships}, 96
    )
    arrays = [tl.services, tl.access, tl.foreign["cloud"], tl.foreign["transit"]]
    for x in arrays:
        assert np.all(np.isfinite(x)) and x.min() >= 0 and x.max() <= 1
    assert tl.services.shape == (96, len(NET.service_names))
