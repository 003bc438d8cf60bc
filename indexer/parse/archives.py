"""EDGAR's bulk downloads read as folders of files: the members of a .zip, .tar, .tar.gz, .tgz or .gz,
each read into memory as a file would be, never unpacked to disk.

A member's source is its archive's corpus-relative path, "!", and its name in the archive (a .gz holds
one member, named as the .gz without ".gz"). An archive is untrusted input: a member whose name leads
out of it, a link or device, an archive inside it, or an archive that expands beyond its bounds is
reported, not read. Archives inside archives are not read because each level would multiply the
bounds below, and a source names one level only; EDGAR's own downloads nest no deeper.
"""

import calendar
import gzip
import io
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParseError
from .limits import MAX_ARCHIVE_GIB, MAX_FILE_BYTES, MAX_RATIO, TOO_LARGE

SEPARATOR = "!"
# Longest first: a .tar.gz is a tar, not a .gz holding one member.
SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip", ".gz")
NESTED = "an archive inside an archive: not read (unpack it into the corpus to index it)"


def is_archive(path: str) -> bool:
    """Whether a corpus file is read as an archive: by its name, as a reader of the corpus would."""
    return path.lower().endswith(SUFFIXES)


def member_source(archive: str, name: str) -> str:
    return f"{archive}{SEPARATOR}{name}"


def split_source(path: str, is_archive_file: Callable[[str], bool]) -> tuple[str, str] | None:
    """(archive, member) of a member's source, or None for a file's. The archive is the first prefix
    ending before a "!" that is an archive file of the corpus: a folder or member name may hold "!"."""
    start = 0
    while (mark := path.find(SEPARATOR, start)) != -1:
        if is_archive(path[:mark]) and is_archive_file(path[:mark]):
            return path[:mark], path[mark + 1:]
        start = mark + 1
    return None


@dataclass
class Member:
    """One member as read: its bytes and the "size:mtime" the archive records, or why it was not read."""

    name: str
    size_mtime: str = ""
    data: bytes = b""
    problem: str = ""


class _Bounded(io.RawIOBase):
    """The decompressed stream of a tar, cut off where the archive's bounds end."""

    def __init__(self, stream, budget: "_Budget"):
        self.stream, self.budget = stream, budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(min(len(buffer), self.budget.left() + 1))
        self.budget.spend(len(data))
        buffer[: len(data)] = data
        return len(data)


class _Budget:
    """How many bytes the archive may expand to, counted as they are decompressed, and checked
    against what its headers declare before decompressing what they declare."""

    def __init__(self, archive_bytes: int):
        self.by_ratio = max(MAX_RATIO * archive_bytes, MAX_FILE_BYTES)
        self.spent = 0

    def left(self) -> int:
        return min(self.by_ratio, MAX_ARCHIVE_GIB * 2**30) - self.spent

    def check(self, total: int) -> None:
        """Refuse to read on to `total` bytes."""
        if total > MAX_ARCHIVE_GIB * 2**30:
            raise _Exceeded(f"expands to more than {MAX_ARCHIVE_GIB} GiB: read no further")
        if total > self.by_ratio:
            raise _Exceeded(f"expands to more than {MAX_RATIO} times its size (a decompression bomb?): "
                            "read no further")

    def spend(self, count: int) -> None:
        self.spent += count
        self.check(self.spent)


class _Exceeded(Exception):
    pass


def _name(name: str) -> str:
    """A member's name as its source holds it: "./" in front (what `tar -C folder .` writes) says nothing."""
    while name.startswith("./"):
        name = name[2:]
    return name


def _name_problem(name: str) -> str:
    parts = name.split("/")
    if name.startswith("/") or ".." in parts or (len(name) > 1 and name[1] == ":"):
        return "member name leads out of the archive: not read"
    return NESTED if is_archive(name) else ""


def _tar_members(stream, budget: _Budget) -> Iterator[Member]:
    with tarfile.open(fileobj=io.BufferedReader(_Bounded(stream, budget)), mode="r|") as tar:
        for info in tar:
            info.name = _name(info.name)
            budget.check(info.offset_data + info.size)  # before the next member's header skips it
            if info.isdir():
                continue
            if not info.isfile():
                kind = ("symlink" if info.issym() else "hard link" if info.islnk() else
                        "device or fifo" if info.isdev() else "special file")
                yield Member(info.name, problem=f"not a regular file ({kind} in the archive): not read")
            elif problem := _name_problem(info.name) or (TOO_LARGE if info.size > MAX_FILE_BYTES else ""):
                yield Member(info.name, problem=problem)
            else:
                yield Member(info.name, f"{info.size}:{int(info.mtime) * 10**9}", tar.extractfile(info).read())


def _zip_members(file, budget: _Budget) -> Iterator[Member]:
    with zipfile.ZipFile(file) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            mode = info.external_attr >> 16  # Unix file type and permissions, when a Unix zip wrote them
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                yield Member(info.filename, problem="not a regular file (symlink in the archive): not read"
                             if stat.S_ISLNK(mode) else "not a regular file (special file in the archive): not read")
            elif problem := _name_problem(info.filename) or (TOO_LARGE if info.file_size > MAX_FILE_BYTES else ""):
                yield Member(info.filename, problem=problem)
            elif info.flag_bits & 0x1:
                yield Member(info.filename, problem="encrypted: not read")
            else:
                budget.spend(info.file_size)  # zipfile reads no more than the size declared
                try:
                    data = archive.read(info)
                except NotImplementedError as error:  # a compression method Python lacks
                    yield Member(info.filename, problem=f"{error}: not read")
                    continue
                mtime = calendar.timegm((*info.date_time, 0, 0, 0))
                yield Member(info.filename, f"{info.file_size}:{mtime * 10**9}", data)


def _gz_member(file, name: str, budget: _Budget) -> Iterator[Member]:
    with gzip.GzipFile(fileobj=file) as stream:
        data = stream.read(min(MAX_FILE_BYTES, budget.left()) + 1)
        budget.spend(len(data))
        if len(data) > MAX_FILE_BYTES:
            yield Member(name, problem=TOO_LARGE)
        else:
            yield Member(name, f"{len(data)}:{(stream.mtime or 0) * 10**9}", data)


def members(path: Path, source: str) -> Iterator[Member]:
    """The members of the archive at `path` (whose source is `source`) in archive order. Raises
    ParseError(source, why) where the archive cannot be read on: damaged, truncated or too
    expansive; the members yielded before stay good."""
    lower = source.lower()
    try:
        with open(path, "rb") as file:
            budget = _Budget(path.stat().st_size)
            if lower.endswith(".zip"):
                yield from _zip_members(file, budget)
            elif lower.endswith(".tar"):
                yield from _tar_members(file, budget)
            elif lower.endswith((".tar.gz", ".tgz")):
                yield from _tar_members(gzip.GzipFile(fileobj=file), budget)
            else:
                yield from _gz_member(file, Path(source).name[: -len(".gz")], budget)
    except _Exceeded as error:
        raise ParseError(source, str(error)) from None
    except (tarfile.TarError, zipfile.BadZipFile, gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise ParseError(source, f"corrupt or truncated archive ({error})") from None
    except OSError:
        raise  # the caller's to name (permission denied, a disk error)
    except Exception as error:  # noqa: BLE001 - a crafted header can trip the readers anywhere
        raise ParseError(source, f"corrupt archive ({type(error).__name__}: {error})") from None
