from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "beatbook.campaigns"
    label = "campaigns"
    verbose_name = "Campaigns"
