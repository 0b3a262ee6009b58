"""The one way a view gets a school or a notification: through its model's `visible_to(user)`."""

from __future__ import annotations

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.schools.models import School, SchoolNotification


def get_notification_for_user(request: HttpRequest, pk: int) -> SchoolNotification:
    return get_for_user(request, SchoolNotification.objects.select_related("school", "ward"), pk)


def get_school_for_user(request: HttpRequest, pk: int) -> School:
    return get_for_user(request, School.objects.select_related("ward"), pk)
