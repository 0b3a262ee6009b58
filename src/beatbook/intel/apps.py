from django.apps import AppConfig


class IntelConfig(AppConfig):
    name = "beatbook.intel"
    label = "intel"
    verbose_name = "Community intelligence"
