"""Finding data.police.uk CSV files: single files, folders, and zips in the archive layout.

The archive layout is `YYYY-MM/YYYY-MM-FORCE-KIND.csv`, KIND being street, outcomes or
stop-and-search. The file name tells which force and month a file replaces.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

FILE_NAME = re.compile(
    r"(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9][a-z0-9-]*?)-(?P<kind>street|outcomes|stop-and-search)\.csv"
)
KINDS = ("street", "outcomes", "stop-and-search")


class UnusableFile(Exception):
    """A file that cannot be ingested at all; the message says why."""


@dataclass(frozen=True)
class InputFile:
    """One CSV to ingest, wherever it lives (a path, or a member of a zip)."""

    name: str
    open_binary: Callable[[], IO[bytes]]

    @property
    def base_name(self) -> str:
        return self.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit("!", 1)[-1]


@dataclass(frozen=True)
class FileIdentity:
    force: str
    month: date
    kind: str


@dataclass(frozen=True)
class Fingerprint:
    sha256: str
    size: int
    # No quote and no backslash: every field is the text between two commas (data.police.uk's
    # files are such), so any CSV reader splits the file alike (crime.plain_lines).
    simple: bool = False


def identify(input_file: InputFile) -> FileIdentity:
    """Force, month and kind from a data.police.uk file name, or UnusableFile."""
    match = FILE_NAME.fullmatch(input_file.base_name)
    if not match:
        raise UnusableFile(
            "the file name does not follow data.police.uk's YYYY-MM-FORCE-KIND.csv "
            "(e.g. 2019-06-city-of-london-street.csv); the name tells which force and month it replaces"
        )
    year, month = (int(part) for part in match["month"].split("-"))
    if not 1 <= month <= 12 or year < 1:
        raise UnusableFile(f"the month {match['month']!r} in the file name is not a month")
    return FileIdentity(force=match["force"], month=date(year, month, 1), kind=match["kind"])


def fingerprint(input_file: InputFile) -> Fingerprint:
    """Checksum and size, checking on the way that the file is UTF-8 text and not empty."""
    digest, size, simple = hashlib.sha256(), 0, True
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with input_file.open_binary() as stream:
            while chunk := stream.read(1 << 20):
                _check_text(chunk, decoder, size)
                digest.update(chunk)
                size += len(chunk)
                simple = simple and b'"' not in chunk and b"\\" not in chunk
    except UNREADABLE as exc:
        raise UnusableFile(f"it cannot be read ({exc or type(exc).__name__})") from None
    if size == 0:
        raise UnusableFile("it is empty")
    return Fingerprint(sha256=digest.hexdigest(), size=size, simple=simple)


# What zipfile raises for a member it cannot give back: encrypted (RuntimeError), an unsupported
# compression method (NotImplementedError), a corrupt member (BadZipFile, zlib.error, EOFError).
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError)


def _check_text(chunk: bytes, decoder: codecs.IncrementalDecoder, offset: int) -> None:
    if b"\x00" in chunk:
        raise UnusableFile("it is not a CSV text file (it contains NUL bytes)")
    try:
        decoder.decode(chunk)
    except UnicodeDecodeError as exc:
        raise UnusableFile(f"it is not UTF-8 text (byte {offset + exc.start} cannot be read)") from None


def _zip_members(path: Path) -> Iterator[InputFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if n.lower().endswith(".csv"))
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnusableFile(f"{path}: not a readable zip archive ({exc})") from None
    for name in names:
        yield InputFile(name=f"{path}!{name}", open_binary=_zip_opener(path, name))


def _zip_opener(path: Path, member: str) -> Callable[[], IO[bytes]]:
    def open_member() -> IO[bytes]:
        archive = zipfile.ZipFile(path)
        stream = archive.open(member)
        stream._beatbook_archive = archive  # type: ignore[attr-defined]  # keep the archive open as long as the member stream
        return stream

    return open_member


def _file(path: Path) -> InputFile:
    return InputFile(name=str(path), open_binary=lambda: open(path, "rb"))


def discover(paths: list[Path]) -> Iterator[InputFile | UnusableFile]:
    """Every CSV under the given files, folders and zips, in name order.

    A path that cannot be read yields an UnusableFile in its place, so that the
    other paths are still ingested.
    """
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".csv", ".zip"))
            yield from discover(found) if found else [UnusableFile(f"{path}: no CSV or zip files in this folder")]
        elif not path.exists():
            yield UnusableFile(f"{path}: no such file or folder")
        elif path.suffix.lower() == ".zip":
            try:
                yield from _zip_members(path)
            except UnusableFile as exc:
                yield exc
        else:
            yield _file(path)
