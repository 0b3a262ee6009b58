"""The verbs that change a plan: each saves, stamps who did it and writes the change to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.partnership.models import Action, Priority


@transaction.atomic
def save_action(request: HttpRequest, form: Any) -> Action:
    action: Action = form.save(commit=False)
    adding = action._state.adding
    action.stamp(request.user)
    action.save()
    changes = audit.form_changes(form)
    audit.record(request, AuditAction.CREATE if adding else AuditAction.CHANGE, action, changes=changes)
    return action


@transaction.atomic
def save_priority(request: HttpRequest, form: Any) -> Priority:
    """The priority's title, description and links: indicator codes, problems and campaigns."""
    before = list(form.instance.indicator_codes or [])
    priority: Priority = form.save(commit=False)
    priority.stamp(request.user)
    priority.save()
    form.save_m2m()
    changes = audit.form_changes(form)
    if before != priority.indicator_codes:
        changes["indicator_codes"] = [before, priority.indicator_codes]
    changes.pop("codes", None)
    audit.record(request, AuditAction.CHANGE, priority, changes=changes)
    return priority
