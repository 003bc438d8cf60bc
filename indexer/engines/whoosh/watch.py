"""The Whoosh pieces that stop at a search's deadline.

Whoosh runs the long parts of a search in loops of its own: scanning a field's words for a
wildcard or a range, building a matcher for each word found, stepping matchers from document
to document. A time check only where a document is collected leaves the first two unbounded
(a leading wildcard over a large vocabulary spent seconds in each), so the reader that the
scans read, the words whose matchers are built and the matcher that steps all check the
deadline themselves.
"""

from collections.abc import Iterator

from whoosh import query as whoosh_query
from whoosh.matching import Matcher, WrappingMatcher
from whoosh.reading import IndexReader

from ...search.deadline import UNBOUNDED, Deadline


class _WatchedReader:
    """A reader whose lists of words check the deadline at every word, for the scans Whoosh
    runs over them (wildcards, prefixes and ranges read nothing else); everything else is the reader's."""

    def __init__(self, reader: IndexReader, deadline: Deadline, phase: str):
        self._reader, self._deadline, self._phase = reader, deadline, phase

    def __getattr__(self, name: str):
        return getattr(self._reader, name)

    def _watched(self, words: Iterator) -> Iterator:
        for word in words:
            self._deadline.check(self._phase)
            yield word

    def lexicon(self, fieldname: str) -> Iterator[bytes]:
        return self._watched(self._reader.lexicon(fieldname))

    def expand_prefix(self, fieldname: str, prefix) -> Iterator[bytes]:
        return self._watched(self._reader.expand_prefix(fieldname, prefix))

    def terms_from(self, fieldname: str, prefix) -> Iterator[tuple[str, bytes]]:
        return self._watched(self._reader.terms_from(fieldname, prefix))


def watching(reader: IndexReader, deadline: Deadline, phase: str) -> IndexReader:
    """`reader`, its word lists stopping at `deadline` with an error naming `phase`."""
    return _WatchedReader(reader, deadline, phase)  # type: ignore[return-value]


class _Stepping(WrappingMatcher):
    """A matcher that checks the deadline at every step: the documents an expansion matches are
    many, and an intersection steps through them without collecting any."""

    def __init__(self, child: Matcher, deadline: Deadline, phase: str):
        super().__init__(child)
        self.deadline, self.phase = deadline, phase

    def _replacement(self, newchild: Matcher) -> "_Stepping":
        return _Stepping(newchild, self.deadline, self.phase)

    def copy(self) -> "_Stepping":
        return _Stepping(self.child.copy(), self.deadline, self.phase)

    def next(self):
        self.deadline.check(self.phase)
        return self.child.next()

    def skip_to(self, id):
        self.deadline.check(self.phase)
        return self.child.skip_to(id)

    def all_ids(self) -> Iterator[int]:
        # Through next(), where the deadline is checked (the child's own would bypass it).
        return Matcher.all_ids(self)


class _Word(whoosh_query.Term):
    """One word a wildcard or range matched; its matcher is built only while time is left."""

    def __init__(self, fieldname: str, text, boost: float, deadline: Deadline, phase: str):
        super().__init__(fieldname, text, boost=boost)
        self.deadline, self.phase = deadline, phase

    def matcher(self, searcher, context=None):
        self.deadline.check(self.phase)
        return super().matcher(searcher, context)


class _Expansion(whoosh_query.Or):
    """The words a wildcard or range matched, any of them, stepped through by the deadline."""

    # Whoosh rebuilds a compound query from its subqueries and boost alone (apply, normalize).
    def __init__(self, subqueries, boost: float = 1.0, deadline: Deadline = UNBOUNDED, phase: str = ""):
        super().__init__(subqueries, boost=boost)
        self.deadline, self.phase = deadline, phase

    def matcher(self, searcher, context=None):
        return _Stepping(super().matcher(searcher, context), self.deadline, self.phase)


def expansion(pattern: whoosh_query.Query, words: list[tuple[str, bytes]], deadline: Deadline) -> whoosh_query.Or:
    """The query for the words (field, text) `pattern` matched, matched by `deadline`."""
    building = f"reading the postings of the {len(words)} words {pattern} matches"
    return _Expansion([_Word(field, text, pattern.boost, deadline, building) for field, text in words],
                      deadline=deadline, phase=f"matching {pattern}")
