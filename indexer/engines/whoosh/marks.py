"""Where a query matched a body, for highlighting: a plain word wherever it stands, a phrase only
where its words stand in sequence (one mark over the whole phrase), a proximity query's words
only where they stand within its window, and the words a wildcard expanded to; a word the query
excludes is never marked.

The words are found again in the text by the body field's own analysis (analysis.py), with the
positions the index gives them, so a phrase is marked exactly where the index matches it.
"""

from bisect import bisect_left
from dataclasses import dataclass
from collections.abc import Collection
from typing import NamedTuple

from whoosh import query as whoosh_query
from whoosh.reading import IndexReader

from .analysis import FastText, Place
from .schema import SCHEMA

_FIELD = "body"
_BODY = SCHEMA[_FIELD]
# Finding the words of a text costs about as much per this many characters as looking one word's
# posting up in the index costs: past as many words asked for, the text is read instead.
LOOKUP_CHARS = 200


class Mark(NamedTuple):
    start: int
    end: int
    key: str  # the terms it covers: a fragment with more different keys makes a better snippet


class _Phrase(NamedTuple):
    terms: tuple[str, ...]
    slop: int  # each word stands 1 to `slop` positions after the one before, as Whoosh matches it


@dataclass(frozen=True)
class Marking:
    """What of a query to mark in a body."""

    words: frozenset[str] = frozenset()
    phrases: frozenset[_Phrase] = frozenset()

    @classmethod
    def of(cls, query: whoosh_query.Query) -> "Marking":
        """What to mark for an expanded query (expand() has replaced its wildcards by their words)."""
        words: set[str] = set()
        phrases: set[_Phrase] = set()
        excluded: set[str] = set()
        _gather(query, words, phrases, excluded, negated=False)
        return cls(frozenset(words - excluded),
                   frozenset(phrase for phrase in phrases if excluded.isdisjoint(phrase.terms)))

    def marks(self, text: str, indexed: "Indexed | None" = None) -> list[Mark]:
        """The marks in `text` (the body of the document `indexed`, when known), in reading
        order; marks that share a word are one."""
        wanted = self.words.union(*(phrase.terms for phrase in self.phrases))
        if not wanted:
            return []
        places = indexed.places(text, wanted) if indexed else None
        if places is None:
            places = _BODY.places(text, wanted, max((phrase.slop for phrase in self.phrases), default=1))
        if not places:
            return []
        spans = [(place.position, place.position) for place in places if place.term in self.words]
        positions: dict[str, list[int]] = {}
        for place in places:
            positions.setdefault(place.term, []).append(place.position)
        for phrase in self.phrases:
            spans += _phrase_spans(positions, phrase)
        return _merged(spans, {place.position: place for place in places})


@dataclass(frozen=True)
class Indexed:
    """A document of an index, whose body's words are placed from the postings of the words
    asked for, kept with where each starts (places.py), rather than by reading its whole body."""

    reader: IndexReader
    docnum: int

    def places(self, text: str, terms: Collection[str]) -> list[Place] | None:
        """Where in `text`, this document's body, the words indexed as one of `terms` are, in
        order; None where the index cannot say (a format without starts, a text it was not
        indexed from) or where finding the words in the text costs less than looking each up."""
        field = self.reader.schema[_FIELD] if _FIELD in self.reader.schema else None
        if not isinstance(field, FastText) or not field.format.supports("places"):
            return None
        if len(terms) * LOOKUP_CHARS > len(text):
            return None
        leaf, docnum = self._leaf()
        found = {}
        for term in terms:
            key = term.encode("utf-8")
            if (_FIELD, key) not in leaf:
                continue
            postings = leaf.postings(_FIELD, key)
            if postings.is_active():
                postings.skip_to(docnum)
            if postings.is_active() and postings.id() == docnum:
                found[term] = postings.value()
        return field.placed(text, found)

    def _leaf(self) -> tuple[IndexReader, int]:
        """The segment's reader holding the document, and its number there."""
        for leaf, offset in reversed(self.reader.leaf_readers()):
            if self.docnum >= offset:
                return leaf, self.docnum - offset
        raise LookupError(self.docnum)


def _gather(node: whoosh_query.Query, words: set[str], phrases: set[_Phrase], excluded: set[str],
            negated: bool) -> None:
    if isinstance(node, whoosh_query.Not):
        negated = True
    if isinstance(node, whoosh_query.Term) and node.fieldname == _FIELD:
        # A wildcard's expansion holds the terms as the index does: bytes.
        text = node.text.decode("utf-8") if isinstance(node.text, bytes) else node.text
        (excluded if negated else words).add(text)
    elif isinstance(node, whoosh_query.Phrase) and node.fieldname == _FIELD:
        if not negated:  # excluding a phrase excludes none of its words on its own
            phrases.add(_Phrase(tuple(node.words), node.slop))
    elif not node.is_leaf():
        for child in node.children():
            _gather(child, words, phrases, excluded, negated)


def _within(positions: list[int], low: int, high: int) -> bool:
    """Whether the sorted `positions` hold one from `low` to `high`."""
    index = bisect_left(positions, low)
    return index < len(positions) and positions[index] <= high


def _phrase_spans(positions: dict[str, list[int]], phrase: _Phrase) -> list[tuple[int, int]]:
    """(first, last) positions: of each occurrence of an exact phrase; of each word of a proximity
    query that stands in a match (reached from a first word and reaching a last one)."""
    terms, slop = phrase.terms, phrase.slop
    reached = [positions.get(terms[0], [])]
    for term in terms[1:]:
        reached.append([at for at in positions.get(term, []) if _within(reached[-1], at - slop, at - 1)])
    kept = [reached[-1]]
    for found in reversed(reached[:-1]):
        kept.insert(0, [at for at in found if _within(kept[0], at + 1, at + slop)])
    if slop == 1:
        return [(first, first + len(terms) - 1) for first in kept[0]]
    return [(at, at) for found in kept for at in found]


def _merged(spans: list[tuple[int, int]], places: dict[int, Place]) -> list[Mark]:
    """One mark per run of overlapping spans (a word of a phrase may be asked for on its own too)."""
    runs: list[list[int]] = []
    for first, last in sorted(spans):
        if runs and first <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return [Mark(places[first].start, places[last].end,
                 " ".join(places[at].term for at in range(first, last + 1))) for first, last in runs]
