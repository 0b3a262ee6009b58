from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "beatbook.reports"
    label = "reports"
    verbose_name = "Reports"
