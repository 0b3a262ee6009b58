from django import forms
from django.contrib import admin

from beatbook.core.admin import StampedAdmin
from beatbook.geography.models import Cluster, Denominator, Force, Sector, Ward


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "boundary_source")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "force")


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "sector", "split_is_configurable")
    list_filter = ("sector",)


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "cluster", "area_m2")
    list_filter = ("cluster__sector", "cluster")
    search_fields = ("name", "code")
    readonly_fields = ("boundary", "centroid_lat", "centroid_lng", "centroid_easting", "centroid_northing", "area_m2")


class DenominatorForm(forms.ModelForm):
    source_url = forms.URLField(required=False, max_length=500, assume_scheme="https", label="Source URL")

    class Meta:
        model = Denominator
        fields = [
            "force",
            "area_kind",
            "area_code",
            "area_name",
            "kind",
            "group",
            "value",
            "as_of",
            "source",
            "source_url",
            "notes",
        ]


@admin.register(Denominator)
class DenominatorAdmin(StampedAdmin):
    """A force's populations for the Hub's rates: every figure with its source and date."""

    form = DenominatorForm

    list_display = ("kind", "area_kind", "area_code", "area_name", "group", "value", "as_of", "source", "force")
    list_filter = ("force", "kind", "area_kind")
    search_fields = ("area_code", "area_name", "source", "group")
    fields = (
        "force",
        ("area_kind", "area_code", "area_name"),
        ("kind", "group"),
        ("value", "as_of"),
        "source",
        "source_url",
        "notes",
        *StampedAdmin.readonly_fields,
    )
