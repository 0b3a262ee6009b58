from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "beatbook.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"
