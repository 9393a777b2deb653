"""The record of past shutdowns (shutdown_sim/outages/records.py, `events`): the three #KeepItOn
sheet layouts and IODA's list read into one kind of record, de-duplicated across sheets, mapped
to the model's kinds and geographic levels by the documented table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import cli

from shutdown_sim.errors import InputError
from shutdown_sim.outages.records import load_records, select, share_of

FIXTURES = Path(__file__).parent / "data" / "outages" / "records"
REF = Path(__file__).resolve().parents[2] / "shared" / "reference" / "data" / "outages" / "events"


def test_layouts_map_to_kinds_and_levels():
    records = {r.id: r for r in load_records(FIXTURES)}
    mobile = records["kio2016-2018-1"]
    assert (mobile.kind, mobile.level, mobile.duration_h) == ("mobile", "regional", 30.0)
    apps = records["kio2016-2018-2"]  # service-based without named services
    assert apps.kind == "apps" and apps.apps == ("facebook", "whatsapp", "instagram", "twitter")
    assert apps.notes and apps.duration_h is None
    full = records["kio2019-1"]
    assert (full.kind, full.level) == ("full", "national")
    assert "upper bound" in full.notes[0]
    assert records["kio2019-2"].kind == "mobile" and records["kio2019-2"].level == "local"
    assert records["kio2019-3"].apps == ("facebook", "whatsapp")  # the flagged services only
    assert records["kio2020-2"].level == "multi_regional"


def test_later_sheet_replaces_an_ongoing_row():
    throttles = [r for r in load_records(FIXTURES) if r.kind == "throttle"]
    (one,) = throttles
    assert one.id == "kio2020-1" and one.end == "2020-01-09" and one.duration_h == 264.0


def test_select_and_sources():
    records = load_records(FIXTURES, sources=("kio", "ioda"))
    assert {r.source for r in records} == {"kio", "ioda"}
    assert [r.id for r in select(records, "TST", 2020)] == ["kio2020-2"]
    assert all(r.year == 2019 for r in select(records, year=2019))
    with pytest.raises(InputError):
        load_records(FIXTURES / "nowhere")


def test_level_shares_are_labelled_and_ordered():
    levels = ("national", "multi_regional", "regional", "local")
    shares = [share_of(level) for level in levels]
    assert shares[0].central == 1.0
    assert [s.central for s in shares] == sorted((s.central for s in shares), reverse=True)
    assert all(s.status == "ASSUMPTION" for s in shares[1:])
    assert all(s.low <= s.central <= s.high for s in shares)


def test_events_command_json(capsys):
    code, out, _ = cli(
        capsys, "events", "--country", "tst", "--year", "2019", "--records", str(FIXTURES)
    )
    assert code == 0 and "kio2019-1" in out
    code, out, _ = cli(
        capsys,
        "events",
        "--country",
        "TST",
        "--records",
        str(FIXTURES),
        "--source",
        "all",
        "--json",
    )
    data = json.loads(out)
    assert {r["source"] for r in data["records"]} == {"kio", "ioda"}
    assert all(0 < r["share_affected"] <= 1 for r in data["records"])


@pytest.mark.skipif(not REF.is_dir(), reason="shared reference data not available")
def test_india_2019_record():
    india = select(load_records(REF), "IND", 2019)
    assert len(india) > 50  # India is the record's most frequent shutdown country
    assert {r.iso3 for r in india} == {"IND"}
    assert any("Kashmir" in r.area for r in india)


def test_record_to_levers_and_price():
    from shutdown_sim.model import simulate
    from shutdown_sim.outages.pricing import record_events, record_scenario
    from shutdown_sim.outages.records import Record

    mobile = Record(
        "kio-x", "kio", "HKG", "2019-08-01", "2019-08-02", 48.0, "throttle", "local", ""
    )
    (event,) = record_events(mobile)
    assert event["scope"] == "mobile" and event["share_affected"] == share_of("local").central
    apps = Record(
        "kio-y", "kio", "HKG", "2019-08-01", None, 24.0, "apps", "regional", "", ("whatsapp",)
    )
    assert record_events(apps)[0]["apps"] == ["whatsapp"]
    with pytest.raises(InputError, match="no duration"):
        record_events(Record("kio-z", "kio", "HKG", "2019-08-01", None, None, "full", "local", ""))
    national = Record(
        "kio-n", "kio", "HKG", "2019-08-01", "2019-08-01", 24.0, "full", "national", ""
    )
    local = Record("kio-l", "kio", "HKG", "2019-08-01", "2019-08-01", 24.0, "full", "local", "")
    big, small = (simulate(record_scenario(r), draws=20, seed=0) for r in (national, local))
    assert 0 < small.central["gdp_loss_usd"] < big.central["gdp_loss_usd"]


def test_annual_sums_draws_not_percentiles(monkeypatch):
    import numpy as np

    import shutdown_sim.outages.pricing as pricing
    from shutdown_sim.model import simulate
    from shutdown_sim.outages.records import Record

    two = [
        Record("kio-a", "kio", "HKG", "2019-08-01", "2019-08-01", 24.0, "full", "national", ""),
        Record("kio-b", "kio", "HKG", "2019-09-01", "2019-09-02", 48.0, "mobile", "regional", ""),
        Record("kio-c", "kio", "HKG", "2019-10-01", None, None, "full", "local", ""),
    ]
    monkeypatch.setattr(pricing, "load_records", lambda folder=None, sources=("kio",): two)
    table = pricing.annual_table(2019, draws=30, seed=3)
    (row,) = table["countries"]
    assert (row["records"], row["priced"], row["hours"]) == (3, 2, 72.0)
    assert "kio-c" in row["failed"]
    each = [
        simulate(pricing.record_scenario(r), draws=30, seed=3).outcomes["gdp_loss_usd"]
        for r in two[:2]
    ]
    summed = each[0] + each[1]
    assert row["model_usd"]["p50"] == pytest.approx(float(np.percentile(summed, 50)))
    assert row["model_usd"]["p95"] <= np.percentile(each[0], 95) + np.percentile(each[1], 95)
    assert row["top10vpn_usd"] is None  # no Top10VPN figure for Hong Kong
    assert pricing.top10vpn_annual(2019)["IRQ"]["usd"] == 2.3e9


@pytest.mark.skipif(not REF.is_dir(), reason="shared reference data not available")
def test_run_event_prices_one_record(capsys, monkeypatch):
    monkeypatch.setenv("SHUTDOWN_SIM_RECORDS", str(REF))
    first = next(r for r in select(load_records(REF), "IND", 2019) if r.duration_h)
    code, out, err = cli(capsys, "run", "--event", first.id, "--draws", "20", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["region"] == "IND" and data["year"] == 2019
    code, _, err = cli(capsys, "run", "--event", "kio1999-1")
    assert code == 2 and "no record" in err


@pytest.mark.slow
@pytest.mark.cluster
def test_annual_on_dask_equals_local(monkeypatch):
    from dask.distributed import LocalCluster

    import shutdown_sim.outages.pricing as pricing
    from shutdown_sim.outages.records import Record

    two = [
        Record("kio-a", "kio", "HKG", "2019-08-01", "2019-08-01", 24.0, "full", "national", ""),
        Record("kio-b", "kio", "HKG", "2019-09-01", "2019-09-02", 48.0, "mobile", "regional", ""),
    ]
    monkeypatch.setattr(pricing, "load_records", lambda folder=None, sources=("kio",): two)
    local = pricing.annual_table(2019, draws=20, seed=4)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
    ) as cluster:
        remote = pricing.annual_table(2019, draws=20, seed=4, scheduler=cluster.scheduler_address)
    assert remote == local


@pytest.mark.slow
def test_app_past_shutdowns_page(monkeypatch):
    pytest.importorskip("streamlit")
    import os

    from streamlit.testing.v1 import AppTest

    os.environ["SHUTDOWN_SIM_APP_PREWARM"] = "0"
    monkeypatch.setenv("SHUTDOWN_SIM_RECORDS", str(FIXTURES))
    app = str(Path(__file__).resolve().parents[1] / "app.py")
    at = AppTest.from_file(app, default_timeout=300)
    at.query_params["page"] = "annual"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # the made-up country TST has no economy: its records are listed as not priced, no crash
    assert at.multiselect(key="annual_countries").value == ["TST"]
    (frame,) = [d.value for d in at.dataframe]
    assert list(frame.iloc[:, 0]) == ["TST"]
