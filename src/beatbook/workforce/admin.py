from django.contrib import admin

from beatbook.core.admin import StampedAdmin
from beatbook.workforce.forms import OfficerAdminForm
from beatbook.workforce.models import Officer, Team
from beatbook.workforce.records import Abstraction, AbstractionReason, Deployment, Qualification, QualificationType


@admin.register(Team)
class TeamAdmin(StampedAdmin):
    list_display = ("name", "force", "contact_email")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Officer)
class OfficerAdmin(StampedAdmin):
    form = OfficerAdminForm
    list_display = ("name", "rank", "duty", "cluster", "start_date", "end_date")
    list_filter = ("duty", "rank", "cluster", "teams")
    search_fields = ("name", "collar_number")
    filter_horizontal = ("teams",)
    raw_id_fields = ("user",)


@admin.register(AbstractionReason)
class AbstractionReasonAdmin(StampedAdmin):
    list_display = ("name", "code", "active", "order")


@admin.register(QualificationType)
class QualificationTypeAdmin(StampedAdmin):
    list_display = ("name", "required_of_dwos", "renewal_months", "active")


@admin.register(Abstraction)
class AbstractionAdmin(StampedAdmin):
    list_display = ("date", "officer", "hours", "reason", "source")
    list_filter = ("reason", "source")
    raw_id_fields = ("officer", "entered_by")


@admin.register(Deployment)
class DeploymentAdmin(StampedAdmin):
    list_display = ("date", "officer", "hours", "activity", "cluster")
    raw_id_fields = ("officer", "entered_by")


@admin.register(Qualification)
class QualificationAdmin(StampedAdmin):
    list_display = ("officer", "kind", "achieved", "expires")
    raw_id_fields = ("officer",)
