"""The app's controls as plain values: draws, duration steps, the shareable query string.

No Streamlit here: what the URL or a widget may hold, and how a raw value becomes a safe one.
Every function that changes a value it was given also says so (a note for the user), because the
app must never show a different scenario or draw count than the one asked for without saying it.
"""

from __future__ import annotations

import math
from typing import Any

DEFAULT_DRAWS = 500
MAX_DRAWS = 5000
MIN_DRAWS = 50
DURATION_OPTIONS: tuple[float, ...] = (
    0.25,
    0.5,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    10,
    14,
    21,
    30,
    45,
    60,
    90,
    120,
    180,
    270,
    365,
)
_TOLERANCE_H = 1e-6


def duration_options(own: float | None) -> list[float]:
    """The slider's steps, including the scenario's own duration exactly (never rounded).

    Keeping ``own`` exact matters: a rounded copy would differ from the scenario's length and
    make the app rebuild the scenario at that rounded length (issue 17, class 1).
    """
    options = {float(d) for d in DURATION_OPTIONS}
    if own is not None and math.isfinite(own) and own > 0:
        options = {o for o in options if abs(o - own) * 24 > _TOLERANCE_H} | {float(own)}
    return sorted(options)


def snap_duration(value: Any, options: list[float], default: float) -> float:
    """Nearest allowed duration (URL values may be anything); ``default`` if not a number."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    if not math.isfinite(number) or number <= 0:
        return default
    return min(options, key=lambda o: abs(math.log(o) - math.log(number)))


def same_number(raw: Any, value: float) -> bool:
    """Whether the text ``raw`` (from a URL) is the number ``value`` (to within a micro-hour)."""
    try:
        return abs(float(raw) - value) * 24 <= _TOLERANCE_H
    except (TypeError, ValueError, OverflowError):
        return False


def clamp_draws(value: Any, default: int = DEFAULT_DRAWS) -> tuple[int, bool]:
    """(draws within [MIN_DRAWS, MAX_DRAWS], whether ``value`` had to be changed).

    ``inf``, ``1e999``, ``nan``, negative and huge values are clamped, never raised.
    """
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return default, True
    if math.isnan(number):
        return default, True
    if number == math.inf or number > MAX_DRAWS:
        return MAX_DRAWS, True
    if number < MIN_DRAWS:
        return MIN_DRAWS, True
    whole = int(number)
    return whole, whole != number


def duration_applies(scenario: Any) -> bool:
    """Whether the duration control can act on ``scenario`` without changing what it means.

    ``Scenario.with_duration`` sets the first event's length. That is the scenario's length only
    when the first event has a fixed length, starts first and ends last; otherwise (a permanent
    platform exit, a cable cut that ends when repaired, several events spread over time) moving
    the control would silently turn the scenario into a different one.
    """
    first = scenario.events[0]
    length = getattr(first, "duration_h", None)
    end = scenario.disruption_end_h()
    if length is None or end is None or getattr(first, "kind", "") == "platform_exit":
        return False
    starts_first = abs(first.start_h - scenario.disruption_start_h) <= _TOLERANCE_H
    ends_last = abs(first.start_h + float(length) - end) <= _TOLERANCE_H
    return starts_first and ends_last


def share_query(
    scenario: str, duration_days: float, lang: str, draws: int, country: str | None = None
) -> dict[str, str]:
    """The URL's query parameters (contract keys: scenario, duration_days, lang, draws, and
    country when a country runs instead of the bundled scenarios)."""
    return {
        "scenario": scenario,
        "duration_days": f"{duration_days:.10g}",
        "lang": lang,
        "draws": str(int(draws)),
        **({"country": country} if country else {}),
    }
