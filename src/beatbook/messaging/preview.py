"""Preview, then send: a message goes only once its writer has seen it as it will read and how many
subscribers it reaches, and never to nobody. The officers' message page and a campaign's share this
step (with the template messaging/_preview.html)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.messaging.models import Message

#: The values of the pages' submit buttons (name "action").
PREVIEW, SEND = "preview", "send"


def previewing(request: HttpRequest, form: forms.Form) -> bool:
    """Whether to show the message as it will read, with the button that sends it."""
    return request.method == "POST" and request.POST.get("action") == PREVIEW and form.is_valid()


def send_when_asked(
    request: HttpRequest,
    form: forms.Form,
    recipients: int,
    send: Callable[[dict[str, Any]], Message],
    nobody: str,
    **audit_detail: Any,
) -> Message | None:
    """The message, sent (queued in the outbox) by `send` from the form's data, when its writer pressed
    Send on the preview and the audience has someone in it; else None, and the page shows the form (the
    error `nobody` on it when no subscriber would receive the message)."""
    if request.method != "POST" or request.POST.get("action") != SEND or not form.is_valid():
        return None
    if recipients == 0:
        form.add_error(None, nobody)
        return None
    message = send(form.cleaned_data)
    audit.record(request, AuditAction.CREATE, message, recipients=message.recipients, **audit_detail)
    count = message.recipients
    messages.success(request, f"Message queued for {count} subscriber{'s' if count != 1 else ''}; it is being sent.")
    return message
