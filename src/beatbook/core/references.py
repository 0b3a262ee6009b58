"""The reference a record is known by (SN-3F9A0C, CI-K7QD-M2XA): a prefix and random characters, new
in its model. One helper for every app; each keeps its own prefix and, where people read it out, its own
alphabet and grouping."""

from __future__ import annotations

import secrets
from typing import Any

HEX = "0123456789ABCDEF"


def new_reference(model: Any, prefix: str, *, length: int = 6, alphabet: str = HEX, group: int = 0) -> str:
    """`prefix-` and `length` random characters of `alphabet` (in hyphenated groups of `group`, if given),
    not yet used by any `model.reference`."""
    while True:
        code = "".join(secrets.choice(alphabet) for _ in range(length))
        if group:
            code = "-".join(code[i : i + group] for i in range(0, length, group))
        reference = f"{prefix}-{code}"
        if not model.objects.filter(reference=reference).exists():
            return reference
