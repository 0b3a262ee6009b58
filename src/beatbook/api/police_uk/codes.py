"""police.uk's codes for outcome names: the CSV files carry only the names, the API both.

Crime outcomes: data.police.uk's outcome category codes (the `category.code` of
`outcomes-for-crime` and `outcomes-at-location`). Stop-and-search outcomes: the `outcome_object.id`
of the `stops-*` methods. A name police.uk adds later gets its name written as a slug, so that a
code is never empty for a named outcome.
"""

from __future__ import annotations

from django.utils.text import slugify

OUTCOME_CODES: dict[str, str] = {
    "Awaiting court outcome": "awaiting-court-result",
    "Court result unavailable": "court-result-unavailable",
    "Court case unable to proceed": "unable-to-proceed",
    "Local resolution": "local-resolution",
    "Investigation complete; no suspect identified": "no-further-action",
    "Offender deprived of property": "deprived-of-property",
    "Offender fined": "fined",
    "Offender given absolute discharge": "absolute-discharge",
    "Offender given a caution": "cautioned",
    "Offender given a drugs possession warning": "drugs-possession-warning",
    "Offender given penalty notice": "penalty-notice-issued",
    "Offender given a penalty notice": "penalty-notice-issued",
    "Offender given community sentence": "community-penalty",
    "Offender given conditional discharge": "conditional-discharge",
    "Offender given suspended prison sentence": "suspended-sentence",
    "Offender sent to prison": "imprisoned",
    "Offender otherwise dealt with": "other-court-disposal",
    "Offender ordered to pay compensation": "compensation",
    "Suspect charged as part of another case": "sentenced-in-another-case",
    "Suspect charged": "charged",
    "Defendant found not guilty": "not-guilty",
    "Defendant sent to Crown Court": "sent-to-crown-court",
    "Unable to prosecute suspect": "unable-to-prosecute",
    "Formal action is not in the public interest": "formal-action-not-in-public-interest",
    "Action to be taken by another organisation": "action-taken-by-another-organisation",
    "Further investigation is not in the public interest": "further-investigation-not-in-public-interest",
    "Further action is not in the public interest": "further-action-not-in-public-interest",
    "Under investigation": "under-investigation",
    "Status update unavailable": "status-update-unavailable",
}

STOP_OUTCOME_CODES: dict[str, str] = {
    "A no further action disposal": "bu-no-further-action",
    "Arrest": "bu-arrest",
    "Caution (simple or conditional)": "bu-caution",
    "Community resolution": "bu-community-resolution",
    "Khat or Cannabis warning": "bu-khat-or-cannabis-warning",
    "Penalty Notice for Disorder": "bu-penalty-notice",
    "Summons / charged by post": "bu-summons",
}


def outcome_code(name: str) -> str:
    return OUTCOME_CODES.get(name) or slugify(name)


def stop_outcome_code(name: str) -> str:
    if not name:
        return ""
    return STOP_OUTCOME_CODES.get(name) or f"bu-{slugify(name)}"
