from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "beatbook.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        from beatbook.engagement.page_stamp import engagement_stamp
        from beatbook.public.page_cache import register_stamp

        register_stamp(engagement_stamp)
