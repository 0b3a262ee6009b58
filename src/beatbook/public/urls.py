from django.urls import path

from beatbook.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("wards/<slug:slug>/", views.ward_detail, name="ward"),
]
