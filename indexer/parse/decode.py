"""Bytes to text without losing a character, whatever encoding the filer used.

EDGAR text is mostly ASCII, but filings before 2005 are often cp1252/latin-1 and
later ones UTF-8, sometimes both in one file. Decoding as UTF-8 and reading each
byte that is not valid UTF-8 as cp1252 keeps every character of either kind.
"""

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings the UTF-8-with-cp1252-fallback rule already covers.
_WESTERN = {"utf-8", "utf8", "ascii", "us-ascii", "iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252"}
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class NotTextError(ValueError):
    """The bytes are not text: a binary file, or nothing at all."""


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined are read as latin-1 so none is dropped.
        return chr(byte)


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return "".join(_cp1252_char(b) for b in bad), error.end


codecs.register_error("filings-cp1252", _cp1252_fallback)


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def decode(data: bytes) -> str:
    """Return the text of a file, or raise NotTextError for empty or binary content."""
    if not data.strip():
        raise NotTextError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if _looks_binary(data[:8192]):
        raise NotTextError("binary file, not text")
    declared = _DECLARED.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name not in _WESTERN:
            try:
                return data.decode(codecs.lookup(name).name)
            except (LookupError, UnicodeDecodeError):
                pass
    return data.decode("utf-8", errors="filings-cp1252")
