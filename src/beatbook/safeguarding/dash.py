"""The DASH risk identification checklist (Domestic Abuse, Stalking and Harassment and Honour Based
Violence, 2009), as adopted by ACPO for police forces: 27 questions answered yes, no or not known.

Source of the questions: Richards, L. (2009), "DASH (2009) Risk Identification, Assessment and
Management Model", ACPO Council / SafeLives (dashriskchecklist.co.uk). The wording below follows the
published checklist with "the abuser" in place of "(name of abuser(s))"; a force may put its own copy's
wording in its place. The score is the number of yes answers; the levels are the model's: standard
under 10, medium 10 to 13, high 14 or more. Professional judgement may raise the level, with a reason,
never lower it (a high score is always referred); high risk is referred to the MARAC.

Checked against published sources (November 2026): the levels (1-9 standard, 10-13 medium, 14 and above
high, every high-risk case referred to the MARAC) as Plymouth Safeguarding Children Partnership states them
(plymouthscb.co.uk/safe-lives-dash-ric-checklist); the police version's title, author and the 2009 model
as the published model document gives them ("Domestic Abuse, Stalking and Harassment and Honour Based
Violence (DASH, 2009) Risk Identification and Assessment and Management Model", Laura Richards for ACPO with
CAADA). The SafeLives (non-police) checklist has 24 questions; this is the police version's 27. The
questions' exact wording could not be checked against the full published form: a force replaces it with
its own licensed copy's wording (the model's author asks that it not be reproduced without permission):
BEATBOOK_DASH_QUESTIONS_FILE names that copy, and until it does the DASH page says the wording is not one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

#: The wording shipped with beatbook, used until BEATBOOK_DASH_QUESTIONS_FILE names the force's own.
QUESTIONS: tuple[str, ...] = (
    "Has the current incident resulted in injury?",
    "Are you very frightened?",
    "What are you afraid of? Is it further injury or violence?",
    "Do you feel isolated from family or friends, i.e. does the abuser try to stop you from seeing friends, "
    "family, the doctor or others?",
    "Are you feeling depressed or having suicidal thoughts?",
    "Have you separated or tried to separate from the abuser within the past year?",
    "Is there conflict over child contact?",
    "Does the abuser constantly text, call, contact, follow, stalk or harass you?",
    "Are you pregnant or have you recently had a baby (within the last 18 months)?",
    "Are there any children or step-children in the household who are not the abuser's, or other dependants?",
    "Has the abuser ever hurt the children or dependants?",
    "Has the abuser ever threatened to hurt or kill the children or dependants?",
    "Is the abuse happening more often?",
    "Is the abuse getting worse?",
    "Does the abuser try to control everything you do and/or are they excessively jealous?",
    "Has the abuser ever used weapons or objects to hurt you?",
    "Has the abuser ever threatened to kill you or someone else and you believed them?",
    "Has the abuser ever attempted to strangle, choke, suffocate or drown you?",
    "Does the abuser do or say things of a sexual nature that make you feel bad or that physically hurt you "
    "or someone else?",
    "Is there any other person who has threatened you or who you are afraid of?",
    "Do you know if the abuser has hurt anyone else (children, siblings, elderly relatives, a stranger, "
    "a previous partner)?",
    "Has the abuser ever mistreated an animal or the family pet?",
    "Are there any financial issues (for example, are you dependent on the abuser for money, have they "
    "recently lost their job)?",
    "Has the abuser had problems in the past year with drugs, alcohol or mental health leading to problems "
    "in leading a normal life?",
    "Has the abuser ever threatened or attempted suicide?",
    "Has the abuser ever broken bail, an injunction or a formal agreement for when they can see you "
    "and/or the children?",
    "Do you know if the abuser has ever been in trouble with the police or has a criminal history?",
)
ANSWERS = (("yes", "Yes"), ("no", "No"), ("not_known", "Not known"))
SHIPPED_WORDING = (
    "The questions' wording is beatbook's unverified rendering of the published checklist, not a licensed "
    "copy: your force should load its own (BEATBOOK_DASH_QUESTIONS_FILE)."
)


class WordingError(ValueError):
    """The force's question file cannot be used; the message names the file and what is wrong."""


def read_wording(path: Path) -> tuple[str, ...]:
    """The questions of a UTF-8 text file, one per line in the checklist's order (blank lines ignored).

    It must hold exactly as many questions as the checklist, so that the scores keep their meaning."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise WordingError(f"{path}: cannot be read as UTF-8 text ({error})") from None
    found = tuple(line.strip() for line in lines if line.strip())
    if len(found) != len(QUESTIONS):
        raise WordingError(f"{path}: holds {len(found)} questions, one per line; the checklist has {len(QUESTIONS)}")
    return found


@cache
def _loaded(path_text: str) -> tuple[str, ...]:
    return read_wording(Path(path_text))


def questions() -> tuple[str, ...]:
    """The force's licensed wording when BEATBOOK_DASH_QUESTIONS_FILE names it, else the shipped one."""
    path_text = settings.BEATBOOK_DASH_QUESTIONS_FILE
    return _loaded(path_text) if path_text else QUESTIONS


def wording_note() -> str:
    """Where the questions' wording comes from, as the DASH pages say it."""
    path_text = settings.BEATBOOK_DASH_QUESTIONS_FILE
    return f"The questions' wording is the force's own copy ({Path(path_text).name})." if path_text else SHIPPED_WORDING


MEDIUM_FROM, HIGH_FROM = 10, 14


def score(answers: dict[str, str]) -> int:
    """The number of questions answered yes."""
    return sum(1 for answer in answers.values() if answer == "yes")


def level_for(points: int) -> str:
    """standard (under 10), medium (10-13) or high (14 or more)."""
    if points >= HIGH_FROM:
        return "high"
    return "medium" if points >= MEDIUM_FROM else "standard"


LEVELS = ("standard", "medium", "high")  # lowest first


def higher_level(first: str, second: str) -> str:
    """The higher of two levels ("" counts as no level)."""
    return max(first, second, key=lambda level: LEVELS.index(level) if level in LEVELS else -1)


def raises(score_level: str, chosen: str) -> bool:
    """Whether professional judgement's `chosen` level is above the score's: the only override allowed."""
    return chosen in LEVELS and LEVELS.index(chosen) > LEVELS.index(score_level)
