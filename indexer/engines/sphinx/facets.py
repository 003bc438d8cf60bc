"""Facet counts on the cluster, as the embedded engine gives them (facet_counts.py there).

A facet is counted by one GROUP BY on its g_ attribute (a hash of each value it is counted by, 0
for none), with every filter but its own; all of a search's facets go in one multi-statement
request with its page. A group's label is its representative row's value: the string attribute
(for the 8-K items, the one of its values whose hash is the group's), and for a name facet its key.
A facet counts exactly up to GROUP_BOUND values; one whose groups reach it is marked bounded.

A name facet's key is shown, as on the embedded engine, by the name of the latest document
holding it (by sort date, then document id), a company known by its CIK by the latest of the
documents it groups (companies.py there). Which CIKs filed under each name, and each key's latest
document, are read from the whole cluster once per version of it (Tables.version()).
"""

from dataclasses import dataclass, field as dataclass_field

from ...facets import MANY_FIELDS, NONE, facet_key
from ...search.cache import Cache
from ...search.entities import Listed
from ..whoosh.companies import Companies
from ..whoosh.schema import CIK_PREFIX, COMPANY_NAME_KEY, NAME_FACETS, SEPARATOR
from .layout import group_of, hashed, key_of, value_of
from .tables import Tables

# Values a facet counts exactly: a facet with more is marked bounded, its long tail short.
GROUP_BOUND = 20_000
# Name keys and (CIK, names) pairs read for showing and grouping companies, once per version.
NAMES_BOUND = 1_000_000

_companies: Cache[tuple] = Cache(4)
_latest: Cache[tuple] = Cache(8)
_entities: Cache[tuple] = Cache(4)


def _text(value: object) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def label_column(field: str) -> str:
    """The string attribute a facet's groups are labelled by: the value, or a name facet's key."""
    return value_of(NAME_FACETS.get(field, field))


def count_statement(field: str, where: str) -> str:
    return (f"SELECT GROUPBY() AS g, COUNT(*) AS c, {label_column(field)} FROM {{table}} {where} "
            f"GROUP BY {group_of(field)} LIMIT {GROUP_BOUND} OPTION max_matches={GROUP_BOUND}")


def counted(field: str, rows: list[tuple]) -> dict[str, int]:
    """A facet's counts by key (the value shown, or a name facet's key) from its GROUP BY rows."""
    counts: dict[str, int] = {}
    for group, count, label in rows:
        label = _text(label)
        if not group:
            key = NONE
        elif field in MANY_FIELDS:
            key = next((each for each in label.split(SEPARATOR) if hashed(each) == int(group)), label)
        else:
            key = label
        counts[key] = counts.get(key, 0) + int(count)
    return counts


def filter_condition(field: str, keys: list[str], excluded: bool = False) -> str:
    """The attribute condition a facet's selected keys become ((none): the documents without one),
    or its excluded keys: NOT IN on a list of values passes a document none of whose values is one
    of them, so a document holding an excluded key among others is left out too."""
    # k_ holds the terms a facet's key field makes, which are its keys (facets.facet_key).
    hashes = sorted({0 if key == NONE else hashed(key) for key in keys})
    return f"{key_of(field)} {'NOT IN' if excluded else 'IN'} ({','.join(map(str, hashes))})"


class _Partial(Exception):
    """A read over the whole cluster some node did not answer: used once, never kept."""

    def __init__(self, kept: tuple):
        self.kept = kept


@dataclass
class Names:
    """What a search's counts need from the whole cluster at one version of it. A read some node
    did not answer serves this search only; one that reached NAMES_BOUND is noted in `reached`."""

    tables: Tables
    version: int
    reached: set[str] = dataclass_field(default_factory=set)

    def _read(self, cache: Cache, key: tuple, what: str, statement: str, make):
        def read() -> tuple:
            answer = self.tables.head.run([statement], meta=True)
            kept = (make(answer.sets[0]), len(answer.sets[0]) >= NAMES_BOUND)
            if answer.failed_nodes:
                raise _Partial(kept)
            return kept

        try:
            value, reached = cache.get((str(self.tables.address), self.version, *key), read)
        except _Partial as partial:
            value, reached = partial.kept
        if reached:
            self.reached.add(what)
        return value

    def companies(self) -> Companies:
        key, names = value_of(NAME_FACETS["company"]), value_of(COMPANY_NAME_KEY)
        return self._read(_companies, (), "company", (
            f"SELECT COUNT(*), {key}, {names} FROM {self.tables.docs} GROUP BY {key}, {names} "
            f"LIMIT {NAMES_BOUND} OPTION max_matches={NAMES_BOUND}"),
            lambda rows: Companies.of([_text(row[1]) for row in rows], [_text(row[2]) for row in rows]))

    def latest(self, field: str) -> dict[str, tuple[str, str, str]]:
        """Each key of a name facet: its latest document's (sort date, id, name)."""
        key = value_of(NAME_FACETS[field])
        return self._read(_latest, (field,), field, (
            f"SELECT COUNT(*), {key}, v_sort_date, v_id, {value_of(field)} FROM {self.tables.docs} "
            f"GROUP BY {group_of(field)} WITHIN GROUP ORDER BY v_sort_date DESC, v_id DESC "
            f"LIMIT {NAMES_BOUND} OPTION max_matches={NAMES_BOUND}"),
            lambda rows: {_text(row[1]): (_text(row[2]), _text(row[3]), _text(row[4])) for row in rows})

    def entities(self) -> list[Listed]:
        """Every company of the cluster, for the entity box (search/entities.py)."""
        key, symbol = value_of(NAME_FACETS["company"]), value_of("ticker")
        return self._read(_entities, (), "company", (
            f"SELECT COUNT(*), {key}, {symbol} FROM {self.tables.docs} GROUP BY {key}, {symbol} "
            f"LIMIT {NAMES_BOUND} OPTION max_matches={NAMES_BOUND}"),
            lambda rows: self.companies().entities([(_text(row[1]), _text(row[2]), int(row[0])) for row in rows],
                                                   lambda each: self.shown("company", each)))

    def shown(self, field: str, key: str) -> str:
        """The value a user sees for a facet key."""
        if field not in NAME_FACETS or key == NONE:
            return key
        latest = self.latest(field)
        group = self.companies().group(key) if field == "company" and key.startswith(CIK_PREFIX) else (key,)
        found = [latest[each] for each in group if each in latest]
        return max(found)[2] if found else key

    def keys(self, field: str, value: str) -> list[str]:
        """The keys a filter value finds (for a company's name, those of every CIK that used it)."""
        key = facet_key(field, value)
        return self.companies().keys(key) if field == "company" else [key]

    def fold(self, field: str, counts: dict[str, int]) -> dict[str, int]:
        return self.companies().fold(counts) if field == "company" else counts
