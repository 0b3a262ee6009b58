from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "beatbook.surveys"
    label = "surveys"
    verbose_name = "Surveys"
