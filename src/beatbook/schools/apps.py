from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "beatbook.schools"
    label = "schools"
    verbose_name = "School notifications (Operation Encompass)"

    def ready(self) -> None:
        from beatbook.schools import receivers  # noqa: F401  (connects the incident log's signal)
