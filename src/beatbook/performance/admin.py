from django.contrib import admin

from beatbook.core.admin import ReadOnlyAdmin
from beatbook.performance.models import Commentary, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """A force's own target replaces the definition's default on the dashboard and in the board pack."""

    list_display = ["indicator", "value", "tolerance", "reason", "modified"]

    def save_model(self, request, obj, form, change):
        obj.stamp(request.user)
        super().save_model(request, obj, form, change)


@admin.register(Commentary)
class CommentaryAdmin(ReadOnlyAdmin):
    """Written on the board pack's page (audited there), read here."""

    list_display = ["period", "scope_key", "indicator", "modified_by", "modified"]
    list_filter = ["period"]
