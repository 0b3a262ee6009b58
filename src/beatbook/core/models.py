"""Shared model bases and the append-only audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    """Who created and last changed a record, and when; filled by `stamp(user)` before saving."""

    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def stamp(self, user: Any) -> None:
        """Record `user` as the creator (of a new record) and the last editor."""
        editor = user if user is not None and user.is_authenticated else None
        if self._state.adding and self.created_by_id is None:
            self.created_by = editor
        self.modified_by = editor


class QuarantinedLine(models.Model):
    """A line of an imported file that could not be stored: where it was, which field, why, and
    the line as read. Each import keeps its own table (crime files, premises registers)."""

    line = models.PositiveIntegerField(help_text="Line number in the file, header = 1")
    field = models.CharField(max_length=64)
    reason = models.CharField(max_length=300)
    raw = models.TextField()

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    VIEW = "view", "View"
    SEARCH = "search", "Search"
    EXPORT = "export", "Export"
    CREATE = "create", "Create"
    CHANGE = "change", "Change"
    DELETE = "delete", "Delete"
    SHARE = "share", "Share"
    IMPORT = "import", "Import"
    LOGIN = "login", "Sign in"
    LOGIN_FAILED = "login_failed", "Sign-in failed"
    LOGIN_BLOCKED = "login_blocked", "Sign-in refused while blocked"
    LOGOUT = "logout", "Sign out"
    REFUSED = "refused", "Refused"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:  # noqa: ARG002 - the audit log is append-only
        raise PermissionError("Audit events are append-only: they cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only: they cannot be deleted.")

    def visible_to(self, user: Any) -> AuditEventQuerySet:
        from beatbook.core.roles import AUDIT_READERS, has_role

        return self if has_role(user, *AUDIT_READERS) else self.none()


class AuditEvent(models.Model):
    """One read or change of something that needs accounting for: personal data, imports, sign-ins.

    Append-only: the model refuses changes and deletions, and on PostgreSQL a trigger refuses
    UPDATE and DELETE on the table itself (migration 0002).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    username = models.CharField(
        max_length=150, blank=True, help_text="The account name as given (kept for failed sign-ins and deleted users)"
    )
    command = models.CharField(max_length=100, blank=True, help_text="The command, for work done from the shell")
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text="Changed fields: {field: [before, after]}")
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["action", "at"], name="audit_action_at"),
            models.Index(fields=["username", "at"], name="audit_username_at"),
            models.Index(fields=["ip", "at"], name="audit_ip_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        who = self.username or self.command or "system"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.object_type} {self.object_id}".rstrip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only: they cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only: they cannot be deleted.")
