"""`filings stats` on a cluster: counts, facets' top values, months and size, from the tables.

Facet values are counted with GROUP BY on each facet's value hashes (g_FACET: one a value of a
list facet), with max_matches above the number of documents, so that every count is exact
however many distinct values a facet has. As on the embedded engine, values are ranked by count,
then by their key (the column a facet is counted by), and shown as a document holding them writes
them: for a name, the latest document's (for a company known by its CIK, the name it files under
now). Companies are counted as the embedded engine counts them, a name only one CIK filed under
folded into that CIK's count (whoosh/companies.py, pure Python), from one pass over the rows.
"""

from ...facets import FACET_FIELDS, MANY_FIELDS, NONE
from ...models import FacetValue, IndexStats
from ...parts import hashed
from ..whoosh.companies import Companies
from ..whoosh.schema import COMPANY_NAME_KEY, NAME_FACETS, SEPARATOR
from .layout import group_of, number_of, value_of
from .statements import every_row
from .tables import VERSION_ROW, WATCHES_ROW, Tables

TOP_VALUES = 10


def _label(joined: str, facet: str, group: int) -> str:
    """The value of `group` in a column's text (one of a list facet's values)."""
    if facet not in MANY_FIELDS:
        return joined
    return next((label for label in joined.split(SEPARATOR) if hashed(label) == group), joined)


def _key_and_shown(tables: Tables, facet: str, group: int) -> tuple[str, str]:
    if group == 0:
        return NONE, NONE
    column = NAME_FACETS.get(facet, facet)
    rows = tables.head.rows(f"SELECT id, {value_of(column)}, {value_of(facet)} FROM {tables.docs} "
                            f"WHERE {group_of(facet)} = %s ORDER BY {value_of('sort_date')} DESC LIMIT 1", group)
    if not rows:
        return NONE, NONE
    _, key, shown = rows[0]
    return _label(key, facet, group), _label(shown, facet, group)


def _top(tables: Tables, facet: str, documents: int) -> list[FacetValue]:
    rows = tables.head.rows(f"SELECT GROUPBY(), COUNT(*) FROM {tables.docs} GROUP BY {group_of(facet)} "
                            f"LIMIT {documents + 1} OPTION max_matches={documents + 1}")
    counts = sorted((count for _, count in rows), reverse=True)
    # Only the values that can reach the top (ties at its last place included) are looked up.
    least = counts[TOP_VALUES - 1] if len(counts) >= TOP_VALUES else 0
    ranked = sorted((-count, *_key_and_shown(tables, facet, group)) for group, count in rows if count >= least)
    return [FacetValue(value=shown, count=-count) for count, _, shown in ranked[:TOP_VALUES]]


def _companies(tables: Tables) -> list[FacetValue]:
    key_column = NAME_FACETS["company"]
    rows = list(every_row(tables.head, tables.docs, ", ".join(value_of(name) for name in (
        key_column, COMPANY_NAME_KEY, "company", "sort_date"))))
    counts: dict[str, int] = {}
    latest: dict[str, tuple[str, int, str]] = {}
    for row_id, key, _, name, date in rows:
        counts[key or NONE] = counts.get(key or NONE, 0) + 1
        latest[key] = max(latest.get(key, ("", -1, "")), (date, row_id, name))
    companies = Companies.of([row[1] for row in rows], [row[2] for row in rows])
    ranked = sorted((-count, key) for key, count in companies.fold(counts).items())[:TOP_VALUES]

    def shown(key: str) -> str:
        if key == NONE:
            return NONE
        found = [latest[each] for each in companies.group(key) if each in latest]
        return max(found)[2] if found else key

    return [FacetValue(value=shown(key), count=-count) for count, key in ranked]


def _month(tables: Tables, order: str) -> str | None:
    rows = tables.head.rows(f"SELECT id, {value_of('month')} FROM {tables.docs} WHERE {number_of('month')} > 0 "
                            f"ORDER BY {number_of('month')} {order} LIMIT 1")
    return rows[0][1] if rows else None


def _size(tables: Tables) -> int:
    total = 0
    for node in tables.nodes:
        for table in (tables.node_docs, tables.node_text):
            status = dict(node.rows(f"SHOW INDEX {table} STATUS"))
            total += int(status.get("disk_bytes", 0)) + int(status.get("ram_bytes", 0))
    return total


def index_stats(tables: Tables, documents: int) -> IndexStats:
    filings = {accession or file for _, accession, file in
               every_row(tables.head, tables.docs, f"{value_of('accession')}, {value_of('file')}")}
    runs = [meta for name, meta in tables.all_meta().items()
            if name not in (VERSION_ROW, WATCHES_ROW) and not name.startswith("lock ")]
    latest = max(runs, key=lambda meta: meta.get("last_reindex") or "", default={})
    return IndexStats(
        documents=documents, filings=len(filings),
        facets={facet: (_companies(tables) if facet == "company" else _top(tables, facet, documents)) if documents
                else [] for facet in FACET_FIELDS},
        first_month=_month(tables, "ASC"), last_month=_month(tables, "DESC"),
        size_bytes=_size(tables), index=str(tables.address), corpus=latest.get("corpus"),
        last_reindex=latest.get("last_reindex"),
        failing_files=sum(len(meta.get("failures", {})) for meta in runs),
    )
