"""The premises page (/hub/premises/): thin, over premises_form (the choice in the URL),
premises_page (the analysis, cached) and premises_presenters (rows, charts, map)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from beatbook.core.access import role_required
from beatbook.core.roles import HUB_READERS
from beatbook.hub import premises_downloads  # noqa: F401  (registers the page's downloads)
from beatbook.hub import premises_presenters as present
from beatbook.hub.analyses import AnalysisError
from beatbook.hub.forms import area_value
from beatbook.hub.premises_form import PremisesForm
from beatbook.hub.premises_page import premises_page
from beatbook.hub.views import hub_form, render_hub


def _words(message: str) -> str:
    """An analysis message written for the command line, reworded for the page."""
    message = message.replace("give --radius", "give a radius")
    return message[0].upper() + message[1:] + ("" if message.endswith(".") else ".")


@role_required(*HUB_READERS)
def premises(request: HttpRequest) -> HttpResponse:
    form = hub_form(request, PremisesForm)
    context: dict = {"page": "premises"}
    if isinstance(form, PremisesForm) and form.selection is not None:
        context["query"] = form.page_query()
        try:
            page = premises_page(form.selection, form.chosen_register, form.types, form.radius_metres)
        except AnalysisError as exc:
            context["analysis_error"] = _words(str(exc))
        else:
            drawn = present.charts(page)

            def ward_link(ward) -> str:
                return f"{reverse('hub:premises')}?{form.page_query_with(area=area_value('ward', ward.slug))}"

            context.update(
                result=page,
                charts=drawn,
                rows=present.ranked_rows(page, drawn["sparklines"]),
                month_rows=present.month_rows(page),
                curve_rows=present.curve_rows(page),
                map_script=present.map_script(page, ward_link, form.page_query()),
                others_drawn=present.others_drawn(page),
            )
    return render_hub(request, "hub/premises.html", form, context)
