from django.urls import path

from beatbook.engagement import attendance_views, public_views, views

app_name = "engagement"
urlpatterns = [
    # Public
    path("events/", public_views.events, name="events"),
    path("events/calendar.ics", public_views.force_calendar, name="force_calendar"),
    path("events/<int:pk>/", public_views.event_detail, name="event"),
    path("events/ward/<slug:slug>/", public_views.ward_events, name="ward_events"),
    path("events/ward/<slug:slug>/calendar.ics", public_views.ward_calendar, name="ward_calendar"),
    path("events/cluster/<slug:code>/", public_views.cluster_events, name="cluster_events"),
    path("events/cluster/<slug:code>/calendar.ics", public_views.cluster_calendar, name="cluster_calendar"),
    path("request-attendance/", attendance_views.request_attendance, name="request_attendance"),
    path("request-attendance/sent/", attendance_views.request_sent, name="request_sent"),
    # Officers
    path("engagement/", views.plan, name="plan"),
    path("engagement/events/new/", views.event_new, name="event_new"),
    path("engagement/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("engagement/events/<int:pk>/outcome/", views.event_outcome, name="event_outcome"),
    path("engagement/issues/<int:pk>/priority/", views.issue_priority, name="issue_priority"),
    path("engagement/issues/<int:pk>/problem/", views.issue_problem, name="issue_problem"),
    path("engagement/priorities/", views.priorities, name="priorities"),
    path("engagement/priorities/<int:pk>/", views.priority_edit, name="priority_edit"),
    path("engagement/priorities/<int:pk>/publish/", views.priority_publish, name="priority_publish"),
    path("engagement/requests/", attendance_views.request_queue, name="requests"),
    path("engagement/requests/<int:pk>/", attendance_views.request_detail, name="request"),
    path("engagement/requests/<int:pk>/assign/", attendance_views.request_assign, name="request_assign"),
    path("engagement/requests/<int:pk>/accept/", attendance_views.request_accept, name="request_accept"),
    path("engagement/requests/<int:pk>/decline/", attendance_views.request_decline, name="request_decline"),
]
