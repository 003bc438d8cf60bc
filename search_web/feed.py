"""/feed.atom: a search as an Atom 1.0 feed, its entries the search's documents newest indexed
first, so that a feed reader shows what each reindex brought. It takes the results page's
parameters (the page links it); its sort is always `indexed`, and its length the request's per_page.

Ids are tag: URIs under the host the feed is served from, so that a document is one entry in
every feed that holds it, whatever the search.
"""

from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from flask import Blueprint, Response, request, url_for

from indexer.models import Hit, SearchRequest

from .index import get_index
from .labels import heading
from .params import canonical, search_request, state_of

bp = Blueprint("feed", __name__)

ATOM = "http://www.w3.org/2005/Atom"
MIMETYPE = "application/atom+xml"
# The year in every id's tag: the ids were first minted in it (RFC 4151), and must not change.
TAG_YEAR = 2026
# The updated instant of a feed over an empty index: Atom requires one.
EPOCH = "1970-01-01T00:00:00Z"


def feed_request(wanted: SearchRequest) -> SearchRequest:
    """The search a feed runs: the page's, newest indexed first, its first page."""
    return wanted.model_copy(update={"sort": "indexed", "page": 1})


def _tag(specific: str) -> str:
    return f"tag:{urlsplit(request.host_url).hostname},{TAG_YEAR}:{specific}"


def _add(parent: ElementTree.Element, name: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = text
    return element


def _title(wanted: SearchRequest) -> str:
    words = f" for “{wanted.query.strip()}”" if wanted.query.strip() else ""
    return f"Filings search{words}: newest indexed"


def _entry(feed: ElementTree.Element, hit: Hit, state: dict) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", _tag(f"document:{hit.id}"))
    _add(entry, "title", heading(hit), type="text")
    _add(entry, "updated", hit.indexed or EPOCH)
    # The document's page keeps the search, as the results page's links do.
    _add(entry, "link", rel="alternate", type="text/html",
         href=url_for("pages.document", document_id=hit.id, _external=True, **state))
    if hit.company:
        _add(_add(entry, "author"), "name", hit.company)
    _add(entry, "summary", "".join(span.text for span in hit.snippet), type="text")


@bp.get("/feed.atom")
def feed():
    wanted = search_request(request.args)
    index = get_index()
    result = index.search(feed_request(wanted))
    # One feed for one search, whatever the page it was linked from was sorted by.
    state = canonical({**state_of(wanted), "page": None, "sort": None})
    ElementTree.register_namespace("", ATOM)
    root = ElementTree.Element(f"{{{ATOM}}}feed")
    _add(root, "id", _tag("search?" + urlencode(state, doseq=True)))
    _add(root, "title", _title(wanted), type="text")
    newest = [hit.indexed for hit in result.hits if hit.indexed]
    _add(root, "updated", max(newest) if newest else index.newest_indexed() or EPOCH)
    _add(root, "link", rel="self", type=MIMETYPE, href=url_for("feed.feed", _external=True, **state))
    _add(root, "link", rel="alternate", type="text/html",
         href=url_for("pages.search", _external=True, **canonical({**state, "sort": "indexed"})))
    # Entries whose filing names no company are by the index itself.
    _add(_add(root, "author"), "name", "Filings search")
    _add(root, "generator", "filings-search")
    for hit in result.hits:
        _entry(root, hit, state)
    body = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype=MIMETYPE)
