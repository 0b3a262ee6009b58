"""Quote-free files read line by line are read as Python's csv module reads them (crime.plain_lines)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.crime import plain_lines

PIECES = st.sampled_from(["a", "b", ",", "\n", "\r\n", "\r", "\u00e9", "\n\n", " ", "\u2028", "\x0c"])


def _by_lines(data: bytes, size: int) -> list[tuple[int, list[str]]]:
    rows = []
    for first, lines in plain_lines.line_chunks(io.BytesIO(data), size):
        rows += [(first + i, line.split(",")) for i, line in enumerate(lines) if line]
    return rows


def _by_csv(data: bytes) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
    next(reader, None)
    rows, last = [], reader.line_num
    for row in reader:
        line, last = last + 1, reader.line_num
        if row:
            rows.append((line, row))
    return rows


@given(
    bom=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
    body=st.lists(PIECES, max_size=40).map("".join),
    size=st.sampled_from([1, 3, 100]),
    block=st.sampled_from([1, 2, 7, 1 << 20]),
)
def test_lines_and_their_numbers_are_csv_s(bom, newline, body, size, block):
    data = (("\ufeff" if bom else "") + "h1,h2" + newline + body).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plain_lines, "BLOCK", block)  # small blocks split lines, and \r\n, between reads
        assert _by_lines(data, size) == _by_csv(data)
