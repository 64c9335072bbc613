"""What the tests of hostile input share: a fingerprint of every file under a home (a
refusal must leave it byte for byte), and files made to hurt: a zip bomb dressed as a
workbook. Import from here (``from hostile import tree_hashes``); benchmarks/ uses it too.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path


def tree_hashes(home: Path) -> dict[str, str]:
    """Every file under ``home`` by its path, with its SHA-256 (the lock file aside)."""
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file() and p.name != ".lock"}


_SKELETON = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="花名冊" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
_SHEET_TAIL = b"</t></is></c></row></sheetData></worksheet>"


def _deflated_run(unpacked: int) -> tuple[bytes, int, int]:
    """A raw deflate stream of the sheet: its head, ``unpacked`` spaces in one cell, its
    tail; with its CRC-32 and its unpacked size. The spaces are compressed once, a MiB of
    them, and that block repeated (a full flush makes each copy stand alone), so a bomb of
    gigabytes is made in moments."""
    mib = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(_SHEET_HEAD) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(mib) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.compress(_SHEET_TAIL) + packer.flush(zlib.Z_FINISH)
    count = max(1, unpacked >> 20)
    crc = zlib.crc32(_SHEET_HEAD)
    for _ in range(count):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(_SHEET_TAIL, crc)
    return head + block * count + tail, crc, len(_SHEET_HEAD) + count * len(mib) + len(_SHEET_TAIL)


def zip_bomb(path: Path, unpacked: int) -> Path:
    """A workbook (.xlsx) whose one sheet unpacks to about ``unpacked`` bytes (below 4 GiB)
    while the file itself stays about a thousandth of that."""
    members: list[tuple[str, bytes, int, int, int]] = []  # name, packed, crc, size, method
    for name, text in _SKELETON.items():
        data = text.encode()
        members.append((name, data, zlib.crc32(data), len(data), 0))
    packed, crc, size = _deflated_run(unpacked)
    members.append(("xl/worksheets/sheet1.xml", packed, crc, size, 8))
    out, central = bytearray(), bytearray()
    for name, data, crc, size, method in members:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, method, 0, 0x21, crc, len(data), size, len(raw), 0)
        out += raw + data
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, method, 0, 0x21, crc, len(data), size,
                               len(raw), 0, 0, 0, 0, 0o100600 << 16, offset)
        central += raw
    start = len(out)
    out += central
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), start, 0)
    path.write_bytes(bytes(out))
    return path
