from django.contrib import admin

from beatbook.geography.models import Cluster, Force, Sector, Ward


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
