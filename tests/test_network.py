"""Infrastructure network: tables load, the dependency graph, availability from node states."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shutdown_sim.errors import ParameterError
from shutdown_sim.network import NetworkState, evaluate, load_network
from shutdown_sim.network.availability import class_capacity, rerouted
from shutdown_sim.params.table import read_table

HKG = "parameters/regions/HKG"


@pytest.fixture(scope="module")
def net():
    return load_network("HKG", "verified")


def test_regulator_counts(net):
    assert len(net.cables) == 11  # OFCA, Dec 2024
    assert sum(net.cable_weight.values()) == pytest.approx(1.0)
    nodes = read_table(f"{HKG}/infrastructure/nodes.csv", "infra_nodes")
    stations = nodes[nodes["kind"] == "landing_station"]
    assert stations["count"].sum() == 8  # 2 Tong Fuk, 3 TKO, 1 DWB, 1 CHK, 1 Cape D'Aguilar
    assert set(net.station_areas) == {"lantau_south", "hk_island_south", "tseung_kwan_o"}
    overland = nodes[nodes["kind"] == "overland"].iloc[0]
    assert overland["count"] == 20 and overland["status"] == "SECONDARY"


def test_landing_status_as_in_reference():
    cables = read_table(f"{HKG}/infrastructure/cables.csv", "infra_cables").set_index("cable")
    verified = {"aag", "apg", "ase", "tgn_ia"}
    assert set(cables.index[cables["landing_site_status"] == "VERIFIED"]) == verified
    assert cables.loc["h2he", "landing_site_status"] == "UNKNOWN"
    assert (cables["capacity_status"] == "ASSUMPTION").all()


def test_claimed_variant_differs_and_is_labelled():
    claimed = load_network("HKG", "claimed")
    assert len(claimed.cables) == 18
    p = claimed.behaviour["mainland_transit_via_hk_share"]
    assert p.central == 0.8 and p.status == "RECALLED" and "hkispa" in p.source.lower()
    cables = read_table(f"{HKG}/infrastructure_claimed/cables.csv", "infra_cables")
    extra = cables.iloc[11:]
    assert (extra["capacity_status"] == "RECALLED").all()
    assert extra["note"].str.contains("CLAIM").all()


def test_services_and_weights(net):
    assert net.service_names[:4] == ("domestic", "international", "cloud", "payments")
    assert "app:telegram" in net.service_names and "telegram" in net.apps
    cats = np.array(net.service_category)
    for cat in set(cats):
        assert net.service_weight[cats == cat].sum() == pytest.approx(1.0)
    w = dict(zip(net.service_names, net.service_weight, strict=True))
    assert w["app:whatsapp"] > w["app:facebook"] > w["app:wechat"] > w["app:instagram"]
    assert net.app_hosting["wechat"] == "mainland"


def test_behaviour_has_defaults(net):
    b = net.behaviour
    assert b["vpn_cap_app_block_share"].central == 0.5
    assert (b["vpn_cap_app_block_share"].low, b["vpn_cap_app_block_share"].high) == (0.3, 0.8)
    assert b["cable_repair_days"].distribution == "lognormal"
    assert b["congestion_gamma"].central == 1.0
    assert all(p.status for p in b.values())
    for p in b.values():
        if p.status == "ASSUMPTION":
            assert p.note or p.source


def test_unknown_variant_is_an_error():
    with pytest.raises(ParameterError, match="claimed"):
        load_network("HKG", "rumoured")


def test_graph_is_explicit(net):
    edges = net.graph_edges()
    assert ("international", "cables") in edges and ("aag", "tong_fuk") in edges
    assert ("app:wechat", "overland") in edges


def test_normal_state_is_fully_available(net):
    av = evaluate(NetworkState(), net, {})
    assert np.all(av.services == 1.0) and np.all(av.access == 1.0)
    assert av.foreign_cloud == 1.0 and av.foreign_transit == 1.0


def test_landing_station_loss_removes_all_cables_there(net):
    state = NetworkState(station_down={"tong_fuk": 1})
    by_cut = NetworkState(cable_cut={"aag", "fea", "fnal"})
    assert class_capacity(state, net, {}) == pytest.approx(class_capacity(by_cut, net, {}))
    area = NetworkState(station_down={s: 1 for s in net.stations_of("hk_island_south")})
    cut = {"aae1", "apcn2", "sjc", "tgn_ia"}  # EAC-C2C keeps its TKO half
    lost = class_capacity(area, net, {})["submarine"]
    sub = 1 - 0.3 - 0.005
    expected = sub * (1 - len(cut) / 11 - 0.5 / 11)
    assert lost == pytest.approx(expected)


def test_reroute_formula():
    assert rerouted(0.5, 0.6, 1.0) == pytest.approx(min(1, 0.5 / 0.6))
    assert rerouted(0.9, 0.6, 1.0) == 1.0
    assert rerouted(0.0, 0.6, 0.7) == 0.0
    assert rerouted(0.5, 0.6, 0.5) == pytest.approx(0.5 + 0.5 * 0.5 * 0.4 / 0.6)


def test_before_and_after_reroute(net):
    state = NetworkState(cable_cut=set(net.cables))
    before = evaluate(state, net, {})
    i = net.service_index("international")
    wa, wc = net.service_index("app:whatsapp"), net.service_index("app:wechat")
    assert before.services[wc] == 1.0 and before.services[wa] == pytest.approx(
        0.005 / 0.7, abs=1e-9
    )  # only satellite left on the abroad path
    state.routed = class_capacity(state, net, {})
    after = evaluate(state, net, {"normal_utilisation_share": 0.6, "reroute_efficiency_share": 1.0})
    assert after.services[i] == pytest.approx(0.305 / 0.6)
    assert after.services[wa] == after.services[wc] == after.services[i]


def test_ixp_loss_hairpins_via_transit(net):
    state = NetworkState(ixp_down={"hkix": 1})
    av = evaluate(state, net, {"transit_hairpin_headroom_share": 0.3})
    assert av.services[0] == pytest.approx(1 - 0.6 * 0.7)


def test_dc_outage_and_offshore_dr(net):
    state = NetworkState(dc_down={"dc_tseung_kwan_o": 1})
    av = evaluate(state, net, {})
    assert av.services[net.service_index("cloud")] == pytest.approx(0.5)
    assert av.foreign_cloud == pytest.approx(0.5)
    state.dr_active["dc_tseung_kwan_o"] = 1
    av = evaluate(state, net, {"dr_offshore_share": 0.3})
    assert av.foreign_cloud == pytest.approx(0.5 + 0.5 * 0.3)


def test_external_cut_hits_users_abroad(net):
    av = evaluate(NetworkState(external_cut={"x": 1.0}), net, {})
    assert av.foreign_transit == 0.0 and av.foreign_cloud == 0.0
    assert av.services[net.service_index("international")] == 0.0
    assert av.services[0] == 1.0  # domestic exchange still works for those with access


def test_block_formula(net):
    state = NetworkState(block={"k": {"app:telegram": 0.9}}, vpn={"k": 0.4})
    av = evaluate(state, net, {})
    i = net.service_index("app:telegram")
    assert av.services[i] == pytest.approx(1 - 0.9 * (1 - 0.4))
    state.substitution["app:telegram"] = 0.5
    av2 = evaluate(state, net, {})
    assert av2.services[i] == pytest.approx(1 - 0.9 * 0.6 + 0.5 * 0.9 * 0.6)


names = st.sampled_from(["aag", "apg", "fea", "h2he", "sjc", "tgn_ia", "aae1"])


@settings(max_examples=60, deadline=None)
@given(
    cut=st.sets(names),
    stations=st.sets(
        st.sampled_from(
            ["tong_fuk", "tseung_kwan_o_cls", "deep_water_bay", "chung_hom_kok", "cape_daguilar"]
        )
    ),
    ixp=st.booleans(),
    dc=st.booleans(),
    block=st.floats(0, 1),
    vpn=st.floats(0, 1),
    sigma=st.floats(0, 1),
    thr=st.floats(0, 1),
    ext=st.floats(0, 1),
    overland=st.floats(0, 1),
    gamma=st.floats(0.5, 2),
    util=st.floats(0.5, 0.7),
    eta=st.floats(0.4, 1.0),
    ddos=st.floats(0, 1),
    loss=st.floats(0, 1),
)
def test_availability_always_in_unit_interval(
    cut, stations, ixp, dc, block, vpn, sigma, thr, ext, overland, gamma, util, eta, ddos, loss
):
    net = load_network()
    state = NetworkState(
        cable_cut=set(cut),
        station_down={s: 1 for s in stations},
        ixp_down={"hkix": int(ixp)},
        dc_down={"dc_rest": int(dc)},
        overland_up=overland,
        block={"k": {"app:whatsapp": block}},
        vpn={"k": vpn},
        substitution={"app:whatsapp": sigma},
        intl_throttle={"k": thr},
        external_cut={"k": ext},
        ddos={"k": ("app:telegram", ddos)},
        access_loss={"k": (loss, 0.0)},
    )
    state.routed = {"submarine": 0.9, "overland": 0.3, "satellite": 0.005}
    av = evaluate(
        state,
        net,
        {
            "congestion_gamma": gamma,
            "normal_utilisation_share": util,
            "reroute_efficiency_share": eta,
        },
    )
    for x in (av.services, av.access, np.array([av.foreign_cloud, av.foreign_transit])):
        assert np.all(np.isfinite(x)) and np.all((x >= 0) & (x <= 1))
