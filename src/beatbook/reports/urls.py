from django.urls import path

from beatbook.reports import views

app_name = "reports"
urlpatterns = [
    path("community-profile/", views.community_profile_page, name="community_profile"),
]
