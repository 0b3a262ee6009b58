"""One access helper for scrutiny meetings (see core.access)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.scrutiny.models import Meeting


def get_meeting_for_user(request: HttpRequest, pk: Any) -> Meeting:
    """The meeting if the user may see it: published ones to everyone, drafts to supervisors; else 404."""
    return get_for_user(request, Meeting.objects.all(), pk)
