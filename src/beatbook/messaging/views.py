"""Officers' messages to subscribers, and the subscriber list (personal data, audited)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import MESSAGE_SENDERS, SUBSCRIBER_READERS, has_role
from beatbook.messaging import services
from beatbook.messaging.access import get_message_for_user
from beatbook.messaging.forms import MessageForm
from beatbook.messaging.models import Message, OutboxStatus, Subscriber


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
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        message = services.send_message(
            d["subject"], d["body"], d["ward"], d["cluster"], d["topic"], request.user, team=d["team"]
        )
        audit.record(request, AuditAction.CREATE, message, recipients=message.recipients)
        messages.success(request, f"Message queued for {message.recipients} subscribers; it is being sent.")
        return redirect("messaging:detail", pk=message.pk)
    return render(request, "messaging/compose.html", {"form": form}, status=400 if form.errors else 200)


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
