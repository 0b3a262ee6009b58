from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from beatbook.core.models import AuditEvent


class StampedAdmin(admin.ModelAdmin):
    """For TimeStampedModels: the admin fills in who created and changed each record."""

    readonly_fields = ("created", "created_by", "modified", "modified_by")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.stamp(request.user)
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through their own pages or verbs (which keep a history or the audit):
    the admin lists and shows them, and changes none."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is append-only everywhere."""

    list_display = ("at", "username", "command", "action", "object_type", "object_id", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "username", "command")
    date_hierarchy = "at"
