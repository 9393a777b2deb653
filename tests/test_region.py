"""Region folders: one resolver for economy and network, every file named in region.yaml;
economies and networks built from tables in memory as well as from a folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from shutdown_sim.errors import ParameterError
from shutdown_sim.network import load_network
from shutdown_sim.network.load import build_network
from shutdown_sim.network.tables import network_tables
from shutdown_sim.params import load_economy
from shutdown_sim.params.economy import build_economy
from shutdown_sim.params.economy_tables import economy_tables
from shutdown_sim.params.region import region_folder

HKG = Path(__file__).resolve().parents[1] / "parameters" / "regions" / "HKG"


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "parameters"
    shutil.copytree(HKG, dst / "regions" / "HKG")
    return dst


def _all_keys(files: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in files.items():
        out += _all_keys(value, f"{prefix}{key}.") if isinstance(value, dict) else [prefix + key]
    return out


def test_every_file_named_in_region_yaml_exists_and_every_table_is_named():
    folder = region_folder("HKG")
    keys = _all_keys(folder.files)
    named = {folder.file(k).resolve() for k in keys}
    assert all(p.is_file() for p in named)
    on_disk = {p.resolve() for p in HKG.rglob("*.csv")}
    assert on_disk == named  # no table is read by a fixed name


def test_network_reads_the_files_region_yaml_names(tmp_path):
    params = _copy(tmp_path)
    region = params / "regions" / "HKG"
    (region / "infrastructure").rename(region / "infra_v")
    (region / "apps.csv").rename(region / "platforms.csv")
    meta = yaml.safe_load((region / "region.yaml").read_text())
    meta["files"]["apps"] = "platforms.csv"
    for name, path in meta["files"]["infrastructure"]["verified"].items():
        meta["files"]["infrastructure"]["verified"][name] = path.replace(
            "infrastructure/", "infra_v/"
        )
    (region / "region.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True))
    moved, bundled = load_network("HKG", "verified", params), load_network("HKG", "verified")
    assert moved.service_names == bundled.service_names and moved.cables == bundled.cables
    assert moved.behaviour == bundled.behaviour


@pytest.mark.parametrize("bad", ["../../outside.csv", "/etc/passwd.csv", "infrastructure/../x.csv"])
def test_file_names_cannot_leave_the_region_folder(tmp_path, bad):
    params = _copy(tmp_path)
    region = params / "regions" / "HKG"
    meta = yaml.safe_load((region / "region.yaml").read_text())
    meta["files"]["infrastructure"]["verified"]["nodes"] = bad
    (region / "region.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True))
    with pytest.raises(ParameterError, match="files.infrastructure.verified.nodes"):
        load_network("HKG", "verified", params)


def test_unknown_variant_lists_the_variants_region_yaml_names():
    with pytest.raises(ParameterError) as err:
        load_network("HKG", "rumoured")
    assert "verified | claimed" in str(err.value)


def _economy_frames() -> dict[str, pd.DataFrame]:
    folder = region_folder("HKG")
    keys = (
        "sectors",
        "employment",
        "sector_assumptions",
        "channel_weights",
        "behaviour",
        "io_meta",
    )
    frames = {key: pd.read_csv(folder.file(key)) for key in keys}
    frames["io_matrix"] = pd.read_csv(folder.file("io_matrix"), index_col=0)
    return frames


def test_economy_from_tables_in_memory_equals_the_folder():
    meta = yaml.safe_load((HKG / "region.yaml").read_text())
    frames = _economy_frames()
    built = build_economy(economy_tables(meta, frames, source="test"), 2019)
    loaded = load_economy("HKG", 2019)
    assert built.sectors == loaded.sectors and built.currency == loaded.currency
    for attr in ("gross_output_usd", "value_added_usd", "a_star", "channel_weights"):
        np.testing.assert_array_equal(getattr(built, attr), getattr(loaded, attr))
    assert built.sector_params == loaded.sector_params and built.behaviour == loaded.behaviour
    assert built.gdp_usd == loaded.gdp_usd and built.transit_share_parameter is not None


def test_in_memory_tables_are_validated_with_a_named_source():
    meta = yaml.safe_load((HKG / "region.yaml").read_text())
    frames = _economy_frames()
    frames["channel_weights"].loc[0, "cloud"] = 1.5
    with pytest.raises(ParameterError) as err:
        economy_tables(meta, frames, source="world data")
    assert "world data: channel_weights" in str(err.value) and "row 2 / cloud" in str(err.value)


def test_network_from_tables_in_memory_equals_the_folder():
    folder = region_folder("HKG")
    keys = {
        "nodes": "infrastructure.verified.nodes",
        "cables": "infrastructure.verified.cables",
        "capacity": "infrastructure.verified.capacity",
        "apps": "apps",
        "timeline_behaviour": "timeline_behaviour",
    }
    frames = {name: pd.read_csv(folder.file(key)) for name, key in keys.items()}
    built = build_network(network_tables(frames, "test"), "HKG", "verified")
    loaded = load_network("HKG", "verified")
    assert built.service_names == loaded.service_names and built.behaviour == loaded.behaviour
    assert built.cable_weight == pytest.approx(loaded.cable_weight)
