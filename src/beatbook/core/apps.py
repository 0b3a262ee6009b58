from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "beatbook.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.contrib import admin

        from beatbook.core import checks, signals  # noqa: F401  (settings checks; admin changes audited)
        from beatbook.core.admin_access import has_admin_permission

        admin.site.has_permission = has_admin_permission  # type: ignore[method-assign]
