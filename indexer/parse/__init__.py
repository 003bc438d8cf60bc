"""Filing files to FilingDocuments: `parse_file` for one file, `parse_paths` for files, archives and
folders of them."""

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..corpus import walk
from ..errors import ParseError
from ..models import ParsedFile
from .archives import Member, is_archive, member_source, members
from .decode import NotTextError, decode
from .document import document_id, parse_text
from .limits import MAX_FILE_BYTES, TOO_LARGE

__all__ = ["ParseError", "document_id", "parse_bytes", "parse_file", "parse_paths", "parse_text", "read_archive",
           "read_file", "read_member"]


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


@contextmanager
def _reading(source: str) -> Iterator[None]:
    """An OSError while reading `source` as the ParseError saying why it cannot be read."""
    try:
        yield
    except IsADirectoryError:
        raise ParseError(source, "is a directory") from None
    except FileNotFoundError:
        raise ParseError(source, "no such file") from None
    except PermissionError:
        raise ParseError(source, "permission denied") from None
    except OSError as error:
        raise ParseError(source, error.strerror or str(error)) from None


def _check_file(path: Path, source: str) -> os.stat_result:
    _check_name(source)
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(info.st_mode):
        raise ParseError(source, "not a regular file")
    return info


def read_file(path: Path, source: str) -> bytes:
    """A regular file's bytes, or a ParseError saying why it cannot be read."""
    with _reading(source):
        if _check_file(path, source).st_size > MAX_FILE_BYTES:
            raise ParseError(source, TOO_LARGE)
        return path.read_bytes()


def read_archive(path: Path, source: str) -> Iterator[Member]:
    """The members of the archive at `path`, each read as a file is (held to MAX_FILE_BYTES), or with
    the problem that kept it unread: its source cannot be a name, or a member of that name came first
    (its source, and so its id, is taken). Raises ParseError where the archive cannot be read on."""
    with _reading(source):
        _check_file(path, source)
        seen: set[str] = set()
        for member in members(path, source):
            if not member.problem and member.name in seen:
                member = Member(member.name, problem="a member of this name comes earlier in the archive: not read")
            seen.add(member.name)
            try:
                _check_name(member_source(source, member.name))
            except ParseError as error:
                member = Member(member.name, problem=error.reason)
            yield member


def read_member(path: Path, source: str, name: str) -> bytes | None:
    """The bytes of the member `name` of the archive at `path`, as a reindex reads it (None: the
    archive holds no such member it would read, or cannot be read that far)."""
    try:
        return next((member.data for member in read_archive(path, source)
                     if member.name == name and not member.problem), None)
    except ParseError:
        return None


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


def _attempt(path: Path, root: Path) -> Iterator[tuple[Path, ParsedFile | ParseError]]:
    """What the file at `path` parses to: an archive, what each of its members does."""
    source = path.relative_to(root).as_posix() if path != root else path.name
    if not is_archive(source):
        try:
            yield path, parse_file(path, root)
        except ParseError as error:
            yield path, error
        return
    try:
        for member in read_archive(path, source):
            shown, member_path = member_source(source, member.name), Path(member_source(str(path), member.name))
            try:
                if member.problem:
                    raise ParseError(shown, member.problem)
                yield member_path, parse_bytes(member.data, shown)
            except ParseError as error:
                yield member_path, error
    except ParseError as error:
        yield path, error


def parse_paths(paths: Iterable[Path]) -> Iterator[tuple[Path, ParsedFile | ParseError]]:
    """Each file `paths` name, with what it parsed to or the ParseError saying why it could not be
    (given, not raised: one bad file does not stop the rest). A folder stands for the files of the
    corpus below it, found as a reindex finds them (indexer/corpus.py); a file named is read as
    named, through a symlink leading anywhere: the user chose it. An archive stands for its members."""
    for path in paths:
        if not _is_folder(path):
            yield from _attempt(path, path.parent)
            continue
        walked = walk(path)
        for relative in sorted({*walked.files, *walked.problems}):
            if relative in walked.problems:
                yield path / relative, ParseError(relative, walked.problems[relative])
            else:
                yield from _attempt(path / relative, path)


def raw_document(data: bytes, position: int) -> str | None:
    """The text of the `position`-th document (from 1) of a submission's bytes as the file holds it,
    its markup and all (the raw source of one document, where a document's source is "file#N"); None
    if the file holds no such document."""
    from .decode import decode
    from .sgml import split

    documents = split(decode(data)).documents
    return documents[position - 1].text if 1 <= position <= len(documents) else None
