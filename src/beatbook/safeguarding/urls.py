from django.urls import path

from beatbook.safeguarding import views, views_cases, views_reviews

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
    path("safeguarding/plans/", views_cases.plans, name="plans"),
    path("safeguarding/plans/new/", views_cases.plan_new, name="plan_new"),
    path("safeguarding/plans/<int:pk>/", views_cases.plan, name="plan"),
    path("safeguarding/marac/cases/", views_cases.marac_cases, name="marac_cases"),
    path("safeguarding/marac/cases/new/", views_cases.marac_case_new, name="marac_case_new"),
    path("safeguarding/marac/cases/<int:pk>/", views_cases.marac_case, name="marac_case"),
    path("safeguarding/marac/actions/<int:pk>/done/", views_cases.marac_action_done, name="marac_action_done"),
    path("safeguarding/reviews/", views_reviews.queue, name="reviews"),
    path("safeguarding/reviews/<str:kind>/<int:pk>/", views_reviews.review, name="review"),
]
