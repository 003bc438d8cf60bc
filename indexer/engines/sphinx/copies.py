"""Which rows of the cluster are copies of another (engines/copies.py): every search leaves out the
rows whose `is_copy` is 1, all of a copy key's rows but the one shown.

Sphinx can change a number attribute in place (UPDATE), and only a number: a row is written with
is_copy 0, and a reindex that wrote something marks the rows of the copy keys it touched (the keys
of the rows it wrote and of those it removed) after its last flush, or every row's after a rebuild
or a run killed before marking (writer.py). Only a key held by two rows or more has its rows'
fields read, to choose the copy shown; only a row whose mark changes is written. Copies of a
document without an accession can live on two nodes (a file copied into two folders is routed by
its path), so each node's rows are read and marked on that node, and the keys compared across all.
"""

from collections.abc import Iterable

from ..copies import shown_first
from .connection import Client
from .layout import COPY_KEY, IS_COPY, STORED, document_fields, value_of
from .statements import IDS_A_STATEMENT, among, every_row
from .tables import Tables

# Shown in every search: the rows not left out as copies.
SHOWN = f"{IS_COPY} = 0"
_STORED_COLUMNS = ", ".join(value_of(name) for name in STORED)


def _chunks(values: Iterable[int]) -> list[list[int]]:
    ordered = sorted(set(values))
    return [ordered[start : start + IDS_A_STATEMENT] for start in range(0, len(ordered), IDS_A_STATEMENT)]


def _rows(node: Client, table: str, keys: set[int] | None) -> list[tuple]:
    """(id, copy key, is_copy) of the node's rows holding `keys` (None: every row)."""
    if keys is None:
        return list(every_row(node, table, f"{COPY_KEY}, {IS_COPY}"))
    return [row for chunk in _chunks(keys) for row in every_row(node, table, f"{COPY_KEY}, {IS_COPY}",
                                                                among(COPY_KEY, chunk))]


def _fields(node: Client, table: str, ids: list[int]) -> dict[int, object]:
    found = {}
    for chunk in _chunks(ids):
        for row_id, *values in node.rows(f"SELECT id, {_STORED_COLUMNS} FROM {table} WHERE {among('id', chunk)} "
                                         f"LIMIT {len(chunk)} OPTION max_matches={len(chunk)}"):
            found[row_id] = document_fields(dict(zip(map(value_of, STORED), values)))
    return found


def mark(tables: Tables, keys: set[int] | None) -> bool:
    """Set is_copy on the rows of the copy keys `keys` (None: of every row) as shown_first chooses;
    whether any row's mark changed."""
    nodes, table = tables.nodes, tables.node_docs
    held: dict[int, list[tuple[int, int, int]]] = {}  # key -> (node, row id, its mark) of each row
    for number, node in enumerate(nodes):
        for row_id, key, marked in _rows(node, table, keys):
            held.setdefault(key, []).append((number, row_id, marked))
    twice = {key: rows for key, rows in held.items() if len(rows) > 1}
    fields: dict[int, object] = {}
    for number, node in enumerate(nodes):
        fields |= _fields(node, table, [row_id for rows in twice.values() for at, row_id, _ in rows if at == number])
    changes: dict[tuple[int, int], list[int]] = {}  # (node, new mark) -> row ids
    for key, rows in held.items():
        shown = shown_first([fields[row_id] for _, row_id, _ in rows])[0].id if key in twice else None
        for number, row_id, marked in rows:
            wanted = int(shown is not None and fields[row_id].id != shown)
            if wanted != marked:
                changes.setdefault((number, wanted), []).append(row_id)
    for (number, wanted), row_ids in changes.items():
        nodes[number].execute([f"UPDATE {table} SET {IS_COPY} = {wanted} WHERE {among('id', chunk)}"
                               for chunk in _chunks(row_ids)])
    return bool(changes)
