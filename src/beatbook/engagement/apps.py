from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "beatbook.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        from beatbook.engagement.page_stamp import engagement_stamp
        from beatbook.public.page_cache import register_stamp

        register_stamp("ward", engagement_stamp)  # the ward page shows them; no other cached page does
