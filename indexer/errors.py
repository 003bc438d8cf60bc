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


class NotAnIndexError(FilingsError):
    """The folder given for the index holds other things and no index: the store will not touch it."""

    def __init__(self, path: str):
        super().__init__(f"{path} is not an index folder (it is not empty and holds no index): give --index "
                         "a new or empty folder, or one `filings reindex` built")


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


class InterruptedByUserError(FilingsError):
    """Ctrl-C stopped a command; the message says what that left behind."""


class ReindexInterruptedError(InterruptedByUserError):
    def __init__(self, documents: int | None):
        state = ("there is no index yet" if documents is None
                 else f"the index is as its last commit left it ({documents} documents)")
        super().__init__(f"reindex: interrupted; {state}")


class ExportInterruptedError(InterruptedByUserError):
    def __init__(self):
        super().__init__("search: interrupted; the CSV printed so far is incomplete (the index is unchanged)")


class OutputError(FilingsError):
    """What a command prints could not be written: a full disk, a closed stdout, a failing device."""

    def __init__(self, problem: str):
        super().__init__(f"cannot write the output: {problem}")


class QueryError(FilingsError):
    """A search the index cannot run as written: bad syntax, an unknown field, a bad month or page."""


class QueryTimeoutError(QueryError):
    """A search ran out of its time budget."""


class SearchBusyError(QueryTimeoutError):
    """A search with wildcards or ranges found no place among those running before its budget ran out:
    the query is fine, the server is busy."""


class DocumentNotFoundError(FilingsError):
    """No document in the index has the id asked for."""

    def __init__(self, document_id: str):
        super().__init__(f"no document with id {document_id!r} in the index")
