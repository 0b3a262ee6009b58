"""The Hub map's layer of repeat victims and callers and of intelligence by ward, as JSON for hub-map.js.

The same numbers as the table beside the map (hub/sensitive.py), for the same roles, audited the same way;
a Hub reader who may read neither kind is refused (403), and the page never asks on their behalf.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse

from beatbook.core.access import role_required
from beatbook.core.roles import HUB_SENSITIVE_MAP_READERS
from beatbook.geography.models import Ward
from beatbook.hub.sensitive import shown_sensitive_counts


@role_required(*HUB_SENSITIVE_MAP_READERS)
def sensitive_counts_json(request: HttpRequest) -> JsonResponse:
    """Every ward of the force (the counts pages show them all to these roles); the map keeps those it draws."""
    ward_ids = tuple(Ward.objects.of_force(settings.BEATBOOK_FORCE).values_list("pk", flat=True))
    counts = shown_sensitive_counts(request, ward_ids, page="hub map")
    if counts is None:
        raise PermissionDenied("These counts are for the roles that may read them.")
    payload = {"repeats": counts.repeats, "intel": counts.intel, "synthetic": counts.synthetic, "wards": counts.rows}
    response = JsonResponse(payload)
    response["Cache-Control"] = "private, no-store"
    return response
