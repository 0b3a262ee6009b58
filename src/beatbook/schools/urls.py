from django.urls import path

from beatbook.schools import views

app_name = "schools"
urlpatterns = [
    path("schools/notifications/", views.notifications, name="notifications"),
    path("schools/notifications/new/", views.notification_new, name="notification_new"),
    path("schools/notifications/timeliness/", views.timeliness, name="timeliness"),
    path("schools/notifications/<int:pk>/", views.notification, name="notification"),
    path("schools/notifications/<int:pk>/send/", views.notification_send, name="notification_send"),
    path("schools/notifications/<int:pk>/assign/", views.notification_assign, name="notification_assign"),
    path("schools/", views.schools, name="schools"),
    path("schools/<int:pk>/", views.school_edit, name="school_edit"),
    path("schools/closures/", views.closures, name="closures"),
]
