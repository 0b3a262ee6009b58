from django.urls import path

from beatbook.messaging import public_views, views

app_name = "messaging"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.compose, name="compose"),
    path("<int:pk>/", views.detail, name="detail"),
    path("subscribers/", views.subscribers, name="subscribers"),
    # The public: no account needed.
    path("subscribe/", public_views.subscribe, name="subscribe"),
    path("subscribe/sent/", public_views.check_email, name="check_email"),
    path("subscribe/done/", public_views.subscribed, name="subscribed"),
    path("confirm/<str:token>/", public_views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", public_views.unsubscribe, name="unsubscribe"),
    path("privacy/", public_views.privacy, name="privacy"),
]
