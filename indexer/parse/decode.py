"""Bytes to text without losing a character, whatever encoding the filer used.

EDGAR text is mostly ASCII, but filings before 2005 are often cp1252/latin-1 and
later ones UTF-8, sometimes both in one file. Decoding as UTF-8 and reading each
byte that is not valid UTF-8 as cp1252 keeps every character of either kind.

The bytes are believed before any charset the file declares: HTML copied between
systems often keeps a declaration its bytes no longer match. A declared charset
only decides bytes that are not UTF-8, and a declared UTF-16 or UTF-32 is never
taken on its word: those are recognised from the bytes (a BOM, or the NULs that
ASCII text in UTF-16 has at every other byte).
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
# Encodings the UTF-8-with-cp1252-fallback rule already covers, by their codec names.
_WESTERN = {"utf-8", "ascii", "iso8859-1", "cp1252"}
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


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text whose every other byte is NUL, as ASCII text in UTF-16 is."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 16:
        return None
    for encoding, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls.count(0) > 0.9 * len(nuls) and other.count(0) < 0.1 * len(other):
            return encoding
    return None


# Control characters that text does not hold (tab, newlines, form feed and escape aside).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def _looks_binary(sample: str) -> bool:
    if "\x00" in sample:
        return True
    return len(_CONTROLS.findall(sample)) > len(sample) * 0.05


def _declared(data: bytes) -> str | None:
    """The charset the file declares, when it is one worth trying on bytes that are not UTF-8."""
    declared = _DECLARED.search(data[:4096])
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.group(1).decode("ascii")).name
    except LookupError:
        return None
    # Western charsets are what the cp1252 fallback already reads; wide ones need a BOM or NULs to be believed.
    if name in _WESTERN or name.startswith(("utf-16", "utf-32")):
        return None
    return name


def decode(data: bytes) -> str:
    """Return the text of a file, or raise NotTextError for empty or binary content."""
    if not data.strip():
        raise NotTextError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    wide = _utf16_without_bom(data[:8192])
    if wide:
        text = data.decode(wide, errors="replace")
        if _looks_binary(text[:4096]):
            raise NotTextError("binary file, not text")
        return text
    # latin-1 maps each byte to one character, so the text test reads the raw bytes.
    if _looks_binary(data[:8192].decode("latin-1")):
        raise NotTextError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors="filings-cp1252")
