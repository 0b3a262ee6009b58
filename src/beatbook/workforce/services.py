"""Saving and deleting officers and teams, entering and importing abstractions, deployments and
qualifications: each change in the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models import ForeignObjectRel, Model
from django.forms import ModelForm
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.months import add_months
from beatbook.geography.models import Force
from beatbook.workforce import importer
from beatbook.workforce.importer import ImportReport
from beatbook.workforce.models import Officer, Team
from beatbook.workforce.records import Qualification

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


@transaction.atomic
def save_entry(request: HttpRequest, form: ModelForm, officer: Officer | None = None) -> Any:
    """Save an abstraction, a deployment or a qualification from its form (`officer`: the officer's own
    entry, whose form has no officer field); audit it."""
    record = form.save(commit=False)
    adding = record._state.adding
    if officer is not None:
        record.officer = officer
    if adding and hasattr(record, "entered_by"):
        record.entered_by = request.user
    if isinstance(record, Qualification) and record.expires is None and record.kind.renewal_months:
        record.expires = add_months(record.achieved, record.kind.renewal_months) - timedelta(days=1)
    record.stamp(request.user)
    record.save()
    audit.record(
        request, AuditAction.CREATE if adding else AuditAction.CHANGE, record, changes=audit.form_changes(form)
    )
    return record


def import_roster(request: HttpRequest, upload: Any, fmt: Any) -> ImportReport:
    """Import an uploaded roster export (all or nothing) and audit what it did, or why it was refused."""
    report = importer.import_csv(upload, fmt, user=request.user)
    audit.record(
        request,
        AuditAction.REFUSED if report.refused else AuditAction.IMPORT,
        object_type=f"workforce.{fmt.kind}",
        file=str(getattr(upload, "name", ""))[:200],
        added=report.added,
        updated=report.updated,
        problems=len(report.errors),
    )
    return report


def records_pointing_at(record: Officer | Team) -> dict[str, int]:
    """How many records of each kind name `record` (an officer's abstractions, a team's messages ...),
    hidden relations included: deleting it would lose or orphan them."""
    found = {}
    for relation in type(record)._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
            continue
        model = cast(type[Model], relation.related_model)
        if model._meta.auto_created:  # a many-to-many's own table (team memberships): removed with it
            continue
        count = model._base_manager.filter(**{relation.field.name: record}).count()
        if count:
            found[str(model._meta.verbose_name_plural)] = count
    return found


@transaction.atomic
def delete_record(request: HttpRequest, record: Officer | Team) -> bool:
    """Delete an officer or a team that no record names; False (nothing deleted) otherwise."""
    if records_pointing_at(record):
        return False
    audit.record(request, AuditAction.DELETE, record)
    photo = getattr(record, "photo", None)
    record.delete()
    if photo:
        name, storage = photo.name, photo.storage
        transaction.on_commit(lambda: storage.delete(name))
    return True
