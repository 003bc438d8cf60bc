"""SearchRequest in, SearchResult out, on a cluster: the same search as the embedded engine's.

One multi-statement request to the head carries a search: each facet's GROUP BY (every filter but
its own, its values IN and its exclusions NOT IN: multi-select counts) and then the page, whose SHOW META gives the exact total and names
every node that did not answer (the result is then partial, and says which). The page is read
through Sphinx's `max_matches`, raised to what it needs up to PAGE_BOUND hits deep; a facet counts
exactly up to facets.GROUP_BOUND values and is marked bounded past it. Snippets are the embedded
engine's, made from the page's bodies, a wildcard marked as the words of those bodies it matches.

Ranking is Sphinx's (proximity_bm25, the title weighted TITLE_BOOST); ties, and the newest and
oldest orders, go by document id, as the embedded engine's pages.by_date orders them.
"""

import fnmatch
import re
import time
from collections.abc import Iterator
from contextlib import nullcontext

from whoosh import query as whoosh_query

from ...errors import ClusterUnavailableError, QueryError
from ...facets import FACET_FIELDS, FACET_NAMED
from ...models import Entities, Highlight, Hit, SearchRequest, SearchResult
from ...search.admission import expensive
from ...search.deadline import Deadline
from ...search.facet_values import listed
from ...search.grouping import groups_of, in_groups
from ...search.entities import asked as asked_entity, suggestions
from ...search.filed import filed_range
from ...settings import SearchSettings
from ..whoosh.marks import Marking
from ..whoosh.query import expands, parse
from ..whoosh.schema import SCHEMA, TITLE_BOOST
from ..whoosh.snippets import marked, opening, snippet
from ..whoosh.suggest import CANDIDATES, corrected, shared_start
from .connection import Answer
from .copies import SHOWN
from . import facets as facet_counts, filings
from .facets import Names, count_statement, counted, filter_condition
from .layout import BODY, STORED, document_fields, instant_number, node_of, number_of, value_of
from .query import translate
from .tables import Tables
from .terms import spelling

# Hits a search can page through: a page reaching past it is refused (the web pager stops there).
PAGE_BOUND = 100_000
# Rows read at a time by export(), past any max_matches.
EXPORT_ROWS = 10_000
SUGGEST_BELOW = 3
RANKING = f"ranker=proximity_bm25, field_weights=(title={int(TITLE_BOOST)})"
ORDERS = {
    "relevance": "WEIGHT() DESC, v_id ASC",
    "newest": "v_sort_date DESC, v_id ASC",
    "oldest": "undated ASC, v_sort_date ASC, v_id ASC",
    "indexed": f"{number_of('indexed')} DESC, v_sort_date DESC, v_id ASC",
}
_SELECTED = ", ".join(value_of(name) for name in STORED)


def _where(match: str, conditions: list[str]) -> str:
    # A document stored twice is found, shown and counted once (copies.py).
    return "WHERE " + " AND ".join([f"MATCH('{match}')", *conditions, SHOWN])


# A condition no row meets (`undated` is 0 or 1): an entity that names no company.
_NO_ROW = "undated = 2"


def _filters(request: SearchRequest, names: Names) -> dict[str, str]:
    """One attribute condition per facet the request narrows, and the month and filing-date ranges'."""
    filters = {}
    for field in FACET_FIELDS:
        values = [value for value in getattr(request, field) if value.strip()]
        excluded = [value for value in getattr(request, FACET_NAMED[field].excluding) if value.strip()]
        conditions = [filter_condition(field, [key for value in values for key in names.keys(field, value)])] \
            if values else []
        if excluded:
            conditions.append(filter_condition(field, [key for value in excluded for key in names.keys(field, value)],
                                               excluded=True))
        if conditions:
            # AND-ed with the rest of WHERE as any condition is; a facet's own count leaves both out.
            filters[field] = " AND ".join(conditions)
    if request.month_from or request.month_to:
        low = int(request.month_from.replace("-", "")) if request.month_from else 1
        high = int(request.month_to.replace("-", "")) if request.month_to else 999999
        filters["month_range"] = f"{number_of('month')} BETWEEN {max(low, 1)} AND {high}"
    first, last = filed_range(request)
    if first or last:
        # A document without a filing date holds 0, below any day.
        low = int(first.replace("-", "")) if first else 1
        high = int(last.replace("-", "")) if last else 99999999
        filters["filed_range"] = f"{number_of('filed')} BETWEEN {low} AND {high}"
    if request.indexed_after:
        filters["indexed_after"] = f"{number_of('indexed')} > {instant_number(request.indexed_after)}"
    if entity := asked_entity(request, names):
        filters["entity"] = filter_condition("company", entity[1]) if entity[1] else _NO_ROW
    return filters


