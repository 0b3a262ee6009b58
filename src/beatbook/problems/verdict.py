"""The assessment in plain English: what changed, how sure we can be, and what the data cannot show."""

from __future__ import annotations

from typing import Any

#: What police.uk data cannot show, said with every verdict.
LIMITS = (
    "police.uk publishes months, not dates: a response that began mid-month blurs into the month "
    "around it, and nothing can be said about days or times of day.",
    "Every crime is moved to a nearby anonymous map point: a small area or a narrow ring gains or "
    "loses whole map points, and a crime just inside the boundary may have happened just outside.",
    "These are recorded crimes: a response that makes people report more (more patrols, a new "
    "reporting route) can raise the count while crime falls.",
    "An area chosen because crime was high tends to fall back anyway (regression to the mean); the "
    "control area corrects for this only as far as it followed the response area before.",
)


def _certainty(p_value: float, ci_excludes_zero: bool) -> str:
    if not ci_excludes_zero:
        return "not sure: the change is within what chance alone gives"
    if p_value < 0.01:
        return "fairly sure: chance alone would rarely give a change this large"
    return "some evidence: chance alone would give a change this large now and then"


def _headline(wdd: dict[str, Any], level: int) -> str:
    est, low, high = wdd["est_total"], wdd["low_ci"], wdd["high_ci"]
    size = f"{abs(est):.1f} crimes a month ({level}% interval {low:+.1f} to {high:+.1f})"
    if high < 0:
        return f"Crime fell in the response area relative to the control area, net of the buffer: by about {size}."
    if low > 0:
        return f"Crime rose in the response area relative to the control area, net of the buffer: by about {size}."
    direction = "fell" if est < 0 else "rose"
    return f"Crime {direction} slightly relative to the control area, by about {size}: not told apart from chance."


def _details(result: dict[str, Any], level: int) -> list[str]:
    counts, s = result["counts"], result["statistics"]
    r, b, c = counts["response"], counts["buffer"], counts["control"]
    months = result["periods"]["before"]["published_months"], result["periods"]["after"]["published_months"]
    e = s["e_test"]
    res = s["res"]
    lines = [
        f"Response area: {r['before']} crimes in {months[0]} published months before, {r['after']} in "
        f"{months[1]} after (E-test of the monthly rates p = {e['p_value']:.3f}). Buffer: {b['before']} "
        f"then {b['after']}. Control area: {c['before']} then {c['after']}.",
        f"Weighted displacement difference: {s['wdd']['est_total']:+.2f} crimes a month "
        f"(z = {s['wdd']['z']:.2f}, p = {s['wdd']['p_value']:.3f}); of which the response area "
        f"{s['wdd']['est_local']:+.2f} and the buffer {s['wdd']['est_displace']:+.2f}.",
        f"Relative effect size {res['res']:.2f} ({level}% interval {res['low_ci']:.2f} to {res['high_ci']:.2f}): "
        "above 1 means the response area did better than the control area.",
        f"Weighted displacement quotient: {_quotient(s['wdq'], res)}.",
    ]
    if s.get("harm"):
        h = s["harm"]
        lines.append(
            f"Harm-weighted ({h['label']}): {h['est']:+.1f} a month ({level}% interval {h['low_ci']:+.1f} to "
            f"{h['high_ci']:+.1f})."
        )
    return lines


def _quotient(wdq: dict[str, Any], res: dict[str, Any]) -> str:
    """The WDQ divides by the response area's change relative to control: read it only when that
    change is told apart from chance (the RES interval excludes 1), or a near-zero divisor gives a
    large quotient and a confident reading of noise (Bowers & Johnson 2003 read it only on success)."""
    value = wdq.get("quotient")
    if value is None:
        return wdq["interpretation"]
    if res["low_ci"] <= 1 <= res["high_ci"]:
        return (
            f"{value:.2f}, not interpreted: the response area's change relative to the control area is "
            "within chance (its relative effect size interval includes 1), so there is no success to weigh "
            "the buffer against"
        )
    return f"{value:.2f}, {wdq['interpretation']}"


def verdict(result: dict[str, Any]) -> dict[str, Any]:
    """A headline, how sure it is, the figures behind it in words, and the data's limits."""
    wdd = result["statistics"]["wdd"]
    level = round(100 * (1 - wdd["alpha"]))
    excludes_zero = wdd["high_ci"] < 0 or wdd["low_ci"] > 0
    limits = list(LIMITS)
    for name in ("before", "after"):
        gap = result["periods"][name]["unpublished"]
        if gap:
            limits.append(
                f"No data were published for {', '.join(gap)} of the {name} period: those months are left out."
            )
    small = min(result["counts"]["response"].values())
    if small < 10:
        limits.append(
            f"The response area has few crimes ({small} in one period): a handful either way changes the result."
        )
    return {
        "headline": _headline(wdd, level),
        "certainty": _certainty(wdd["p_value"], excludes_zero),
        "details": _details(result, level),
        "limits": limits,
    }
