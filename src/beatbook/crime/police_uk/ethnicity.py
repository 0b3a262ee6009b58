"""Self-defined ethnicity in data.police.uk stop-and-search files, grouped as the Census groups
residents, so that searches can be set against a resident population.

police.uk writes the 2011 Census categories as "<group> - <category>", e.g. "White - Irish";
the five groups match the high-level ethnic groups of Census 2021 (table TS021). "Other ethnic
group - Not stated" is a refusal to say, not an ethnic group, and an empty field was never
recorded: neither belongs to a resident group.
"""

from __future__ import annotations

#: Group key -> label, in the order the Census lists them; then the two answers that are no group.
ETHNIC_GROUPS: dict[str, str] = {
    "asian": "Asian or Asian British",
    "black": "Black, Black British, Caribbean or African",
    "mixed": "Mixed or multiple ethnic groups",
    "white": "White",
    "other": "Other ethnic group",
    "not-stated": "Not stated",
    "not-recorded": "Not recorded",
}
#: The groups a resident population has (the others are left out of per-head rates).
RESIDENT_GROUPS = ("asian", "black", "mixed", "white", "other")

_PREFIXES = {
    "asian/asian british": "asian",
    "black/african/caribbean/black british": "black",
    "mixed/multiple ethnic groups": "mixed",
    "white": "white",
    "other ethnic group": "other",
}


def ethnic_group(self_defined: str) -> str:
    """The group key of a police.uk self-defined ethnicity (see ETHNIC_GROUPS)."""
    text = self_defined.strip()
    if not text:
        return "not-recorded"
    prefix, _, category = text.partition(" - ")
    if category.strip().casefold() == "not stated":
        return "not-stated"
    return _PREFIXES.get(prefix.strip().casefold(), "other")
