"""Carrying out a plan: each task read, hashed and parsed in a worker process, each outcome written
through the engine's writer, then one last commit. Stopped by anything (Ctrl-C, a failed write),
it stops the workers and the writer's processes before the error goes on: what is committed stays.
"""

import hashlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..engines.building import IndexWriter
from ..errors import ParseError
from ..models import FilingDocument
from ..parse import parse_bytes, read_file
from .plan import Plan, Task
from ..workers import worker_pool

Progress = Callable[[int, int], None]
# Below this many files, starting worker processes costs more than it saves.
POOL_THRESHOLD = 16


@dataclass
class Outcome:
    path: str
    stamp: str
    kind: str  # "parsed", "same" (content unchanged) or "failed"
    documents: list[FilingDocument] = field(default_factory=list)
    reason: str = ""


@dataclass
class Applied:
    """What the writes came to: files added, updated, found the same by their hash; the files failing now."""

    added: int = 0
    updated: int = 0
    same: int = 0
    failing: dict[str, dict] = field(default_factory=dict)  # path → {"stamp", "reason"}


def _work(task: Task) -> Outcome:
    """Read, hash and parse one file (in a worker process)."""
    try:
        data = read_file(Path(task.root) / task.path, task.path)
    except ParseError as error:
        return Outcome(task.path, task.size_mtime, "failed", reason=error.reason)
    stamp = f"{task.size_mtime}:{hashlib.sha1(data).hexdigest()}"
    if task.known_hash == stamp.rsplit(":", 1)[-1]:
        return Outcome(task.path, stamp, "same")
    try:
        parsed = parse_bytes(data, task.path)
    except ParseError as error:
        return Outcome(task.path, task.size_mtime, "failed", reason=error.reason)
    return Outcome(task.path, stamp, "parsed", documents=parsed.documents)


def parsers(work: Plan, jobs: int) -> int:
    """How many processes parse the plan's tasks (1: this one)."""
    return jobs if jobs > 1 and len(work.tasks) >= POOL_THRESHOLD else 1


def _run(tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    """Outcomes in task order, parsed by `jobs` processes with a bounded number in flight."""
    if jobs == 1:
        yield from map(_work, tasks)
        return
    with worker_pool(jobs) as pool:
        in_flight: deque = deque()
        for task in tasks:
            in_flight.append(pool.submit(_work, task))
            if len(in_flight) >= jobs * 8:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def apply(work: Plan, writer: IndexWriter, jobs: int, progress: Progress | None = None) -> Applied:
    """Write what `work` calls for in `parsers(work, jobs)` processes, and commit."""
    applied = Applied(failing=dict(work.still_failing))
    indexed = {task.path for task in work.tasks if task.known_hash is not None}  # documents to replace
    outcomes = _run(work.tasks, parsers(work, jobs))
    try:
        for path in work.deleted:
            writer.delete(path)
        for done, outcome in enumerate(outcomes, 1):
            if outcome.kind == "failed":
                # The last good version's documents stay until the file parses again.
                applied.failing[outcome.path] = {"stamp": outcome.stamp, "reason": outcome.reason}
            elif outcome.kind == "same":
                writer.restamp(outcome.path, outcome.stamp)
                applied.same += 1
            else:
                replacing = outcome.path in indexed
                writer.replace(outcome.path, outcome.documents, outcome.stamp, indexed=replacing)
                if replacing:
                    applied.updated += 1
                else:
                    applied.added += 1
            if progress:
                progress(done, len(work.tasks))
        writer.commit()
    except BaseException:
        # Ctrl-C or a failed write: the workers and sub-writers stop now, while the lock is held.
        outcomes.close()
        writer.cancel()
        raise
    return applied
