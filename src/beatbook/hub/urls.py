from django.urls import path

from beatbook.hub import premises_views, views

app_name = "hub"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("my-area/", views.my_area, name="my_area"),
    path("premises/", premises_views.premises, name="premises"),
    path("export/<slug:table>.<str:fmt>", views.export_table, name="export"),
]
