"""The premises registers a page can analyse: the shipped FSA food-hygiene register (the
default) and the licensing registers imported for the force, each as hub.premises.Premises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.db.models import Count

from beatbook.hub.premises import PUBS_BARS_NIGHTCLUBS, Premises, cached_register
from beatbook.paths import FSA_PREMISES
from beatbook.premises.licensing_statistics import latest_counts
from beatbook.premises.models import LicensedPremises, PremisesRegister

FSA = "fsa"
LICENSING = "licensing:"
FSA_DATE = "2020-11-10"
#: Types of a licensing register taken as the night-time economy's when none is chosen.
NIGHT_TYPES = re.compile(r"\b(pubs?|bars?|night ?clubs?|clubs?|inns?|taverns?|public houses?)\b", re.IGNORECASE)
DETAILS = ("licence_number", "licence_type", "hours", "terminal_hour", "status")


@dataclass(frozen=True)
class Register:
    """A register as the page offers it."""

    key: str  # "fsa" or "licensing:<name>"
    label: str
    description: str  # what it is, how old, where from: shown with every result
    version: str  # changes whenever the register does (a key of the cached results)
    types: tuple[str, ...]  # its premises types, most premises first
    note: str = ""  # what else is known of its coverage

    def default_types(self) -> tuple[str, ...]:
        """Pubs, bars and nightclubs: the FSA's type, or a licensing register's types that name them
        (every type when none does)."""
        if self.key == FSA:
            return (PUBS_BARS_NIGHTCLUBS,)
        night = tuple(t for t in self.types if NIGHT_TYPES.search(t))
        return night or self.types


def _fsa() -> Register:
    stat = FSA_PREMISES.stat()
    return _fsa_of(stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=2)
def _fsa_of(size: int, modified: int) -> Register:
    """The shipped register as offered, built again only when its file changes."""
    premises = cached_register(FSA_PREMISES)
    counts = premises.type_counts()
    return Register(
        FSA,
        f"FSA food hygiene register, {FSA_DATE} (shipped)",
        f"the Food Standards Agency's food hygiene register of the City of London, extract of {FSA_DATE}: "
        "premises opened since then are missing and some listed have closed",
        f"fsa-{size}-{modified}",
        tuple(counts),
        _scale(counts.get(PUBS_BARS_NIGHTCLUBS, 0), sum(counts.values())),
    )


def _scale(pubs: int, every: int) -> str:
    """The Home Office's count of premises licences beside the register's own."""
    licensed = latest_counts()
    if licensed is None:
        return ""
    return (
        f"For scale: the Home Office counted {licensed.premises_licences:,} premises licences in the City at "
        f"{licensed.as_at} ({licensed.selling_alcohol:,} allowing the sale of alcohol, "
        f"{licensed.late_night_refreshment:,} late-night refreshment); this register lists {pubs:,} pubs, bars and "
        f"nightclubs among {every:,} food businesses."
    )


def _licensing(register: PremisesRegister) -> Register:
    counts = dict(register.premises.values_list("premises_type").annotate(n=Count("pk")).order_by())
    return Register(
        f"{LICENSING}{register.name}",
        f"{register.name}: licensing register imported {register.imported_at:%Y-%m-%d}",
        f"the licensing register {register.name!r}, imported on {register.imported_at:%Y-%m-%d} "
        f"from {register.file_name.rsplit('/', 1)[-1]} ({register.rows_stored:,} premises)",
        f"licensing-{register.pk}-{register.sha256[:16]}-{register.vintage}",
        tuple(sorted(counts, key=lambda t: (-counts[t], t))),
    )


def registers(force_slug: str) -> list[Register]:
    """The shipped FSA register first, then the force's imported registers by name."""
    imported = PremisesRegister.objects.filter(force_slug=force_slug).order_by("name")
    return [_fsa(), *(_licensing(r) for r in imported)]


def premises_of(register: Register, force_slug: str) -> Premises:
    """Every premises of the register, of any type (choose with ``Premises.of_types``)."""
    if register.key == FSA:
        return cached_register(FSA_PREMISES)
    name = register.key.removeprefix(LICENSING)
    stored = LicensedPremises.objects.filter(register__force_slug=force_slug, register__name=name).order_by("line")
    rows = list(stored.values_list("line", "name", "address", "postcode", "premises_type", "lat", "lng", *DETAILS))
    located = [r for r in rows if r[5] is not None and r[6] is not None]

    def column(i: int) -> np.ndarray:
        return np.array([_text(r[i]) for r in located], dtype=str).reshape(-1)

    return Premises(
        source=name,
        business_type="all types",
        ids=column(0),
        names=column(1),
        addresses=column(2),
        postcodes=column(3),
        types=column(4),
        lat=np.array([r[5] for r in located], dtype=float),
        lng=np.array([r[6] for r in located], dtype=float),
        unlocated_types=tuple(r[4] for r in rows if r[5] is None or r[6] is None),
        id_name="register_line",
        details={name: column(7 + k) for k, name in enumerate(DETAILS)},
    )


def _text(value: object) -> str:
    """A stored value as the page shows it: a terminal hour as HH:MM, nothing as ''."""
    if value is None:
        return ""
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)
