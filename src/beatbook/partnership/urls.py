from django.urls import path

from beatbook.partnership import views

app_name = "partnership"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/review/", views.review_page, name="review"),
    path("plans/<int:pk>/review.pdf", views.review_pdf, name="review_pdf"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
]
