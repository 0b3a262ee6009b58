"""An indicator's words as partners read them in the review pack: the definitions are written for the
force's supervisors, who set the figures up, so they name settings and send the reader to the admin.
Partners get the values those settings have, and none of the advice on setting them."""

from __future__ import annotations

import re

from django.conf import settings

#: A parenthesis naming a group of settings ("(BEATBOOK_SPECIALS_* settings; default: ...)"): how the
#: force set it up, not what the figure is.
SETTINGS_NOTE = re.compile(r"\s*\([^()]*BEATBOOK_[A-Z_]*\*[^()]*\)")
#: One setting, with the word of its unit and its default in brackets that may follow:
#: "BEATBOOK_REPEAT_MIN_INCIDENTS incidents (3 by default)", "BEATBOOK_REPEAT_WINDOW_DAYS (365)".
SETTING = re.compile(r"\bBEATBOOK_(?P<name>[A-Z0-9_]+)\b(?P<word> [a-z]+(?= \())?(?: \((?P<note>[^()]*)\))?")
#: Units read off a setting's name when no word follows it.
NAME_UNITS = {"_DAYS": "days", "_HOURS": "hours"}
#: A sentence for whoever configures beatbook: the default target, or where to change it.
ADVICE = re.compile(r"^Default target\b|\bthe admin\b|\bset the force's own\b|\bBEATBOOK_")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _value(match: re.Match[str]) -> str:
    name = match["name"]
    value = getattr(settings, f"BEATBOOK_{name}", None)
    unit = next((u for end, u in NAME_UNITS.items() if name.endswith(end)), "")
    shown = "a number the force sets" if value is None else f"{value} {unit}".strip()
    shown += match["word"] or ""
    _, _, aside = (match["note"] or "").partition(";")
    return f"{shown} ({aside.strip()})" if aside.strip() else shown


def plain_words(text: str) -> str:
    """``text`` with each setting's name replaced by its value, and without the sentences that advise
    whoever configures beatbook (default targets, the admin)."""
    text = SETTING.sub(_value, SETTINGS_NOTE.sub("", text))
    return " ".join(s for s in SENTENCE_END.split(text) if not ADVICE.search(s))
