"""The roles of beatbook, held as Django groups.

Anonymous visitors are the public. Each role is a group so that a force can grant finer
permissions per group in the admin without code changes. A superuser holds the admin role.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import models


class Role(models.TextChoices):
    PARTNER = "partner", "Partner (council, business, community organisation)"
    OFFICER = "officer", "Officer (Dedicated Ward Officer)"
    ANALYST = "analyst", "Analyst (Partnership & Prevention Hub)"
    SUPERVISOR = "supervisor", "Supervisor (sergeant, inspector)"
    INTELLIGENCE = "intelligence", "Intelligence officer"
    SAFEGUARDING = "safeguarding", "Safeguarding officer"
    ADMIN = "admin", "Administrator"

    @property
    def short_label(self) -> str:
        return str(self.label).split(" (")[0]


# Who may do what, named once: views and querysets use these, never role lists of their own.
AUDIT_READERS = (Role.SUPERVISOR, Role.ADMIN)
#: The Hub's analysis pages, My area and the tasking briefing: the people who direct patrols.
HUB_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
# Community intelligence (docs/adr/0008): the intelligence role owns the originals; the others
# see at most a sanitised text, each through Intel.objects.visible_to(user).
INTEL_OWNERS = (Role.INTELLIGENCE,)
#: Record intelligence while signed in: partners' own form, officers' entry.
INTEL_RECORDERS = (Role.PARTNER, Role.OFFICER, Role.SUPERVISOR, Role.INTELLIGENCE)
#: Open an item (which ones, and what of it, is visible_to's decision).
INTEL_READERS = (Role.PARTNER, Role.OFFICER, Role.SUPERVISOR, Role.INTELLIGENCE, Role.SAFEGUARDING)
#: Sanitised texts shared with them: everyone of INTEL_READERS but the owners, who use the queue.
INTEL_SANITISED_READERS = (Role.PARTNER, Role.OFFICER, Role.SUPERVISOR, Role.SAFEGUARDING)
#: Approve the written conditions of handling code C.
INTEL_HANDLING_APPROVERS = (Role.SUPERVISOR,)
#: Counts of intelligence by ward (no text at all).
INTEL_COUNT_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR, Role.INTELLIGENCE)
#: Link an item to a SARA problem, picking it by reference and title only (docs/adr/0013): nothing else
#: of a problem reaches them, because problems are not theirs to read.
INTEL_PROBLEM_LINKERS = (Role.INTELLIGENCE,)
#: Plan engagement events, record what was raised at them, propose ward priorities.
ENGAGEMENT_PLANNERS = (Role.OFFICER, Role.SUPERVISOR)
#: Publish a ward priority on the public ward page ("you said, we did").
PRIORITY_PUBLISHERS = (Role.SUPERVISOR,)
#: The queue of requests for police attendance: supervisors, and officers who are members of a team
#: that handles them (the Business team; workforce.models.works_attendance_queue decides).
ATTENDANCE_HANDLERS = (Role.OFFICER, Role.SUPERVISOR)
ATTENDANCE_SUPERVISORS = (Role.SUPERVISOR,)
#: Officer and team records outside the admin (names, photos, contact, teams): supervisors.
WORKFORCE_EDITORS = (Role.SUPERVISOR,)
#: SARA problems: every officer, analyst and supervisor reads every plan (shared situational
#: awareness); partners read the plans naming their organisation, only the sections shared.
PROBLEM_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
PROBLEM_VIEWERS = (*PROBLEM_READERS, Role.PARTNER)
#: Who opens a problem (an officer owns what they open); a problem's owner and supervisors change it.
PROBLEM_EDITORS = (Role.OFFICER, Role.SUPERVISOR)
#: Who owns a problem, and so takes up a Hub suggestion as their own: Dedicated Ward Officers.
PROBLEM_OWNERS = (Role.OFFICER,)

# Safeguarding (docs/adr/0009): the safeguarding role owns incidents, victims, callers, DASH and MARAC;
# the others who direct patrols see counts by ward only (no pseudonym, no incident).
SAFEGUARDING_OWNERS = (Role.SAFEGUARDING,)
SAFEGUARDING_COUNT_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR, Role.SAFEGUARDING)
#: The Hub map's layer of those counts by ward: Hub readers who may read either kind (sensitive_counts decides
#: which columns each one gets; someone who may read neither is refused).
HUB_SENSITIVE_MAP_READERS = tuple(r for r in HUB_READERS if r in {*INTEL_COUNT_READERS, *SAFEGUARDING_COUNT_READERS})
#: Community MARAC: partners read the cases naming their organisation (shared fields, their own actions).
MARAC_PARTNERS = (Role.PARTNER,)
MARAC_VIEWERS = (*SAFEGUARDING_OWNERS, *MARAC_PARTNERS)
#: The MoPI review queue of safeguarding, school notifications and missing-person briefings.
SAFEGUARDING_REVIEWERS = (Role.SAFEGUARDING,)

# School notifications (Operation Encompass, docs/adr/0010): safeguarding officers keep the register
# and send; supervisors see only the timeliness counts. Key adults do not sign in: they are emailed.
SCHOOL_NOTIFIERS = (Role.SAFEGUARDING,)
SCHOOL_TIMELINESS_READERS = (Role.SUPERVISOR, Role.SAFEGUARDING)
# Briefings on vulnerable and missing people: safeguarding officers write them; officers on patrol
# read those of their own cluster (MissingBriefing.objects.visible_to).
# Supervisors read the force's active briefings (oversight of a search); a patrol officer who finds the
# person records it on a briefing of their cluster, and the safeguarding officer who wrote it is told.
MISSING_OWNERS = (Role.SAFEGUARDING,)
MISSING_READERS = (Role.OFFICER, Role.SUPERVISOR, Role.SAFEGUARDING)
MISSING_FINDERS = (Role.OFFICER, Role.SAFEGUARDING)


def ensure_role_groups() -> list[Group]:
    """Create the group of every role; existing groups are kept as they are."""
    return [Group.objects.get_or_create(name=role.value)[0] for role in Role]


def roles_of(user: Any) -> set[str]:
    """The role names of `user` (none for the public), read once per request object."""
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_beatbook_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) & set(Role.values)
        if user.is_superuser:
            cached.add(Role.ADMIN.value)
        user._beatbook_roles = cached
    return set(cached)


def has_role(user: Any, *roles: Role) -> bool:
    return bool(roles_of(user) & {r.value for r in roles})


#: Surveys: who builds surveys and reads their results; victim feedback and follow-up contacts are narrower.
SURVEY_BUILDERS = (Role.ANALYST, Role.SUPERVISOR)
SURVEY_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
SURVEY_VICTIM_READERS = (Role.SUPERVISOR,)
SURVEY_CONTACT_READERS = (Role.SUPERVISOR,)
#: Messaging: who writes to subscribers, and who may read subscribers' email addresses (audited).
MESSAGE_SENDERS = (Role.OFFICER, Role.SUPERVISOR)
SUBSCRIBER_READERS = (Role.SUPERVISOR,)
#: Campaigns (Ask for Angela, cycle theft ...): who reads a campaign's page and reach, and who runs one.
CAMPAIGN_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
CAMPAIGN_EDITORS = (Role.OFFICER, Role.SUPERVISOR)
#: Who writes to a campaign's audience: campaign editors who also write to subscribers.
CAMPAIGN_MESSAGE_SENDERS = tuple(r for r in CAMPAIGN_EDITORS if r in MESSAGE_SENDERS)
#: Bike marking: who searches the register for a recovered bike and reads whose it is (audited);
#: who reads the counts of bikes marked beside the cycle-theft figures (no personal data).
BIKE_OWNER_READERS = (Role.OFFICER, Role.SUPERVISOR)
BIKE_COUNT_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
#: Abstractions from neighbourhood duty: supervisors manage every record (and import the roster);
#: an officer records and reads their own only (Abstraction.objects.visible_to).
ABSTRACTION_MANAGERS = (Role.SUPERVISOR,)
ABSTRACTION_RECORDERS = (Role.OFFICER, Role.SUPERVISOR)
#: Abstraction rates by cluster and month, volunteer and training figures: internal, no individual record.
WORKFORCE_RATE_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
#: The board pack's page, where indicators' owners (the Hub's analysts, the intelligence and
#: safeguarding units) and supervisors write the commentary; its PDF is downloaded by supervisors.
#: Which figures each may write: performance.owners.
BOARD_PACK_WRITERS = (Role.ANALYST, Role.SUPERVISOR, Role.INTELLIGENCE, Role.SAFEGUARDING)
#: The performance framework's dashboard and definitions (read-only, aggregate figures, no personal
#: data): officers, and everyone who writes the board pack's commentary on those figures.
PERFORMANCE_READERS = (Role.OFFICER, *BOARD_PACK_WRITERS)
BOARD_PACK_DOWNLOADERS = (Role.SUPERVISOR,)
#: Reports of the force (the annual Community Profile): supervisors and Hub analysts read and download them.
REPORT_READERS = (Role.ANALYST, Role.SUPERVISOR)
#: Community safety partnerships (the Safer City Partnership): supervisors keep the plan's priorities and
#: actions; the police team reads all of it; partners read the plans of partnerships their organisation
#: is a member of, and of its problems only those shared with them (Problem.objects.visible_to).
PARTNERSHIP_EDITORS = (Role.SUPERVISOR,)
PARTNERSHIP_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
PARTNERSHIP_VIEWERS = (*PARTNERSHIP_READERS, Role.PARTNER)
#: Independent scrutiny of stop and search: supervisors record meetings, samples, findings and the force's
#: response; the public reads the published summaries only.
SCRUTINY_RECORDERS = (Role.SUPERVISOR,)

# Benchmarking with other forces: the force's street crime beside other forces' (performance.benchmarking).
BENCHMARK_READERS = (Role.ANALYST, Role.SUPERVISOR)
#: Who corrects or deletes a bike's record (an owner's request, a sold bike): those who read whose it is.
BIKE_EDITORS = BIKE_OWNER_READERS
