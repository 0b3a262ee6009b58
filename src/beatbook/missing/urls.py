from django.urls import path

from beatbook.missing import views

app_name = "missing"
urlpatterns = [
    path("missing/", views.briefings, name="briefings"),
    path("missing/new/", views.briefing_new, name="briefing_new"),
    path("missing/<int:pk>/", views.briefing, name="briefing"),
    path("missing/<int:pk>/photo/", views.photo, name="photo"),
    path("missing/<int:pk>/renew/", views.renew, name="renew"),
    path("missing/<int:pk>/found/", views.found, name="found"),
    path("missing/<int:pk>/remove/", views.remove, name="remove"),
]
