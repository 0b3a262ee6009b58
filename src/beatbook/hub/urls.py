from django.urls import path

from beatbook.hub import views, views_rates

app_name = "hub"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("my-area/", views.my_area, name="my_area"),
    path("rates/", views_rates.rates, name="rates"),
    path("export/<slug:table>.<str:fmt>", views.export_table, name="export"),
]
