"""Importing a licensing register from CSV, under the rules of the crime ingest (README: Premises):

- a file replaces the register of the same name as a whole, in one transaction: the page never
  sees a register half old and half new, and a failure leaves the stored register as it was;
- an identical file (same SHA-256) under the same name changes nothing;
- a bad row is quarantined with its line, column and reason, and the rest of the file is stored;
  a licence number given twice quarantines the later row;
- a file unusable as a whole (empty, not UTF-8, not CSV, without the needed columns, without
  a row to store) is refused, and what was stored is kept;
- a file that would empty or shrink a stored register is refused (crime.shrink_guard) unless allowed.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db import DataError, IntegrityError, transaction
from django.db.models import Count, Max

from beatbook.crime.ingest import width_reason
from beatbook.crime.police_uk.rows import RowError
from beatbook.crime.shrink_guard import ShrinkGuard
from beatbook.geography.locate import WardLocator, locator_for_force
from beatbook.geography.projection import to_bng
from beatbook.premises.models import LicensedPremises, PremisesRegister, QuarantinedPremisesRow
from beatbook.premises.rows import Header, HeaderError, RowReader, read_header

CHUNK_ROWS = 5_000
#: Quarantined rows kept in the report, so that a refused file still shows why.
SAMPLE_ROWS = 20


class RegisterRefused(Exception):
    """A file that must not be applied; whatever it wrote is rolled back."""


@dataclass
class RegisterReport:
    """What one import did."""

    file: str
    name: str
    status: str = "stored"  # stored | replaced | identical | refused
    reason: str = ""
    register_id: int | None = None
    rows_read: int = 0
    rows_stored: int = 0
    rows_replaced: int = 0
    quarantined: int = 0
    without_location: int = 0
    outside_force_area: int = 0
    ignored_columns: tuple[str, ...] = ()
    sample: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, reason)
    notes: list[str] = field(default_factory=list)


def import_register(
    path: Path, name: str, force_slug: str, guard: ShrinkGuard | None = None, chunk_rows: int = CHUNK_ROWS
) -> RegisterReport:
    """Import ``path`` as the register ``name`` of ``force_slug``; never raises for a bad file."""
    report = RegisterReport(file=str(path), name=name)
    try:
        _check_fits(path, name)
        sha256, size = _fingerprint(Path(path))
        current = PremisesRegister.objects.filter(force_slug=force_slug, name=name).first()
        if current is not None and current.sha256 == sha256:
            report.status, report.register_id = "identical", current.pk
            return report
        locator = locator_for_force(force_slug)
        if not locator.wards:
            raise RegisterRefused(
                f"no geography is loaded for force {force_slug!r}: run `beatbook geography load` first"
            )
        work = _Import(Path(path), name, force_slug, (sha256, size), locator, report, chunk_rows)
        work.run(guard or ShrinkGuard())
    except RegisterRefused as exc:
        _refuse(report, str(exc))
    except (DataError, IntegrityError) as exc:
        _refuse(report, f"the database refused a row ({str(exc).strip()})")
    return report


def _refuse(report: RegisterReport, reason: str) -> None:
    """Mark the file refused: its transaction was rolled back, so it stored and replaced nothing."""
    report.status, report.reason = "refused", reason
    report.rows_stored = report.rows_replaced = 0


def _check_fits(path: Path, name: str) -> None:
    for value, field_name, what in ((str(path), "file_name", "its path"), (name, "name", "the name")):
        most = getattr(PremisesRegister._meta.get_field(field_name), "max_length", 0)
        if len(value) > most:
            raise RegisterRefused(f"{what} is {len(value):,} characters long; at most {most:,} can be stored")


def _fingerprint(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
                size += len(block)
    except OSError as exc:
        raise RegisterRefused(f"it cannot be read ({exc.strerror or exc})") from None
    return digest.hexdigest(), size


class _Import:
    """The work of storing one file, inside one transaction."""

    def __init__(
        self,
        path: Path,
        name: str,
        force_slug: str,
        fingerprint: tuple[str, int],
        locator: WardLocator,
        report: RegisterReport,
        chunk_rows: int,
    ):
        self.path, self.name, self.force_slug, self.fingerprint = path, name, force_slug, fingerprint
        self.locator, self.report, self.chunk_rows = locator, report, chunk_rows
        self.quarantine: list[QuarantinedPremisesRow] = []
        self.licence_lines: dict[str, int] = {}  # licence number -> the line that gave it first

    def run(self, guard: ShrinkGuard) -> None:
        with self.path.open("rb") as binary, io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as text:
            reader = csv.reader(text)
            try:
                header = self._header(reader)
                with transaction.atomic():
                    register, stored, last_old_id = self._take_over()
                    for chunk in self._chunks(reader, header, register):
                        LicensedPremises.objects.bulk_create(chunk)
                        self._flush_quarantine()
                    self._flush_quarantine()
                    self._finish(register, stored, last_old_id, guard)
            except UnicodeDecodeError:
                raise RegisterRefused(
                    f"it is not UTF-8 text (near line {reader.line_num + 1:,}): save the register as CSV UTF-8"
                ) from None

    def _header(self, reader) -> Header:
        try:
            cells = next(reader)
        except StopIteration:
            raise RegisterRefused("it is empty") from None
        except csv.Error as exc:
            raise RegisterRefused(f"it is not CSV ({exc})") from None
        try:
            header = read_header(cells)
        except HeaderError as exc:
            raise RegisterRefused(str(exc)) from None
        self.report.ignored_columns = header.ignored
        return header

    def _take_over(self) -> tuple[PremisesRegister, int, int]:
        """The register's record (locked), its stored premises and their highest id; the old
        premises stay until the new ones are written and checked (``_finish``)."""
        sha256, size = self.fingerprint
        register, created = PremisesRegister.objects.select_for_update().get_or_create(
            force_slug=self.force_slug,
            name=self.name,
            defaults={"file_name": str(self.path), "sha256": sha256, "size": size},
        )
        self.report.register_id = register.pk
        if created:
            return register, 0, 0
        found = register.premises.aggregate(stored=Count("pk"), last=Max("pk"))
        register.quarantined.all().delete()
        self.report.status = "replaced"
        return register, found["stored"], found["last"] or 0

    def _chunks(self, reader, header: Header, register: PremisesRegister) -> Iterator[list[LicensedPremises]]:
        rows = RowReader(header)
        chunk: list[tuple[int, dict]] = []
        last_line = reader.line_num
        try:
            for raw in reader:
                line, last_line = last_line + 1, reader.line_num
                if not any(cell.strip() for cell in raw):
                    continue  # a blank line, or a spreadsheet's empty row of commas
                self.report.rows_read += 1
                values = self._parse(rows, raw, (line, last_line), register)
                if values is not None:
                    chunk.append((line, values))
                if len(chunk) >= self.chunk_rows:
                    yield self._located(chunk, register)
                    chunk = []
        except csv.Error as exc:
            raise RegisterRefused(f"it is not CSV from line {last_line + 1:,} ({exc})") from None
        if chunk:
            yield self._located(chunk, register)

    def _parse(self, rows: RowReader, raw: list[str], lines: tuple[int, int], register: PremisesRegister):
        if len(raw) != rows.header.width:
            return self._quarantine(register, lines[0], "(row)", width_reason(raw, rows.header.width, lines), raw)
        try:
            values = rows.parse(raw)
            self._check_licence(rows, values, lines[0])
        except RowError as exc:
            return self._quarantine(register, lines[0], exc.field, exc.reason, raw)
        return values

    def _check_licence(self, rows: RowReader, values: dict, line: int) -> None:
        number = str(values["licence_number"]).casefold()
        if number and number in self.licence_lines:
            raise RowError(
                rows.written("licence_number"), f"repeats the licence number of line {self.licence_lines[number]}"
            )
        if number:
            self.licence_lines[number] = line

    def _quarantine(self, register: PremisesRegister, line: int, column: str, reason: str, raw: list[str]) -> None:
        row = QuarantinedPremisesRow(
            register=register, line=line, field=column[:64], reason=reason[:300], raw=",".join(raw)[:2000]
        )
        self.quarantine.append(row)
        self.report.quarantined += 1
        if len(self.report.sample) < SAMPLE_ROWS:
            self.report.sample.append((line, row.field, row.reason))
        return None

    def _flush_quarantine(self) -> None:
        QuarantinedPremisesRow.objects.bulk_create(self.quarantine)
        self.quarantine = []

    def _located(self, chunk: list[tuple[int, dict]], register: PremisesRegister) -> list[LicensedPremises]:
        """The chunk's premises with British National Grid metres and ward (None when outside every ward)."""
        lats = np.array([v["lat"] for _, v in chunk], dtype=float)  # None becomes NaN
        lngs = np.array([v["lng"] for _, v in chunk], dtype=float)
        wards = self.locator.locate_many(lats, lngs).tolist()
        eastings, northings = to_bng(lngs, lats)
        located = ~np.isnan(lats)
        self.report.without_location += int((~located).sum())
        self.report.outside_force_area += int((located & (np.array(wards) < 0)).sum())
        premises = []
        for k, (line, values) in enumerate(chunk):
            where = {"easting": float(eastings[k]), "northing": float(northings[k])} if located[k] else {}
            ward = wards[k] if wards[k] >= 0 else None
            premises.append(LicensedPremises(register=register, line=line, ward_id=ward, **values, **where))
        self.report.rows_stored += len(premises)
        return premises

    def _finish(self, register: PremisesRegister, stored: int, last_old_id: int, guard: ShrinkGuard) -> None:
        report = self.report
        if report.rows_stored == 0:  # even with --allow-shrink: `beatbook premises remove` empties a register
            raise RegisterRefused(
                f"it has no row to store ({report.rows_read:,} read, {report.quarantined:,} quarantined)"
            )
        if report.status == "replaced":
            self._check_shrink(stored, guard)
            register.premises.filter(pk__lte=last_old_id).delete()
            register.vintage += 1
            report.rows_replaced = stored
        register.file_name, (register.sha256, register.size) = str(self.path), self.fingerprint
        register.rows_read, register.rows_stored = report.rows_read, report.rows_stored
        register.rows_quarantined = report.quarantined
        register.save()

    def _check_shrink(self, stored: int, guard: ShrinkGuard) -> None:
        report = self.report
        objection = guard.objection(stored=stored, good=report.rows_stored, read=report.rows_read, unit="register")
        if objection and not guard.allow:
            raise RegisterRefused(
                f"{objection}; the stored register is kept as it was (--allow-shrink applies it anyway)"
            )
        if objection:
            report.notes.append(f"applied with --allow-shrink although {objection}")
