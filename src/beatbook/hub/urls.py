from django.urls import path

from beatbook.hub import spatial_views, views

app_name = "hub"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("my-area/", views.my_area, name="my_area"),
    path("hotspots/", spatial_views.hotspots, name="hotspots"),
    path("near-repeat/", spatial_views.near_repeat, name="near_repeat"),
    path("export/<slug:table>.<str:fmt>", views.export_table, name="export"),
]
