from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "beatbook.hub"
    label = "hub"
    verbose_name = "Partnership & Prevention Hub"
