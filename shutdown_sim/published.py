"""What really happened and what others said it cost: the ``real_event:`` and ``published:``
blocks of a hindcast scenario (``scenarios/events/``).

A hindcast scenario is an ordinary scenario (its ``events`` are the levers the model runs) plus
the record of the real shutdown it stands for (dates, country, what the sources say was cut, the
share affected and where that share comes from) and the published cost estimates of the same
shutdown, each with estimator, amount in USD, scope, source URL and status. The model never reads
these two blocks: they are what the hindcast compares the model against (``shutdown_sim.hindcast``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

STATUSES = ("VERIFIED", "SECONDARY", "DERIVED", "INFERRED", "RECALLED", "ASSUMPTION")
Status = Literal["VERIFIED", "SECONDARY", "DERIVED", "INFERRED", "RECALLED", "ASSUMPTION"]
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
URL_PATTERN = r"^https?://\S+$"


def _check_date(value: str | None) -> str | None:
    if value is not None:
        dt.date.fromisoformat(value)  # ValueError for 2019-02-30
    return value


class PublishedEstimate(BaseModel):
    """One published cost figure for the event (amounts in current USD of the source).

    ``per``: ``event`` = the figure covers what the scenario simulates; ``day`` = a figure per
    day of shutdown, compared with the model over the scenario's length (figure x days).
    ``counts``: what the figure claims to measure (most published figures are direct losses only).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    estimator: str = Field(min_length=1, max_length=200)
    usd: float = Field(gt=0, description="USD (current, as published or converted by the source)")
    per: Literal["event", "day"] = "event"
    scope: str = Field(min_length=1, max_length=500, description="what the figure covers")
    counts: Literal["direct", "direct+indirect", "whole-economy", "unclear"] = "unclear"
    method: str = Field(default="", max_length=500)
    source: str = Field(pattern=URL_PATTERN, max_length=500)
    status: Status
    note: str = Field(default="", max_length=2000)


class RealEvent(BaseModel):
    """The real shutdown a hindcast scenario stands for.

    ``start``/``end`` are ISO dates (null for a hypothetical figure, e.g. "one day would cost");
    ``what`` is the shutdown as the sources describe it; ``share_affected`` is the share of the
    country's users (or economy) under it, with ``share_source`` saying where it comes from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.\-]+$")
    country: str = Field(pattern=r"^[A-Z]{3}$", description="ISO3 code")
    start: str | None = Field(default=None, pattern=DATE_PATTERN)
    end: str | None = Field(default=None, pattern=DATE_PATTERN)
    dates_status: Status = "SECONDARY"
    hypothetical: bool = False
    what: str = Field(min_length=1, max_length=1000)
    share_affected: float = Field(ge=0, le=1)
    share_source: str = Field(min_length=1, max_length=1000)
    share_status: Status
    sources: tuple[str, ...] = Field(default=(), max_length=20)
    note: str = Field(default="", max_length=3000)

    _dates = field_validator("start", "end")(_check_date)

    @field_validator("sources")
    @classmethod
    def _urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import re

        for url in value:
            if not re.match(URL_PATTERN, url):
                raise ValueError(f"{url!r} is not an http(s) URL")
        return value

    @model_validator(mode="after")
    def _order(self) -> RealEvent:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        if not self.hypothetical and self.start is None:
            raise ValueError("a real (not hypothetical) event needs a start date")
        return self
