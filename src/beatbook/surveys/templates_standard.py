"""The standard questions, ready to add to a survey.

Wordings: "Taking everything into account ..." and the agree/disagree statements are those of the
Crime Survey for England and Wales (ONS) and the Metropolitan Police's Public Attitude Survey; the
shares reported are those the surveys report ("excellent or good", "strongly agree or tend to agree").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from beatbook.surveys.models import QuestionKind

GOOD_JOB = ["Excellent", "Good", "Fair", "Poor", "Very poor"]
AGREE = ["Strongly agree", "Tend to agree", "Neither agree nor disagree", "Tend to disagree", "Strongly disagree"]
SAFE = ["Very safe", "Fairly safe", "A bit unsafe", "Very unsafe"]
YES_NO = ["Yes", "No"]
SATISFIED = ["Very satisfied", "Fairly satisfied", "Neither", "Fairly dissatisfied", "Very dissatisfied"]


@dataclass(frozen=True)
class StandardQuestion:
    kind: str
    text: str
    choices: list[str] = field(default_factory=list)
    favourable: list[str] = field(default_factory=list)
    measure: str = ""


def _agree(statement: str) -> StandardQuestion:
    return StandardQuestion(
        QuestionKind.AGREE, f"The police in this area {statement}", AGREE, AGREE[:2], "strongly or tend to agree"
    )


CONFIDENCE = [
    StandardQuestion(
        QuestionKind.SINGLE,
        "Taking everything into account, how good a job do you think the police in this area are doing?",
        GOOD_JOB,
        GOOD_JOB[:2],
        "excellent or good",
    ),
    _agree("can be relied on to be there when you need them"),
    _agree("would treat you with respect if you had contact with them for any reason"),
    _agree("treat everyone fairly regardless of who they are"),
    _agree("can be relied on to deal with minor crimes"),
    _agree("understand the issues that affect this community"),
    _agree("are dealing with the things that matter to people in this community"),
    StandardQuestion(
        QuestionKind.SINGLE,
        "How safe do you feel walking alone in this area during the day?",
        SAFE,
        SAFE[:2],
        "very or fairly safe",
    ),
    StandardQuestion(
        QuestionKind.SINGLE,
        "How safe do you feel walking alone in this area after dark?",
        SAFE,
        SAFE[:2],
        "very or fairly safe",
    ),
    StandardQuestion(QuestionKind.YES_NO, "Do you know how to contact your ward officer?", YES_NO, ["Yes"], "yes"),
    StandardQuestion(QuestionKind.FREE_TEXT, "Is there anything else you would like to tell us?"),
]

VICTIM = [
    StandardQuestion(
        QuestionKind.SINGLE,
        "How satisfied were you with how the police dealt with you?",
        SATISFIED,
        SATISFIED[:2],
        "very or fairly satisfied",
    ),
    StandardQuestion(QuestionKind.YES_NO, "Were you kept informed of progress?", YES_NO, ["Yes"], "yes"),
    StandardQuestion(QuestionKind.YES_NO, "Were you treated fairly and with respect?", YES_NO, ["Yes"], "yes"),
    StandardQuestion(
        QuestionKind.YES_NO, "Do you feel safer now than before you contacted us?", YES_NO, ["Yes"], "yes"
    ),
    StandardQuestion(QuestionKind.FREE_TEXT, "What could we have done better?"),
]

#: The fixed choices of each kind: a builder's own question of these kinds gets them.
KIND_CHOICES = {
    QuestionKind.AGREE: (AGREE, AGREE[:2], "strongly or tend to agree"),
    QuestionKind.YES_NO: (YES_NO, ["Yes"], "yes"),
}
