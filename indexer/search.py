"""SearchRequest in, SearchResult out: the one search the CLI and the web both run.

Facets are multi-select, as Solr's tagged filters are: each facet is counted over the
documents that match the query and every *other* facet's filter, so a user can widen a
selection. Counts and totals are exact: every matching document is collected. Every search
has a time budget, from wildcard expansion to the last facet count.
"""

import time
from pathlib import Path

from pydantic import ValidationError
from whoosh import query as whoosh_query
from whoosh import sorting
from whoosh.collectors import TimeLimitCollector
from whoosh.index import Index
from whoosh.searching import Results, TimeLimit

from .errors import DocumentNotFoundError, QueryError, QueryTimeoutError, quoted
from .facet_counts import FacetCounter
from .facets import FACET_FIELDS, NONE, facet_key
from .models import DocumentFields, FacetValue, FilingDocument, Hit, SearchRequest, SearchResult
from .query import expand, parse
from .schema import NAME_FACETS, UNDATED, document_of
from .settings import SEARCH_BUDGET
from .snippets import body_terms, marked, snippet
from .store import Store
from .suggest import corrected

# Name facets can hold thousands of values: show the most common (and any selected).
NAME_FACET_LIMIT = 50
# A query finding fewer documents than this gets a "did you mean" if a correction finds more.
SUGGEST_BELOW = 3

_SORTS = {
    "relevance": None,
    "newest": sorting.MultiFacet([sorting.FieldFacet("sort_date", reverse=True), sorting.FieldFacet("id")]),
    # Documents without a date go last whichever way the list runs.
    "oldest": sorting.MultiFacet([
        # Column sort keys are the stored bytes.
        sorting.TranslateFacet(lambda key: b"\xff" if key == UNDATED.encode() else key,
                               sorting.FieldFacet("sort_date")),
        sorting.FieldFacet("id")]),
}


def request_from(params: dict) -> SearchRequest:
    """A SearchRequest from loose parameters, or a QueryError naming the bad one."""
    try:
        return SearchRequest.model_validate(params)
    except ValidationError as error:
        problems = [f"{'.'.join(str(part) for part in e['loc'])}={quoted(e['input'])}: {e['msg'].lower()}"
                    for e in error.errors()]
        raise QueryError("bad search parameter " + "; ".join(problems)) from None


def _terms(field: str, values: list[str]) -> whoosh_query.Query:
    key_field = NAME_FACETS.get(field, field)
    terms = [whoosh_query.Term(key_field, facet_key(field, value)) for value in values if value != NONE]
    if NONE in values:
        terms.append(whoosh_query.Not(whoosh_query.Every(key_field)))
    return whoosh_query.Or(terms)


def _filters(request: SearchRequest) -> dict[str, whoosh_query.Query]:
    """One filter per facet the request narrows, keyed by facet."""
    filters = {}
    for field in FACET_FIELDS:
        values = [value for value in getattr(request, field) if value.strip()]
        if values:
            filters[field] = _terms(field, values)
    if request.month_from or request.month_to:
        span = whoosh_query.TermRange("month", request.month_from, request.month_to)
        filters["month"] = whoosh_query.And([filters["month"], span]) if "month" in filters else span
    return filters


def _all(filters: list[whoosh_query.Query]) -> whoosh_query.Query | None:
    return whoosh_query.And(filters) if filters else None


class _Budget:
    """Runs every collection of one search under what is left of its time budget."""

    def __init__(self, searcher, seconds: float):
        self.searcher = searcher
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.exceeded()
        return left

    def exceeded(self):
        raise QueryTimeoutError(f"the search took longer than its {self.seconds:g} s budget; "
                                "narrow it (fewer wildcards, more words or filters)")

    def collect(self, query, filter_query, *, limit: int | None = 1, groupedby=None, sortedby=None,
                terms: bool = False) -> Results:
        if filter_query is not None:
            # In the query, scoring nothing, rather than as the collector's filter: Whoosh 2.7's
            # TimeLimitCollector would skip a wrapped FilterCollector.
            query = whoosh_query.And([query, whoosh_query.ConstantScoreQuery(filter_query, 0.0)])
        collector = self.searcher.collector(limit=limit, sortedby=sortedby, groupedby=groupedby, optimize=False,
                                            terms=terms)
        timed = TimeLimitCollector(collector, timelimit=self.left(), use_alarm=False)
        try:
            self.searcher.search_with_collector(query, timed)
        except TimeLimit:
            self.exceeded()
        return timed.results()


