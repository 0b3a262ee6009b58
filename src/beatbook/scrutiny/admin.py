"""Scrutiny meetings are recorded on their own pages (each change audited); the admin only lists them."""

from django.contrib import admin

from beatbook.core.admin import ReadOnlyAdmin
from beatbook.scrutiny.models import Meeting


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("group", "held_on", "first_month", "last_month", "sample_size", "published", "demonstration")