def _partial(answer: Answer) -> list[str]:
    return [f"node {node} did not answer: the hits and counts lack the documents it holds"
            for node in answer.failed_nodes]


def _admitted(parsed, deadline: Deadline, settings: SearchSettings):
    return expensive(settings.expensive_searches).place(deadline) if expands(parsed) else nullcontext()


def _node(values: dict, nodes: int) -> int:
    """The node a page's row lives on, from its stored values."""
    text = {name: value.decode("utf-8") if isinstance(value, bytes) else value for name, value in values.items()}
    return node_of(text[value_of("accession")] or None, text[value_of("file")], nodes)


def _wildcard_heads(node: whoosh_query.Query) -> set[str]:
    """The literal start of each wildcard on the body of a query: what the bodies shown are read for."""
    if isinstance(node, (whoosh_query.Prefix, whoosh_query.Wildcard)):
        return {re.split(r"[*?]", node.text)[0]} if node.fieldname == BODY else set()
    return set().union(*(_wildcard_heads(child) for child in node.children()))


def _body_words(bodies: list[str], heads: set[str]) -> set[str]:
    """The words of the bodies that begin as a wildcard does (every word, for one with no literal start)."""
    if "" in heads:
        return set().union(*(SCHEMA[BODY].vocabulary(body) for body in bodies))
    return set().union(*(SCHEMA[BODY].vocabulary_from(body, heads) for body in bodies))


def _marking(parsed: whoosh_query.Query, bodies: list[str]) -> Marking:
    """What to mark in the bodies shown: the query's words, a wildcard's as the words of them it matches."""
    heads = _wildcard_heads(parsed)
    return Marking.of(_expanded(parsed, _body_words(bodies, heads)) if heads else parsed)


def _expanded(node: whoosh_query.Query, words: set[str]) -> whoosh_query.Query:
    """A query's wildcards on the body replaced by the `words` (of the bodies shown) they match."""
    if isinstance(node, (whoosh_query.Prefix, whoosh_query.Wildcard)):
        if node.fieldname != BODY:
            return whoosh_query.NullQuery
        pattern = re.compile(fnmatch.translate(node.text + "*" if isinstance(node, whoosh_query.Prefix) else node.text))
        found = sorted(word for word in words if pattern.match(word))
        return whoosh_query.Or([whoosh_query.Term(BODY, word) for word in found]) if found else whoosh_query.NullQuery
    if node.is_leaf():
        return node
    return node.apply(lambda child: _expanded(child, words))


