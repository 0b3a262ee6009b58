"""Officers' messages to subscribers, and the subscriber list (personal data, audited)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import MESSAGE_SENDERS, SUBSCRIBER_READERS, has_role
from beatbook.messaging import preview, services
from beatbook.messaging.access import get_message_for_user
from beatbook.messaging.forms import MessageForm
from beatbook.messaging.models import Message, OutboxStatus, Subscriber

NOBODY = "No subscriber is in this audience: there is no one to send it to. Choose a wider audience."


@role_required(*MESSAGE_SENDERS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    found = Message.objects.visible_to(request.user).select_related("ward", "cluster")
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    receiving = Subscriber.objects.receiving().count()
    context = {
        "page": page,
        "receiving": receiving,
        "can_read_subscribers": has_role(request.user, *SUBSCRIBER_READERS),
    }
    return render(request, "messaging/index.html", context)


@role_required(*MESSAGE_SENDERS)
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST "preview": the message as it will read, to whom and how many. POST "send":
    queued for the audience as it is at that moment (never for nobody)."""
    form = MessageForm(request.POST if request.method == "POST" else None)
    recipients = _audience(form.cleaned_data).count() if form.is_valid() else 0

    def send(d: dict[str, Any]) -> Message:
        return services.send_message(
            d["subject"], d["body"], d["ward"], d["cluster"], d["topic"], request.user, team=d["team"]
        )

    sent = preview.send_when_asked(request, form, recipients, send, NOBODY)
    if sent is not None:
        return redirect("messaging:detail", pk=sent.pk)
    context = {
        "form": form,
        "recipients": recipients,
        "nobody": NOBODY,
        "preview": preview.previewing(request, form),
        "audience": _audience_in_words(form.cleaned_data) if form.is_valid() else "",
    }
    return render(request, "messaging/compose.html", context, status=400 if form.errors else 200)


def _audience(d: dict[str, Any]) -> Any:
    return services.audience(d["ward"], d["cluster"], d["topic"], d["team"])


def _audience_in_words(d: dict[str, Any]) -> str:
    parts = Message(ward=d["ward"], cluster=d["cluster"], topic=d["topic"], team=d["team"]).audience
    if not d["whole_force"]:
        return parts
    return "every ward of the force" + ("" if parts == "everyone" else f", {parts}")


@role_required(*MESSAGE_SENDERS)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    message, _ = get_message_for_user(request, pk)
    counts = message.emails.aggregate(**{s: Count("id", filter=Q(status=s)) for s in OutboxStatus.values})
    return render(request, "messaging/detail.html", {"message": message, "counts": counts})


@role_required(*SUBSCRIBER_READERS)
@require_GET
def subscribers(request: HttpRequest) -> HttpResponse:
    """Email addresses: personal data, each page read is audited."""
    found = Subscriber.objects.visible_to(request.user).prefetch_related("wards", "topics")
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    audit.record(
        request,
        AuditAction.VIEW,
        object_type="messaging.subscriber",
        object_repr="subscriber list",
        page=page.number,
        shown=len(page.object_list),
    )
    return render(request, "messaging/subscribers.html", {"page": page})
