"""Structural choices of the model: which rule or table the model uses where the literature offers
more than one (issue 11).

A :class:`StructuralChoices` travels in the :class:`~shutdown_sim.model.ModelContext`; the
default instance is the model as shipped. Each field is one structural alternative, so the effect
of a fix can be measured by switching it alone, and ``sensitivity --structural`` reruns a scenario
under each alternative (:meth:`StructuralChoices.alternatives`).

Fields
------
io_table : ``"default"`` = the interdependency matrix ``files.io_matrix`` of the region's
    ``region.yaml``; any other value names an alternative table of that region,
    ``files.alternatives.io_matrix_<value>`` (e.g. ``"total_use"`` or ``"domestic"``).
rationing : how direct (capacity) and indirect (demand) inoperability combine:
    ``"capacity_or_demand"`` = output is the lower of capacity and demand (ARIO-type rationing,
    Hallegatte 2008), ``"additive"`` = q = min(1, c* + p) (the model before issue 11).
recapture : ``"fading"`` = the share of lost output made up afterwards decays with the time since
    the loss (half-life parameter); ``"flat"`` = one share whatever the duration; ``"off"`` = none.
private_networks : ``"spared"`` = shutdown orders leave leased lines and enterprise networks up
    (a share of each sector's use); ``"cut"`` = every connection goes down.
throttle_headroom : True = a throttle to a share of capacity only bites where demand exceeds it
    given normal utilisation (the capacity-and-demand logic of cable cuts); False = a throttle to
    a share s removes 1 - s of the service.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from .errors import InputError

__all__ = ["CHOICES", "StructuralChoices"]

#: Allowed values of each text field (io_table is open: any alternative a region names).
CHOICES: dict[str, tuple[Any, ...]] = {
    "rationing": ("capacity_or_demand", "additive"),
    "recapture": ("fading", "flat", "off"),
    "private_networks": ("spared", "cut"),
    "throttle_headroom": (True, False),
}


@dataclass(frozen=True)
class StructuralChoices:
    """One combination of structural choices (see the module docstring for each field)."""

    io_table: str = "default"
    rationing: str = "capacity_or_demand"
    recapture: str = "fading"
    private_networks: str = "spared"
    throttle_headroom: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.io_table, str) or not self.io_table.replace("_", "").isalnum():
            raise InputError(
                f"io_table = {self.io_table!r}",
                field="structure.io_table",
                allowed="'default' or the suffix of a files.alternatives.io_matrix_<name> key",
            )
        for name, allowed in CHOICES.items():
            value = getattr(self, name)
            ok = any(value is a or (type(value) is type(a) and value == a) for a in allowed)
            if not ok:
                raise InputError(
                    f"{name} = {value!r}",
                    field=f"structure.{name}",
                    allowed=", ".join(repr(a) for a in allowed),
                )

    def with_(self, **changes: Any) -> StructuralChoices:
        """A copy with some fields changed (validated)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """Plain mapping, field name -> value (for JSON and tables)."""
        return asdict(self)

    def differences(self, other: StructuralChoices | None = None) -> dict[str, Any]:
        """Fields whose value differs from ``other`` (the default choices when None)."""
        base = other or StructuralChoices()
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(base, f.name)
        }

    def alternatives(self, io_tables: tuple[str, ...] = ()) -> list[tuple[str, StructuralChoices]]:
        """Each single-field departure from these choices: [(label, choices)].

        ``io_tables`` lists the io_table values available for the region (besides this one).
        """
        out: list[tuple[str, StructuralChoices]] = []
        for table in io_tables:
            if table != self.io_table:
                out.append((f"io_table={table}", self.with_(io_table=table)))
        for name, allowed in CHOICES.items():
            for value in allowed:
                if value != getattr(self, name):
                    label = f"{name}={str(value).lower() if isinstance(value, bool) else value}"
                    out.append((label, self.with_(**{name: value})))
        return out
