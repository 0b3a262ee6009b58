from django.contrib import admin

from beatbook.problems.models import Problem, ProblemChange, Response, ResponseType


@admin.register(ResponseType)
class ResponseTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "description")
    list_editable = ("order",)


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    """Read-only here: problems change through their pages, which keep the history."""

    list_display = ("title", "stage", "owner", "priority", "review_date")
    list_filter = ("stage", "priority")
    search_fields = ("title",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProblemChange)
class ProblemChangeAdmin(admin.ModelAdmin):
    list_display = ("problem", "kind", "by", "at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Read-only here: responses are added through the problem's page, which writes its history and the audit."""

    list_display = ("action", "problem", "kind", "status", "start", "end")
    list_filter = ("status", "kind")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
