from django.urls import path

from beatbook.problems import assess_views, views

app_name = "problems"
urlpatterns = [
    path("", views.problem_list, name="list"),
    path("new/", views.problem_new, name="new"),
    path("scanning/", views.scanning_page, name="scanning"),
    path("scanning/take-up", views.take_up, name="take_up"),
    path("attach", views.attach, name="attach"),
    path("<int:pk>/", views.problem_detail, name="detail"),
    path("<int:pk>/change/", views.problem_edit, name="edit"),
    path("<int:pk>/move", views.problem_move, name="move"),
    path("<int:pk>/responses/new/", views.response_new, name="response_new"),
    path("<int:pk>/snapshots/new/", views.snapshot_new, name="snapshot_new"),
    path("<int:pk>/ward-priority/", views.priority_new, name="priority_new"),
    path("<int:pk>/assessment/", assess_views.assessment_page, name="assessment"),
    path("<int:pk>/plan/", assess_views.plan_page, name="plan"),
    path("<int:pk>/plan.pdf", assess_views.plan_pdf, name="plan_pdf"),
]
