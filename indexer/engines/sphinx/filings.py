"""A search grouped by filing on the cluster (search/grouping.py says what grouping means).

A filing's documents all live on one node (layout.route), so each node counts its own filings
exactly: one GROUP BY the accession counts the filings that have one, exactly while they number
at most FILINGS_BOUND (searchd's count of groups runs over once a node holds more, and the
result is then marked bounded), and the documents without an accession, each a filing of its
own, are counted beside it. Which filings make the page is read from the start of the ordered
(id, accession) rows, as long as the page needs, up to the deepest the cluster pages; then one
statement reads the page's filings' documents, in the search's order, stored values and all.
"""

from dataclasses import dataclass, field

from ...models import SearchRequest
from ...search.grouping import filing_key, first_filings, page_filings, wanted
from .connection import Answer, sql
from .layout import value_of
from .tables import Tables

# Filings counted exactly (by each node: a filing's documents are on one node).
FILINGS_BOUND = 100_000
# Documents of one page's filings read (a filing of 8-K exhibits holds tens, a page a hundred filings).
PAGE_DOCUMENTS = 10_000
ACCESSION = value_of("accession")


def _text(value: object) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def counting(table: str, where: str) -> list[str]:
    """The statements counting a search's filings, each with its SHOW META: those with an accession
    (grouped by it), and the documents without one."""
    return [f"SELECT id FROM {table} {where} AND {ACCESSION} != '' GROUP BY {ACCESSION} LIMIT 0 "
            f"OPTION max_matches={FILINGS_BOUND}", "SHOW META",
            f"SELECT id FROM {table} {where} AND {ACCESSION} = '' LIMIT 0", "SHOW META"]


def ordered(table: str, where: str, order: str, ranking: str, limit: int) -> str:
    """The statement reading the first `limit` matches' (id, weight, accession), in the search's order."""
    return (f"SELECT id, WEIGHT() AS w, {ACCESSION} FROM {table} {where} ORDER BY {order} LIMIT 0, {limit} "
            f"OPTION max_matches={max(limit, 1000)}, {ranking}")


@dataclass
class Grouped:
    """A grouped page as the cluster found it: its documents' rows (as the page statement selects
    them) filing by filing, how many filings match, and what was bounded."""

    rows: list[tuple]
    total_filings: int
    warnings: list[str] = field(default_factory=list)


def page(tables: Tables, where: str, order: str, ranking: str, columns: list[str], request: SearchRequest,
         counted: list[list[tuple]], first: list[tuple], total: int, deepest: int) -> Grouped:
    """The page's filings' documents as rows of (id, weight, *columns), from the answers to
    counting() (`counted`) and to ordered() (`first`, as many rows as the page would hold
    ungrouped), of `total` matching documents, the first `deepest` of which the cluster orders."""
    groups, alone = (int(dict(counted[at]).get("total_found", 0)) for at in (1, 3))
    grouped = Grouped([], groups + alone)
    if groups > FILINGS_BOUND:
        grouped.warnings.append(f"the search matches more filings than the cluster counts exactly "
                                f"({FILINGS_BOUND:,}): their number is approximate")
    reachable = min(total, deepest)

    def keys(limit: int) -> list[str]:
        limit = min(limit, reachable)
        rows = first if len(first) >= limit else tables.head.rows(ordered(tables.docs, where, order, ranking, limit))
        return [filing_key(str(row[0]), _text(row[2])) for row in rows[:limit]]

    found = first_filings(keys, wanted(request), reachable)
    if total > deepest and len(found) < wanted(request):
        grouped.warnings.append(f"the page's filings lie past the first {deepest:,} documents, the deepest the "
                                "cluster orders: narrow the search, or sort it the other way")
    chosen = page_filings(found, request)
    accessions = [key for key in chosen if not key.startswith("#")]
    ids = [key[1:] for key in chosen if key.startswith("#")]
    selected = f"SELECT id, WEIGHT() AS w, {', '.join(columns)} FROM {tables.docs} {where}"
    statements = [f"{selected} AND {ACCESSION} IN {sql('(' + ', '.join(['%s'] * len(accessions)) + ')', *accessions)}"
                  f" ORDER BY {order} LIMIT {PAGE_DOCUMENTS} OPTION max_matches={PAGE_DOCUMENTS}, {ranking}"
                  ] if accessions else []
    statements += [f"{selected} AND id IN ({', '.join(ids)}) LIMIT {len(ids)} "
                   f"OPTION max_matches={max(len(ids), 1000)}, {ranking}"] if ids else []
    if not statements:
        return grouped
    answer: Answer = tables.head.run(statements)
    if accessions and len(answer.sets[0]) >= PAGE_DOCUMENTS:
        grouped.warnings.append(f"the page's filings hold more matching documents than the cluster reads for a "
                                f"page ({PAGE_DOCUMENTS:,}): some are left out")
    at = 2 + columns.index(ACCESSION)
    by_filing: dict[str, list[tuple]] = {}
    for row in (row for rows in answer.sets for row in rows):
        by_filing.setdefault(filing_key(str(row[0]), _text(row[at])), []).append(row)
    grouped.rows = [row for key in chosen for row in by_filing.get(key, [])]
    return grouped
