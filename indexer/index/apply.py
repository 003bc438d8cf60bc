"""Carrying out a plan: each task read, hashed, parsed and prepared (writer.preparer: what the
engine makes of the documents) in a worker process, each outcome written through the engine's
writer, then one last commit. An archive is read here, member by member (one
stream cannot be shared between processes), and its members hashed and parsed in the workers, a
bounded number in flight. Stopped by anything (Ctrl-C, a failed write),
it stops the workers and the writer's processes before the error goes on: what is committed stays.
"""

import hashlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ..engines.building import IndexWriter, Preparer
from ..errors import ParseError
from ..indexed import Known, now, stamped
from ..models import FilingDocument
from ..parse import parse_bytes, read_archive, read_file
from ..parse.archives import member_source
from .plan import ArchiveTask, Plan, Task
from ..workers import worker_pool

Progress = Callable[[int, int], None]
# Below this many files, starting worker processes costs more than it saves; an archive holds more.
POOL_THRESHOLD = 16


@dataclass
class Outcome:
    path: str
    stamp: str
    # "parsed", "same" (content unchanged: a new stamp), "unchanged" (stamp and all), "failed", or
    # "read": an archive read to its end, whose members not seen (`gone`) lose their documents.
    kind: str
    documents: list[FilingDocument] = field(default_factory=list)
    prepared: object = None  # what the writer's preparer made of the documents, which it then stands for
    reason: str = ""
    gone: list[str] = field(default_factory=list)
    ends_task: bool = True  # a member's outcome is one of many for its archive's task


@dataclass(frozen=True)
class _MemberWork:
    """A member's bytes, read from its archive here, for a worker to hash and parse."""

    path: str  # "archive!member"
    data: bytes
    size_mtime: str  # as the archive records them
    archive_stamp: str  # a failure is remembered until the archive changes
    known_stamp: str | None
    marks: Known


@dataclass
class Applied:
    """What the writes came to: files (and members) added, updated, found the same by their hash,
    deleted as gone from their archive; the files failing now; the archives read to their end."""

    added: int = 0
    updated: int = 0
    same: int = 0
    deleted: int = 0
    failing: dict[str, dict] = field(default_factory=dict)  # path → {"stamp", "reason"}
    archives_read: dict[str, str] = field(default_factory=dict)


def _digest(path: str, data: bytes, size_mtime: str, failed_stamp: str, known_stamp: str | None,
            ends_task: bool, prepare: Preparer | None, marks: Known, instant: str) -> Outcome:
    stamp = f"{size_mtime}:{hashlib.sha1(data).hexdigest()}"
    if stamp == known_stamp:
        return Outcome(path, stamp, "unchanged", ends_task=ends_task)
    if known_stamp and known_stamp.rsplit(":", 1)[-1] == stamp.rsplit(":", 1)[-1]:
        return Outcome(path, stamp, "same", ends_task=ends_task)
    try:
        documents = stamped(parse_bytes(data, path).documents, marks, instant)
        if prepare is not None:
            return Outcome(path, stamp, "parsed", prepared=prepare(path, documents, stamp), ends_task=ends_task)
    except ParseError as error:
        return Outcome(path, failed_stamp, "failed", reason=error.reason, ends_task=ends_task)
    return Outcome(path, stamp, "parsed", documents=documents, ends_task=ends_task)


def _work(unit: Task | _MemberWork, prepare: Preparer | None, instant: str) -> Outcome:
    """Read (a file), hash, parse, stamp `indexed` (`instant` where new) and prepare for the writer
    (in a worker process)."""
    if isinstance(unit, _MemberWork):
        return _digest(unit.path, unit.data, unit.size_mtime, unit.archive_stamp, unit.known_stamp, False, prepare,
                       unit.marks, instant)
    try:
        data = read_file(Path(unit.root) / unit.path, unit.path)
    except ParseError as error:
        return Outcome(unit.path, unit.size_mtime, "failed", reason=error.reason)
    return _digest(unit.path, data, unit.size_mtime, unit.size_mtime, unit.known_stamp, True, prepare, unit.marks,
                   instant)


