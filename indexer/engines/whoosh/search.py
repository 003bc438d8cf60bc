"""SearchRequest in, SearchResult out: the one search the CLI and the web both run.

Facets are multi-select, as Solr's tagged filters are: each facet is counted over the
documents that match the query and every *other* facet's filter, so a user can widen a
selection. Counts and totals are exact: every matching document is collected. Every search
has a time budget, from parsing to the last facet count (deadline.py), and searches with
wildcards or ranges take turns (admission.py).
"""

import time
from collections.abc import Iterator
from contextlib import nullcontext
from itertools import islice

from whoosh import query as whoosh_query
from whoosh import sorting
from whoosh.collectors import (
    SortingCollector,
    TopCollector,
    UnlimitedCollector,
    WrappingCollector,
)
from whoosh.index import Index
from whoosh.searching import Results

from ...search.admission import expensive
from ...search.facet_values import facet_values
from ...search.deadline import Deadline
from .watch import watching
from ...errors import QueryError, QueryTimeoutError
from .facet_counts import FacetCounter
from ...facets import FACET_FIELDS, NONE
from .marks import Indexed, Marking
from ...models import Hit, SearchRequest, SearchResult
from .query import expand, expands, parse
from .ranking import RANKING
from .schema import NAME_FACETS, UNDATED, fields_of
from ...settings import SearchSettings
from .snippets import opening, snippet
from .suggest import corrections

# Matched documents are gathered this many at a time, the time budget checked in between.
DOCUMENTS_CHUNK = 4096
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


def _terms(field: str, values: list[str], counter: FacetCounter) -> whoosh_query.Query:
    key_field = NAME_FACETS.get(field, field)
    keys = dict.fromkeys(key for value in values if value != NONE for key in counter.keys(field, value))
    terms = [whoosh_query.Term(key_field, key) for key in keys]
    if NONE in values:
        terms.append(whoosh_query.Not(whoosh_query.Every(key_field)))
    return whoosh_query.Or(terms)


def _filters(request: SearchRequest, counter: FacetCounter) -> dict[str, whoosh_query.Query]:
    """One filter per facet the request narrows, keyed by facet."""
    filters = {}
    for field in FACET_FIELDS:
        values = [value for value in getattr(request, field) if value.strip()]
        if values:
            filters[field] = _terms(field, values, counter)
    if request.month_from or request.month_to:
        # A filter of its own, not the month facet's: only a facet's own values leave its counts, so
        # the month and year facets count within the range, as a click on one of their values finds.
        filters["month_range"] = whoosh_query.TermRange("month", request.month_from, request.month_to)
    return filters


def _score(hit, request: SearchRequest) -> float | None:
    """A hit's relevance score, shown only when the hits are ordered by it."""
    return round(hit.score, 4) if request.sort == "relevance" and hit.score is not None else None


class _Recording(WrappingCollector):
    """Hands each match the filters allow on to the collector it wraps, and keeps the number of
    every match. The facets are counted on those sets, which come from the pass that ranks the
    hits rather than from a second evaluation of the query (for a phrase, reading every
    candidate's positions again); and filtering here, not in the query, keeps the filters out
    of the scores (Whoosh scores a filter in the query by its own terms when it records them)."""

    def __init__(self, child, allowed: set[int] | None, deadline: Deadline):
        super().__init__(child)
        self.allowed = allowed
        self.deadline = deadline
        self.documents: set[int] = set()

    def collect(self, sub_docnum: int):
        self.deadline.check("collecting the matches")
        docnum = self.offset + sub_docnum
        self.documents.add(docnum)
        if self.allowed is None or docnum in self.allowed:
            return self.child.collect(sub_docnum)
        return None


class _EveryMatch(TopCollector):
    """The top N hits, reached through every match. Once its heap is full, Whoosh's top-N
    collector narrows its matcher to what can still make the top N (an OR of fields becomes an
    AND) and the counts would miss the rest; held at a minimum score of 0, the matcher only
    drops its finished branches."""

    def _collect(self, global_docnum: int, score: float):
        key = super()._collect(global_docnum, score)
        self.minscore = 0
        return key


def _collector(searcher, allowed: set[int] | None, deadline: Deadline, *, limit: int | None,
               sortedby=None) -> _Recording:
    if sortedby is not None:
        ranked = SortingCollector(sortedby, limit=limit)
    elif limit is None:
        ranked = UnlimitedCollector()
    else:
        ranked = _EveryMatch(limit, usequality=False)
    return _Recording(ranked, allowed, deadline)


def _allowed(filtered: dict[str, set[int]]) -> set[int] | None:
    """The documents every filter passes (None when nothing is filtered)."""
    return set.intersection(*filtered.values()) if filtered else None


def _passing(documents: set[int], filtered: dict[str, set[int]], but: str | None = None) -> set[int]:
    """The documents that pass every filter but the one of facet `but`."""
    sets = [passing for field, passing in filtered.items() if field != but]
    return documents.intersection(*sets) if sets else documents


