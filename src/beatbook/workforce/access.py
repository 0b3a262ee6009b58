"""One access helper per object type of the workforce (see core.access)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from beatbook.core.access import get_for_user
from beatbook.core.roles import WORKFORCE_EDITORS, has_role
from beatbook.workforce.models import Officer, Team
from beatbook.workforce.records import Abstraction


def get_officer_for_user(request: HttpRequest, pk: Any) -> Officer:
    return get_for_user(request, Officer.objects.prefetch_related("teams"), pk)


def get_team_for_user(request: HttpRequest, pk: Any) -> Team:
    return get_for_user(request, Team.objects.all(), pk)


def get_photo_for_user(request: HttpRequest, pk: Any) -> Officer:
    """Anyone sees the photo of a serving officer who agreed to publish it; supervisors see every photo."""
    officers = Officer.objects.exclude(photo="")
    if not has_role(request.user, *WORKFORCE_EDITORS):
        officers = officers.serving().filter(publish_photo=True)
    try:
        return officers.get(pk=pk)
    except (Officer.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No photo of officer {pk!r} is published.") from None


def get_abstraction_for_user(request: HttpRequest, pk: Any) -> Abstraction:
    """An abstraction its officer or a supervisor may see; anyone else's is a 404."""
    return get_for_user(request, Abstraction.objects.select_related("officer", "reason"), pk)
