from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "beatbook.performance"
    label = "performance"
    verbose_name = "Performance framework"
