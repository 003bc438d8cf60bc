"""The JSON twin of the pages: /api/search answers the model `filings search --json` prints,
/api/facets/<field> the one `filings facets FIELD --json` prints, /api/doc/<id> the one `filings
show --json` prints, /api/similar/<id> the one `filings similar ID --json` prints; /api/entities
the entity box's suggestions; /export.csv every hit of a search as `filings search --csv --all
--link` writes them; /healthz tells a monitor the index is readable."""

import itertools

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for
from pydantic import BaseModel

from indexer import exports
from indexer.errors import QueryError, quoted
from indexer.models import MAX_FACET_VALUE_LENGTH

from .index import get_index
from .params import search_request, similar_limit

bp = Blueprint("api", __name__)


def _json(model: BaseModel) -> Response:
    # The model's own serialisation, field order kept, so the API and the CLI print the same JSON.
    return current_app.response_class(model.model_dump_json(), mimetype="application/json")


@bp.get("/api/search")
def search():
    return _json(get_index().search(search_request(request.args)))


@bp.get("/api/entities")
def entities():
    """The companies what is typed in the entity box may name (`q`), for its suggestions as one types."""
    typed = request.args.get("q", "")
    if len(typed) > MAX_FACET_VALUE_LENGTH:
        raise QueryError(f"q={quoted(typed[:40])}…: an entity is at most {MAX_FACET_VALUE_LENGTH} characters")
    return _json(get_index().entities(typed))


@bp.get("/api/facets/<field>")
def facet(field: str):
    """Every value of one facet of the search, as `filings facets FIELD --json` prints it."""
    return _json(get_index().facet(field, search_request(request.args)))


@bp.get("/export.csv")
def export():
    """Every hit of the search, all pages, streamed as it is read (a large export starts at once)."""
    wanted = search_request(request.args)
    hits = get_index().export(wanted)
    # The search runs before the answer starts, so that one that cannot run is a 4xx, not a cut stream.
    first = next(hits, None)
    hits = itertools.chain([first], hits) if first is not None else iter(())

    def link(hit) -> str:
        return url_for("pages.document", document_id=hit.id, _external=True)

    return Response(stream_with_context(exports.lines(hits, link=link)), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="filings-search.csv"'})


@bp.get("/api/doc/<document_id>")
def document(document_id: str):
    return _json(get_index().document(document_id))


@bp.get("/api/similar/<document_id>")
def similar(document_id: str):
    """The documents most like one, as `filings similar ID --json` prints them (`limit`: how many)."""
    return _json(get_index().similar(document_id, similar_limit(request.args)))


@bp.get("/healthz")
def health():
    """200 with the number of documents when the index opens; 503 when there is none yet."""
    return {"status": 200, "documents": get_index().document_count()}
