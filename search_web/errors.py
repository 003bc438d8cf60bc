"""Errors as a user meets them: one status and heading per kind, rendered by one handler as an
HTML page, or as JSON `{"status": ..., "error": ...}` for the API and /healthz.

What reaches the handler: indexer's FilingsError kinds (a bad search, an unknown id, no index
yet, a damaged index, an index folder that is not one) and HTTP errors (an unknown route, a wrong
method, a raw file no longer in the corpus).
"""

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import (
    DocumentNotFoundError,
    FilingsError,
    IndexDamagedError,
    IndexMissingError,
    NotAnIndexError,
    QueryError,
    SearchBusyError,
)

# Most specific first: QueryTimeoutError is a QueryError, and so a 400 too (the user narrows it). A
# SearchBusyError is a timeout the server's load caused, not the query: a 503, as for any overload,
# since the same request succeeds a moment later (a 429 would blame this client's own rate).
KINDS: dict[type[FilingsError], tuple[int, str]] = {
    SearchBusyError: (503, "The server is busy"),
    QueryError: (400, "This search cannot run"),
    DocumentNotFoundError: (404, "No such document"),
    IndexMissingError: (503, "No index yet"),
    IndexDamagedError: (503, "The index is damaged"),
    NotAnIndexError: (503, "Not an index"),
}
JSON_PREFIX = "/api/"


def describe(error: Exception) -> tuple[int, str, str]:
    """Status, heading and one-line message for an error."""
    if isinstance(error, HTTPException):
        return error.code or 500, error.name, error.description or error.name
    for kind, (status, heading) in KINDS.items():
        if isinstance(error, kind):
            return status, heading, str(error)
    return 500, "Something went wrong", str(error)


def wants_json() -> bool:
    return request.blueprint == "api" or request.path.startswith(JSON_PREFIX)


def handle(error: Exception):
    status, heading, message = describe(error)
    if wants_json():
        return {"status": status, "error": message}, status
    return render_template("error.html", status=status, heading=heading, message=message,
                           query=request.args.get("q", "")), status


def register(app: Flask) -> None:
    app.register_error_handler(FilingsError, handle)
    app.register_error_handler(HTTPException, handle)
