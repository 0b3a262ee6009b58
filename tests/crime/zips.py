"""Zip archives with a spoiled member: encrypted, an unsupported compression, corrupt bytes.

Python's zipfile cannot write such members, so the tests write a plain archive and change the
member's header fields (the layout is in the ZIP specification, APPNOTE.TXT 4.3.7 and 4.3.12).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

LOCAL_FLAGS, LOCAL_METHOD = 6, 8
CENTRAL_FLAGS, CENTRAL_METHOD = 8, 10
ENCRYPTED = 0x1
AES_METHOD = 99  # a compression method zipfile does not support


def _central_entry(data: bytes, name: str) -> int:
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + length] == name.encode():
            return start
        start += 4
    raise KeyError(name)


def spoil_member(path: Path, name: str, how: str) -> None:
    """Make one member of the archive at `path` encrypted, unsupported or corrupt."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    central = _central_entry(bytes(data), name)
    if how == "encrypted":
        data[local + LOCAL_FLAGS] |= ENCRYPTED
        data[central + CENTRAL_FLAGS] |= ENCRYPTED
    elif how == "unsupported":
        struct.pack_into("<H", data, local + LOCAL_METHOD, AES_METHOD)
        struct.pack_into("<H", data, central + CENTRAL_METHOD, AES_METHOD)
    elif how == "corrupt":
        name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
        data[local + 30 + name_length + extra_length + 40] ^= 0xFF
    path.write_bytes(bytes(data))
