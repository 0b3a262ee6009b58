from django.urls import path

from beatbook.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("safeguarding/", views.register, name="register"),
    path("safeguarding/counts/", views.counts, name="counts"),
    path("safeguarding/person/<str:pseudonym>/", views.person, name="person"),
    path("safeguarding/dash/new/", views.dash_new, name="dash_new"),
    path("safeguarding/dash/<int:pk>/", views.dash_detail, name="dash"),
    path("safeguarding/marac/", views.marac, name="marac"),
    path("safeguarding/case-reviews/new/", views.case_review_apply, name="case_review_apply"),
    path("safeguarding/case-reviews/<int:pk>/", views.case_review, name="case_review"),
]
