"""What a reindex has to do, decided before anything is read: the corpus walk set against the stamps
the index holds and the failures the last run recorded.

A file whose size and mtime match its stamp is unchanged and not read; one that failed last time
with the same size and mtime still fails and is not read either. Every other file is a task: read
it, and parse it unless its content hash matches the stamp's.
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Corpus


@dataclass(frozen=True)
class Task:
    """One file for a worker to read, hash and parse (picklable: it crosses to a worker process)."""

    root: str
    path: str
    size_mtime: str
    known_hash: str | None


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    still_failing: dict[str, dict] = field(default_factory=dict)  # path → {"stamp", "reason"}, as recorded


def plan(corpus: Path, walked: Corpus, stamps: dict[str, str], failing: dict[str, dict]) -> Plan:
    """The work that brings an index holding `stamps` (path → "size:mtime:hash") and recorded as
    `failing` up to date with the files of `corpus` that `walked` found."""
    work = Plan()
    for path, size_mtime in walked.files.items():
        if failing.get(path, {}).get("stamp") == size_mtime:
            work.still_failing[path] = failing[path]
        elif path in stamps and stamps[path].startswith(size_mtime + ":"):
            work.unchanged += 1
        else:
            known_hash = stamps[path].rsplit(":", 1)[-1] if path in stamps else None
            work.tasks.append(Task(str(corpus), path, size_mtime, known_hash))
    # A file in a folder that could not be read this time is not taken for deleted.
    work.deleted = [path for path in stamps if path not in walked.files and not walked.hides(path)]
    return work