def _archive_units(task: ArchiveTask) -> Iterator[_MemberWork | Outcome]:
    """The archive's members as work for the workers (or outcomes already, for those not read),
    then the outcome of the archive itself."""
    seen: set[str] = set()
    try:
        for member in read_archive(Path(task.root) / task.path, task.path):
            seen.add(member.name)
            path = member_source(task.path, member.name)
            if member.problem:
                yield Outcome(path, task.size_mtime, "failed", reason=member.problem, ends_task=False)
            else:
                yield _MemberWork(path, member.data, member.size_mtime, task.size_mtime, task.known.get(member.name),
                                  task.marks.get(path, {}))
    except ParseError as error:
        # What the archive held before the damage is indexed; its members not seen keep their documents.
        yield Outcome(task.path, task.size_mtime, "failed", reason=error.reason)
        return
    yield Outcome(task.path, task.size_mtime, "read",
                  gone=[member_source(task.path, name) for name in task.known if name not in seen])


def _units(tasks: list[Task | ArchiveTask]) -> Iterator[Task | _MemberWork | Outcome]:
    for task in tasks:
        if isinstance(task, ArchiveTask):
            yield from _archive_units(task)
        else:
            yield task


def parsers(work: Plan, jobs: int) -> int:
    """How many processes parse the plan's tasks (1: this one)."""
    large = len(work.tasks) >= POOL_THRESHOLD or any(isinstance(task, ArchiveTask) for task in work.tasks)
    return jobs if jobs > 1 and large else 1


def _done(outcome: Outcome) -> Future:
    future: Future = Future()
    future.set_result(outcome)
    return future


def _run(tasks: list[Task | ArchiveTask], jobs: int, prepare: Preparer | None, instant: str) -> Iterator[Outcome]:
    """Outcomes in task order, parsed (and prepared) by `jobs` processes with a bounded number in flight."""
    units = _units(tasks)
    if jobs == 1:
        yield from (unit if isinstance(unit, Outcome) else _work(unit, prepare, instant) for unit in units)
        return
    with worker_pool(jobs) as pool:
        in_flight: deque = deque()
        for unit in units:
            in_flight.append(_done(unit) if isinstance(unit, Outcome) else pool.submit(_work, unit, prepare, instant))
            if len(in_flight) >= jobs * 8:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def apply(work: Plan, writer: IndexWriter, jobs: int, progress: Progress | None = None,
          instant: str = "") -> Applied:
    """Write what `work` calls for in `parsers(work, jobs)` processes, and commit; what it adds or
    changes is `indexed` at `instant` (indexed.now() when not given)."""
    instant = instant or now()
    applied = Applied(failing=dict(work.still_failing), archives_read=dict(work.archives_read))
    indexed = {task.path for task in work.tasks if isinstance(task, Task) and task.known_stamp is not None}
    indexed.update(member_source(task.path, name) for task in work.tasks if isinstance(task, ArchiveTask)
                   for name in task.known)  # documents to replace
    outcomes = _run(work.tasks, parsers(work, jobs), writer.preparer(), instant)
    done = 0
    try:
        for path in work.deleted:
            writer.delete(path)
        for outcome in outcomes:
            if outcome.kind == "failed":
                # The last good version's documents stay until the file parses again.
                applied.failing[outcome.path] = {"stamp": outcome.stamp, "reason": outcome.reason}
            elif outcome.kind == "read":
                for path in outcome.gone:
                    writer.delete(path)
                applied.deleted += len(outcome.gone)
                applied.archives_read[outcome.path] = outcome.stamp
            elif outcome.kind == "unchanged":
                applied.same += 1
            elif outcome.kind == "same":
                writer.restamp(outcome.path, outcome.stamp)
                applied.same += 1
            else:
                replacing = outcome.path in indexed
                writer.replace(outcome.path, outcome.documents, outcome.stamp, indexed=replacing,
                               prepared=outcome.prepared)
                if replacing:
                    applied.updated += 1
                else:
                    applied.added += 1
            if progress and outcome.ends_task:
                done += 1
                progress(done, len(work.tasks))
        writer.commit()
    except BaseException:
        # Ctrl-C or a failed write: the workers and sub-writers stop now, while the lock is held.
        outcomes.close()
        writer.cancel()
        raise
    return applied
