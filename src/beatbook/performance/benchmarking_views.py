"""The benchmarking page and its CSV download (analysts and supervisors)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beatbook.core.access import role_required
from beatbook.core.roles import BENCHMARK_READERS
from beatbook.hub.export import csv_text
from beatbook.performance import benchmarking
from beatbook.performance.benchmarking_form import BenchmarkForm


def _form(request: HttpRequest) -> BenchmarkForm:
    options = benchmarking.forces_with_data()
    return BenchmarkForm(request.GET, options=options)  # no parameters: the user's force alone, its latest month


def _comparison(form: BenchmarkForm) -> dict[str, Any]:
    """The chosen forces, the months compared (given, or the latest shared) and the figures."""
    chosen = form.chosen()
    period = form.cleaned_data.get("period") or benchmarking.default_period(chosen)
    found = benchmarking.compare(chosen, period) if chosen and period else None
    return {"chosen": chosen, "period": period, "comparison": found}


@role_required(*BENCHMARK_READERS)
def page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, Any] = {
        "form": form,
        "options": form.options,
        "own": settings.BEATBOOK_FORCE,
        "measures": benchmarking.MEASURES,
        "query": request.GET.urlencode(),
    }
    if not form.is_valid():
        return render(request, "performance/benchmarking.html", context, status=400)
    context.update(_comparison(form))
    return render(request, "performance/benchmarking.html", context)


@role_required(*BENCHMARK_READERS)
def download(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return HttpResponse("\n".join(form.problems()), status=400, content_type="text/plain; charset=utf-8")
    found = _comparison(form)
    if found["comparison"] is None:
        return HttpResponse(
            "period: the chosen forces share no published month; choose other forces or give a period",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    comparison = found["comparison"]
    response = HttpResponse(csv_text(benchmarking.records(comparison)), content_type="text/csv; charset=utf-8")
    name = f"benchmarking-{comparison.period.label}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
