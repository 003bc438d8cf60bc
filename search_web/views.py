"""The HTML pages: search results at /, one document at /doc/<id>, and its raw file (or archive
member) at /raw/<id>."""

import os
from pathlib import Path

from flask import Blueprint, Response, render_template, request, send_file
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

from indexer.parse import read_member
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
    return render_template("search.html", page=page, query=wanted.query, hidden_inputs=page.kept("q"))


@bp.get("/doc/<document_id>")
def document(document_id: str):
    index = get_index()
    found = index.document(document_id)
    query = request.args.get("q", "")
    filing = index.filing_documents(found.accession) if found.accession else []
    page = DocumentPage.of(found, query, index.marked_body(found, query), filing)
    return render_template("document.html", page=page, query=query)


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
    source = get_index().source_file(document_id)
    corpus = os.path.realpath(corpus_root())
    # Always plain text: a filing's own HTML must never run as a page of this site.
    if path := _in_corpus(corpus, source):
        return send_file(path, mimetype="text/plain")
    archives: dict[str, str | None] = {}
    if member := split_source(source, lambda name: bool(archives.setdefault(name, _in_corpus(corpus, name)))):
        archive, name = member
        if (data := read_member(Path(archives[archive]), archive, name)) is not None:
            return Response(data, mimetype="text/plain")
    raise NotFound(f"the file of document {document_id} ({source}) is not in the corpus folder")
