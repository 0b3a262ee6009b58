"""The demo's Business team works the requests for attendance, and the demo officer is one of its members.

Runs after the engagement demo, which makes the teams and the (fictional) ward officers.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from beatbook.accounts.models import profile_of
from beatbook.geography.models import Force
from beatbook.workforce.models import Officer, PublicGroup, Team


def ensure_demo_workforce(force: Force) -> list[str]:
    Team.objects.filter(force=force, slug="business").update(
        handles_attendance_requests=True, serves=PublicGroup.BUSINESS
    )
    user = get_user_model().objects.filter(username="demo-officer").first()
    if user is None or Officer.objects.filter(user=user).exists():
        return ["Workforce demo: the Business team works the requests for attendance."]
    profile = profile_of(user)
    if profile is None or profile.cluster_id is None:
        return ["Workforce demo: the demo officer serves no cluster, so is in no team."]
    members = Officer.objects.filter(force=force, cluster_id=profile.cluster_id, teams__slug="business", user=None)
    officer = members.first()
    if officer is None:
        return ["Workforce demo: no Business team officer in the demo officer's cluster to link."]
    officer.user = user
    officer.save(update_fields=["user", "modified"])
    return [f"Workforce demo: demo-officer is {officer.name} of the Business team (works the request queue)."]
