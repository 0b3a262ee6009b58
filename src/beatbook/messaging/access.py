"""The one way to a message: through `Message.objects.visible_to(user)` (else 404)."""

from __future__ import annotations

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.messaging.models import Message


def get_message_for_user(request: HttpRequest, pk: int) -> tuple[Message, bool]:
    """The message, and whether it can be changed: never, once sent."""
    return get_for_user(request, Message.objects.all(), pk), False
