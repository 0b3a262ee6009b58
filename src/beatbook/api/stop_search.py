"""/api/hub/stop-and-search: the public stop-and-search figures (no sign-in), on the same query
parameters as the page at /stop-and-search/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from beatbook.api.errors import BadParameters
from beatbook.api.hub import valid_form
from beatbook.hub import export
from beatbook.hub.downloads import metadata
from beatbook.hub.forms import HubFilterForm
from beatbook.stopsearch.downloads import PUBLIC_DOWNLOADS
from beatbook.stopsearch.figures import stop_search_figures
from beatbook.stopsearch.forms import StopSearchFilterForm

router = Router(tags=["stop and search"])


class StopSearchFilters(Schema):
    area: str = Query("force", description="force, sector:<code>, cluster:<code> or ward:<slug>")
    first: str | None = Query(
        None, alias="from", description="First month, YYYY-MM (default: 12 published stop-and-search months to `to`)"
    )
    last: str | None = Query(
        None, alias="to", description="Last month, YYYY-MM (default: the latest month with stop-and-search data)"
    )


def _table(name: str, form: HubFilterForm) -> dict[str, Any]:
    assert form.selection is not None
    item = PUBLIC_DOWNLOADS[name]
    records, _ = item.compute(form.selection, form)
    return {"metadata": metadata(item, form), "rows": [{k: export.plain(v) for k, v in r.items()} for r in records]}


@router.get(
    "/stop-and-search",
    url_name="hub-stop-and-search",
    auth=None,
    summary="Stop and search: counts by power, object, outcome, age, gender and ethnicity, the find rate, per month",
    description="Public data.police.uk figures: no sign-in. The find rate is the share of searches whose outcome "
    "was linked to the object of the search, among those where that field is recorded; "
    "no percentage on fewer than 20 searches. 400 with the one error body for a bad parameter.",
)
def stop_and_search(request: HttpRequest, filters: Query[StopSearchFilters]) -> dict[str, Any]:
    form = valid_form(request, StopSearchFilterForm)
    selection = form.selection
    if selection is None:  # valid_form refuses this already; kept for the type checker
        raise BadParameters({"from": form.empty_reason})
    figures = stop_search_figures(selection)
    return {
        "area": selection.area.describe(),
        "period": selection.describe_months(),
        "searches": figures.total,
        "find_rate": figures.find.to_dict(),
        "locations": figures.locations if selection.area.kind == "force" else None,
        "tables": {name.removeprefix("stop-and-search-"): _table(name, form) for name in PUBLIC_DOWNLOADS},
    }
