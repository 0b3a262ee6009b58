"""Ingesting data.police.uk files: validate, locate, store, one force-month-kind at a time.

Rules (see README: Data):
- a file replaces what was stored for its force, month and kind, as a whole, in one
  transaction: readers never see a month half old and half new, and a failure mid-file
  leaves the database as it was;
- an identical file (same SHA-256) changes nothing;
- a bad row is quarantined with its line, field and reason, and the rest of the file is stored;
- a file that is unusable as a whole is refused, and the other files are still ingested;
- a newer download that would empty or shrink a stored month is refused (crime.shrink_guard);
- memory stays bounded: rows, and quarantined rows, go to the database a chunk at a time, and
  what a replacement changed is counted there (crime.month_stats).
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import DataError, IntegrityError, connection, transaction

from beatbook.crime import fast_rows, month_stats
from beatbook.crime.bulk import CsvCopy, append_rows
from beatbook.crime.fast_rows import FastRows
from beatbook.crime.limits import LengthLimits
from beatbook.crime.map_points import MapPoints
from beatbook.crime.models import Crime, DataKind, Outcome, QuarantinedRow, SourceFile, StopSearch
from beatbook.crime.month_store import MonthStore, open_store, prepare_month
from beatbook.crime.plain_lines import line_chunks, longest_field
from beatbook.crime.police_uk.files import (
    FileIdentity,
    Fingerprint,
    InputFile,
    UnusableFile,
    discover,
    fingerprint,
    identify,
)
from beatbook.crime.police_uk.rows import SCHEMAS, RowContext, RowError, Schema
from beatbook.crime.run_checks import refusals
from beatbook.crime.shrink_guard import ShrinkGuard
from beatbook.crime.workers import run_all
from beatbook.geography.locate import locator_for_force
from beatbook.geography.projection import to_bng

MODELS: dict[DataKind, type[Crime | Outcome | StopSearch]] = {
    DataKind.STREET: Crime,
    DataKind.OUTCOMES: Outcome,
    DataKind.STOP_AND_SEARCH: StopSearch,
}
DERIVED_COLUMNS = ("easting", "northing", "ward", "source_file", "line")
QUARANTINE_COLUMNS = ("source_file", "line", "field", "reason", "raw")
CHUNK_ROWS = 20_000

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class IngestOptions:
    """What the user allowed: shrinking a stored month, forces that are not loaded; how many files at once."""

    guard: ShrinkGuard = field(default_factory=ShrinkGuard)
    new_force: bool = False
    jobs: int = 1  # files stored at once, each in its own transaction (crime.workers)


class _Refused(Exception):
    """A file read to its end that must not be applied; its transaction is rolled back."""


@dataclass
class FileReport:
    """What happened to one file."""

    name: str
    status: str = "stored"  # stored | replaced | identical | refused
    reason: str = ""
    kind: str = ""
    month: date | None = None
    rows_read: int = 0
    rows_stored: int = 0
    rows_replaced: int = 0
    rows_changed: int = 0
    quarantined: int = 0
    outside_force_area: int = 0
    without_location: int = 0
    repeated_crime_ids: int = 0
    rows_with_repeated_crime_ids: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    files: list[FileReport] = field(default_factory=list)

    def count(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    def files_with(self, status: str) -> list[FileReport]:
        return [f for f in self.files if f.status == status]

    @property
    def refused(self) -> list[FileReport]:
        return self.files_with("refused")


def ingest_paths(
    paths,
    *,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    options: IngestOptions | None = None,
) -> IngestReport:
    """Ingest every data.police.uk CSV under `paths` (files, folders, zips)."""
    return ingest_items(discover(list(paths)), progress=progress, chunk_rows=chunk_rows, options=options)


def ingest_items(
    items,
    *,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    options: IngestOptions | None = None,
) -> IngestReport:
    """Ingest discovered files; an UnusableFile among them is reported as refused."""
    options = options or IngestOptions()
    items = list(items)
    refused_before = refusals(items, new_force=options.new_force)
    points: dict[str, MapPoints] = {}  # per force: its wards, and the map points met so far
    if progress is not None and options.jobs > 1:
        progress = _one_at_a_time(progress)

    def one(item: InputFile | UnusableFile) -> FileReport:
        if isinstance(item, UnusableFile):
            name, _, reason = str(item).partition(": ")
            return FileReport(name=name, status="refused", reason=reason)
        if item.name in refused_before:
            return FileReport(name=item.name, status="refused", reason=refused_before[item.name])
        return ingest_file(item, points=points, progress=progress, chunk_rows=chunk_rows, options=options)

    return IngestReport(files=run_all(one, items, options.jobs))


def _one_at_a_time(progress: Progress) -> Progress:
    lock = threading.Lock()

    def report(name: str, rows: int) -> None:
        with lock:
            progress(name, rows)

    return report


def ingest_file(
    item: InputFile,
    *,
    points: dict[str, MapPoints] | None = None,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    options: IngestOptions | None = None,
) -> FileReport:
    """Ingest one file; never raises for a bad file, the report says what happened."""
    report = FileReport(name=item.name)
    try:
        identity = identify(item)
        _check_fits(item, identity)
        report.kind, report.month = identity.kind, identity.month
        print_ = fingerprint(item)
        current = SourceFile.objects.filter(force_slug=identity.force, month=identity.month, kind=identity.kind).first()
        if current is not None and current.sha256 == print_.sha256:
            report.status = "identical"
            return report
        points = {} if points is None else points
        if identity.force not in points:
            points[identity.force] = MapPoints(locator_for_force(identity.force))
        work = _FileIngest(item, identity, print_, points[identity.force], report, progress, chunk_rows)
        work.run((options or IngestOptions()).guard)
    except UnusableFile as exc:
        _refuse(report, str(exc))
    except _Refused as exc:
        _refuse(report, f"{exc}; the stored month is kept as it was (--allow-shrink applies it anyway)")
    except (DataError, IntegrityError) as exc:
        _refuse(report, f"the database refused a row ({str(exc).strip()})")
    return report


def _check_fits(item: InputFile, identity: FileIdentity) -> None:
    """Refuse names the file record cannot hold, alike on both databases (SQLite would store them)."""
    for value, field_name, what in ((item.name, "name", "its path"), (identity.force, "force_slug", "its force")):
        most = getattr(SourceFile._meta.get_field(field_name), "max_length", 0)
        if len(value) > most:
            raise UnusableFile(f"{what} is {len(value):,} characters long; at most {most:,} can be stored")


def _refuse(report: FileReport, reason: str) -> None:
    """Mark a file refused: whatever it wrote was rolled back, so it stored and replaced nothing."""
    report.status, report.reason = "refused", reason
    report.rows_stored = report.rows_replaced = report.rows_changed = report.quarantined = 0
    report.outside_force_area = report.without_location = 0


class _FileIngest:
    """The work of storing one file, inside one transaction."""

    def __init__(
        self,
        item: InputFile,
        identity: FileIdentity,
        print_: Fingerprint,
        points: MapPoints,
        report: FileReport,
        progress: Progress | None,
        chunk_rows: int,
    ):
        self.item, self.identity, self.print_ = item, identity, print_
        self.points, self.locator = points, points.locator
        self.report, self.progress, self.chunk_rows = report, progress, chunk_rows
        self.schema: Schema = SCHEMAS[identity.kind]
        self.model = MODELS[DataKind(identity.kind)]
        self.limits = LengthLimits.of(self.model, self.schema)
        self.context = RowContext(month=identity.month)
        self.quarantine: list[tuple] = []  # QUARANTINE_COLUMNS; flushed every chunk: bounded memory

    def run(self, guard: ShrinkGuard) -> None:
        if not self.locator.wards:
            self.report.notes.append(
                f"no wards are loaded for force {self.identity.force!r}: no row was placed in a ward"
            )
        self._check_header()
        prepare_month(self.model, self.identity.month)
        with transaction.atomic():
            source, created = self._take_over_source_file()
            store = open_store(self.model, source, created)
            self._load(source, store)
            store.loaded()
            self._finish(source, store, guard)
            store.apply()

    def _check_header(self) -> None:
        with self.item.open_binary() as binary, io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as text:
            check_header(csv.reader(text), self.schema, self.identity.kind)

    def _take_over_source_file(self) -> tuple[SourceFile, bool]:
        """The force-month-kind's file record, locked, and whether it is new.

        The old rows stay until the new ones are written and checked (`_finish`).
        """
        source, created = SourceFile.objects.select_for_update().get_or_create(
            force_slug=self.identity.force,
            month=self.identity.month,
            kind=self.identity.kind,
            defaults={"name": self.item.name, "sha256": self.print_.sha256, "size": self.print_.size},
        )
        if not created:
            source.quarantined.all().delete()
            self.report.status = "replaced"
        return source, created

    def _load(self, source: SourceFile, store: MonthStore) -> None:
        if connection.vendor == "postgresql" and fast_rows.eligible(self.item, self.schema, self.print_.simple):
            return self._load_plain(source, store)
        with self.item.open_binary() as binary, io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as text:
            reader = csv.reader(text)
            next(reader)  # the header, checked before
            for chunk in self._chunks(reader, source):
                self.report.rows_stored += append_rows(
                    self.model, self.schema.columns + DERIVED_COLUMNS, chunk, table=store.table
                )
                self._flush_quarantine()
                self._progress(self.report.rows_read)
        self._flush_quarantine()

    def _progress(self, rows: int) -> None:
        if self.progress:
            self.progress(self.item.name, rows)

    def _load_plain(self, source: SourceFile, store: MonthStore) -> None:
        """A quote-free file: rules checked a column at a time, rows COPYed as CSV (crime.fast_rows)."""
        fast = FastRows(self.schema.kind, self.model, self.identity.month, source.pk, self.points)
        report = self.report
        # PostgreSQL only: store.table is a leaf made in this transaction, written frozen (CsvCopy).
        with self.item.open_binary() as stream, CsvCopy(store.table, fast.columns, fast.not_null) as copy:
            for first, lines in line_chunks(stream, self.chunk_rows):
                taken, before = fast.take(first, lines), report.rows_read
                copy.write(taken.csv)
                report.rows_read += taken.rows + len(taken.others)
                report.rows_stored += taken.rows
                report.without_location += taken.without_location
                report.outside_force_area += taken.outside_force_area
                if taken.others:
                    copy.pause()  # the rows for Python are written, and quarantined, by other statements
                    self._take_others(taken.others, source, store, (before, first, lines))
                self._progress(report.rows_read)

    def _take_others(self, others: list[tuple[int, list[str]]], source, store, chunk: tuple[int, int, list]) -> None:
        """Rows the column checks left to the Python rules: quarantined with their reason, or stored.

        `chunk`: the rows read before the chunk, its first line's number and its lines.
        """
        rows: list[tuple[int, tuple]] = []
        for line, raw in others:
            if max(map(len, raw)) > longest_field():  # Python's csv module stops there: the file is refused
                before, first, lines = chunk
                self.report.rows_read = before + sum(1 for text in lines[: line - first] if text)
                raise UnusableFile(_not_csv(line, f"field larger than field limit ({longest_field()})"))
            values = self._parse(raw, len(self.schema.header), (line, line), source)
            if values is not None:
                rows.append((line, values))
        if rows:
            columns = self.schema.columns + DERIVED_COLUMNS
            self.report.rows_stored += append_rows(self.model, columns, self._enrich(rows, source), table=store.table)
        self._flush_quarantine()

    def _chunks(self, reader, source: SourceFile) -> Iterator[list[tuple]]:
        width = len(self.schema.header)
        rows: list[tuple[int, tuple]] = []
        last_line = reader.line_num
        try:
            for raw in reader:
                line, last_line = last_line + 1, reader.line_num
                if not raw:
                    continue  # a blank line is no row
                self.report.rows_read += 1
                values = self._parse(raw, width, (line, last_line), source)
                if values is not None:
                    rows.append((line, values))
                if len(rows) >= self.chunk_rows or len(self.quarantine) >= self.chunk_rows:
                    yield self._enrich(rows, source)
                    rows = []
        except csv.Error as exc:
            raise UnusableFile(_not_csv(last_line + 1, str(exc))) from None
        if rows:
            yield self._enrich(rows, source)

    def _parse(self, raw: list[str], width: int, lines: tuple[int, int], source: SourceFile):
        if len(raw) != width:
            return self._quarantine(source, lines[0], "(row)", width_reason(raw, width, lines), raw)
        try:
            values = self.schema.parse(raw, self.context)
            self.limits.check(values)
        except RowError as exc:
            return self._quarantine(source, lines[0], exc.field, exc.reason, raw)
        return values

    def _quarantine(self, source: SourceFile, line: int, field_name: str, reason: str, raw: list[str]) -> None:
        self.quarantine.append((source.pk, line, field_name[:64], reason[:300], ",".join(raw)[:2000]))
        self.report.quarantined += 1
        return None

    def _flush_quarantine(self) -> None:
        if self.quarantine:
            append_rows(QuarantinedRow, QUARANTINE_COLUMNS, self.quarantine)
        self.quarantine = []

    def _enrich(self, rows: list[tuple[int, tuple]], source: SourceFile) -> list[tuple]:
        """Add British National Grid metres, the ward, the source file and the line to each row."""
        if not rows:
            return []
        lat_i, lng_i = self.schema.lat_index, self.schema.lng_index
        lats = np.array([v[lat_i] for _, v in rows], dtype=float)  # None becomes NaN
        lngs = np.array([v[lng_i] for _, v in rows], dtype=float)
        wards = self.locator.locate_many(lats, lngs)
        eastings, northings = to_bng(lngs, lats)
        located = ~np.isnan(lats)
        self.report.without_location += int((~located).sum())
        self.report.outside_force_area += int((located & (wards < 0)).sum())
        east, north = _nan_to_none(eastings, located), _nan_to_none(northings, located)
        ward_ids = np.where(wards >= 0, wards, 0).tolist()
        tail = [(east[i], north[i], ward_ids[i] or None, source.pk, line) for i, (line, _) in enumerate(rows)]
        return [values + extra for (_, values), extra in zip(rows, tail)]

    def _finish(self, source: SourceFile, store: MonthStore, guard: ShrinkGuard) -> None:
        report = self.report
        if self.identity.kind != DataKind.STOP_AND_SEARCH:
            report.repeated_crime_ids, report.rows_with_repeated_crime_ids = month_stats.repeated_crime_ids(
                store.new_rows()
            )
        if report.status == "replaced":
            self._check_shrink(store.stored, guard)
            report.rows_replaced = store.stored
            report.rows_changed = month_stats.rows_changed(store.old_rows(), store.new_rows(), self.schema.columns)
            source.vintage += 1
            source.name, source.sha256, source.size = self.item.name, self.print_.sha256, self.print_.size
        source.rows_read, source.rows_stored, source.rows_quarantined = (
            report.rows_read,
            report.rows_stored,
            report.quarantined,
        )
        source.save()

    def _check_shrink(self, stored: int, guard: ShrinkGuard) -> None:
        objection = guard.objection(stored=stored, good=self.report.rows_stored, read=self.report.rows_read)
        if objection and not guard.allow:
            raise _Refused(objection)
        if objection:
            self.report.notes.append(f"{self.item.name} was applied with --allow-shrink although {objection}")


def check_header(reader, schema: Schema, kind: str) -> None:
    """UnusableFile unless the reader's first row is the header of a `kind` file."""
    try:
        header = tuple(h.strip() for h in next(reader))
    except StopIteration:
        raise UnusableFile("it is empty") from None
    except csv.Error as exc:
        raise UnusableFile(f"it is not CSV ({exc})") from None
    if header == schema.header:
        return
    other = next((k for k, s in SCHEMAS.items() if s.header == header), None)
    if other:
        raise UnusableFile(f"its columns are those of a {other} file, but its name says {kind}")
    raise UnusableFile(f"its header is not that of a data.police.uk {kind} file (expected: {', '.join(schema.header)})")


def _not_csv(line: int, error: str) -> str:
    reason = f"it is not CSV from line {line} ({error})"
    if "field larger than field limit" in error:
        reason += "; most often a quote opened on that line is never closed"
    return reason


def width_reason(raw: list[str], width: int, lines: tuple[int, int]) -> str:
    """Why a row has the wrong column count; a row over several lines is most often an unclosed quote."""
    first, last = lines
    reason = f"has {len(raw)} columns, expected {width}"
    if last > first:
        reason += (
            f"; a quote opened on line {first} is not closed until line {last}: "
            f"lines {first}-{last} ({last - first + 1} lines) were read as this one row"
        )
    return reason


def _nan_to_none(values: np.ndarray, keep: np.ndarray) -> list:
    """A list with None where `keep` is False (a NaN would be stored as NaN, not as missing)."""
    as_objects = values.astype(object)
    as_objects[~keep] = None
    return as_objects.tolist()
