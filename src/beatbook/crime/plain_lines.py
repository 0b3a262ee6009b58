"""Reading a quote-free CSV file as lines: one line is one row, its fields split at commas.

A file with no double quote splits exactly as Python's csv module splits it: a record ends at
every line break (\\n, \\r\\n or a lone \\r), a blank line is no row, and a field is the text
between two commas. `files.Fingerprint.simple` says whether a file is such (data.police.uk's
files are). Lines are numbered as csv's `line_num` numbers them: the header is line 1.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import IO

from beatbook.crime.police_uk.files import InputFile

BLOCK = 1 << 20


def longest_field() -> int:
    """The longest field Python's csv module reads; a longer one makes it refuse the file."""
    return csv.field_size_limit()


def starts_with(item: InputFile, header: tuple[str, ...]) -> bool:
    """Whether the file's first line is `header` and ends with a line feed, as read here."""
    with item.open_binary() as stream:
        first = stream.readline()
    return first.endswith(b"\n") and first.decode("utf-8-sig").rstrip("\r\n") == ",".join(header)


def _lines(text: str) -> list[str]:
    if "\r" not in text:
        return text.split("\n")
    crlf = text.count("\r\n")
    if crlf == text.count("\r") == text.count("\n"):  # every line ends with \r\n
        return text.split("\r\n")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def line_chunks(stream: IO[bytes], size: int) -> Iterator[tuple[int, list[str]]]:
    """(number of the first line, up to `size` lines) at a time, after the header line.

    Blank lines are returned too (they count as lines, not as rows); so is the text after the
    last line break, when there is any.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    number, pending, skip_header = 1, "", True
    while block := stream.read(BLOCK):
        text = pending + decoder.decode(block)
        held = "\r" if text.endswith("\r") else ""  # a \r\n may be split between two blocks
        lines = _lines(text[: len(text) - len(held)])
        pending = lines.pop() + held
        if skip_header and lines:
            lines, skip_header, number = lines[1:], False, number + 1
        for start in range(0, len(lines), size):
            yield number + start, lines[start : start + size]
        number += len(lines)
    last = pending + decoder.decode(b"", final=True)
    if last and not skip_header:
        yield number, [line for line in _lines(last) if line] or [""]
