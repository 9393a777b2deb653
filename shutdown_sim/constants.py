"""Constants shared by several stages (one definition each)."""

from __future__ import annotations

#: Service categories over which a sector's internet use is split (channel weights); order matters.
CATEGORIES = ("domestic", "international", "cloud", "payments", "messaging_social")

HOURS_PER_DAY = 24.0
#: Hours in a model year (365 days): annual money flows per hour = annual / HOURS_PER_YEAR.
HOURS_PER_YEAR = 365 * HOURS_PER_DAY
