"""Event types, events and priorities in the admin; requests for attendance are not registered (below)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from beatbook.core.admin import StampedAdmin
from beatbook.engagement.models import Event, EventType, IssueRaised, Priority


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


class IssueInline(admin.TabularInline):
    model = IssueRaised
    extra = 0
    fields = ("ward", "text", "priority")
    raw_id_fields = ("priority",)


@admin.register(Event)
class EventAdmin(StampedAdmin):
    list_display = ("title", "event_type", "start", "cluster", "is_public", "cancelled")
    list_filter = ("event_type", "cluster", "is_public")
    search_fields = ("title", "address")
    filter_horizontal = ("wards",)
    inlines = [IssueInline]


@admin.register(Priority)
class PriorityAdmin(StampedAdmin):
    list_display = ("ward", "issue_date", "source", "published", "published_by")
    list_filter = ("published", "source", "ward__cluster")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        """Publishing goes through publish_priority (supervisors only), never an edited field."""
        return (*super().get_readonly_fields(request, obj), "published", "published_by", "published_at")


# Requests for attendance are not registered: the requesters' names and addresses are read only on the
# queue's pages (each reading audited) and their status changes only through accept/decline/assign.
