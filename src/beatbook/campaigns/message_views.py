"""Writing to a campaign's audience: the message, a preview with the number of recipients, then the send."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beatbook.campaigns.access import get_campaign_for_user
from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import CAMPAIGN_MESSAGE_SENDERS
from beatbook.messaging import services
from beatbook.messaging.forms import MessageTextForm


@role_required(*CAMPAIGN_MESSAGE_SENDERS)
@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form and the audience's size. POST "preview": the message as it will read, and to how
    many. POST "send": queued for the audience as it is at that moment (the confirmation says how many)."""
    campaign, _ = get_campaign_for_user(request, pk, for_change=True)
    form = MessageTextForm(request.POST if request.method == "POST" else None)
    recipients = services.audience(None, None, "", campaign=campaign).count()
    sending = request.POST.get("action") == "send"
    if form.is_valid() and sending and recipients == 0:
        form.add_error(None, "Nobody is in this campaign's audience yet: nothing was sent.")
    if form.is_valid() and sending:
        d = form.cleaned_data
        sent = services.send_message(d["subject"], d["body"], None, None, "", request.user, campaign=campaign)
        audit.record(request, AuditAction.CREATE, sent, recipients=sent.recipients, campaign=campaign.pk)
        messages.success(request, f"Message queued for {sent.recipients} subscribers; it is being sent.")
        return redirect("campaigns:detail", campaign.pk)
    context = {
        "campaign": campaign,
        "form": form,
        "recipients": recipients,
        "preview": form.is_valid() and request.POST.get("action") == "preview",
    }
    return render(request, "campaigns/message.html", context, status=400 if form.errors else 200)
