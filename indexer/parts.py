"""A corpus shared out in parts, so that N machines reindex one cluster together (`--part K/N`).

A file's part follows from a stable hash of its top-level path: the same on every machine and in
every run, and an archive's members go with their archive (the path before the "!" that ends an
archive's name). `hashed` is also the cluster's hash of values and ids (engines/sphinx/layout.py).
"""

import hashlib

from .errors import UsageError
from .parse.archives import split_source

Part = tuple[int, int]  # (K, N): the K-th of N parts, K from 1


def hashed(text: str) -> int:
    """A value's 63-bit hash, above 0 (0 stands for none): Sphinx's ids and 64-bit values are signed."""
    return (int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big") >> 1) or 1


def parse_part(text: str) -> Part:
    """"K/N" as a part (UsageError unless 1 <= K <= N)."""
    number, _, count = text.partition("/")
    if not (number.isdigit() and count.isdigit()) or not 1 <= int(number) <= int(count):
        raise UsageError(f"--part {text}: write K/N, the K-th of N parts, 1 <= K <= N (1/2 and 2/2 share a corpus "
                         "between two machines)")
    return int(number), int(count)


def top_level(path: str) -> str:
    """The corpus file a path belongs to: the archive of an archive's member, else the path itself.
    (A name before a "!" that reads as an archive's is taken for one: a file's own name holding
    "x.zip!" would go with that name's part, which only has to be the same in every run.)"""
    found = split_source(path, lambda _: True)
    return found[0] if found else path


def in_part(path: str, part: Part | None) -> bool:
    """Whether the file (or archive member) at `path` belongs to `part` (every file does to None)."""
    if part is None:
        return True
    number, count = part
    return hashed(top_level(path)) % count == number - 1


def part_name(part: Part | None) -> str:
    return f"part {part[0]}/{part[1]}" if part else "all"
