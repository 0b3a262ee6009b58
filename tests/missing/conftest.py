"""Briefings made for tests, each with a photo drawn here (no real person's photo)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.utils import timezone
from PIL import Image

from beatbook.missing.models import MissingBriefing

NAME = "PERSON-NAME-5e0f"


def placeholder_jpeg(size: tuple[int, int] = (120, 160), colour: str = "#56b4e9") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def active_briefing(cluster: Any, **fields: Any) -> MissingBriefing:
    now = timezone.now()
    defaults: dict[str, Any] = {
        "reference": f"MB-T{MissingBriefing.objects.count():05d}",
        "name": NAME,
        "age": 15,
        "description": "Slight build, green school blazer, black rucksack.",
        "photo": placeholder_jpeg(),
        "photo_type": "image/jpeg",
        "last_seen_place": "Bank station, Threadneedle Street exit",
        "last_seen_at": now - timedelta(hours=3),
        "risk": "high",
        "if_found": "Stay with them and call the control room on channel 1.",
        "review_at": now + timedelta(hours=12),
        "review_date": (now + timedelta(days=365)).date(),
    }
    briefing = MissingBriefing.objects.create(**{**defaults, **fields})
    briefing.clusters.set([cluster])
    return briefing
