"""Every change made in the Django admin (roles, accounts, devices, geography) is also an audit event.

The admin writes its own LogEntry for each addition, change and deletion; that table can be
edited, the audit log cannot.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from beatbook.core import audit
from beatbook.core.models import AuditAction

ACTIONS = {ADDITION: AuditAction.CREATE, CHANGE: AuditAction.CHANGE, DELETION: AuditAction.DELETE}


@receiver(post_save, sender=LogEntry)
def _admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    content_type = instance.content_type
    audit.record(
        None,
        ACTIONS.get(instance.action_flag, AuditAction.CHANGE),
        user=instance.user,
        object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=str(instance.object_id or ""),
        object_repr=instance.object_repr,
        via="admin",
        message=instance.get_change_message(),
    )
