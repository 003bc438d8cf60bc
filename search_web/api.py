"""The JSON twin of the pages: /api/search answers the model `filings search --json` prints,
/api/doc/<id> the one `filings show --json` prints; /healthz tells a monitor the index is readable."""

from flask import Blueprint, Response, current_app, request
from pydantic import BaseModel

from .index import get_index
from .params import search_request

bp = Blueprint("api", __name__)


def _json(model: BaseModel) -> Response:
    # The model's own serialisation, field order kept, so the API and the CLI print the same JSON.
    return current_app.response_class(model.model_dump_json(), mimetype="application/json")


@bp.get("/api/search")
def search():
    return _json(get_index().search(search_request(request.args)))


@bp.get("/api/doc/<document_id>")
def document(document_id: str):
    return _json(get_index().document(document_id))


@bp.get("/healthz")
def health():
    """200 with the number of documents when the index opens; 503 when there is none yet."""
    return {"status": 200, "documents": get_index().document_count()}
