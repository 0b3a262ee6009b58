"""Intelligence by ward: a table and its CSV, audited as a view and an export."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import INTEL_COUNT_READERS
from beatbook.intel.counts import WINDOW_DAYS, counts_by_ward


@role_required(*INTEL_COUNT_READERS)
def counts(request: HttpRequest) -> HttpResponse:
    rows, unlocated = counts_by_ward()
    audit.record(request, AuditAction.VIEW, object_type="intel.counts")
    context = {"rows": rows, "unlocated": unlocated, "total": sum(r.received for r in rows) + unlocated}
    return render(request, "intel/counts.html", {**context, "window_days": WINDOW_DAYS})


@role_required(*INTEL_COUNT_READERS)
def counts_export(request: HttpRequest) -> HttpResponse:
    rows, unlocated = counts_by_ward()
    audit.record(request, AuditAction.EXPORT, object_type="intel.counts")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["ward", "cluster", f"received_last_{WINDOW_DAYS}_days", "not_yet_ready_to_share"])
    writer.writerows([r.ward, r.cluster, r.received, r.open] for r in rows)
    writer.writerow(["(no ward)", "", unlocated, ""])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="beatbook-intelligence-by-ward.csv"'
    return response
