from django.urls import path

from beatbook.performance import benchmarking_views

app_name = "benchmarking"
urlpatterns = [
    path("", benchmarking_views.page, name="page"),
    path("comparison.csv", benchmarking_views.download, name="csv"),
]
