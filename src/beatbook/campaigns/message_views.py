"""Writing to a campaign's audience: the message, a preview with the number of recipients, then the send."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beatbook.campaigns.access import get_campaign_for_user
from beatbook.core.access import role_required
from beatbook.core.roles import CAMPAIGN_MESSAGE_SENDERS
from beatbook.messaging import preview, services
from beatbook.messaging.forms import MessageTextForm
from beatbook.messaging.models import Message

NOBODY = "Nobody is in this campaign's audience yet: there is no one to send it to."


@role_required(*CAMPAIGN_MESSAGE_SENDERS)
@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form and the audience's size. POST "preview": the message as it will read, and to how
    many. POST "send": queued for the audience as it is at that moment (the confirmation says how many)."""
    campaign, _ = get_campaign_for_user(request, pk, for_change=True)
    form = MessageTextForm(request.POST if request.method == "POST" else None)
    recipients = services.audience(None, None, "", campaign=campaign).count()

    def send(d: dict[str, Any]) -> Message:
        return services.send_message(d["subject"], d["body"], None, None, "", request.user, campaign=campaign)

    if preview.send_when_asked(request, form, recipients, send, NOBODY, campaign=campaign.pk):
        return redirect("campaigns:detail", campaign.pk)
    context = {
        "campaign": campaign,
        "form": form,
        "recipients": recipients,
        "nobody": NOBODY,
        "preview": preview.previewing(request, form),
    }
    return render(request, "campaigns/message.html", context, status=400 if form.errors else 200)
