from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "beatbook.scrutiny"
    label = "scrutiny"
    verbose_name = "Independent scrutiny"
