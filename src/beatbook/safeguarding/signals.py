"""Sent after an incident log is imported (stored, replaced or found identical), so that other apps act
on new incidents without safeguarding knowing them: the school notifications open their tasks on it."""

from __future__ import annotations

from django.dispatch import Signal

#: kwargs: force_slug, status ("stored", "replaced" or "identical").
incident_log_imported = Signal()