def _facet_values(counter: FacetCounter, field: str, counts: dict[str, int], selected: list[str]) -> list[FacetValue]:
    """A facet's values, most common first (NONE last), each marked selected or not; a selected
    value no document holds any more is kept, with count 0, so it can be unselected."""
    wanted = {facet_key(field, value): value for value in selected}
    ranked = sorted(counts.items(), key=lambda item: (item[0] == NONE, -item[1], item[0]))
    if field in NAME_FACETS:
        ranked = ranked[:NAME_FACET_LIMIT]
    values = [FacetValue(value=counter.shown(field, key), count=count, selected=facet_key(field, key) in wanted)
              for key, count in ranked]
    present = {facet_key(field, value.value) for value in values}
    values += [FacetValue(value=value, count=0, selected=True) for key, value in wanted.items() if key not in present]
    return values


def search(index: Index, request: SearchRequest, budget: float | None = None) -> SearchResult:
    """Run one search: its page of hits with snippets, every facet's counts, and a suggestion when
    it finds little. Raises QueryError (QueryTimeoutError past the budget) for a search that cannot run."""
    started = time.monotonic()
    parsed = parse(request.query)
    filters = _filters(request)
    with index.searcher() as searcher:
        limits = _Budget(searcher, budget or SEARCH_BUDGET.resolve())
        query = expand(parsed, searcher.reader(), limits.deadline)
        counter = FacetCounter(searcher, collect=limits.collect)
        open_facets = tuple(field for field in FACET_FIELDS if field not in filters)
        grouped = counter.facets(open_facets)
        results = limits.collect(query, _all(list(filters.values())), limit=request.page * request.per_page,
                                 groupedby=grouped, sortedby=_SORTS[request.sort], terms=True)
        total = len(results)
        counts = counter.groups(results, open_facets)
        for field in filters:
            others = _all([other for name, other in filters.items() if name != field])
            counts.update(counter.count(query, others, (field,)))
        start = (request.page - 1) * request.per_page
        hits = []
        for hit in results[start : start + request.per_page]:
            stored = hit.fields()
            hits.append(Hit(
                **{name: stored.get(name) for name in DocumentFields.model_fields},
                score=round(hit.score, 4) if request.sort == "relevance" and hit.score is not None else None,
                snippet=snippet(hit, stored.get("body", "")),
            ))
        facets = {field: _facet_values(counter, field, counts.get(field, {}), list(getattr(request, field)))
                  for field in FACET_FIELDS}
        suggestion = _suggestion(searcher, limits, request, filters, total)
    return SearchResult(
        query=request.query, total=total, page=request.page, per_page=request.per_page, hits=hits, facets=facets,
        suggestion=suggestion, took_ms=round((time.monotonic() - started) * 1000, 1),
    )


def _suggestion(searcher, limits: _Budget, request: SearchRequest, filters: dict, total: int) -> str | None:
    """A corrected query, offered only when it finds more than the query as typed."""
    if total >= SUGGEST_BELOW or not request.query.strip():
        return None
    fixed = corrected(searcher.reader(), request.query)
    if not fixed:
        return None
    try:
        better = limits.collect(expand(parse(fixed), searcher.reader(), limits.deadline), _all(list(filters.values())))
    except QueryError:
        return None
    return fixed if len(better) > total else None


def open_index(index_root: Path) -> Index:
    """The current index under `index_root` (IndexMissingError if there is none yet)."""
    return Store(index_root).open()


def document_count(index: Index) -> int:
    """How many documents the index holds (a readable index answers at once)."""
    return index.doc_count()


def get_document(index: Index, document_id: str) -> FilingDocument:
    with index.searcher() as searcher:
        stored = searcher.document(id=document_id)
        if stored is None:
            raise DocumentNotFoundError(document_id)
        return document_of(stored)


def marked_body(index: Index, document: FilingDocument, query_text: str) -> tuple[str, int]:
    """The document's whole body as escaped HTML with the query's matched words in <mark id="mN">
    (N from 1), and how many there are, so a reader can step from match to match."""
    if not query_text.strip():
        return marked(document.body, frozenset())
    with index.searcher() as searcher:
        wildcards_expanded = expand(parse(query_text), searcher.reader(), time.monotonic() + SEARCH_BUDGET.resolve())
    return marked(document.body, body_terms(wildcards_expanded))


def filing_documents(index: Index, accession: str) -> list[DocumentFields]:
    """Every document of one filing, in submission order."""
    with index.searcher() as searcher:
        found = [DocumentFields(**{name: stored.get(name) for name in DocumentFields.model_fields})
                 for stored in searcher.documents(accession=accession)]
    return sorted(found, key=lambda document: (len(document.source), document.source))

