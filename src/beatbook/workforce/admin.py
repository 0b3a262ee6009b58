from django.contrib import admin

from beatbook.core.admin import StampedAdmin
from beatbook.workforce.models import Officer, Team


@admin.register(Team)
class TeamAdmin(StampedAdmin):
    list_display = ("name", "force", "contact_email")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Officer)
class OfficerAdmin(StampedAdmin):
    list_display = ("name", "rank", "duty", "cluster", "start_date", "end_date")
    list_filter = ("duty", "rank", "cluster", "teams")
    search_fields = ("name", "collar_number")
    filter_horizontal = ("teams",)
    raw_id_fields = ("user",)
