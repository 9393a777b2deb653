"""The beyond-GDP lines in words (command line, app and brief; English and Chinese).

People cut off, worker-days lost and tax revenue lost (:mod:`shutdown_sim.beyond_gdp`) and the
consumer welfare lost (:mod:`shutdown_sim.welfare`), each on its own line beside the headline and
never added to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .glossary import status_label
from .messages import Messages


def beyond_lines(result, lang: str = "en", *, short: bool = True) -> list[str]:
    """One sentence per outcome; [] when the result carries none."""
    b = getattr(result, "beyond", None)
    if b is None:
        return []
    m = Messages.for_lang(lang)
    data = result.beyond_gdp_dict()
    lines = []
    population = float(result.population) if result.population else float("nan")
    lines.append(
        m.t(
            "beyond_people",
            persons=m.count(b.people_affected, short=short),
            share=m.percent(b.people_affected / population),
        )
    )
    wd = data["worker_days_lost"]
    lines.append(
        m.t(
            "beyond_worker_days",
            p50=m.count(wd["p50"], short=short),
            p5=m.count(wd["p5"], short=short),
            p95=m.count(wd["p95"], short=short),
        )
    )
    tax, ratio = data["tax_revenue_loss_usd"], b.tax_ratio
    if ratio is not None and ratio.value is not None:

        def usd(v):
            return m.money(v, "USD", short=short)

        lines.append(
            m.t(
                "beyond_tax",
                p50=usd(tax["p50"]),
                p5=usd(tax["p5"]),
                p95=usd(tax["p95"]),
                ratio=m.percent(ratio.value),
                year=ratio.year,
                status=status_label(ratio.status, lang),
            )
        )
    lines += _welfare_lines(result, m, short)
    return lines


def _welfare_lines(result, m: Messages, short: bool) -> list[str]:
    """The consumer-welfare sentence; [] when the result has no welfare line or it is 0."""
    w = getattr(result, "welfare", None)
    if w is None or not w.draws_usd.size or float(w.draws_usd.max()) <= 0:
        return []
    data = w.to_dict()

    def usd(v):
        return m.money(v, "USD", short=short)

    region = m.region(result.region, result.region_name)
    return [
        m.t("beyond_welfare", p50=usd(data["p50"]), p5=usd(data["p5"]), p95=usd(data["p95"]),
            region=region)
    ]  # fmt: skip


@dataclass(frozen=True)
class InputRow:
    """One input of the beyond-GDP lines shaped like a parameter row of the appendix."""

    name: str
    central: float
    low: float
    high: float
    unit: str
    distribution: str
    status: str
    year: int | None
    source: str


def beyond_inputs(result) -> tuple[InputRow, ...]:
    """The tax ratio, internet users and mobile internet users behind the beyond-GDP lines
    (fixed in a run: the ranges of the lines come from the GDP and output losses)."""
    b = getattr(result, "beyond", None)
    if b is None:
        return ()
    out = []
    ratio = b.tax_ratio
    if ratio is not None and ratio.value is not None:
        out.append(_row("tax_revenue_share_gdp", ratio.to_dict(), "share"))
    for key in ("internet_users", "mobile_internet_users"):
        item = b.people_inputs.get(key) or {}
        if item.get("value") is not None:
            out.append(_row(key, item, "persons"))
    return tuple(out)


def _row(name: str, item: dict, unit: str) -> InputRow:
    value = float(item["value"])
    low = value if item.get("low") is None else float(item["low"])
    high = value if item.get("high") is None else float(item["high"])
    source = " ".join(x for x in (str(item.get("source") or ""), str(item.get("note") or "")) if x)
    return InputRow(
        name, value, low, high, unit, "fixed", str(item.get("status", "")), item.get("year"), source
    )


COUNT_COLUMNS = ("central_count", "p5_count", "p50_count", "p95_count", "count_unit")


def beyond_result_rows(result, cur: str, rate: float) -> list[dict]:
    """Rows of ``results.csv`` for the beyond-GDP lines (kind ``beyond_gdp``): tax in the USD
    (and local-currency) columns, people and worker-days in the ``*_count`` columns."""
    if getattr(result, "beyond", None) is None:
        return []
    data = result.beyond_gdp_dict()
    tax = data["tax_revenue_loss_usd"]
    tax_row = {"kind": "beyond_gdp", "name": "tax_revenue_loss_usd"}
    tax_row.update({f"{k}_usd": tax[k] for k in ("central", "mean", "p5", "p50", "p95")})
    if cur != "usd":
        tax_row.update({f"{k}_{cur}": _times(tax[k], rate) for k in ("central", "p5", "p95")})
    wd = data["worker_days_lost"]
    people = data["people_affected"]
    return [
        {"kind": "beyond_gdp", "name": "people_affected", "central_count": people,
         "p5_count": people, "p50_count": people, "p95_count": people, "count_unit": "persons"},
        {"kind": "beyond_gdp", "name": "worker_days_lost",
         **{f"{k}_count": wd[k] for k in ("central", "p5", "p50", "p95")},
         "count_unit": "worker-days"},
        tax_row,
    ]  # fmt: skip


def _times(value: float | None, rate: float) -> float | None:
    return None if value is None else value * rate
