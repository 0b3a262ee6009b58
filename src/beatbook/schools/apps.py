from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "beatbook.schools"
    label = "schools"
    verbose_name = "School notifications (Operation Encompass)"
