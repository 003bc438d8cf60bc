"""When a reindex added a document or last changed it (DocumentFields.indexed), and how a reindex
knows a document did not change: its digest, the hash of every field but `indexed`.

A document whose id the index already holds with the same digest keeps the `indexed` it had, in an
incremental run and in a rebuild alike (a rebuild writes every document again), so that a saved
search or a feed does not report the whole index as new after `reindex --full`.

The reindex's clock is FILINGS_NOW when set (an instant written as `indexed` is): tests fix it to
tell two runs apart without waiting, and a host whose clock is known wrong can be given the time.
"""

import hashlib
import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from .errors import UsageError
from .formats import INSTANT
from .models import FilingDocument

NOW = "FILINGS_NOW"
# A document's id → (digest, indexed), as the index holds them: what a reindex carries over.
Known = dict[str, tuple[str, str]]


def now() -> str:
    """The instant this reindex stamps what it adds or changes."""
    fixed = os.environ.get(NOW, "").strip()
    if fixed:
        if not re.fullmatch(INSTANT.pattern, fixed):
            raise UsageError(f"{NOW}={fixed!r} is not an instant: {INSTANT.hint}")
        return fixed
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def digest(document: FilingDocument) -> str:
    """What the document is, but for when it was indexed, as 16 hex digits."""
    content = document.model_dump_json(exclude={"indexed", "category"})
    return hashlib.sha1(content.encode("utf-8")).hexdigest()[:16]


def stamped(documents: Iterable[FilingDocument], known: Known, instant: str) -> list[FilingDocument]:
    """The documents, each with the `indexed` it had if the index holds it unchanged, else `instant`."""
    kept = []
    for document in documents:
        before = known.get(document.id)
        indexed = before[1] if before and before[0] == digest(document) and before[1] else instant
        kept.append(document.model_copy(update={"indexed": indexed}))
    return kept
