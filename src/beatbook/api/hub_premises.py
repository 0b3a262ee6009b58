"""/api/hub/premises: the premises page's data, on the same query parameters as the page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from beatbook.api.auth import RoleSession
from beatbook.api.hub import Filters, table, valid_form
from beatbook.core.roles import HUB_READERS
from beatbook.hub import premises_downloads  # noqa: F401  (registers the page's tables)
from beatbook.hub.analyses import AnalysisError
from beatbook.hub.premises_form import PremisesForm
from beatbook.hub.premises_page import premises_page

router = Router(tags=["hub"], auth=RoleSession(*HUB_READERS))


class PremisesFilters(Filters):
    """The Hub's filters (categories default to the night-time economy's) and the page's own."""

    register_key: str = Query(
        "fsa", alias="register", description="fsa (the shipped FSA register) or licensing:<name> (an imported one)"
    )
    premises_type: list[str] = Query(
        [], description="premises types of the register (repeat); none: pubs, bars, nightclubs"
    )
    radius: float | None = Query(None, description="metres, 1-500; default: the spacing of police.uk map points")


@router.get(
    "/premises",
    url_name="hub-premises",
    summary="Crimes near premises: counts, the map points behind them, months, concentration curve",
)
def premises(request: HttpRequest, filters: Query[PremisesFilters]) -> dict[str, Any]:
    form = valid_form(request, PremisesForm)
    assert isinstance(form, PremisesForm) and form.selection is not None
    register = form.chosen_register
    head = {
        "area": form.selection.area.describe(),
        "period": form.selection.describe_months(),
        "register": {"key": register.key, "description": register.description},
        "types": list(form.types),
    }
    try:
        page = premises_page(form.selection, register, form.types, form.radius_metres)
    except AnalysisError as exc:
        return {**head, "message": str(exc)}  # a valid choice with nothing to count (no premises in the area)
    r = page.risk.result
    return {
        **head,
        "radius": r.radius,
        "automatic_radius": page.risk.automatic_radius,
        "crimes_located": r.crimes_total,
        "crimes_within_radius": r.crimes_assigned,
        "crimes_within_radius_of_any_premises": page.near_any,
        "map_point_sharing": page.nearest_point_sharing(),
        "comparison": page.change_note,
        "premises": table("premises", form),
        "map_points": table("premises-map-points", form),
        "months": table("premises-months", form),
        "curve": table("premises-curve", form),
        "notes": [a.describe() for a in page.artefacts] + [c.describe() for c in page.coverage],
    }
