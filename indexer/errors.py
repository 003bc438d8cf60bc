"""The product's few error kinds: the CLI and the web translate these, and only these, into messages.
Each kind declares its exit code and HTTP status here, and a subclass inherits them, so both faces
answer a kind alike and a new kind cannot be left out of one of them."""

FAILED = 1
USAGE_ERROR = 2
PARTIAL = 3  # an answer printed, but some node of the cluster gave none: what is shown may lack hits
UNAVAILABLE = 69  # EX_UNAVAILABLE: the cluster (or the searchd it needs) does not answer
IO_ERROR = 74  # EX_IOERR: the disk is full, the index folder or the output cannot be written; someone must look
LOCKED = 75  # EX_TEMPFAIL: a scheduler may simply try again later
INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C


class FilingsError(Exception):
    """Base of every error a user can cause; its message is one line meant for them. A kind the web
    should never meet (a reindex's error) keeps the 500: reaching a page, it is the server's fault."""

    exit_code = FAILED
    http_status = 500
    heading = "Something went wrong"


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

    exit_code = USAGE_ERROR


class IndexMissingError(FilingsError):
    """There is no index yet where one was expected."""

    exit_code = USAGE_ERROR
    http_status = 503
    heading = "No index yet"

    def __init__(self, path: str):
        super().__init__(f"no index at {path}: build it with `filings reindex --index {path}`")


class NotAnIndexError(FilingsError):
    """The folder given for the index holds other things and no index: the store will not touch it."""

    exit_code = USAGE_ERROR
    http_status = 503
    heading = "Not an index"

    def __init__(self, path: str):
        super().__init__(f"{path} is not an index folder (it is not empty and holds no index): give --index "
                         "a new or empty folder, or one `filings reindex` built")


class IndexDamagedError(FilingsError):
    """The index exists but cannot be read: a file of it is missing, truncated or garbled. Like a
    missing one, it is no index to search until a reindex builds it."""

    exit_code = USAGE_ERROR
    http_status = 503
    heading = "The index is damaged"

    def __init__(self, path: str, problem: str):
        super().__init__(f"the index at {path} is damaged ({problem}): rebuild it with "
                         f"`filings reindex --full --index {path}`")


class IndexLockedError(FilingsError):
    """Another reindex holds the index; only one may write at a time."""

    exit_code = LOCKED

    def __init__(self, path: str):
        super().__init__(f"another reindex is running on {path}; try again later, or pass --wait to queue")


class ReindexStoppedError(FilingsError):
    """A reindex could not go on: the disk filled up, or a file of the index could not be written."""

    exit_code = IO_ERROR

    def __init__(self, problem: str):
        super().__init__(f"reindex stopped: {problem}; the index is as its last commit left it")


class InterruptedByUserError(FilingsError):
    """Ctrl-C stopped a command; the message says what that left behind."""

    exit_code = INTERRUPTED


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

    exit_code = IO_ERROR

    def __init__(self, problem: str):
        super().__init__(f"cannot write the output: {problem}")


class QueryError(FilingsError):
    """A search the index cannot run as written: bad syntax, an unknown field, a bad month or page."""

    exit_code = USAGE_ERROR
    http_status = 400
    heading = "This search cannot run"


class QueryTimeoutError(QueryError):
    """A search ran out of its time budget: still a 400, since the user narrows it."""


class SearchBusyError(QueryTimeoutError):
    """A search with wildcards or ranges found no place among those running before its budget ran out:
    the query is fine, the server is busy. A 503, as for any overload, since the same request succeeds a
    moment later (a 429 would blame this client's own rate)."""

    http_status = 503
    heading = "The server is busy"


class DocumentNotFoundError(FilingsError):
    """No document in the index has the id asked for."""

    http_status = 404
    heading = "No such document"

    def __init__(self, document_id: str):
        super().__init__(f"no document with id {document_id!r} in the index")


class ClusterUnavailableError(FilingsError):
    """The cluster an index address names does not answer (its head node, or every node), or a node
    a reindex writes to has gone: nothing is answered rather than a silently partial answer."""

    exit_code = UNAVAILABLE
    http_status = 503
    heading = "The cluster does not answer"
