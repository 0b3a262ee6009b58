from django.apps import AppConfig


class BikesConfig(AppConfig):
    name = "beatbook.bikes"
    label = "bikes"
    verbose_name = "Bike marking"
