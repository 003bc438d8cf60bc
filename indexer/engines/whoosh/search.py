"""SearchRequest in, SearchResult out: the one search the CLI and the web both run.

Facets are multi-select, as Solr's tagged filters are: each facet is counted over the
documents that match the query and every *other* facet's filter, so a user can widen a
selection. A facet's filter is its values OR-ed AND NOT its exclusions OR-ed (not_company), so
an exclusion narrows every other facet's counts and leaves its own alone: the value excluded is
still listed with the documents it would bring back. Counts and totals are exact: every matching document is counted, unscored, as a
mask over the document numbers (matches.py, facet_counts.py), and only the hits that can reach
the requested page are scored (pages.py). Every search has a time budget, from parsing to the
last facet count (deadline.py), and searches with wildcards or ranges take turns (admission.py).
"""

import time
from collections.abc import Iterator
from contextlib import nullcontext

import numpy as np
from whoosh import query as whoosh_query
from whoosh.index import Index

from ...search.admission import expensive
from ...search.cache import Cache
from ...search.facet_values import listed
from ...search.entities import asked as asked_entity, suggestions
from ...search.filed import filed_range
from ...search.deadline import Deadline
from .watch import watching
from ...errors import QueryError, QueryTimeoutError
from .facet_counts import FacetCounter
from ...facets import FACET_FIELDS, FACET_NAMED, NONE
from .marks import Indexed, Marking
from .matches import Matching, everything, bulk, state
from ...search.grouping import groups_of, in_groups
from ...models import Entities, Hit, SearchRequest, SearchResult
from . import filings
from .pages import by_date, ranked
from .query import expand, expands, parse
from .ranking import RANKING
from .schema import NAME_FACETS, fields_of
from ...settings import SearchSettings
from .snippets import opening, snippet
from .suggest import corrections

# A query finding fewer documents than this gets a "did you mean" if a correction finds more.
SUGGEST_BELOW = 3
# The mask, among the filters', of the documents not left out as copies.
COPIES = "copies"

# A browse page's matches, counts and total, kept per index state and filters.
_browsed: Cache[tuple] = Cache(32)


def _terms(field: str, values: list[str], counter: FacetCounter) -> whoosh_query.Query:
    key_field = NAME_FACETS.get(field, field)
    keys = dict.fromkeys(key for value in values if value != NONE for key in counter.keys(field, value))
    terms = [whoosh_query.Term(key_field, key) for key in keys]
    if NONE in values:
        terms.append(whoosh_query.Not(whoosh_query.Every(key_field)))
    return whoosh_query.Or(terms)


def _filters(request: SearchRequest, counter: FacetCounter) -> dict[str, whoosh_query.Query]:
    """One filter per facet the request narrows, keyed by facet: its values OR-ed, AND NOT its
    exclusions OR-ed (a facet's counts leave out both, as they leave out its selection alone)."""
    filters = {}
    for field in FACET_FIELDS:
        values = [value for value in getattr(request, field) if value.strip()]
        excluded = [value for value in getattr(request, FACET_NAMED[field].excluding) if value.strip()]
        if values or excluded:
            parts = [_terms(field, values, counter)] if values else []
            parts += [whoosh_query.Not(_terms(field, excluded, counter))] if excluded else []
            filters[field] = parts[0] if len(parts) == 1 else whoosh_query.And(parts)
    if request.month_from or request.month_to:
        # A filter of its own, not the month facet's: only a facet's own values leave its counts, so
        # the month and year facets count within the range, as a click on one of their values finds.
        filters["month_range"] = whoosh_query.TermRange("month", request.month_from, request.month_to)
    first, last = filed_range(request)
    if first or last:
        # Documents without a filing date hold no term of `filed`: a filed range leaves them out.
        filters["filed_range"] = whoosh_query.TermRange("filed", first, last)
    if request.indexed_after:
        filters["indexed_after"] = whoosh_query.TermRange("indexed", request.indexed_after, None, startexcl=True)
    if entity := asked_entity(request, counter):
        # Its own filter, as the ranges are: the company facet then counts within the entity.
        filters["entity"] = whoosh_query.Or([whoosh_query.Term(NAME_FACETS["company"], key) for key in entity[1]])
    return filters


