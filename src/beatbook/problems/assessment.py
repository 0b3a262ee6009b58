"""Assessing a problem's responses from the stored crime data: counts of the response area,
its buffer ring and the control area before and after, and the statistics of
``beatbook.analysis.assessment`` on them. One function, ``assess``, serves the page, the API
and `beatbook assess`, so that all three give the same figures."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from django.conf import settings

from beatbook.analysis import assessment as stats
from beatbook.analysis.harm import load_weights
from beatbook.hub.cache import data_version_token
from beatbook.hub.services import published_months
from beatbook.problems import counting
from beatbook.problems.spec import AssessmentSpec, Period, SpecError
from beatbook.problems.verdict import verdict


def _published(spec: AssessmentSpec) -> list[date]:
    return published_months(spec.force_slug)


def _period_facts(period: Period, published: set[date], option: str) -> dict[str, Any]:
    months = period.months
    kept = [m for m in months if m in published]
    if not kept:
        raise SpecError(option, f"no street-level crime is published for {period.text()}")
    return {
        "first": f"{period.first:%Y-%m}",
        "last": f"{period.last:%Y-%m}",
        "months": len(months),
        "published_months": len(kept),
        "unpublished": [f"{m:%Y-%m}" for m in months if m not in published],
    }


def _counts(crimes: counting.StoredCrimes, masks: counting.Masks, spec: AssessmentSpec) -> dict[str, dict[str, int]]:
    before, after = spec.before.months, spec.after.months
    return {
        name: {
            "before": int(counting.monthly(crimes, masks.of(name), before).sum()),
            "after": int(counting.monthly(crimes, masks.of(name), after).sum()),
        }
        for name in counting.AREAS
    }


def _monthly(crimes: counting.StoredCrimes, masks: counting.Masks, spec: AssessmentSpec, published: set[date]):
    """Each area's crimes per month from the first before month to the last after month; None
    for a month without published data (unknown, not zero)."""
    months = Period(spec.before.first, spec.after.last).months
    series: dict[str, Any] = {"months": [f"{m:%Y-%m}" for m in months]}
    for name in counting.AREAS:
        values = counting.monthly(crimes, masks.of(name), months)
        series[name] = [int(v) if m in published else None for m, v in zip(months, values)]
    return series


def _pair(counts: dict[str, dict[str, int]], name: str) -> tuple[int, int]:
    return counts[name]["before"], counts[name]["after"]


def _wdq(counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    try:
        return stats.wdq(_pair(counts, "response"), _pair(counts, "buffer"), _pair(counts, "control")).to_dict()
    except ValueError as exc:
        return {"quotient": None, "interpretation": f"not computed: {exc}"}


def statistics(counts: dict[str, dict[str, int]], weights: tuple[int, int], alpha: float) -> dict[str, Any]:
    """WDD, WDQ, RES and the E-test of the counts; ``weights`` are the published months of each period."""
    r0, r1 = _pair(counts, "response")
    c0, c1 = _pair(counts, "control")
    wdd = stats.wdd(
        control=(c0, c1), treated=(r0, r1), disp_treated=_pair(counts, "buffer"), time_weights=weights, alpha=alpha
    )
    return {
        "wdd": wdd.to_dict(),
        "wdq": _wdq(counts),
        "res": stats.relative_effect_size(r0, r1, c0, c1, alpha=alpha).to_dict(),
        "e_test": stats.e_test(r0, r1, weights[0], weights[1]).to_dict(),
    }


def harm_statistics(
    crimes: counting.StoredCrimes, masks: counting.Masks, spec: AssessmentSpec, weights: tuple[int, int]
) -> dict[str, Any] | None:
    """The harm-weighted WDD when a harm table is configured (BEATBOOK_HARM_WEIGHTS), else None."""
    if not settings.BEATBOOK_HARM_WEIGHTS:
        return None
    table = load_weights(settings.BEATBOOK_HARM_WEIGHTS)
    per_area = {
        name: (
            counting.by_category(crimes, masks.of(name), spec.before.months),
            counting.by_category(crimes, masks.of(name), spec.after.months),
        )
        for name in counting.AREAS
    }
    slugs = sorted({s for b, a in per_area.values() for s in (*b, *a)})
    if not slugs:
        return None
    results = [
        stats.wdd(
            control=(per_area["control"][0].get(s, 0), per_area["control"][1].get(s, 0)),
            treated=(per_area["response"][0].get(s, 0), per_area["response"][1].get(s, 0)),
            disp_treated=(per_area["buffer"][0].get(s, 0), per_area["buffer"][1].get(s, 0)),
            time_weights=weights,
            alpha=spec.alpha,
        )
        for s in slugs
    ]
    combined = stats.wdd_harm(results, [table.weights.get(s, 0.0) for s in slugs], alpha=spec.alpha)
    return {"label": table.label, "categories": slugs, **combined.to_dict()}


def assess(spec: AssessmentSpec) -> dict[str, Any]:
    """The whole assessment as plain JSON values: options, data version, periods, counts,
    monthly series, statistics and the verdict. (Control wards are suggested on the page, before
    a run: ``controls.suggest_controls``.)"""
    if not spec.control_wards and spec.control_polygon is None:
        raise SpecError("control", "choose at least one control ward or draw a control area")
    published = set(_published(spec))
    periods = {
        "before": _period_facts(spec.before, published, "before"),
        "after": _period_facts(spec.after, published, "after"),
    }
    crimes = counting.stored_crimes(spec)
    masks = counting.masks(spec, crimes)
    counts = _counts(crimes, masks, spec)
    weights = (periods["before"]["published_months"], periods["after"]["published_months"])
    result: dict[str, Any] = {
        "options": spec.options(),
        "data_version": data_version_token(spec.force_slug),
        "periods": periods,
        "counts": counts,
        "monthly": _monthly(crimes, masks, spec, published),
        "statistics": statistics(counts, weights, spec.alpha),
    }
    result["statistics"]["harm"] = harm_statistics(crimes, masks, spec, weights)
    result["verdict"] = verdict(result)
    return _rounded(result)


def _rounded(value: Any) -> Any:
    """Floats to 6 significant digits, so that the page, the API and the command print the same."""
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(f"{float(value):.6g}") if np.isfinite(value) else None
    return value
