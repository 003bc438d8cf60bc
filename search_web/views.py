"""The HTML pages: search results at /, one document at /doc/<id>, and its raw file (or archive
member) at /raw/<id>."""

import os
from pathlib import Path

from flask import Blueprint, Response, render_template, request, send_file
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

from indexer.errors import QueryError
from indexer.parse import raw_document, read_member
from indexer.parse.archives import split_source

from .document import DocumentPage
from .index import corpus_root, get_index
from .params import search_request
from .results import ResultsPage

bp = Blueprint("pages", __name__)


@bp.get("/")
def search():
    wanted = search_request(request.args)
    page = ResultsPage(wanted, get_index().search(wanted))
    return render_template("search.html", page=page, query=wanted.query, entity=wanted.entity,
                           hidden_inputs=page.kept("q", "entity"))


@bp.get("/doc/<document_id>")
def document(document_id: str):
    index = get_index()
    found = index.document(document_id)
    # The search it was reached from: its words are marked, and the page leads back to its results.
    searched = search_request(request.args)
    filing = index.filing_documents(found.accession) if found.accession else []
    try:
        similar, failed = index.similar(document_id), None
    except QueryError as error:
        # The document is what was asked for: without its similar documents it is shown all the same.
        similar, failed = None, f"No similar documents: {error}"
    page = DocumentPage.of(found, searched, index.marked_body(found, searched.query), filing, index.copies(document_id),
                           similar, failed)
    return render_template("document.html", page=page, query=searched.query)


def _in_corpus(corpus: str, source: str) -> str | None:
    """The regular file `source` names under `corpus`, joined safely and with symlinks resolved (a
    link inside the corpus must not serve a file outside it), or None."""
    # A NUL (no file's name holds one, a tampered index's source might) would make os.path raise.
    path = safe_join(corpus, source) if "\x00" not in source else None
    if path is None or os.path.commonpath([corpus, os.path.realpath(path)]) != corpus or not os.path.isfile(path):
        return None
    return path


@bp.get("/raw/<document_id>")
def raw(document_id: str):
    """The file a document came from, or the archive member. Only the document's indexed source names
    it, joined safely under the corpus folder: an id never becomes a path, and `..` or an absolute path
    never leaves it."""
    index = get_index()
    source = index.source_file(document_id)
    corpus = os.path.realpath(corpus_root())
    # `?document=1`: only the document's own part of its submission (its source is "file#N").
    position = _position(index.document(document_id).source) if request.args.get("document") else None
    data = None
    # Always plain text: a filing's own HTML must never run as a page of this site.
    if path := _in_corpus(corpus, source):
        if position is None:
            return send_file(path, mimetype="text/plain")
        data = Path(path).read_bytes()
    else:
        archives: dict[str, str | None] = {}
        if member := split_source(source, lambda name: bool(archives.setdefault(name, _in_corpus(corpus, name)))):
            archive, name = member
            data = read_member(Path(archives[archive]), archive, name)
    if data is None:
        raise NotFound(f"the file of document {document_id} ({source}) is not in the corpus folder")
    if position is not None:
        part = raw_document(data, position)
        if part is None:
            raise NotFound(f"the file of document {document_id} ({source}) no longer holds its document {position}")
        return Response(part, mimetype="text/plain")
    return Response(data, mimetype="text/plain")


def _position(source: str) -> int | None:
    """N of a source "file#N", the document's place in its submission."""
    _, mark, number = source.rpartition("#")
    return int(number) if mark and number.isascii() and number.isdigit() else None
