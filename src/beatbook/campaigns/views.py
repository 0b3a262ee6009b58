"""Campaign pages: the public page of a published campaign, and officers' list, page and forms."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from beatbook.bikes.models import BIKE_MARKING
from beatbook.campaigns import services
from beatbook.campaigns.access import get_campaign_for_user, get_material_file_for_user
from beatbook.campaigns.forms import CampaignForm, MaterialForm, SignUpForm
from beatbook.campaigns.models import Campaign
from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import CAMPAIGN_EDITORS, CAMPAIGN_MESSAGE_SENDERS, CAMPAIGN_READERS, has_role

PER_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    rows = Campaign.objects.published()
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "campaigns/index.html", {"page": page})


def public_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The public page; officers may preview a campaign before it is published."""
    campaign = get_object_or_404(Campaign.objects.visible_to(request.user), slug=slug)
    context = {
        "campaign": campaign,
        "reach": services.reach(campaign),
        "materials": campaign.materials.filter(public=True),
        "events": campaign.events.filter(is_public=True).upcoming(timezone.now()).select_related("event_type"),
        "sign_ups": campaign.sign_ups.select_related("ward"),
        "marks_bikes": campaign.events.filter(event_type__slug=BIKE_MARKING).exists(),
    }
    return render(request, "campaigns/public.html", context)


#: Uploads shown in the browser; anything else (HTML, SVG, ...) is downloaded, so that an uploaded file
#: never runs as a page of this site.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


def material_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Served from our own storage, only as `get_material_file_for_user` allows. Read whole and closed at
    once, as officers' photos are: a poster or leaflet is a few megabytes at most."""
    material = get_material_file_for_user(request, pk)
    name = Path(material.file.name).name
    kind = mimetypes.guess_type(name)[0] or ""
    inline = kind in INLINE_TYPES
    with material.file.open("rb") as file:
        response = HttpResponse(file.read(), content_type=kind if inline else "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(not inline, name) or ""
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, max-age=300"  # a material made internal stops being served within minutes
    return response


@role_required(*CAMPAIGN_READERS)
def manage(request: HttpRequest) -> HttpResponse:
    rows = Campaign.objects.visible_to(request.user)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    can_add = has_role(request.user, *CAMPAIGN_EDITORS)
    return render(request, "campaigns/manage.html", {"page": page, "can_add": can_add})


@role_required(*CAMPAIGN_READERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, can_change = get_campaign_for_user(request, pk)
    return _detail(request, campaign, can_change)


def _detail(
    request: HttpRequest, campaign: Campaign, can_change: bool, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "campaign": campaign,
        "can_change": can_change,
        "reach": services.reach(campaign),
        "events": campaign.events.select_related("event_type", "cluster").order_by("start"),
        "campaign_messages": campaign.messages.all(),
        "can_message": can_change and has_role(request.user, *CAMPAIGN_MESSAGE_SENDERS),
        "materials": campaign.materials.all(),
        "sign_ups": campaign.sign_ups.select_related("ward"),
        "candidates": services.target_premises(campaign, settings.BEATBOOK_FORCE)[:50] if can_change else [],
        "material_form": forms.get("material_form") or MaterialForm(),
        "sign_up_form": forms.get("sign_up_form") or SignUpForm(),
    }
    return render(request, "campaigns/detail.html", context, status=status)


@role_required(*CAMPAIGN_EDITORS)
def new(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = services.save_campaign(request, form.save(commit=False), form)
        messages.success(request, f"Campaign “{campaign.title}” created.")
        return redirect("campaigns:detail", campaign.pk)
    return render(request, "campaigns/form.html", {"form": form}, status=400 if form.is_bound else 200)


@role_required(*CAMPAIGN_EDITORS)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, _ = get_campaign_for_user(request, pk, for_change=True)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_campaign(request, form.save(commit=False), form)
        messages.success(request, "Campaign saved.")
        return redirect("campaigns:detail", campaign.pk)
    context = {"form": form, "campaign": campaign}
    return render(request, "campaigns/form.html", context, status=400 if form.is_bound else 200)


@require_POST
@role_required(*CAMPAIGN_EDITORS)
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, can_change = get_campaign_for_user(request, pk, for_change=True)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, campaign, can_change, status=400, material_form=form)
    with transaction.atomic():
        material = form.save(commit=False)
        material.campaign = campaign
        material.save()
        audit.record(request, AuditAction.CREATE, material, campaign=campaign.pk)
    messages.success(request, f"Material “{material.title}” added.")
    return redirect("campaigns:detail", campaign.pk)


@require_POST
@role_required(*CAMPAIGN_EDITORS)
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    campaign, can_change = get_campaign_for_user(request, pk, for_change=True)
    form = SignUpForm(request.POST)
    premises = None
    if form.is_valid():
        premises = services.target_premises(campaign, settings.BEATBOOK_FORCE).filter(pk=form.cleaned_data["premises"])
        premises = premises.first()
        if premises is None:
            form.add_error("premises", "That premises is not one the campaign targets, or it has signed up already.")
    if premises is None:
        messages.error(request, "The premises was not signed up: " + " ".join(_errors(form)))
        return _detail(request, campaign, can_change, status=400, sign_up_form=form)
    services.sign_up(request, campaign, premises, form.cleaned_data["signed_up"])
    messages.success(request, f"{premises.name} signed up.")
    return redirect("campaigns:detail", campaign.pk)


def _errors(form: Any) -> list[str]:
    return [f"{field}: {e}" for field, errors in form.errors.items() for e in errors]
