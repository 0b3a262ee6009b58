"""Frame numbers and marking codes as search keys: written on a form as "wtu 123-4567 c", stamped
on a frame as "WTU1234567C"; the key keeps the letters and digits only, in capitals."""

from __future__ import annotations

import re

_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")


def normalise(text: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", (text or "").upper())
