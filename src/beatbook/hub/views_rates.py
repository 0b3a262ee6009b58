"""The Hub's rates page: crimes per head on each denominator that fits (hub/rates.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from beatbook.core.access import role_required
from beatbook.core.roles import HUB_READERS
from beatbook.hub.rates import rates as area_rates
from beatbook.hub.views import hub_form, render_hub


@role_required(*HUB_READERS)
def rates(request: HttpRequest) -> HttpResponse:
    form = hub_form(request)
    context: dict = {"page": "rates"}
    if form is not None and form.selection is not None:
        context["result"] = area_rates(form.selection)
    return render_hub(request, "hub/rates.html", form, context)
