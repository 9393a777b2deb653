"""Closed-form baselines from published methods, always shown beside the model.

``baseline(method, **inputs) -> BaselineResult``; ``list_methods()``; ``run(method, inp)``.
Methods: west2016, deloitte2016, cost, netloss (one module each; formulas and their status in
the module docstrings). Inputs: see :func:`make_input` (country/year or gdp_usd/population, days,
share_affected, kind, apps, internet_share, ...) plus method options (deloitte2016: basis, tier).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ..errors import ParameterError
from . import cost, deloitte2016, netloss, west2016
from .base import BaselineInput, BaselineResult, NotPriceable, make_input

__all__ = [
    "METHODS",
    "NOT_IMPLEMENTED",
    "NotPriceable",
    "BaselineInput",
    "BaselineResult",
    "baseline",
    "list_methods",
    "make_input",
    "run",
    "run_all",
]

METHODS: dict[str, ModuleType] = {m.NAME: m for m in (west2016, deloitte2016, cost, netloss)}
ALIASES = {"region": "country", "affected": "share_affected"}


NOT_IMPLEMENTED = {
    "cipesa2017": "CIPESA (Sep 2017), 'A Framework for Calculating the Economic Impact of Internet "
    "Disruptions in Sub-Saharan Africa': not implemented - the framework (section 5) and Annex 1 "
    "were not found in any readable copy; COST's SSA branch stands in for it",
}


def list_methods() -> list[dict[str, Any]]:
    """Each method: name, label, version, what it counts, vintage, branches, inputs, options."""
    return [
        {
            "method": n,
            "label": m.LABEL,
            "version": m.VERSION,
            "counts": m.COUNTS,
            "vintage": m.VINTAGE,
            "branches": list(m.BRANCHES),
            "inputs": m.INPUTS,
            "options": list(m.OPTIONS),
        }
        for n, m in METHODS.items()
    ]


def _module(method: str) -> ModuleType:
    try:
        return METHODS[method]
    except KeyError:
        raise ParameterError(
            f"unknown method {method!r}", field="method", allowed=" | ".join(METHODS)
        ) from None


def run(method: str, inp: BaselineInput, **options: Any) -> BaselineResult:
    """Run one method on a ready :class:`BaselineInput`."""
    mod = _module(method)
    bad = [k for k in options if k not in mod.OPTIONS]
    if bad:
        raise ParameterError(
            f"unknown option(s) {bad} for {method}",
            field=bad[0],
            allowed=", ".join(mod.OPTIONS) or "none",
        )
    return mod.compute(inp, **options)


def baseline(method: str, **inputs: Any) -> BaselineResult:
    """Estimate shutdown cost (USD) with a published method.

    Examples
    --------
    >>> baseline("west2016", country="HKG", year=2019, days=1).cost_usd_per_day  # doctest: +SKIP
    """
    mod = _module(method)
    options = {k: inputs.pop(k) for k in list(inputs) if k in mod.OPTIONS}
    for alias, name in ALIASES.items():
        if alias in inputs:
            inputs[name] = inputs.pop(alias)
    if "input" in inputs:
        return run(method, inputs.pop("input"), **options)
    try:
        inp = make_input(**inputs)
    except TypeError as exc:
        raise ParameterError(
            str(exc),
            field="inputs",
            allowed="days, country, year, gdp_usd, population, "
            "internet_users_share, internet_share, share_affected, kind, apps, "
            "kind_factor",
        ) from None
    return run(method, inp, **options)


def run_all(inp: BaselineInput) -> dict[str, dict[str, Any]]:
    """Every method on one input: ``{method: result dict}`` in registry order.

    A method that cannot run (e.g. no data for it) gets ``{"method", "error", "cost_usd": None,
    "cost_usd_per_day": None, "inputs": {}}``, so one missing figure never hides the others.
    """
    out: dict[str, dict[str, Any]] = {}
    for method in METHODS:
        try:
            out[method] = run(method, inp).to_dict()
        except ParameterError as exc:
            out[method] = error_entry(method, exc)
    return out


def error_entry(method: str, exc: Exception) -> dict[str, Any]:
    """The result dict of a method that could not run."""
    return {
        "method": method,
        "error": str(exc),
        "cost_usd": None,
        "cost_usd_per_day": None,
        "inputs": {},
    }
