"""Checks on a run as a whole, before any file is stored.

Two files for the same force, month and kind in one run (say two members of a zip) would
silently leave whichever came last: both are refused as ambiguous. A force whose geography is
not loaded and that has no stored data is most likely a typing slip ("narnia"): it is refused
unless the user says it is new.
"""

from __future__ import annotations

from collections import defaultdict

from beatbook.crime.models import SourceFile
from beatbook.crime.police_uk.files import FileIdentity, InputFile, UnusableFile, identify
from beatbook.geography.models import Force


def refusals(items: list[InputFile | UnusableFile], *, new_force: bool = False) -> dict[str, str]:
    """The reason each file of the run must be refused before it is read, by file name."""
    by_identity: dict[FileIdentity, list[str]] = defaultdict(list)
    for item in items:
        if isinstance(item, InputFile):
            try:
                by_identity[identify(item)].append(item.name)
            except UnusableFile:
                continue  # the file's own ingest reports it
    reasons = _ambiguous(by_identity)
    if not new_force:
        unknown = {i.force for i in by_identity} - _known_forces({i.force for i in by_identity})
        for identity, names in by_identity.items():
            if identity.force in unknown:
                reasons.update({name: _unknown_force(identity.force) for name in names if name not in reasons})
    return reasons


def _ambiguous(by_identity: dict[FileIdentity, list[str]]) -> dict[str, str]:
    reasons = {}
    for identity, names in by_identity.items():
        if len(names) > 1:
            reason = (
                f"ambiguous: {len(names)} files of this run are for {identity.force} {identity.month:%Y-%m} "
                f"{identity.kind} ({', '.join(names)}); none of them was ingested: ingest the right one alone"
            )
            reasons.update(dict.fromkeys(names, reason))
    return reasons


def _known_forces(slugs: set[str]) -> set[str]:
    loaded = set(Force.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return loaded | set(SourceFile.objects.filter(force_slug__in=slugs).values_list("force_slug", flat=True))


def _unknown_force(slug: str) -> str:
    return (
        f"the force {slug!r} is unknown: its geography is not loaded and nothing is stored for it. "
        "Check the file name, load the force (beatbook geography load), or give --new-force to store it without wards"
    )
