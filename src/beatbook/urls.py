from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from beatbook.api.site import api

urlpatterns = [
    path("", include("beatbook.public.urls")),
    path("", include("beatbook.accounts.urls")),
    path("", include("beatbook.core.urls")),
    path("hub/", include("beatbook.hub.urls")),
    path("stop-and-search/", include("beatbook.stopsearch.urls")),
    path("problems/", include("beatbook.problems.urls")),
    path("", include("beatbook.intel.urls")),
    path("surveys/", include("beatbook.surveys.urls")),
    path("messages/", include("beatbook.messaging.urls")),
    path("", include("beatbook.engagement.urls")),
    path("", include("beatbook.safeguarding.urls")),
    path("", include("beatbook.schools.urls")),
    path("", include("beatbook.missing.urls")),
    path("campaigns/", include("beatbook.campaigns.urls")),
    path("bikes/", include("beatbook.bikes.urls")),
    path("reports/", include("beatbook.reports.urls")),
    path("", include("beatbook.workforce.urls")),
    path("performance/benchmarking/", include("beatbook.performance.benchmarking_urls")),
    path("performance/", include("beatbook.performance.urls")),
    path("partnership/", include("beatbook.partnership.urls")),
    path("scrutiny/", include("beatbook.scrutiny.urls")),
    path("api/", api.urls),
    # One sign-in page for everyone, with its back-off and two-factor step: the admin's own is not used.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True), name="admin_login_redirect"),
    path("admin/", admin.site.urls),
]

handler400 = "beatbook.core.views.bad_request"
handler403 = "beatbook.core.views.permission_denied"
handler404 = "beatbook.core.views.page_not_found"
handler500 = "beatbook.core.views.server_error"
