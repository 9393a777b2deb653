"""The one input object of the pipeline: a timeline group's parameter values.

Draws share their SimPy timeline by *group*: parameters that change the timeline, the shock
profile or the dynamics are sampled once per group (see ``ModelContext.group_names``), the economic
ones draw by draw. :func:`split_groups` cuts a batch ``{parameter name: (S,) values}`` into one
:class:`GroupInput` per distinct combination of group-level values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .constants import HOURS_PER_DAY


@dataclass(frozen=True)
class GroupInput:
    """Parameter values of one timeline group: shared by its draws, or one per draw (S_g)."""

    draws: np.ndarray  # (S_g,) positions of the group's draws in the batch
    behaviour: dict[str, float]  # timeline behaviour (SimPy) of the group
    mobile_share: np.ndarray  # (n,) share of use over mobile access
    buffer_h: np.ndarray  # (n,) hours a sector rides through an outage
    recovery_h: np.ndarray  # (n,) DIIM recovery time, hours
    recovery_speed: float  # multiplier on the resilience coefficients
    transaction_share: np.ndarray  # (n,) share of output that needs transactions now
    private_share: np.ndarray  # (n,) share of use on private networks (spared by some orders)
    dependence: np.ndarray  # (S_g, n) share
    recapture_share: np.ndarray  # (S_g, n) share of lost output made up after restoration
    alpha_max: np.ndarray  # (S_g,) catch-up capacity, multiple of normal output
    recapture_window_h: np.ndarray  # (S_g,) hours after restoration in which catch-up counts
    recapture_half_life_h: (
        np.ndarray | None
    )  # (S_g,) hours for a loss's recapturable share to halve
    spillover_cloud_usd_per_day: np.ndarray  # (S_g,) value abroad of the region's hosting
    spillover_transit_usd_per_day: np.ndarray  # (S_g,) value abroad of the region's transit
    transit_share: float | None  # share of a neighbour's traffic carried (None: not modelled)
    transit_reference_share: np.ndarray | None  # (S_g,) share the transit value refers to


def group_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows (in order of first appearance) and each row's index among them."""
    first: dict[bytes, int] = {}
    group_of_row = np.fromiter(
        (first.setdefault(row.tobytes(), len(first)) for row in np.ascontiguousarray(matrix)),
        dtype=np.int64,
        count=len(matrix),
    )
    _, starts = np.unique(group_of_row, return_index=True)
    return matrix[starts], group_of_row


def _sector(values: Mapping[str, np.ndarray], sectors, family: str, rows) -> np.ndarray:
    """(len(rows), n) values of ``<sector>.<family>`` in sector order."""
    return np.stack([np.asarray(values[f"{s}.{family}"])[rows] for s in sectors], axis=1)


def _scalar(values: Mapping[str, np.ndarray], name: str, rows) -> np.ndarray:
    return np.asarray(values[name], float)[rows]


def group_input(
    values: Mapping[str, np.ndarray],
    draws: np.ndarray,
    group: Mapping[str, float],
    sectors: tuple[str, ...],
    timeline_names: tuple[str, ...],
    transit_share_name: str | None,
) -> GroupInput:
    """The :class:`GroupInput` of the draws ``draws`` whose group-level values are ``group``."""
    first = draws[:1]
    reference = values.get("spillover_transit_reference_share")
    return GroupInput(
        draws=draws,
        behaviour={name: group[name] for name in timeline_names},
        mobile_share=_sector(values, sectors, "mobile_share", first)[0],
        buffer_h=_sector(values, sectors, "buffer_h", first)[0],
        recovery_h=_sector(values, sectors, "recovery_days", first)[0] * HOURS_PER_DAY,
        recovery_speed=float(group["recovery_speed_multiplier"]),
        transaction_share=_sector(values, sectors, "transaction_share", first)[0],
        private_share=_sector(values, sectors, "private_network_share", first)[0],
        dependence=_sector(values, sectors, "dependence", draws),
        recapture_share=_sector(values, sectors, "recapture_share", draws),
        alpha_max=_scalar(values, "alpha_max", draws),
        recapture_window_h=_scalar(values, "recapture_window_days", draws) * HOURS_PER_DAY,
        recapture_half_life_h=None
        if "recapture_half_life_days" not in values
        else _scalar(values, "recapture_half_life_days", draws) * HOURS_PER_DAY,
        spillover_cloud_usd_per_day=_scalar(values, "spillover_cloud_value_usd_per_day", draws),
        spillover_transit_usd_per_day=_scalar(values, "spillover_transit_value_usd_per_day", draws),
        transit_share=None if transit_share_name is None else group.get(transit_share_name),
        transit_reference_share=None
        if reference is None
        else _scalar(values, "spillover_transit_reference_share", draws),
    )


def split_groups(
    values: Mapping[str, np.ndarray],
    group_names: tuple[str, ...],
    sectors: tuple[str, ...],
    timeline_names: tuple[str, ...],
    transit_share_name: str | None = None,
) -> tuple[np.ndarray, list[GroupInput]]:
    """(group index of each draw, one :class:`GroupInput` per group in order of appearance)."""
    unique_rows, group_of_draw = group_rows(
        np.stack([np.asarray(values[name], float) for name in group_names], axis=1)
    )
    groups = [
        group_input(
            values,
            np.flatnonzero(group_of_draw == g),
            dict(zip(group_names, row)),
            sectors,
            timeline_names,
            transit_share_name,
        )
        for g, row in enumerate(unique_rows)
    ]
    return group_of_draw, groups