def search(tables: Tables, request: SearchRequest, settings: SearchSettings) -> SearchResult:
    """One page of hits with snippets, every facet's counts and a suggestion when little is found."""
    started = time.monotonic()
    deadline = Deadline(settings.budget)
    parsed = parse(request.query)
    translated = translate(parsed)
    limit = request.page * request.per_page
    if limit > PAGE_BOUND:
        raise QueryError(f"page {request.page} of {request.per_page} hits reaches past hit {PAGE_BOUND:,}, the "
                         "deepest the cluster pages; narrow the search, or sort it the other way")
    with _admitted(parsed, deadline, settings):
        names = Names(tables, tables.version())
        filters = _filters(request, names)
        deadline.check("reading the filters")
        conditions = translated.conditions
        statements = [count_statement(field, _where(translated.match, conditions + [
            condition for name, condition in filters.items() if name != field])).format(table=tables.docs)
            for field in FACET_FIELDS]
        where = _where(translated.match, conditions + list(filters.values()))
        grouping = request.group == "filing"
        if grouping:
            statements += filings.counting(tables.docs, where)
            statements.append(filings.ordered(tables.docs, where, ORDERS[request.sort], RANKING, limit))
        else:
            statements.append(f"SELECT id, WEIGHT() AS w, {_SELECTED}, {value_of('file')} FROM {tables.docs} {where} "
                              f"ORDER BY {ORDERS[request.sort]} LIMIT {limit - request.per_page}, {request.per_page} "
                              f"OPTION max_matches={max(limit, 1000)}, {RANKING}")
        answer = tables.head.run(statements, meta=True)
        deadline.check("counting the facets")
        total = int(answer.meta.get("total_found", 0))
        warnings, bounded = _partial(answer), False
        counts = {}
        for field, rows in zip(FACET_FIELDS, answer.sets):
            counts[field] = names.fold(field, counted(field, rows))
            if len(rows) >= facet_counts.GROUP_BOUND:
                bounded = True
                warnings.append(f"the {field} facet has more values than the cluster counts exactly "
                                f"({facet_counts.GROUP_BOUND:,}): its least common values may be missing or short")
        facets, totals = listed(request, counts, names.shown, names.keys)
        for field in sorted(names.reached):
            bounded = True
            warnings.append(f"the {field} facet's names are read for the first {facet_counts.NAMES_BOUND:,} keys "
                            "only: a name past them may show as its key, or a company's former name be missed")
        page, total_filings, columns = answer.sets[-1], None, [*map(value_of, STORED), value_of("file")]
        if grouping:
            grouped = filings.page(tables, where, ORDERS[request.sort], RANKING, columns, request,
                                   answer.sets[len(FACET_FIELDS):-1], page, total, PAGE_BOUND)
            page, total_filings = grouped.rows, grouped.total_filings
            warnings += grouped.warnings
            bounded = bounded or bool(grouped.warnings)
        shown = [dict(zip(["id", "w", *columns], row)) for row in page]
        bodies = tables.bodies_placed({values["id"]: _node(values, len(tables.nodes)) for values in shown})
        marking = _marking(parsed, list(bodies.values()))
        hits = []
        for values in shown:
            body = bodies.get(values["id"], "")
            score = float(values["w"]) if request.sort == "relevance" else None
            hits.append(Hit(**document_fields(values).model_dump(), score=score,
                            snippet=snippet(body, marking) if deadline.has_time() else opening(body)))
        suggestion = _suggestion(tables, request, filters, total, deadline)
        entity = asked_entity(request, names)
    groups = groups_of(hits) if grouping else []
    return SearchResult(
        query=request.query, total=total, page=request.page, per_page=request.per_page,
        hits=in_groups(groups) if total_filings is not None else hits, facets=facets,
        facet_totals=totals, suggestion=suggestion, took_ms=round((time.monotonic() - started) * 1000, 1),
        partial=bool(answer.failed_nodes), bounded=bounded, warnings=warnings, reachable=PAGE_BOUND,
        groups=groups, total_filings=total_filings,
        entity=entity[0] if entity else None,
    )


def _candidates(tables: Tables, word: str) -> list[str]:
    """Words one edit from `word` (its first letter kept) that the documents hold, best first, or []
    when they hold `word` itself. The cluster's dictionary says how many documents hold each."""
    lowered = word.lower()
    letters = "abcdefghijklmnopqrstuvwxyz"
    variants = {lowered[:at] + lowered[at + 1 :] for at in range(1, len(lowered))}
    variants |= {lowered[:at] + lowered[at + 1] + lowered[at] + lowered[at + 2 :] for at in range(1, len(lowered) - 1)}
    variants |= {lowered[:at] + letter + lowered[at + 1 :] for at in range(1, len(lowered)) for letter in letters}
    variants |= {lowered[:at] + letter + lowered[at:] for at in range(1, len(lowered) + 1) for letter in letters}
    variants.discard(lowered)
    words = [lowered, *sorted(variants)]
    stems = {each: spelling(SCHEMA[BODY].term(each)) for each in words}
    keywords = _held(tables, list(dict.fromkeys(stems.values())))
    if not keywords:
        return []
    answer = tables.head.run([f"SELECT id FROM {tables.docs} WHERE MATCH('@{BODY} ({' | '.join(keywords)})') LIMIT 0"],
                             meta=True)
    docs = {answer.meta.get(f"keyword[{at}]"): int(answer.meta.get(f"docs[{at}]", 0)) for at in range(len(keywords))}
    if docs.get(stems[lowered]):
        return []
    ranked = sorted((-shared_start(lowered, each), -docs[stems[each]], each)
                    for each in words[1:] if docs.get(stems[each]))
    return [each for *_, each in ranked[:CANDIDATES]]


