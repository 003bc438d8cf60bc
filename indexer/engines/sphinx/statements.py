"""The SphinxQL a writer sends: rows as REPLACE statements of a bounded size, deletes by id (the only
DELETE Sphinx has), and reads of every row matching a filter, paged by id past max_matches."""

from collections.abc import Iterable, Iterator, Sequence

from .connection import Client, sql

# A statement is cut past this many characters (at most 4 bytes each: far below the nodes'
# max_packet_size, config.MAX_PACKET), unless one row alone is longer.
STATEMENT_CHARS = 4_000_000
IDS_A_STATEMENT = 1000
PAGE = 5000


def literal(value: object) -> str:
    """A value as SphinxQL reads it: a list is a multi-value attribute."""
    if isinstance(value, list):
        return "(" + ",".join(str(int(each)) for each in value) + ")"
    return sql("%s", value)


def replaces(table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """REPLACE statements writing `rows` (values in the order of `columns`) into `table`."""
    head = f"REPLACE INTO {table} ({', '.join(columns)}) VALUES "
    pending: list[str] = []
    size = 0
    for values in rows:
        written = "(" + ", ".join(map(literal, values)) + ")"
        if pending and size + len(written) > STATEMENT_CHARS:
            yield head + ", ".join(pending)
            pending, size = [], 0
        pending.append(written)
        size += len(written)
    if pending:
        yield head + ", ".join(pending)


def deletes(table: str, ids: Iterable[int]) -> Iterator[str]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), IDS_A_STATEMENT):
        yield f"DELETE FROM {table} WHERE id IN ({','.join(map(str, ids[start : start + IDS_A_STATEMENT]))})"


def every_row(client: Client, table: str, columns: str, where: str = "") -> Iterator[tuple]:
    """(id, *columns) of every row of `table` on one node (or through the head) matching `where`, in
    id order, a page at a time: LIMIT cannot reach past max_matches, an id can."""
    last = 0
    condition = f"{where} AND " if where else ""
    while True:
        rows = client.rows(f"SELECT id{', ' if columns else ''}{columns} FROM {table} WHERE {condition}id > %s "
                           f"ORDER BY id ASC LIMIT {PAGE} OPTION max_matches={PAGE}", last)
        yield from rows
        if len(rows) < PAGE:
            return
        last = rows[-1][0]


def among(column: str, values: Iterable[int]) -> str:
    """A filter on a number column (an IN list; Sphinx has no OR in WHERE)."""
    return f"{column} IN ({','.join(map(str, sorted(set(values))))})"
