"""The problem picker of the intelligence role: SARA problems by reference and title, nothing else
(docs/adr/0013). Each search is audited with its words and the references it named."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import INTEL_PROBLEM_LINKERS
from beatbook.intel.access import get_item_for_user
from beatbook.intel.forms import ProblemSearchForm
from beatbook.problems import picker


@role_required(*INTEL_PROBLEM_LINKERS)
def problem_picker(request: HttpRequest) -> HttpResponse:
    """`?q=` words or a reference; `?item=` the item to go back to with the chosen reference."""
    form = ProblemSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "intel/problem_picker.html", {"form": form, "choices": []}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    item = get_item_for_user(request, data["item"])[0] if data.get("item") else None
    query = data.get("q", "")
    choices = picker.search(query) if query else []
    if query:
        found = [c.reference for c in choices]
        audit.record(
            request, AuditAction.SEARCH, object_type="problems.problem", picker="intel", query=query, found=found
        )
    context = {"form": form, "choices": choices, "item": item, "query": query, "limit": picker.LIMIT}
    return render(request, "intel/problem_picker.html", context)
