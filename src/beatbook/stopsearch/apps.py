from django.apps import AppConfig


class StopSearchConfig(AppConfig):
    name = "beatbook.stopsearch"
    label = "stopsearch"
    verbose_name = "Stop and search (public)"
