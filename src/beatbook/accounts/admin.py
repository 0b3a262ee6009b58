from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from beatbook.accounts.models import PartnerOrganisation, Profile
from beatbook.core.admin import StampedAdmin


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(StampedAdmin):
    list_display = ("name", "kind", "contact_email")
    list_filter = ("kind",)
    search_fields = ("name",)


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ("cluster", "organisation")
    fk_name = "user"


class UserWithProfileAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "last_login")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for profile in formset.save(commit=False):
            profile.stamp(request.user)
            profile.save()
        formset.save_m2m()


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, UserWithProfileAdmin)
