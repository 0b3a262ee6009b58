"""The Hub's pages: thin views over forms.py (the choice in the URL), dashboard.py (the
analysis, cached by data version) and presenters.py (rows, charts and map features)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from beatbook.accounts.models import profile_of
from beatbook.core.access import role_required
from beatbook.core.roles import HUB_READERS
from beatbook.geography.models import Force
from beatbook.hub import export, presenters
from beatbook.hub.dashboard import dashboard as area_dashboard
from beatbook.hub.dashboard import top_places
from beatbook.hub.downloads import DOWNLOADS, CannotExport, Download, metadata
from beatbook.hub.forms import HubFilterForm, area_value
from beatbook.hub.pages import hub_pages
from beatbook.hub.sensitive import shown_sensitive_counts


def hub_form(request: HttpRequest, form_class: type[HubFilterForm] = HubFilterForm) -> HubFilterForm | None:
    """The page's filters bound to the URL's query, validated; None when no geography is loaded."""
    force = Force.objects.configured()
    if force is None:
        return None
    form = form_class(force, request.GET)
    form.is_valid()
    return form


def render_hub(request: HttpRequest, template: str, form: HubFilterForm | None, context: dict) -> HttpResponse:
    """The page, with 400 when a value the person gave is wrong (the form says which and why)."""
    status = 400 if form is not None and form.errors else 200
    query = form.query() if form is not None else ""
    pages = hub_pages(request.resolver_match.view_name if request.resolver_match else "", query)
    return render(request, template, {"form": form, "hub_pages": pages, "query": query, **context}, status=status)


def _dashboard_link(form: HubFilterForm):
    def link(ward) -> str:
        return f"{reverse('hub:dashboard')}?{form.query(area=area_value('ward', ward.slug))}"

    return link


@role_required(*HUB_READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    form = hub_form(request)
    context: dict = {"page": "dashboard"}
    if form is not None and form.selection is not None:
        result = area_dashboard(form.selection)
        context.update(
            result=result,
            charts=presenters.charts(result),
            trend_rows=presenters.trend_rows(result.trend) if result.trend else [],
            forecast_rows=presenters.forecast_rows(result.trend) if result.trend else [],
            top_places=top_places(result.places) if result.places is not None else [],
            map_features=presenters.map_features(form.selection, result, _dashboard_link(form)),
            sensitive=shown_sensitive_counts(
                request, form.selection.area.ward_ids, form.selection.first, form.selection.last
            ),
        )
    return render_hub(request, "hub/dashboard.html", form, context)


@role_required(*HUB_READERS)
def my_area(request: HttpRequest) -> HttpResponse:
    """An officer's own cluster (from their profile); the whole force for anyone without one."""
    profile = profile_of(request.user)
    query = request.GET.copy()
    if profile is not None and profile.cluster is not None and "area" not in query:
        query["area"] = area_value("cluster", profile.cluster.code)
    return redirect(f"{reverse('hub:dashboard')}?{query.urlencode()}" if query else reverse("hub:dashboard"))


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "csv-metadata.json": "application/json",
    "geojson": "application/geo+json",
}


@role_required(*HUB_READERS)
def export_table(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """A page's table as CSV, its CSV metadata, or GeoJSON, for the same query as the page."""
    return export_response(request, DOWNLOADS.get(table), table, fmt)


def export_response(request: HttpRequest, item: Download | None, table: str, fmt: str) -> HttpResponse:
    """The download ``item`` in ``fmt`` for the request's query; 404 for an unknown table or format."""
    if item is None or fmt not in EXPORT_TYPES or (fmt == "geojson" and not item.geojson):
        raise Http404(f"No download {table}.{fmt}.")
    form = hub_form(request, item.form_class)
    if form is None or form.selection is None or form.errors:  # a page's own check may refuse a valid selection
        reasons = [f"{f}: {' '.join(map(str, e))}" for f, e in form.errors.items()] if form is not None else []
        message = "; ".join(reasons) or (form.empty_reason if form is not None else "no geography is loaded")
        return HttpResponse(f"Cannot export {table}: {message}\n", status=400, content_type="text/plain")
    filename = f"{table}-{form.selection.first:%Y-%m}-{form.selection.last:%Y-%m}"
    try:
        records, geometries = item.compute(form.selection, form)
    except CannotExport as exc:
        return HttpResponse(f"Cannot export {table}: {exc}\n", status=400, content_type="text/plain")
    meta = metadata(item, form)
    if fmt == "csv":
        body = export.csv_text(records)
    elif fmt == "geojson":
        body = export.geojson_text(records, geometries or [], meta)
    else:
        body = export.metadata_text(f"{filename}.csv", meta)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
