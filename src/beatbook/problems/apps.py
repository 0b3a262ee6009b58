from django.apps import AppConfig


class ProblemsConfig(AppConfig):
    name = "beatbook.problems"
    label = "problems"
    verbose_name = "SARA problem solving"
