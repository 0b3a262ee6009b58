from django.urls import path

from beatbook.scrutiny import views

app_name = "scrutiny"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.summary, name="summary"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.new, name="new"),
    path("manage/<int:pk>/", views.record, name="record"),
    path("manage/<int:pk>/cases/", views.case_add, name="case_add"),
]
