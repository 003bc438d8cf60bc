"""What a reindex has to do, decided before anything is read: the corpus walk set against the stamps
the index holds, the failures the last run recorded and the archives it read to their end.

A file whose size and mtime match its stamp is unchanged and not read; one that failed last time
with the same size and mtime still fails and is not read either. Every other file is a task: read
it, and parse it unless its content hash matches the stamp's.

An archive's members are files of the index ("archive!member", each with its own stamp), but only
the archive is in the walk: an archive whose size and mtime are those of the last run that read it
to its end (or that failed on it) is not read, and keeps its members' documents and failures. Any
other archive is read whole, and each member is then a file as above. A run killed mid-archive has
not recorded the archive as read, so the next run reads it again.
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Corpus
from ..indexed import Known
from ..parse.archives import is_archive, split_source


@dataclass(frozen=True)
class Task:
    """One file for a worker to read, hash and parse (picklable: it crosses to a worker process)."""

    root: str
    path: str
    size_mtime: str
    known_stamp: str | None
    marks: Known = field(default_factory=dict)  # its documents as the index holds them (indexed.py)


@dataclass(frozen=True)
class ArchiveTask:
    """One archive to read here, its members handed to workers as they come."""

    root: str
    path: str
    size_mtime: str
    known: dict[str, str]  # member name → stamp in the index
    marks: dict[str, Known] = field(default_factory=dict)  # member's source → its documents (indexed.py)


@dataclass
class Plan:
    tasks: list[Task | ArchiveTask] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    still_failing: dict[str, dict] = field(default_factory=dict)  # path → {"stamp", "reason"}, as recorded
    archives_read: dict[str, str] = field(default_factory=dict)  # archive → "size:mtime", still as read


def plan(corpus: Path, walked: Corpus, stamps: dict[str, str], failing: dict[str, dict],
         archives_read: dict[str, str], marks: dict[str, Known] | None = None) -> Plan:
    """The work that brings an index holding `stamps` (path → "size:mtime:hash"), recorded as `failing`
    and as having read `archives_read` (archive → "size:mtime") up to date with the files of `corpus`
    that `walked` found. `marks` (file → its documents' digests and `indexed`) are read even for a
    rebuild, which has no stamps, so that what did not change keeps its `indexed`."""
    work = Plan()
    marks = marks or {}
    members: dict[str, dict[str, str]] = {}
    member_failures: dict[str, dict[str, dict]] = {}
    for path in stamps:
        if owner := _archive_of(path, walked):
            members.setdefault(owner[0], {})[owner[1]] = stamps[path]
    member_marks: dict[str, dict[str, Known]] = {}
    for path in marks:
        if owner := _archive_of(path, walked):
            member_marks.setdefault(owner[0], {})[path] = marks[path]
    for path in failing:
        if owner := _archive_of(path, walked):
            member_failures.setdefault(owner[0], {})[path] = failing[path]
    for path, size_mtime in walked.files.items():
        if is_archive(path):
            _plan_archive(work, str(corpus), path, size_mtime, members.get(path, {}),
                          {**member_failures.get(path, {}), **({path: failing[path]} if path in failing else {})},
                          archives_read.get(path), member_marks.get(path, {}))
        elif failing.get(path, {}).get("stamp") == size_mtime:
            work.still_failing[path] = failing[path]
        elif path in stamps and stamps[path].startswith(size_mtime + ":"):
            work.unchanged += 1
        else:
            work.tasks.append(Task(str(corpus), path, size_mtime, stamps.get(path), marks.get(path, {})))
    # A file in a folder that could not be read this time is not taken for deleted.
    work.deleted = [path for path in stamps
                    if path not in walked.files and not _archive_of(path, walked) and not walked.hides(path)]
    return work


def _archive_of(path: str, walked: Corpus) -> tuple[str, str] | None:
    """(archive, member) for a member of an archive the walk found."""
    if path in walked.files:
        return None
    return split_source(path, lambda archive: archive in walked.files)


def _plan_archive(work: Plan, root: str, path: str, size_mtime: str, known: dict[str, str],
                  failures: dict[str, dict], read_as: str | None, marks: dict[str, Known]) -> None:
    failed_as = failures.get(path, {}).get("stamp")
    if size_mtime in (read_as, failed_as):
        work.unchanged += len(known)
        work.still_failing.update({failed: entry for failed, entry in failures.items()
                                   if entry.get("stamp") == size_mtime})
        if read_as == size_mtime:
            work.archives_read[path] = size_mtime
    else:
        work.tasks.append(ArchiveTask(root, path, size_mtime, known, marks))
