"""/api/hub/...: the data of the Hub's pages, on the same query parameters as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, QueryDict
from ninja import Query, Router, Schema

from beatbook.api.auth import RoleSession
from beatbook.api.errors import BadParameters
from beatbook.core.roles import HUB_READERS
from beatbook.geography.models import Force
from beatbook.hub import export
from beatbook.hub.dashboard import dashboard as area_dashboard
from beatbook.hub.downloads import DOWNLOADS, metadata
from beatbook.hub.forms import HubFilterForm

router = Router(tags=["hub"], auth=RoleSession(*HUB_READERS))


class Filters(Schema):
    """The filters of every Hub page."""

    area: str = Query("force", description="force, sector:<code>, cluster:<code> or ward:<slug>")
    first: str | None = Query(None, alias="from", description="First month, YYYY-MM (default: 12 months to `to`)")
    last: str | None = Query(None, alias="to", description="Last month, YYYY-MM (default: the latest published)")
    category: list[str] = Query([], description="police.uk category slugs (repeat); none: all")


def valid_form(
    request: HttpRequest,
    form_class: type[HubFilterForm] = HubFilterForm,
    query: Callable[[HttpRequest, str], QueryDict] | None = None,
    empty_parameter: str = "from",
) -> HubFilterForm:
    """The page form bound to the request's query (or to ``query(request, force_slug)``), or
    BadParameters naming each bad parameter; with no data to show, ``empty_parameter`` says why."""
    force = Force.objects.configured()
    if force is None:
        raise BadParameters({"area": "no geography is loaded"})
    data = query(request, force.slug) if query else request.GET if isinstance(request.GET, QueryDict) else QueryDict()
    form = form_class(force, data)
    if not form.is_valid() or form.selection is None:
        reasons = {name: " ".join(map(str, errors)) for name, errors in form.errors.items()}
        raise BadParameters(reasons or {empty_parameter: form.empty_reason})
    return form


def table(name: str, form: HubFilterForm) -> dict[str, Any]:
    """A registered download (hub.downloads) as JSON: metadata and rows."""
    assert form.selection is not None
    item = DOWNLOADS[name]
    records, _ = item.compute(form.selection, form)
    return {"metadata": metadata(item, form), "rows": [{k: export.plain(v) for k, v in r.items()} for r in records]}


@router.get("/dashboard", url_name="hub-dashboard", summary="An area's dashboard: categories, months and top places")
def dashboard(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    form = valid_form(request)
    assert form.selection is not None
    result = area_dashboard(form.selection)
    return {
        "area": form.selection.area.describe(),
        "period": form.selection.describe_months(),
        "total": result.total,
        "categories": table("dashboard-categories", form),
        "trend": table("dashboard-trend", form),
        "places": table("dashboard-places", form),
        "notes": [a.describe() for a in result.artefacts] + [c.describe() for c in result.coverage],
    }
