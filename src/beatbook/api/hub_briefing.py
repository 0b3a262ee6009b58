"""/api/hub/briefing: the tasking briefing's figures, on the same query parameters as the page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from beatbook.api.auth import RoleSession
from beatbook.api.hub import table, valid_form
from beatbook.core.roles import HUB_READERS
from beatbook.hub import briefing_downloads  # noqa: F401  (registers the tables served here)
from beatbook.hub.briefing import briefing
from beatbook.hub.briefing_form import BriefingForm, briefing_query

router = Router(tags=["hub"], auth=RoleSession(*HUB_READERS))


class BriefingFilters(Schema):
    area: str | None = Query(
        None,
        description="force, sector:<code>, cluster:<code> or ward:<slug> (default: your own cluster, else the force)",
    )
    month: str | None = Query(None, description="YYYY-MM (default: the latest published month)")
    window: int | None = Query(None, description="Recent months for hotspots and premises: 3 (default) or 1")
    category: list[str] = Query([], description="police.uk category slugs (repeat); none: all")


@router.get(
    "/briefing",
    url_name="hub-briefing",
    summary="The tasking briefing of an area and month: anomalies, hotspots, repeat locations, premises, patrols",
)
def briefing_api(request: HttpRequest, filters: Query[BriefingFilters]) -> dict[str, Any]:
    form = valid_form(request, BriefingForm, query=briefing_query, empty_parameter="month")
    assert isinstance(form, BriefingForm) and form.selection is not None
    result = briefing(form.selection, form.window_months)
    return {
        "area": form.selection.area.describe(),
        "month": f"{result.period.month:%Y-%m}",
        "recent_months": [f"{m:%Y-%m}" for m in result.period.recent],
        "total": result.total,
        "patrols": table("briefing-patrols", form),
        "anomalies": table("briefing-anomalies", form),
        "hotspots": table("briefing-hotspots", form),
        "repeats": table("briefing-repeats", form),
        "premises": table("briefing-premises", form),
        "notes": [a.describe() for a in result.artefacts] + [c.describe() for c in result.coverage],
    }
