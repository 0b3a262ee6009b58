"""Only the themes are edited in the admin. Items are not registered: their originals stay with the
intelligence role, and the admin role is not it (docs/adr/0008)."""

from django.contrib import admin

from beatbook.intel.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "safeguarding", "active"]
    list_filter = ["safeguarding", "active"]
    exclude = ["created_by", "modified_by"]