def _held(tables: Tables, keywords: list[str]) -> list[str]:
    """The keywords some document holds in any field, from each node's dictionary (CALL KEYWORDS
    reads no document): what is left for one MATCH to count in the body. All of them where a node
    does not say."""
    held: set[str] = set()
    for node in tables.nodes:
        try:
            rows = node.rows(f"CALL KEYWORDS(%s, '{tables.node_docs}', 1)", " ".join(keywords))
        except (ClusterUnavailableError, QueryError):
            return keywords
        held |= {row[2] for row in rows if int(row[3])}
    return [keyword for keyword in keywords if keyword in held]


def _suggestion(tables: Tables, request: SearchRequest, filters: dict[str, str], total: int,
                deadline: Deadline) -> str | None:
    """The first correction that finds more than the query as typed, tried while time is left."""
    if total >= SUGGEST_BELOW or not request.query.strip():
        return None
    for fixed in corrected(request.query, lambda word: _candidates(tables, word)):
        if not deadline.has_time():
            return None
        try:
            translated = translate(parse(fixed))
        except QueryError:
            continue
        answer = tables.head.run([f"SELECT id FROM {tables.docs} "
                                  f"{_where(translated.match, translated.conditions + list(filters.values()))} LIMIT 0"],
                                 meta=True)
        if int(answer.meta.get("total_found", 0)) > total:
            return fixed
    return None


def _sort_key(sort: str):
    if sort == "relevance":
        return lambda row: (-row[1], row[3])
    if sort == "newest":
        return lambda row: (_descending(row[2]), row[3])
    if sort == "indexed":
        return lambda row: (-row[5], _descending(row[2]), row[3])
    return lambda row: (row[4], row[2], row[3])


def _descending(text: str) -> tuple[int, ...]:
    """A key that orders texts from the greatest: a text after every longer one it begins (the
    end mark 1 is above any character's negated code)."""
    return (*(-ord(char) for char in text), 1)


def export(tables: Tables, request: SearchRequest, settings: SearchSettings) -> Iterator[Hit]:
    """Every hit of a search in its order, without snippets or facets, read by row id past any bound."""
    deadline = Deadline(settings.budget)
    translated = translate(parse(request.query))
    names = Names(tables, tables.version())
    where = _where(translated.match, translated.conditions + list(_filters(request, names).values()))
    found, last = [], 0
    while True:
        deadline.check("collecting the hits")
        rows = tables.head.rows(f"SELECT id, WEIGHT() AS w, v_sort_date, v_id, undated, {number_of('indexed')} "
                                f"FROM {tables.docs} {where} "
                                f"AND id > {last} ORDER BY id ASC LIMIT {EXPORT_ROWS} "
                                f"OPTION max_matches={EXPORT_ROWS}, {RANKING}")
        found += rows
        if len(rows) < EXPORT_ROWS:
            break
        last = rows[-1][0]
    found.sort(key=_sort_key(request.sort))
    for start in range(0, len(found), 1000):
        chunk = found[start : start + 1000]
        wanted = ",".join(str(row[0]) for row in chunk)
        stored = {row[0]: row[1:] for row in tables.head.rows(
            f"SELECT id, {_SELECTED} FROM {tables.docs} WHERE id IN ({wanted}) LIMIT 1000 OPTION max_matches=1000")}
        for row in chunk:
            values = dict(zip(map(value_of, STORED), stored[row[0]]))
            score = float(row[1]) if request.sort == "relevance" else None
            yield Hit(**document_fields(values).model_dump(), score=score)


def marked_body(tables: Tables, document, query_text: str, budget: float) -> Highlight:
    """The document's whole body as spans, each of the query's matches one matched span."""
    if not query_text.strip():
        return marked(document.body, Marking())
    return marked(document.body, _marking(parse(query_text), [document.body]))


def entities(tables: Tables, typed: str) -> Entities:
    """The companies of the cluster what is typed in the entity box may name, best first."""
    return Entities(query=typed, entities=suggestions(Names(tables, tables.version()).entities(), typed))
