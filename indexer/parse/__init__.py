"""Filing files to FilingDocuments: `parse_file` for one file, `parse_paths` for files and folders of them."""

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..corpus import walk
from ..errors import ParseError
from ..models import ParsedFile
from .decode import NotTextError, decode
from .document import document_id, parse_text

__all__ = ["ParseError", "document_id", "parse_bytes", "parse_file", "parse_paths", "parse_text", "read_file"]

# Larger files are not filings anyone searches as text. Parsing and indexing a file takes about
# 30 times its size in memory (a 30 MB file peaks near 900 MB), so a larger one is refused unread.
MAX_FILE_BYTES = 32 * 1024 * 1024


def _check_name(source: str) -> None:
    """A file name that is not UTF-8 (a latin-1 "café.txt") cannot be an id, a URL or a JSON string;
    one with a NUL (given on a command line; no file has one) cannot be looked up."""
    if "\0" in source:
        raise ParseError(source, "a file name cannot hold a NUL character")
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(source).decode("utf-8", errors="replace")
        raise ParseError(shown, "file name is not valid UTF-8; rename it") from None


def read_file(path: Path, source: str) -> bytes:
    """A regular file's bytes, or a ParseError saying why it cannot be read."""
    _check_name(source)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise ParseError(source, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ParseError(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return path.read_bytes()
    except IsADirectoryError:
        raise ParseError(source, "is a directory") from None
    except FileNotFoundError:
        raise ParseError(source, "no such file") from None
    except PermissionError:
        raise ParseError(source, "permission denied") from None
    except OSError as error:
        raise ParseError(source, error.strerror or str(error)) from None


def parse_file(path: Path, root: Path) -> ParsedFile:
    """Parse one file; `root` is the corpus folder its source path is relative to."""
    source = path.relative_to(root).as_posix() if path != root else path.name
    return parse_bytes(read_file(path, source), source)


def parse_bytes(data: bytes, source: str) -> ParsedFile:
    """Parse one file's raw bytes; `source` is its corpus-relative path."""
    try:
        text = decode(data)
    except NotTextError as error:
        raise ParseError(source, str(error)) from None
    try:
        return parse_text(text, source)
    except ParseError:
        raise
    except Exception as error:  # noqa: BLE001 - one odd file must not stop a corpus
        raise ParseError(source, f"could not be parsed ({type(error).__name__}: {error})") from error


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False  # a name too long to look up: read_file reports it, as it does any unreadable file


def _attempt(path: Path, root: Path) -> ParsedFile | ParseError:
    try:
        return parse_file(path, root)
    except ParseError as error:
        return error


def parse_paths(paths: Iterable[Path]) -> Iterator[tuple[Path, ParsedFile | ParseError]]:
    """Each file `paths` name, with what it parsed to or the ParseError saying why it could not be
    (given, not raised: one bad file does not stop the rest). A folder stands for the files of the
    corpus below it, found as a reindex finds them (indexer/corpus.py); a file named is read as
    named, through a symlink leading anywhere: the user chose it."""
    for path in paths:
        if not _is_folder(path):
            yield path, _attempt(path, path.parent)
            continue
        walked = walk(path)
        for relative in sorted({*walked.files, *walked.problems}):
            if relative in walked.problems:
                yield path / relative, ParseError(relative, walked.problems[relative])
            else:
                yield path / relative, _attempt(path / relative, path)
