from django.urls import path

from beatbook.hub import briefing_views, premises_views, spatial_views, views, views_rates, views_sensitive

app_name = "hub"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("my-area/", views.my_area, name="my_area"),
    path("sensitive-counts.json", views_sensitive.sensitive_counts_json, name="sensitive_counts"),
    path("briefing/", briefing_views.briefing_page, name="briefing"),
    path("briefing.pdf", briefing_views.briefing_pdf, name="briefing_pdf"),
    path("premises/", premises_views.premises, name="premises"),
    path("rates/", views_rates.rates, name="rates"),
    path("hotspots/", spatial_views.hotspots, name="hotspots"),
    path("near-repeat/", spatial_views.near_repeat, name="near_repeat"),
    path("export/<slug:table>.<str:fmt>", views.export_table, name="export"),
]
