"""The hotspot map and near-repeat pages: thin views over analysis_forms.py (the choice in the
URL), hotspot_map.py / near_repeat_page.py (cached analyses) and hotspot_features.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse

from beatbook.core.access import role_required
from beatbook.core.roles import HUB_READERS
from beatbook.hub import hotspot_features, near_repeat_page
from beatbook.hub.analysis_forms import HotspotForm, NearRepeatForm
from beatbook.hub.forms import HubFilterForm, area_value
from beatbook.hub.views import hub_form, render_hub


def own_query(form: HubFilterForm, **changes: str) -> str:
    """The page's whole query (its own options too) with ``changes``: links that keep every choice."""
    params = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
    for name, value in changes.items():
        params[name] = value
    return params.urlencode()


@role_required(*HUB_READERS)
def hotspots(request: HttpRequest) -> HttpResponse:
    form = hub_form(request, HotspotForm)
    context: dict = {"page": "hotspots"}
    if isinstance(form, HotspotForm) and form.selection is not None and not form.errors:
        result = hotspot_features.result_of(form)

        def link(ward) -> str:
            return f"{reverse('hub:hotspots')}?{own_query(form, area=area_value('ward', ward.slug))}"

        features = hotspot_features.map_features(result, link)
        context.update(
            result=result,
            map_features=features,
            places=hotspot_features.place_rows(result),
            wards=[f["properties"] for f in features["features"] if f["properties"]["layer"] == "ward"],
            own_query=own_query(form),
            **hotspot_features.legend_counts(result),
        )
    return render_hub(request, "hub/hotspots.html", form, context)


@role_required(*HUB_READERS)
def near_repeat(request: HttpRequest) -> HttpResponse:
    form = hub_form(request, NearRepeatForm)
    context: dict = {"page": "near_repeat"}
    if isinstance(form, NearRepeatForm) and form.selection is not None and not form.errors:
        run = near_repeat_page.knox_run(form.selection, near_repeat_page.KnoxOptions.of(form))
        if run.too_large:
            form.add_error(None, run.error)  # the page says so with status 400, like any refused choice
        context.update(run=run, own_query=own_query(form))
        if run.result is not None:
            context.update(
                rows=near_repeat_page.table_rows(run.result),
                readings=near_repeat_page.readings(run.result),
                time_columns=list(zip(run.result.knox.time_labels, run.result.time_meanings)),
            )
    return render_hub(request, "hub/near_repeat.html", form, context)
