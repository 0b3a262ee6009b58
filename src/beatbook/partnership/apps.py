from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "beatbook.partnership"
    label = "partnership"
    verbose_name = "Community safety partnership"
