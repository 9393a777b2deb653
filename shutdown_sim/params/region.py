"""Region folders and their ``region.yaml``: the one resolver the economy and the network use.

A region lives in ``parameters/regions/<REGION>/``; its ``region.yaml`` holds the region's facts
(name, currency, exchange rate, population, GDP, optional spill-over settings) and, under
``files:``, the name of every table the loaders read (nested keys such as
``infrastructure.verified.nodes``; paths relative to the folder, never leaving it).
:func:`region_meta` parses the same mapping when an economy is built from tables in memory.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ParameterError
from ..paths import PARAMETERS_DIR
from ..safe_yaml import read_yaml_file

REGION_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_PART_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def regions_dir(parameters_dir: str | Path | None = None) -> Path:
    return Path(parameters_dir or PARAMETERS_DIR) / "regions"


def available_regions(parameters_dir: str | Path | None = None) -> tuple[str, ...]:
    """Region codes that have a ``region.yaml`` under ``parameters/regions/``."""
    base = regions_dir(parameters_dir)
    if not base.is_dir():
        return ()
    return tuple(
        sorted(
            p.name
            for p in base.iterdir()
            if p.is_dir() and (p / "region.yaml").is_file() and REGION_RE.match(p.name)
        )
    )


def require(
    mapping: Any,
    key: str,
    source: str,
    kind: type | tuple[type, ...],
    allowed: str,
    prefix: str = "",
) -> Any:
    """``mapping[key]`` of type ``kind``, else a ParameterError naming ``prefix + key``."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise ParameterError("missing key", file=source, field=f"{prefix}{key}", allowed=allowed)
    value = mapping[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ParameterError(
            f"wrong type {type(value).__name__}",
            file=source,
            field=f"{prefix}{key}",
            allowed=allowed,
        )
    return value


def positive_number(mapping: Any, key: Any, source: str, prefix: str = "") -> float:
    value = float(require(mapping, key, source, (int, float), "a positive number", prefix))
    if not math.isfinite(value) or value <= 0:
        raise ParameterError(
            f"{value!r} not positive",
            file=source,
            field=f"{prefix}{key}",
            allowed="a positive finite number",
        )
    return value


def nearest_year(years: list[int], year: int) -> int:
    return min(years, key=lambda y: (abs(y - year), -y))


@dataclass(frozen=True)
class RegionMeta:
    """The facts of ``region.yaml`` (money in USD; see the module docstring)."""

    code: str
    name: str
    currency: str
    local_per_usd: float
    local_per_usd_source: str
    default_year: int
    macro: dict[str, Any]
    source: str
    transit_share_parameter: str | None = None  # parameter scaling the transit spill-over

    def macro_value(self, key: str, year: int) -> tuple[float, int, str]:
        """(value, year used, source text) of ``macro.<key>`` for the year nearest ``year``."""
        src = self.source
        block = require(self.macro, key, src, dict, "mapping with values", "macro.")
        values = require(block, "values", src, dict, "mapping year -> number", f"macro.{key}.")
        years = [y for y in values if isinstance(y, int) and not isinstance(y, bool)]
        if not years:
            raise ParameterError(
                "no years", file=src, field=f"macro.{key}.values", allowed="integer years as keys"
            )
        chosen = nearest_year(years, year)
        value = positive_number(values, chosen, src, f"macro.{key}.values.")
        text = f"{block.get('source', '')} [{block.get('status', '')}; year {chosen}]"
        return value, chosen, text


def region_meta(meta: Any, source: str, code: str | None = None) -> RegionMeta:
    """Parse a ``region.yaml`` mapping; ``code`` (the folder name) must equal its ``iso3``."""
    if not isinstance(meta, dict):
        raise ParameterError("not a mapping", file=source, allowed="a YAML mapping")
    iso3 = require(meta, "iso3", source, str, "the region code")
    if code is not None and iso3 != code:
        raise ParameterError(
            f"iso3 {iso3!r} does not match folder {code!r}", file=source, field="iso3", allowed=code
        )
    fx_block = require(meta, "local_per_usd", source, (dict, int, float), "number or mapping")
    fx = (
        positive_number(fx_block, "central", source, "local_per_usd.")
        if isinstance(fx_block, dict)
        else positive_number(meta, "local_per_usd", source)
    )
    spill = meta.get("spillover") or {}
    transit = spill.get("transit_share_parameter") if isinstance(spill, dict) else None
    return RegionMeta(
        code=iso3,
        name=require(meta, "name", source, str, "a string"),
        currency=require(meta, "currency", source, str, "a currency code"),
        local_per_usd=fx,
        local_per_usd_source=str(fx_block.get("source", "")) if isinstance(fx_block, dict) else "",
        default_year=int(require(meta, "default_year", source, int, "an integer year")),
        macro=meta.get("macro") if isinstance(meta.get("macro"), dict) else {},
        source=source,
        transit_share_parameter=str(transit) if transit else None,
    )


@dataclass(frozen=True)
class RegionFolder:
    """A region's folder, its parsed ``region.yaml`` and the files it names."""

    code: str
    path: Path
    meta: RegionMeta
    files: dict[str, Any]

    def has(self, key: str) -> bool:
        """True if ``files.<key>`` (dotted, e.g. ``infrastructure.verified.nodes``) is given."""
        node: Any = self.files
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def options(self, key: str) -> tuple[str, ...]:
        """Sub-keys of ``files.<key>`` (e.g. the infrastructure variants)."""
        node: Any = self.files
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return tuple(node) if isinstance(node, dict) else ()

    def file(self, key: str) -> Path:
        """The path ``files.<key>`` names, checked to be a relative ``.csv`` path in the folder."""
        src = self.meta.source
        node: Any = self.files
        parts = key.split(".")
        for i, part in enumerate(parts):
            prefix = "files." + "".join(p + "." for p in parts[:i])
            kind = str if i == len(parts) - 1 else dict
            node = require(node, part, src, kind, "a .csv file name in the region folder", prefix)
        rel = PurePosixPath(node)
        if (
            rel.is_absolute()
            or rel.suffix != ".csv"
            or not all(_PART_RE.match(p) and p not in (".", "..") for p in rel.parts)
        ):
            raise ParameterError(
                f"bad file name {node!r}",
                file=src,
                field=f"files.{key}",
                allowed="a relative .csv path inside the region folder",
            )
        return self.path.joinpath(*rel.parts)


def region_folder(region: object, parameters_dir: str | Path | None = None) -> RegionFolder:
    """Resolve ``parameters/regions/<region>/region.yaml``; errors name the file and field."""
    if not isinstance(region, str) or not REGION_RE.match(region):
        raise ParameterError(
            f"bad region code {region!r}", field="region", allowed="upper-case code such as HKG"
        )
    path = regions_dir(parameters_dir) / region
    yaml_path = path / "region.yaml"
    if not yaml_path.is_file():
        raise ParameterError(
            "unknown region (no region.yaml)",
            file=str(yaml_path),
            field="region",
            allowed=", ".join(available_regions(parameters_dir)) or "none",
        )
    raw = read_yaml_file(yaml_path, error=ParameterError)
    meta = region_meta(raw, str(yaml_path), region)
    files = require(raw, "files", str(yaml_path), dict, "mapping of table -> file name")
    return RegionFolder(region, path, meta, files)


def region_fingerprint(region: object, parameters_dir: str | Path | None = None) -> tuple:
    """(name, size, mtime) of every file in the region folder: changes when a table is edited."""
    if not isinstance(region, str) or not REGION_RE.match(region):
        return ()
    folder = regions_dir(parameters_dir) / region
    if not folder.is_dir():
        return ()
    return tuple(
        (str(p.relative_to(folder)), st.st_size, st.st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (st := p.stat())
    )
