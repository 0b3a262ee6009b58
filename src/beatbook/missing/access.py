"""The one way a view gets a briefing: through `MissingBriefing.objects.visible_to(user)`."""

from __future__ import annotations

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.core.roles import MISSING_FINDERS, MISSING_OWNERS, has_role
from beatbook.missing.models import MissingBriefing


def get_briefing_for_user(request: HttpRequest, pk: int) -> tuple[MissingBriefing, bool]:
    """The briefing, or 404 when `request.user` may not see it; and whether they may change it."""
    briefing = get_for_user(request, MissingBriefing.objects.prefetch_related("clusters"), pk)
    return briefing, has_role(request.user, *MISSING_OWNERS)


def may_record_found(request: HttpRequest) -> bool:
    """Whoever sees an active briefing and may record the person found (officers see only their cluster's)."""
    return has_role(request.user, *MISSING_FINDERS)
