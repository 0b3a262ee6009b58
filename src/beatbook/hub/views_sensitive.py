"""The Hub map's layer of repeat victims and callers and of intelligence by ward, as JSON for hub-map.js.

The same numbers as the table beside the map (hub/sensitive.py), for the same roles and the same months
(the page's query: its period), audited the same way; a Hub reader who may read neither kind is refused
(403), and the page never asks on their behalf.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse

from beatbook.core.access import role_required
from beatbook.core.roles import HUB_SENSITIVE_MAP_READERS
from beatbook.geography.models import Ward
from beatbook.hub.sensitive import classes_payload, shown_sensitive_counts
from beatbook.hub.views import hub_form


@role_required(*HUB_SENSITIVE_MAP_READERS)
def sensitive_counts_json(request: HttpRequest) -> JsonResponse:
    """Every ward of the force (the counts pages show them all to these roles); the map keeps those it draws."""
    form = hub_form(request)
    if form is not None and form.errors:
        errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    if form is None or form.selection is None:  # no crime stored: no period, and no page that draws the layer
        return _private({"repeats": False, "intel": False, "synthetic": False, "period": "", "wards": []})
    ward_ids = tuple(Ward.objects.of_force(settings.BEATBOOK_FORCE).values_list("pk", flat=True))
    selection = form.selection
    counts = shown_sensitive_counts(request, ward_ids, selection.first, selection.last, page="hub map")
    if counts is None:
        raise PermissionDenied("These counts are for the roles that may read them.")
    return _private(
        {
            "repeats": counts.repeats,
            "intel": counts.intel,
            "synthetic": counts.synthetic,
            "period": counts.period,
            "classes": classes_payload(),
            "wards": counts.rows,
        }
    )


def _private(payload: dict) -> JsonResponse:
    response = JsonResponse(payload)
    response["Cache-Control"] = "private, no-store"
    return response
