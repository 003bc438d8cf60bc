"""The reindex job: under the index's lock, walk the corpus, plan, apply, report.

The state of the last run is read from the index itself (each file's stamp: size, mtime, content
hash), the failures its last run recorded and the archives it read to their end, so it can never
disagree with the index: a run killed at any moment leaves the last commit, and the next run redoes
whatever that commit lacks.
"""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..corpus import Corpus, walk
from ..engines import is_cluster, open_builder
from ..errors import ReindexStoppedError, UsageError
from ..indexed import now
from ..models import Failure, ReindexReport
from ..parts import Part, in_part
from .apply import Applied, Progress, apply, parsers
from .plan import Plan, plan

# Parsing is CPU-bound: past the CPU count each job adds memory (a parser process and a writer's share),
# not speed. Four per CPU leaves room for a corpus on a slow disk and keeps that memory bounded.
MAX_JOBS = 4 * (os.cpu_count() or 1)


def committed_documents(index_root: Path | str) -> int | None:
    """How many documents the last commit of the index at `index_root` holds (None: no index yet)."""
    return open_builder(index_root).committed_documents()


def _check_corpus(corpus: Path, index_root: Path | str) -> None:
    """Refuse a corpus that is no folder, or is the index folder or lies inside it: the walk skips the
    index, and the engine owns that folder. (An index inside the corpus is fine: the walk skips it.)"""
    if not corpus.is_dir():
        raise UsageError(f"corpus folder {corpus} {'is not a folder' if corpus.exists() else 'does not exist'}")
    if is_cluster(index_root):
        return
    real_corpus, real_index = Path(os.path.realpath(corpus)), Path(os.path.realpath(index_root))
    if real_corpus.is_relative_to(real_index):
        where = "is" if real_corpus == real_index else "is inside"
        raise UsageError(f"the corpus folder {corpus} {where} the index folder {index_root}: "
                         "give the index a folder of its own")


@contextmanager
def _stopped_by_os_errors() -> Iterator[None]:
    """Writing the index failed (a full disk, a folder made read-only): what is committed stays."""
    try:
        yield
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise ReindexStoppedError(f"{error.strerror or error}{where}") from None


def _of_part(walked: Corpus, part: Part | None) -> Corpus:
    """The walk's files (and problems) of one part of the corpus; every one without a part."""
    if part is None:
        return walked
    return Corpus(files={path: found for path, found in walked.files.items() if in_part(path, part)},
                  problems={path: problem for path, problem in walked.problems.items() if in_part(path, part)},
                  unreadable=walked.unreadable)


def reindex(corpus: Path, index_root: Path | str, *, commit_every: int, full: bool = False, jobs: int | None = None,
            wait: bool = False, progress: Progress | None = None, part: Part | None = None) -> ReindexReport:
    """Bring the index at `index_root` (a folder, or a cluster's address) up to date with the filings
    in `corpus`, or with its `part` (K, N) only; an incremental run commits every `commit_every`
    files, which is what a killed run keeps."""
    started = time.monotonic()
    instant = now()  # what the run adds or changes is `indexed` at the instant it began
    builder = open_builder(index_root, part)
    with _stopped_by_os_errors():
        _check_corpus(corpus, index_root)
        with builder.lock(wait):
            builder.discard_unfinished()
            rebuild = full or builder.outdated()
            meta = {} if rebuild else builder.read_meta()
            stamps = {} if rebuild else builder.stamps()
            walked = _of_part(walk(corpus, skip=None if is_cluster(index_root) else index_root), part)
            work = plan(corpus, walked, stamps, meta.get("failures", {}), meta.get("archives_read", {}),
                        builder.marks())
            jobs = jobs or os.cpu_count() or 1
            writer = builder.begin(rebuild, commit_every, processes=parsers(work, jobs))
            applied = apply(work, writer, jobs, progress, instant)
            documents = writer.finish({
                "corpus": str(corpus.resolve()),
                "last_reindex": datetime.now(UTC).isoformat(timespec="seconds"),
                "failures": applied.failing,
                "archives_read": applied.archives_read,
            })
    return _report(corpus, index_root, rebuild, walked, work, applied, documents, time.monotonic() - started)


def _report(corpus: Path, index_root: Path | str, rebuild: bool, walked: Corpus, work: Plan, applied: Applied,
            documents: int, seconds: float) -> ReindexReport:
    reasons = {**{path: entry["reason"] for path, entry in applied.failing.items()}, **walked.problems}
    return ReindexReport(
        corpus=str(corpus), index=str(index_root), full=rebuild, seen=len(walked.files),
        added=applied.added, updated=applied.updated, unchanged=work.unchanged + applied.same,
        deleted=len(work.deleted) + applied.deleted, failed=len(reasons), documents=documents,
        seconds=round(seconds, 2),
        failures=[Failure(path=path, reason=reason) for path, reason in sorted(reasons.items())],
    )
