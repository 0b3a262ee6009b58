"""The tasking briefing as a page (readable on a phone, printable) and as a PDF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import HUB_READERS
from beatbook.geography.models import Force
from beatbook.hub import briefing_downloads  # noqa: F401  (registers the briefing's tables for export)
from beatbook.hub.briefing import Briefing, briefing
from beatbook.hub.briefing_form import BriefingForm, briefing_query
from beatbook.hub.pdf import OwnStaticFetcher, html_to_pdf
from beatbook.hub.views import render_hub


def briefing_form(request: HttpRequest) -> BriefingForm | None:
    force = Force.objects.configured()
    if force is None:
        return None
    form = BriefingForm(force, briefing_query(request, force.slug))
    form.is_valid()
    return form


def _context(form: BriefingForm) -> dict[str, Any]:
    assert form.selection is not None
    result: Briefing = briefing(form.selection, form.window_months)
    return {"briefing": result, "pdf_url": f"{reverse('hub:briefing_pdf')}?{form.query()}"}


@role_required(*HUB_READERS)
def briefing_page(request: HttpRequest) -> HttpResponse:
    form = briefing_form(request)
    context: dict[str, Any] = {"page": "briefing"}
    if form is not None and form.selection is not None:
        context.update(_context(form))
    return render_hub(request, "hub/briefing.html", form, context)


@role_required(*HUB_READERS)
def briefing_pdf(request: HttpRequest) -> HttpResponse:
    """The briefing as an A4 PDF, for the same query as the page; each download is audited."""
    form = briefing_form(request)
    if form is None or form.selection is None:
        reasons = [f"{f}: {' '.join(map(str, e))}" for f, e in form.errors.items()] if form is not None else []
        message = "; ".join(reasons) or (form.empty_reason if form is not None else "no geography is loaded")
        return HttpResponse(f"Cannot make the briefing: {message}\n", status=400, content_type="text/plain")
    context = {**_context(form), "form": form, "query": form.query()}
    html = render_to_string("hub/briefing_print.html", context, request=request)
    fetcher = OwnStaticFetcher()
    pdf = html_to_pdf(html, fetcher)
    selection = form.selection
    filename = f"briefing-{slugify(selection.area.name)}-{selection.last:%Y-%m}.pdf"
    audit.record(
        request,
        AuditAction.EXPORT,
        object_type="hub.briefing",
        object_repr=f"Tasking briefing, {selection.area.name}, {selection.last:%Y-%m}",
        query=form.query(),
        bytes=len(pdf),
        refused_urls=fetcher.refused,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
