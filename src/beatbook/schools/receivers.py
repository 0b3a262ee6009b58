"""The school notifications' side of the incident log: each import opens a task "to assign" for every
domestic-abuse incident with children present (Operation Encompass) that has none yet."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.dispatch import receiver

from beatbook.safeguarding import services as safeguarding
from beatbook.safeguarding.signals import incident_log_imported
from beatbook.schools.services import open_from_incident_log


@receiver(incident_log_imported, dispatch_uid="schools.open_from_incident_log")
def open_notification_tasks(sender: Any, **kwargs: Any) -> None:
    """Only the log's recent incidents: one from months ago is far past the next school day."""
    newest = safeguarding.as_of()
    if newest is None:
        return
    since = newest - timedelta(days=settings.BEATBOOK_SCHOOL_NOTIFY_LOOKBACK_DAYS)
    incidents = safeguarding.incidents_needing_school_notification().filter(occurred_at__gte=since)
    open_from_incident_log(incidents.select_related("ward"))
