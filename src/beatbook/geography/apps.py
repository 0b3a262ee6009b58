from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "beatbook.geography"
    label = "geography"
    verbose_name = "Geography"
