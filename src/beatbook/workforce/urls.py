from django.urls import path

from beatbook.workforce import views, views_time, views_training

app_name = "workforce"
urlpatterns = [
    path("workforce/", views.people, name="people"),
    path("workforce/officers/new/", views.officer_new, name="officer_new"),
    path("workforce/officers/<int:pk>/", views.officer_edit, name="officer_edit"),
    path("workforce/officers/<int:pk>/delete/", views.officer_delete, name="officer_delete"),
    path("workforce/teams/new/", views.team_new, name="team_new"),
    path("workforce/teams/<int:pk>/", views.team_edit, name="team_edit"),
    path("workforce/teams/<int:pk>/delete/", views.team_delete, name="team_delete"),
    path("officers/<int:pk>/photo.jpg", views.photo, name="photo"),
    path("workforce/my-abstractions/", views_time.my_abstractions, name="my_abstractions"),
    path("workforce/abstractions/", views_time.abstractions, name="abstractions"),
    path("workforce/abstractions/new/", views_time.abstraction_new, name="abstraction_new"),
    path("workforce/abstractions/<int:pk>/", views_time.abstraction_edit, name="abstraction_edit"),
    path("workforce/import/<slug:kind>/", views_time.roster_import, name="import"),
    path("workforce/rates/", views_time.rates, name="rates"),
    path("workforce/volunteers/", views_time.volunteers, name="volunteers"),
    path("workforce/volunteers/new/", views_time.deployment_new, name="deployment_new"),
    path("workforce/training/", views_training.training, name="training"),
    path("workforce/training/new/", views_training.qualification_new, name="qualification_new"),
]
