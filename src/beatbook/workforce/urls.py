from django.urls import path

from beatbook.workforce import views

app_name = "workforce"
urlpatterns = [
    path("workforce/", views.people, name="people"),
    path("workforce/officers/new/", views.officer_new, name="officer_new"),
    path("workforce/officers/<int:pk>/", views.officer_edit, name="officer_edit"),
    path("workforce/teams/new/", views.team_new, name="team_new"),
    path("workforce/teams/<int:pk>/", views.team_edit, name="team_edit"),
    path("officers/<int:pk>/photo.jpg", views.photo, name="photo"),
]
