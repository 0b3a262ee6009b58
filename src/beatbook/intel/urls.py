from django.urls import path

from beatbook.intel import views, views_actions, views_counts, views_problems, views_public

app_name = "intel"
urlpatterns = [
    path("tell-us/", views_public.submit, name="submit"),
    path("tell-us/thanks/", views_public.thanks, name="thanks"),
    path("tell-us/more/<str:token>/", views_public.follow_up, name="follow_up"),
    path("intel/new/", views.record, name="record"),
    path("intel/queue/", views.queue, name="queue"),
    path("intel/shared/", views.shared, name="shared"),
    path("intel/review/", views.review_queue, name="review_queue"),
    path("intel/counts/", views_counts.counts, name="counts"),
    path("intel/counts.csv", views_counts.counts_export, name="counts_export"),
    path("intel/problems/", views_problems.problem_picker, name="problem_picker"),
    path("intel/<int:pk>/", views.item, name="item"),
    path("intel/<int:pk>/grade/", views_actions.grade, name="grade"),
    path("intel/<int:pk>/links/", views_actions.link, name="link"),
    path("intel/<int:pk>/sanitise/", views_actions.sanitise, name="sanitise"),
    path("intel/<int:pk>/approve-sanitised/", views_actions.approve_sanitised, name="approve_sanitised"),
    path("intel/<int:pk>/approve-handling/", views_actions.approve_handling, name="approve_handling"),
    path("intel/<int:pk>/share/", views_actions.share, name="share"),
    path("intel/<int:pk>/review/", views_actions.review, name="review"),
]
