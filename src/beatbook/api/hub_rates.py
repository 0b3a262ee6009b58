"""/api/hub/rates: the rates page's figures, on the same query parameters as the page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from beatbook.api.auth import RoleSession
from beatbook.api.hub import Filters, table, valid_form
from beatbook.core.roles import HUB_READERS
from beatbook.hub.rates import rates as area_rates

router = Router(tags=["hub"], auth=RoleSession(*HUB_READERS))


@router.get(
    "/rates",
    url_name="hub-rates",
    summary="Crimes per head on each denominator configured for an area, and resident rates by LSOA",
)
def rates(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    form = valid_form(request)
    assert form.selection is not None
    result = area_rates(form.selection)
    return {
        "area": form.selection.area.describe(),
        "period": form.selection.describe_months(),
        "crimes": result.crimes,
        "published_months": result.months,
        "min_denominator": result.min_denominator,
        "comparison": result.comparison,
        "denominators": table("rates-area", form),
        "lsoas": table("rates-lsoa", form),
    }