class _Budget:
    """Runs every collection of one search by its deadline."""

    def __init__(self, searcher, deadline: Deadline):
        self.searcher = searcher
        self.deadline = deadline

    def collect(self, query, allowed: set[int] | None, *, limit: int | None = 1,
                sortedby=None) -> tuple[Results, set[int]]:
        """The best `limit` hits among the `allowed` documents, and every document the query matches."""
        recording = _collector(self.searcher, allowed, self.deadline, limit=limit, sortedby=sortedby)
        self.searcher.search_with_collector(query, recording)
        return recording.results(), recording.documents

    def documents(self, query) -> set[int]:
        """Every document a query matches, unscored."""
        found: set[int] = set()
        matches = self.searcher.docs_for_query(query)
        while chunk := list(islice(matches, DOCUMENTS_CHUNK)):
            found.update(chunk)
            self.deadline.check("applying the filters")
        return found


def _admitted(parsed, deadline: Deadline, settings: SearchSettings):
    """A place among the expensive searches for a query that expands (a wildcard or a range)."""
    return expensive(settings.expensive_searches).place(deadline) if expands(parsed) else nullcontext()


def _counts(counter: FacetCounter, deadline: Deadline, matched: set[int],
            filtered: dict[str, set[int]]) -> dict[str, dict[str, int]]:
    counts = {}
    for field in FACET_FIELDS:
        deadline.check("counting the facets")
        counts[field] = counter.count(_passing(matched, filtered, but=field), field)
    return counts


def search(index: Index, request: SearchRequest, settings: SearchSettings) -> SearchResult:
    """Run one search: its page of hits with snippets, every facet's counts, and a suggestion when
    it finds little. Raises QueryError (QueryTimeoutError past the budget, SearchBusyError when
    no place for an expensive search came free in it) for a search that cannot run."""
    started = time.monotonic()
    deadline = Deadline(settings.budget)
    parsed = parse(request.query)
    deadline.check("parsing the query")
    with _admitted(parsed, deadline, settings), index.searcher(weighting=RANKING) as searcher:
        counter = FacetCounter(searcher)
        filters = _filters(request, counter)
        limits = _Budget(searcher, deadline)
        query = expand(parsed, searcher.reader(), deadline)
        # Counts come from sets of documents: those the query matches, and those each filter passes.
        filtered = {field: limits.documents(filter_query) for field, filter_query in filters.items()}
        allowed = _allowed(filtered)
        results, matched = limits.collect(query, allowed, limit=request.page * request.per_page,
                                          sortedby=_SORTS[request.sort])
        counts = _counts(counter, deadline, matched, filtered)
        total = len(_passing(matched, filtered))
        start = (request.page - 1) * request.per_page
        hits, marking = [], Marking.of(query)
        for hit in results[start : start + request.per_page]:
            stored = hit.fields()
            body = stored.get("body", "")
            # Past the budget the hits are still shown, each with its opening instead of a snippet.
            indexed = Indexed(searcher.reader(), hit.docnum)
            shown = snippet(body, marking, indexed) if deadline.has_time() else opening(body)
            hits.append(Hit(**fields_of(stored).model_dump(), snippet=shown, score=_score(hit, request)))
        facets = {field: facet_values(field, counts[field], list(getattr(request, field)), counter.shown, counter.keys)
                  for field in FACET_FIELDS}
        suggestion = _suggestion(searcher, limits, request, allowed, total)
    return SearchResult(
        query=request.query, total=total, page=request.page, per_page=request.per_page, hits=hits, facets=facets,
        suggestion=suggestion, took_ms=round((time.monotonic() - started) * 1000, 1),
    )


def _suggestion(searcher, limits: _Budget, request: SearchRequest, allowed: set[int] | None,
                total: int) -> str | None:
    """The first correction that finds more than the query as typed, tried while time is left
    (past the budget the result goes out without one)."""
    if total >= SUGGEST_BELOW or not request.query.strip():
        return None
    reader = watching(searcher.reader(), limits.deadline, "looking for a correction")
    try:
        for fixed in corrections(reader, request.query):
            if not limits.deadline.has_time():
                return None
            try:
                _, found = limits.collect(expand(parse(fixed), searcher.reader(), limits.deadline), allowed)
            except QueryError:
                continue
            if len(found if allowed is None else found & allowed) > total:
                return fixed
    except QueryTimeoutError:
        return None
    return None


def export(index: Index, request: SearchRequest, settings: SearchSettings) -> Iterator[Hit]:
    """Every hit of a search, in its order, without snippets or facets: for a CSV of all pages.
    One collection, however many hits, held to the time budget; writing the hits out is not."""
    deadline = Deadline(settings.budget)
    parsed = parse(request.query)
    with index.searcher(weighting=RANKING) as searcher:
        filters = _filters(request, FacetCounter(searcher))
        query = expand(parsed, searcher.reader(), deadline)
        allowed = _allowed({field: set(searcher.docs_for_query(each)) for field, each in filters.items()})
        collector = _collector(searcher, allowed, deadline, limit=None, sortedby=_SORTS[request.sort])
        searcher.search_with_collector(query, collector)
        for hit in collector.results():
            yield Hit(**fields_of(hit.fields()).model_dump(), score=_score(hit, request))
