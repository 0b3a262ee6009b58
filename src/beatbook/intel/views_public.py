"""The public's side: tell us (no account needed), the reference, and the private follow-up link.

Nothing here ever shows what was said: the thanks page gives the reference and the link once,
and the follow-up page only takes more text.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from beatbook.intel import services, throttle
from beatbook.intel.forms import FollowUpForm, PublicSubmissionForm
from beatbook.intel.models import Intel, Source

RECEIPT_KEY = "intel_receipt"


def submit(request: HttpRequest) -> HttpResponse:
    form = PublicSubmissionForm(request.POST or None)
    if request.method != "POST":
        return render(request, "intel/submit.html", {"form": form})
    if form.is_robot():  # answered like a success, so that a robot learns nothing; nothing is stored
        return render(request, "intel/thanks.html", {"reference": "", "follow_up_url": ""})
    if not form.is_valid():
        return render(request, "intel/submit.html", {"form": form}, status=400)
    if not throttle.take_a_turn(request):
        return render(request, "intel/limited.html", {"message": throttle.limit_message()}, status=429)
    receipt = services.receive(request, Source.PUBLIC, form.cleaned_data)
    request.session[RECEIPT_KEY] = {"reference": receipt.item.reference, "token": receipt.follow_up_token}
    return redirect("intel:thanks")


def thanks(request: HttpRequest) -> HttpResponse:
    """Shown once: the link's token is not kept anywhere but in the person's hands."""
    receipt = request.session.pop(RECEIPT_KEY, None)
    if receipt is None:
        return redirect("intel:submit")
    token = receipt["token"]
    url = request.build_absolute_uri(reverse("intel:follow_up", args=[token])) if token else ""
    return render(request, "intel/thanks.html", {"reference": receipt["reference"], "follow_up_url": url})


def follow_up(request: HttpRequest, token: str) -> HttpResponse:
    item = Intel.objects.filter(follow_up_key=services.follow_up_key(token), personal_data_removed_at=None).first()
    if item is None or not token:
        raise Http404("This link is not (or no longer) valid.")
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "intel/follow_up.html", {"form": form, "reference": item.reference}, status=400)
        if not throttle.take_a_turn(request):
            return render(request, "intel/limited.html", {"message": throttle.limit_message()}, status=429)
        services.add_follow_up(item, form.cleaned_data["text"])
        messages.success(request, f"Thank you: what you added is now with reference {item.reference}.")
        return redirect(request.path)
    return render(request, "intel/follow_up.html", {"form": form, "reference": item.reference})