def _masks(matching: Matching, filters: dict[str, whoosh_query.Query]) -> dict[str, np.ndarray]:
    """Each filter's documents, and the documents not left out as copies of another, which pass
    whatever else is asked: a document stored twice is found, shown and counted once."""
    masks = {field: matching.mask(filter_query) for field, filter_query in filters.items()}
    if matching.shown is not None:
        masks[COPIES] = matching.shown
    return masks


def _score(score: float | None, request: SearchRequest) -> float | None:
    """A hit's relevance score, shown only when the hits are ordered by it."""
    return round(score, 4) if request.sort == "relevance" and score is not None else None


def _passing(matching: Matching, filtered: dict[str, np.ndarray], but: str | None = None) -> np.ndarray | None:
    """The documents that pass every filter but the one of facet `but` (None: no filter left)."""
    masks = [passing for field, passing in filtered.items() if field != but]
    if not masks:
        return None
    passing = masks[0].copy()
    for mask in masks[1:]:
        passing &= mask
    return passing


def _within(matched: np.ndarray, passing: np.ndarray | None) -> np.ndarray:
    return matched if passing is None else matched & passing


def _admitted(parsed, deadline: Deadline, settings: SearchSettings):
    """A place among the expensive searches for a query that expands (a wildcard or a range)."""
    return expensive(settings.expensive_searches).place(deadline) if expands(parsed) else nullcontext()


def _counts(counter: FacetCounter, matching: Matching, matched: np.ndarray,
            filtered: dict[str, np.ndarray]) -> dict[str, dict[str, int]]:
    counts = {}
    for field in FACET_FIELDS:
        matching.deadline.check("counting the facets")
        counts[field] = counter.count(_within(matched, _passing(matching, filtered, but=field)), field)
    return counts


def _browse_key(request: SearchRequest, searcher) -> tuple:
    filters = tuple((field, tuple(getattr(request, field)), tuple(getattr(request, FACET_NAMED[field].excluding)))
                    for field in FACET_FIELDS)
    return (state(searcher.reader()), filters, request.month_from, request.month_to, filed_range(request),
            request.entity, request.indexed_after)


def _counted(counter: FacetCounter, matching: Matching, query, filtered: dict[str, np.ndarray],
             allowed: np.ndarray | None) -> tuple[np.ndarray | None, dict[str, dict[str, int]], int]:
    """The documents a query counted in bulk (matches.py) matches, every facet's counts and the
    total; a query that is not (a phrase) is counted from the ranking pass instead (_page)."""
    matched = matching.mask(query)
    return matched, _counts(counter, matching, matched, filtered), int(_within(matched, allowed).sum())


def _page(searcher, counter: FacetCounter, matching: Matching, query, request: SearchRequest,
          allowed: np.ndarray | None, matched: np.ndarray | None, limit: int) -> tuple[list, np.ndarray | None]:
    """The first `limit` hits as (document, score), and the matches when only this pass found them."""
    if request.sort != "relevance":
        if matched is None:
            matched = matching.mask(query)
        return [(docnum, None) for docnum in by_date(searcher.reader(), counter.column,
                                                     _within(matched, allowed), request.sort, limit)], matched
    if everything(query):
        # Every document scores the same: the first allowed ones, as Whoosh's top N keeps them.
        first = np.flatnonzero(_within(matched, allowed))[:limit]
        return [(docnum, float(query.boost)) for docnum in first.tolist()], matched
    if matched is None:
        matched = matching.none()
        return ranked(searcher, query, allowed, matching.deadline, limit, matched=matched), matched & matching.live
    return ranked(searcher, query, allowed, matching.deadline, limit), matched


