from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "beatbook.workforce"
    label = "workforce"
    verbose_name = "Workforce"
