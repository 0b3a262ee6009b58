from django.apps import AppConfig


class PremisesConfig(AppConfig):
    name = "beatbook.premises"
    label = "premises"
    verbose_name = "Premises registers"
