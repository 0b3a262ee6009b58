"""What the pages and the plan show of an assessment: its chart and the table beside it."""

from __future__ import annotations

from typing import Any

from beatbook.core.charts import series_chart
from beatbook.geography.models import Ward


def _expected(monthly: dict[str, Any], counts: dict[str, Any]) -> list[float | None]:
    """The response area as the control area would have had it: the control's months scaled by
    the response area's before count over the control's (what the WDD compares against)."""
    c0 = counts["control"]["before"]
    scale = counts["response"]["before"] / c0 if c0 else None
    return [None if v is None or scale is None else round(v * scale, 1) for v in monthly["control"]]


def chart(result: dict[str, Any]) -> str:
    monthly, counts = result["monthly"], result["counts"]
    months = monthly["months"]
    split = months.index(result["periods"]["after"]["first"]) if result["periods"]["after"]["first"] in months else None
    return series_chart(
        months,
        [
            ("Response area", monthly["response"]),
            ("Buffer", monthly["buffer"]),
            ("Control area", monthly["control"]),
            ("Response expected from control", _expected(monthly, counts)),
        ],
        split,
        "Crimes per month",
    )


def table_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    monthly = result["monthly"]
    before = result["periods"]["before"]
    after = result["periods"]["after"]
    rows = []
    for i, month in enumerate(monthly["months"]):
        period = (
            "before"
            if before["first"] <= month <= before["last"]
            else "after"
            if month >= after["first"]
            else "between"
        )
        rows.append(
            {
                "month": month,
                "period": period,
                "response": monthly["response"][i],
                "buffer": monthly["buffer"][i],
                "control": monthly["control"][i],
            }
        )
    return rows


def control_ward_names(result: dict[str, Any]) -> str:
    """The control wards by name (the result keeps their codes, so that it can be run again)."""
    codes = list(result["options"].get("control") or [])
    names = dict(Ward.objects.filter(code__in=codes).values_list("code", "name"))
    return ", ".join(names.get(code, code) for code in codes)
