from django.contrib import admin

from beatbook.core.admin import ReadOnlyAdmin
from beatbook.problems.models import Problem, ProblemChange, Response, ResponseType


@admin.register(ResponseType)
class ResponseTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "description")
    list_editable = ("order",)


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    """Read-only here: problems change through their pages, which keep the history."""

    list_display = ("title", "stage", "owner", "priority", "review_date")
    list_filter = ("stage", "priority")
    search_fields = ("title",)


@admin.register(ProblemChange)
class ProblemChangeAdmin(ReadOnlyAdmin):
    list_display = ("problem", "kind", "by", "at")


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    """Read-only here: responses are added through the problem's page, which writes its history and the audit."""

    list_display = ("action", "problem", "kind", "status", "start", "end")
    list_filter = ("status", "kind")