def _ordered(searcher, counter: FacetCounter, matching: Matching, query, request: SearchRequest,
             documents: np.ndarray, limit: int | None) -> list[tuple[int, float | None]]:
    """The first `limit` (None: all) of `documents` (a mask of matches) in the request's order, as
    _page orders them, with their scores."""
    if request.sort != "relevance":
        return [(docnum, None) for docnum in by_date(searcher.reader(), counter.column, documents, request.sort, limit)]
    if everything(query):
        return [(docnum, float(query.boost)) for docnum in np.flatnonzero(documents)[:limit].tolist()]
    return ranked(searcher, query, documents, matching.deadline, limit)


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
        matching = Matching(searcher, deadline)
        filters = _filters(request, counter)
        query = expand(parsed, searcher.reader(), deadline)
        filtered = _masks(matching, filters)
        allowed = _passing(matching, filtered)
        limit = request.page * request.per_page
        in_bulk = everything(query) or bulk(query)
        if everything(query):
            # A browse page counts the same for every visitor until the next commit.
            matched, counts, total = _browsed.get(_browse_key(request, searcher),
                                                  lambda: _counted(counter, matching, query, filtered, allowed))
        elif in_bulk:
            matched, counts, total = _counted(counter, matching, query, filtered, allowed)
        else:
            matched = None
        page, matched = _page(searcher, counter, matching, query, request, allowed, matched, limit)
        if not in_bulk:
            counts = _counts(counter, matching, matched, filtered)
            total = int(_within(matched, allowed).sum())
        start = (request.page - 1) * request.per_page
        shown, total_filings = page[start : start + request.per_page], None
        if request.group == "filing":
            codes, documents = filings.filing_codes(counter), _within(matched, allowed)
            total_filings = filings.count(codes, documents)
            shown = filings.page(codes, documents, lambda mask, most: _ordered(
                searcher, counter, matching, query, request, mask, most), request, page)
        hits, marking = [], Marking.of(query)
        for docnum, score in shown:
            stored = searcher.stored_fields(docnum)
            body = stored.get("body", "")
            # Past the budget the hits are still shown, each with its opening instead of a snippet.
            indexed = Indexed(searcher.reader(), docnum)
            shown = snippet(body, marking, indexed) if deadline.has_time() else opening(body)
            hits.append(Hit(**fields_of(stored).model_dump(), snippet=shown, score=_score(score, request)))
        facets, totals = listed(request, counts, counter.shown, counter.keys)
        suggestion = _suggestion(searcher, matching, request, allowed, total)
        entity = asked_entity(request, counter)
    groups = groups_of(hits) if total_filings is not None else []
    return SearchResult(
        query=request.query, total=total, page=request.page, per_page=request.per_page,
        hits=in_groups(groups) if total_filings is not None else hits, facets=facets,
        facet_totals=totals,
        suggestion=suggestion, took_ms=round((time.monotonic() - started) * 1000, 1),
        groups=groups, total_filings=total_filings,
        entity=entity[0] if entity else None,
    )


def _suggestion(searcher, matching: Matching, request: SearchRequest, allowed: np.ndarray | None,
                total: int) -> str | None:
    """The first correction that finds more than the query as typed, tried while time is left
    (past the budget the result goes out without one)."""
    if total >= SUGGEST_BELOW or not request.query.strip():
        return None
    reader = watching(searcher.reader(), matching.deadline, "looking for a correction")
    try:
        for fixed in corrections(reader, request.query):
            if not matching.deadline.has_time():
                return None
            try:
                found = matching.mask(expand(parse(fixed), searcher.reader(), matching.deadline))
            except QueryError:
                continue
            if int(_within(found, allowed).sum()) > total:
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
        counter = FacetCounter(searcher)
        matching = Matching(searcher, deadline)
        query = expand(parsed, searcher.reader(), deadline)
        allowed = _passing(matching, _masks(matching, _filters(request, counter)))
        if request.sort == "relevance":
            page = ranked(searcher, query, allowed, deadline, None)
        else:
            page = [(docnum, None) for docnum in by_date(searcher.reader(), counter.column,
                                                         _within(matching.mask(query), allowed), request.sort, None)]
        for docnum, score in page:
            yield Hit(**fields_of(searcher.stored_fields(docnum)).model_dump(), score=_score(score, request))


def entities(index: Index, typed: str) -> Entities:
    """The companies of the index what is typed in the entity box may name, best first."""
    with index.searcher() as searcher:
        return Entities(query=typed, entities=suggestions(FacetCounter(searcher).entities(), typed))
