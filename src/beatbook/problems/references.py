"""A problem's reference, SARA-12, and reading one back from what a person typed.

Pure functions (no models): the intelligence data migration reads old text references with them.
"""

from __future__ import annotations

import re

PREFIX = "SARA-"
# SARA-12, sara 12, SARA12, P-12, #12 or 12, with leading zeros: the forms a reference was typed in.
_TYPED = re.compile(r"^\s*(?:(?:SARA|P)\s*-?\s*|#)?0*(\d{1,9})\s*$", re.IGNORECASE)


def reference_of(pk: int | None) -> str:
    return f"{PREFIX}{pk}" if pk is not None else ""


def problem_id_of(text: str) -> int | None:
    """The problem id a typed reference names, or None when it names none (SARA-2026-004, a title)."""
    found = _TYPED.match(text or "")
    return int(found.group(1)) if found and int(found.group(1)) > 0 else None
