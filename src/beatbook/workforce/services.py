"""Saving officers and teams from the supervisors' pages, each change in the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.geography.models import Force

#: Fields whose values stay out of the audit log (personal, or a file): only that they changed.
UNLOGGED_VALUES = {"photo", "phone", "bio"}


@transaction.atomic
def save_record(request: HttpRequest, form: ModelForm) -> Any:
    """Save an officer or a team of the configured force; audit what changed (old and new values)."""
    record = form.save(commit=False)
    adding = record._state.adding
    if adding:
        record.force = Force.objects.get(slug=settings.BEATBOOK_FORCE)
    old_photo = _stored_photo(record)
    record.stamp(request.user)
    record.save()
    form.save_m2m()
    changes = audit.form_changes(form, unlogged=UNLOGGED_VALUES)
    audit.record(request, AuditAction.CREATE if adding else AuditAction.CHANGE, record, changes=changes)
    if old_photo and old_photo != record.photo.name:
        storage = record.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))  # no copy of a replaced photo is kept
    return record


def _stored_photo(record: Any) -> str:
    if record._state.adding or not hasattr(record, "photo"):
        return ""
    return type(record).objects.values_list("photo", flat=True).get(pk=record.pk) or ""
