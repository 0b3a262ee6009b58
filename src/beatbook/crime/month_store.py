"""Where a file's rows are written while it is read, and how they then replace the stored month.

- PostgreSQL (`NewPartition`): into a new table of their own, indexed once when it is full and
  swapped in for the old leaf at the end of the file's transaction (crime.partitions, ADR 4).
- SQLite (`SharedTable`): into the model's table beside the old rows, which are then deleted
  (ADR 2); the new rows are those with an id above the last old one (ids only grow).

Either way the old and the new rows are two row sets for the shrink guard and the counts
(crime.month_stats), and everything happens in the file's transaction.
"""

from __future__ import annotations

from typing import Protocol

from django.db import connection, models
from django.db.models import Count, Max

from beatbook.crime import partitions
from beatbook.crime.models import SourceFile
from beatbook.crime.month_stats import Rows


class MonthStore(Protocol):
    table: str  # where the new rows go
    stored: int  # how many rows the month held before

    def old_rows(self) -> Rows: ...

    def new_rows(self) -> Rows: ...

    def loaded(self) -> None:
        """Every new row is written."""

    def apply(self) -> None:
        """The new rows replace the old ones; the last work of the file's transaction."""


def prepare_month(model: type[models.Model], source_month) -> None:
    """Work that must be committed on its own before a file's transaction (PostgreSQL's month partition)."""
    if connection.vendor == "postgresql":
        partitions.ensure_month(model._meta.db_table, source_month)


def open_store(model: type[models.Model], source: SourceFile, created: bool) -> MonthStore:
    if connection.vendor == "postgresql":
        return NewPartition(model, source, vintage=1 if created else source.vintage + 1)
    return SharedTable(model, source, created)


class SharedTable:
    def __init__(self, model: type[models.Model], source: SourceFile, created: bool):
        self.model, self.source, self.table = model, source, model._meta.db_table
        found = {"stored": 0, "last": 0} if created else self._month().aggregate(stored=Count("pk"), last=Max("pk"))
        self.stored, self.last_old_id = found["stored"], found["last"] or 0

    def _month(self) -> models.QuerySet:
        # The month narrows the search to an index; the source file picks the force.
        return self.model._default_manager.filter(month=self.source.month, source_file=self.source)

    def old_rows(self) -> Rows:
        return Rows.of(self._month().filter(pk__lte=self.last_old_id))

    def new_rows(self) -> Rows:
        return Rows.of(self._month().filter(pk__gt=self.last_old_id))

    def loaded(self) -> None:
        pass

    def apply(self) -> None:
        self._month().filter(pk__lte=self.last_old_id).delete()


class NewPartition:
    def __init__(self, model: type[models.Model], source: SourceFile, vintage: int):
        self.root, self.source_id = model._meta.db_table, source.pk
        self.month = partitions.month_table(self.root, source.month)
        self.old = partitions.leaf_of(self.month, source.pk)
        self.stored = partitions.count_rows(self.old) if self.old else 0
        self.table = partitions.create_leaf(self.root, source.month, source.pk, vintage)

    def old_rows(self) -> Rows:
        return Rows.table(self.old) if self.old else Rows(f"{Rows.table(self.table).sql} WHERE false")

    def new_rows(self) -> Rows:
        return Rows.table(self.table)

    def loaded(self) -> None:
        partitions.build_indexes(self.root, self.table)

    def apply(self) -> None:
        partitions.swap(self.month, self.old, self.table, self.source_id)
