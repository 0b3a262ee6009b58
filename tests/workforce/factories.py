"""Workforce records for tests: photos made in memory, officers with and without a published photo."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image

from beatbook.workforce.models import Officer
from beatbook.workforce.records import Abstraction, AbstractionReason, Deployment, Qualification, QualificationType
from tests.engagement.factories import make_officer


def photo_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30), exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    extra = {"exif": exif} if exif else {}
    Image.new("RGB", size, (0, 114, 178)).save(out, format=fmt, **extra)
    return out.getvalue()


def with_photo(officer: Any, published: bool = True) -> Any:
    officer.photo.save("sample.jpg", ContentFile(photo_bytes()), save=False)
    officer.publish_photo = published
    officer.save()
    return officer


def workforce_samples(personas: Any, marker: str) -> dict[str, dict]:
    """URL arguments for the permission matrix: a published photo, an officer and a team holding `marker`."""
    cluster = personas.cluster_a
    officer = with_photo(make_officer(cluster, name=f"PC {marker}", bio=marker))
    team = officer.teams.first() or officer.teams.create(force=cluster.sector.force, name=marker, slug="sample")
    reason = AbstractionReason.objects.get(code="court")
    own = Officer.objects.filter(user=personas["officer_a"]).first() or make_officer(
        cluster, user=personas["officer_a"]
    )
    abstraction = Abstraction.objects.create(officer=own, date=date(2025, 3, 1), hours=4, reason=reason, note=marker)
    Deployment.objects.create(officer=officer, date=date(2025, 3, 1), hours=4, activity=marker)
    Qualification.objects.create(officer=officer, kind=QualificationType.objects.first(), achieved=date(2025, 1, 1))
    return {
        "workforce:officer_edit": {"pk": officer.pk},
        "workforce:officer_delete": {"pk": officer.pk},
        "workforce:team_edit": {"pk": team.pk},
        "workforce:team_delete": {"pk": team.pk},
        "workforce:photo": {"pk": officer.pk},
        "workforce:abstraction_edit": {"pk": abstraction.pk},
        "workforce:import": {"kind": "abstractions"},
    }
