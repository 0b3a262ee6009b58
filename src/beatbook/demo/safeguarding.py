"""The demo's safeguarding: a SYNTHETIC incident log (every row synthetic=yes, every pseudonym SYN-...)
generated on the City's real map points and imported, so that the repeat register and ASB Case Review
candidates are flagged; and one DASH assessment of a repeat victim, high risk, referred to the MARAC.

Idempotent: the same seed writes the same file, which the import then finds identical; the assessment is
made once (known by its note).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from beatbook.crime.shrink_guard import ShrinkGuard
from beatbook.safeguarding import dash, services
from beatbook.safeguarding.importer import import_log
from beatbook.safeguarding.models import DashAssessment, Incident
from beatbook.safeguarding.report import audit_import
from beatbook.safeguarding.synthesise import NoMapPoints, map_points, synthesise, write_log

SEED, MONTHS = 2025, 12
NOTE = "[Synthetic demonstration record] Assessment made by the demo."


def ensure_demo_safeguarding() -> list[str]:
    try:
        rows = synthesise(map_points(MONTHS), SEED)
    except NoMapPoints as exc:
        return [f"Safeguarding: {exc}; no synthetic incident log."]
    path = settings.VAR_DIR / "demo-incidents-synthetic.csv"
    write_log(rows, path)
    report = import_log(path, settings.BEATBOOK_FORCE, ShrinkGuard())
    audit_import(report, "beatbook demo")
    lines = [f"Safeguarding: synthetic incident log {report.status} ({len(rows):,} incidents)."]
    return lines + _ensure_assessment()


def _ensure_assessment() -> list[str]:
    if DashAssessment.objects.filter(notes=NOTE).exists():
        return []
    victims = services.repeat_register(Incident.objects.all(), "victim")
    if not victims:
        return ["Safeguarding: no repeat victim in the synthetic log; no demonstration assessment."]
    user = get_user_model().objects.get(username="demo-safeguarding")
    request: Any = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_USER_AGENT="beatbook demo")
    request.user = user
    answers = {f"q{n}": "yes" if n <= 15 else "no" for n in range(1, len(dash.QUESTIONS) + 1)}
    assessment = services.assess(request, {**answers, "victim": victims[0].pseudonym, "notes": NOTE})
    return [f"Safeguarding: demonstration DASH assessment, score {assessment.score}, referred to the MARAC."]
