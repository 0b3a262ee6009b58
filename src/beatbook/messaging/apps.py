from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "beatbook.messaging"
    label = "messaging"
    verbose_name = "Messaging"
