from django.urls import path

from beatbook.stopsearch import views

app_name = "stopsearch"
urlpatterns = [
    path("", views.stop_and_search, name="index"),
    path("export/<slug:table>.<str:fmt>", views.export, name="export"),
]
