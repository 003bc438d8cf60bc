"""The product's few error kinds: the CLI and the web translate these, and only these, into messages."""


class FilingsError(Exception):
    """Base of every error a user can cause; its message is one line meant for them."""


def quoted(value: object, limit: int = 80) -> str:
    """A value as an error message names it: quoted, and cut short, so one line stays one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ParseError(FilingsError):
    """A file could not be read as a filing (empty, binary, unreadable, not a filing)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UsageError(FilingsError):
    """A value the user gave cannot be used (a corpus folder that does not exist, a bad option)."""


class IndexMissingError(FilingsError):
    """There is no index yet where one was expected."""

    def __init__(self, path: str):
        super().__init__(f"no index at {path}: build it with `filings reindex --index {path}`")


class IndexDamagedError(FilingsError):
    """The index exists but cannot be read: a file of it is missing, truncated or garbled."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"the index at {path} is damaged ({problem}): rebuild it with "
                         f"`filings reindex --full --index {path}`")


class IndexLockedError(FilingsError):
    """Another reindex holds the index; only one may write at a time."""

    def __init__(self, path: str):
        super().__init__(f"another reindex is running on {path}; try again later, or pass --wait to queue")


class ReindexStoppedError(FilingsError):
    """A reindex could not go on: the disk filled up, or a file of the index could not be written."""

    def __init__(self, problem: str):
        super().__init__(f"reindex stopped: {problem}; the index is as its last commit left it")


class OutputError(FilingsError):
    """What a command prints could not be written: a full disk, a closed stdout, a failing device."""

    def __init__(self, problem: str):
        super().__init__(f"cannot write the output: {problem}")


class QueryError(FilingsError):
    """A search the index cannot run as written: bad syntax, an unknown field, a bad month or page."""


class QueryTimeoutError(QueryError):
    """A search ran out of its time budget."""


class DocumentNotFoundError(FilingsError):
    """No document in the index has the id asked for."""

    def __init__(self, document_id: str):
        super().__init__(f"no document with id {document_id!r} in the index")
