"""Errors as a user meets them: the status and heading each kind declares, rendered by one handler as an
HTML page, or as JSON `{"status": ..., "error": ...}` for the API and /healthz.

What reaches the handler: indexer's FilingsError kinds (a bad search, an unknown id, no index
yet, a damaged index, an index folder that is not one) and HTTP errors (an unknown route, a wrong
method, a raw file no longer in the corpus).
"""

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import FilingsError

JSON_PREFIX = "/api/"


def describe(error: FilingsError | HTTPException) -> tuple[int, str, str]:
    """Status, heading and one-line message for an error."""
    if isinstance(error, HTTPException):
        return error.code or 500, error.name, error.description or error.name
    return error.http_status, error.heading, str(error)


def wants_json() -> bool:
    return request.blueprint == "api" or request.path.startswith(JSON_PREFIX)


def handle(error: Exception):
    status, heading, message = describe(error)
    if request.blueprint == "feed":
        # A feed reader shows text, not a page: the one line the page would give.
        return message + "\n", status, {"Content-Type": "text/plain; charset=utf-8"}
    if wants_json():
        return {"status": status, "error": message}, status
    return render_template("error.html", status=status, heading=heading, message=message,
                           query=request.args.get("q", "")), status


def register(app: Flask) -> None:
    app.register_error_handler(FilingsError, handle)
    app.register_error_handler(HTTPException, handle)
