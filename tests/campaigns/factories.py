"""Campaign records for tests, named by their state (a draft campaign, a published one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from beatbook.campaigns.models import Campaign, Material
from beatbook.premises.models import LicensedPremises, PremisesRegister


def draft_campaign(slug: str = "cycle-theft", **fields: Any) -> Campaign:
    values = {"title": "Lock it or lose it", "aim": "Fewer bikes stolen", "starts": dt.date(2025, 9, 1), **fields}
    return Campaign.objects.create(slug=slug, **values)


def published_campaign(slug: str = "ask-for-angela", **fields: Any) -> Campaign:
    values = {
        "title": "Ask for Angela",
        "aim": "Anyone who feels unsafe on a night out can ask staff for Angela and be helped discreetly.",
        "target_premises_types": "Pub/bar/nightclub",
        "published": True,
        **fields,
    }
    return draft_campaign(slug, **values)


def register_with_premises(force_slug: str, ward: Any, *names: str, kind: str = "Pub/bar/nightclub") -> list[Any]:
    register = PremisesRegister.objects.create(
        force_slug=force_slug, name="licensing", file_name="licensing.csv", sha256="0" * 64, size=1
    )
    return [
        LicensedPremises.objects.create(
            register=register, line=i + 2, name=name, premises_type=kind, address=f"{i + 1} Example Lane", ward=ward
        )
        for i, name in enumerate(names)
    ]


def campaign_samples(personas: Any, marker: str) -> dict[str, dict]:
    """A draft campaign holding `marker` (the public must not find it) for the permission matrix."""
    campaign = draft_campaign(slug="matrix-draft", aim=marker, cluster=personas.cluster_a)
    material = Material(campaign=campaign, title="Internal briefing", public=False)
    material.file.save("briefing.pdf", ContentFile(f"%PDF-1.4 {marker}".encode()))
    pk = {"pk": campaign.pk}
    return {
        "campaigns:public": {"slug": campaign.slug},
        "campaigns:material_file": {"pk": material.pk},
        **{f"campaigns:{name}": pk for name in ("detail", "edit", "material_add", "sign_up", "message")},
    }
