"""The performance dashboard, each indicator's definition, and the quarterly board pack."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import BOARD_PACK_DOWNLOADERS, BOARD_PACK_WRITERS, PERFORMANCE_READERS, has_role
from beatbook.geography.models import Force
from beatbook.performance import board_pack as pack_module
from beatbook.performance.forms import CommentaryForm, DashboardForm, QuarterForm
from beatbook.performance.owners import may_comment, who_comments
from beatbook.performance.registry import get, indicators
from beatbook.performance.services import (
    effective_indicators,
    framework,
    save_commentary,
    scope_for,
    source_of,
    target_text,
)


def _empty(request: HttpRequest, template: str) -> HttpResponse:
    return render(request, template, {"form": None})


@role_required(*PERFORMANCE_READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    force = Force.objects.configured()
    if force is None:
        return _empty(request, "performance/dashboard.html")
    form = DashboardForm(force, request.GET)
    if not form.is_valid():
        return render(request, "performance/dashboard.html", {"form": form}, status=400)
    scope = scope_for(force, form.cleaned_data["scope"])
    period = form.cleaned_data["period"]
    context = {"form": form, "scope": scope, "period": period, "aims": framework(scope, period)}  # type: ignore[arg-type]
    context["can_see_pack"] = has_role(request.user, *BOARD_PACK_WRITERS)
    return render(request, "performance/dashboard.html", context)


@role_required(*PERFORMANCE_READERS)
def definition(request: HttpRequest, code: str) -> HttpResponse:
    found = next((i for i in effective_indicators() if i.code == code), None)
    if found is None:
        raise Http404(f"No indicator is called {code!r}")
    context = {"item": found, "source": source_of(found), "target": target_text(found)}
    return render(request, "performance/definition.html", context)


def _pack_context(request: HttpRequest, force: Force, form: QuarterForm) -> dict[str, Any]:
    pack = pack_module.board_pack(force, form.cleaned_data["quarter"])
    return {
        "form": form,
        "pack": pack,
        "sections": pack_module.template_sections(pack),
        "pdf_url": f"{reverse('performance:board_pack_pdf')}?quarter={pack.period.label}",
        "can_download": has_role(request.user, *BOARD_PACK_DOWNLOADERS),
        "writable": {i.code for i in indicators() if may_comment(request.user, i)},
    }


@role_required(*BOARD_PACK_WRITERS)
def board_pack(request: HttpRequest) -> HttpResponse:
    """The pack for a quarter; POST writes one figure's commentary (its owner's or a supervisor's)."""
    force = Force.objects.configured()
    if force is None:
        return _empty(request, "performance/board_pack.html")
    if request.method == "POST":
        return _save_commentary(request, force)
    form = QuarterForm(force, request.GET)
    if not form.is_valid():
        return render(request, "performance/board_pack.html", {"form": form}, status=400)
    return render(request, "performance/board_pack.html", _pack_context(request, force, form))


def _save_commentary(request: HttpRequest, force: Force) -> HttpResponse:
    form = CommentaryForm(force, request.POST)
    if not form.is_valid():
        return _commentary_not_saved(request, form, form.problems(), status=400)
    data = form.cleaned_data
    item = get(data["indicator"])
    if not may_comment(request.user, item):
        refusal = f"The commentary on {item.name} is written by {who_comments(item)}: yours was not saved."
        return _commentary_not_saved(request, form, [refusal], status=403)
    save_commentary(request, data["indicator"], data["scope"], data["quarter"], data["text"])
    messages.success(request, "Commentary saved.")
    url = f"{reverse('performance:board_pack')}?quarter={data['quarter'].label}#{data['scope']}-{data['indicator']}"
    return redirect(url)


def _commentary_not_saved(request: HttpRequest, form: CommentaryForm, problems: list[str], status: int) -> HttpResponse:
    """The problems, and the text as it was typed: offered to save again when only the text was at
    fault, shown to copy otherwise."""
    context = {
        "form": None,
        "commentary_errors": problems,
        "commentary": form,
        "can_retry": status == 400 and set(form.errors) <= {"text"},
        "quarter": request.POST.get("quarter", ""),
    }
    return render(request, "performance/board_pack.html", context, status=status)


@role_required(*BOARD_PACK_DOWNLOADERS)
def board_pack_pdf(request: HttpRequest) -> HttpResponse:
    """The pack as an A4 PDF; each download is audited."""
    force = Force.objects.configured()
    if force is None:
        return HttpResponse(
            "Cannot make the board pack: no geography is loaded\n", status=400, content_type="text/plain"
        )
    form = QuarterForm(force, request.GET)
    if not form.is_valid():
        errors = "; ".join(f"{name}: {' '.join(map(str, e))}" for name, e in form.errors.items())
        return HttpResponse(f"Cannot make the board pack: {errors}\n", status=400, content_type="text/plain")
    pack = pack_module.board_pack(force, form.cleaned_data["quarter"])
    pdf, fetcher = pack_module.render_pdf(pack, request)
    audit.record(
        request,
        AuditAction.EXPORT,
        object_type="performance.board_pack",
        object_repr=f"Board pack, {force.name}, {pack.period.label}",
        bytes=len(pdf),
        refused_urls=fetcher.refused,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="board-pack-{force.slug}-{pack.period.label}.pdf"'
    return response
