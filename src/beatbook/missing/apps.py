from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "beatbook.missing"
    label = "missing"
    verbose_name = "Briefings on vulnerable and missing people"
