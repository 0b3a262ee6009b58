"""The narrow picker through which the intelligence role links an item to a problem (docs/adr/0013).

It reads two columns of a problem, its id (as the reference) and its title, into a `ProblemChoice`:
a caller is never given the problem itself, so no description, source, area or history can reach a
page of someone who may not read problems.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from beatbook.problems.models import Problem, Stage
from beatbook.problems.references import problem_id_of, reference_of

LIMIT = 20


@dataclass(frozen=True)
class ProblemChoice:
    pk: int
    title: str
    closed: bool

    @property
    def reference(self) -> str:
        return reference_of(self.pk)

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"


def search(query: str, limit: int = LIMIT) -> list[ProblemChoice]:
    """Problems whose reference or title matches `query`, open ones first, newest first."""
    query = query.strip()
    found = Q(title__icontains=query) if query else Q()
    pk = problem_id_of(query)
    if pk is not None:
        found |= Q(pk=pk)
    problems = Problem.objects.filter(found)
    open_first = [problems.exclude(stage=Stage.CLOSED), problems.filter(stage=Stage.CLOSED)]
    choices: list[ProblemChoice] = []
    for part in open_first:
        rows = part.order_by("-pk").values_list("pk", "title")[: limit - len(choices)]
        choices += [ProblemChoice(pk, title, part is open_first[1]) for pk, title in rows]
    return choices


def choice_for(reference: str) -> ProblemChoice | None:
    """The problem a typed reference names, when it exists."""
    pk = problem_id_of(reference)
    if pk is None:
        return None
    row = Problem.objects.filter(pk=pk).values_list("pk", "title", "stage").first()
    return ProblemChoice(row[0], row[1], row[2] == Stage.CLOSED) if row else None
