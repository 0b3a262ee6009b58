"""Subscribing and unsubscribing, for anyone: double opt-in, and RFC 8058 one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from beatbook.messaging import services
from beatbook.messaging.forms import SubscribeForm


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    ward = request.GET.get("ward", "")  # from a ward page's "Get messages" link
    initial = {"wards": [ward]} if ward.isdigit() else {}
    form = SubscribeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if services.too_many_requests(request):
            form.add_error(
                None, "Too many subscriptions asked for from this address in the last hour: please try later."
            )
            return render(request, "messaging/subscribe.html", {"form": form}, status=429)
        if form.is_robot():
            return redirect("messaging:check_email")  # told nothing: a robot learns nothing
        if form.is_valid():
            d = form.cleaned_data
            services.subscribe(request, d["email"], list(d["wards"]), list(d["topics"]), d["group"])
            return redirect("messaging:check_email")
    return render(request, "messaging/subscribe.html", {"form": form}, status=400 if form.errors else 200)


def check_email(request: HttpRequest) -> HttpResponse:
    return render(request, "messaging/check_email.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "messaging/privacy.html", {"confirm_days": services.CONFIRM_DAYS})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, saying what is confirmed (mail scanners open links); POST confirms."""
    if request.method == "GET":
        try:
            choices = services.choices_of(token)
        except services.BadLink as bad:  # said on the page, as a bad password-reset link is
            return render(request, "messaging/bad_link.html", {"reason": str(bad)})
        return render(request, "messaging/confirm.html", {"token": token, "choices": choices})
    try:
        services.confirm(token)
    except services.BadLink as bad:
        return render(request, "messaging/bad_link.html", {"reason": str(bad)}, status=400)
    messages.success(request, "Your subscription is confirmed. Every message has a link to unsubscribe.")
    return redirect("messaging:subscribed")


def subscribed(request: HttpRequest) -> HttpResponse:
    return render(request, "messaging/subscribed.html")


@csrf_exempt  # RFC 8058: the mail program posts "List-Unsubscribe=One-Click" without a cookie; the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return render(request, "messaging/unsubscribe.html", {"token": token})
    try:
        services.unsubscribe(token)
    except services.BadLink as bad:
        return render(request, "messaging/bad_link.html", {"reason": str(bad)}, status=400)
    return render(request, "messaging/unsubscribed.html")
