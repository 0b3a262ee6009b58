"""The partnership, its members, plans and priorities are set up in the admin (each change audited by
core.signals); actions and the links of a priority are kept on the plan's own pages."""

from django.contrib import admin

from beatbook.core.admin import StampedAdmin
from beatbook.partnership.models import Member, Partnership, Plan, Priority


class MemberInline(admin.TabularInline):
    model = Member
    fields = ("name", "authority", "organisation")
    extra = 1


@admin.register(Partnership)
class PartnershipAdmin(StampedAdmin):
    list_display = ("name", "force_slug", "demonstration")
    inlines = [MemberInline]


class PriorityInline(admin.StackedInline):
    model = Priority
    fields = ("order", "title", "description", "indicator_codes")
    extra = 1


@admin.register(Plan)
class PlanAdmin(StampedAdmin):
    list_display = ("title", "partnership", "first_month", "last_month", "demonstration")
    inlines = [PriorityInline]
