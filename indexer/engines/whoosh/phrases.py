"""Exact phrases matched a chunk of postings at a time.

Whoosh matches a phrase as a SpanNear query: its matchers step through every candidate one
posting at a time, building a Span object for every position of every word and comparing them
pair by pair in Python. A phrase of two common words ("exchange act" in 6,661 of 20,000
documents) took a fifth of a second. Here the rarest word's postings are read a chunk at a
time, and each other word's postings only in the documents that chunk names (read through, or
skipped to, whichever costs less); a candidate's starts are found by intersecting sets of
positions. The words are scored as Whoosh scores them (the sum of each word's score, the field
length read once per document instead of once per word) and reported as the terms a hit
matched. Same documents, same scores, same terms (tests/test_phrases.py).
"""

import copy
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import repeat
from operator import sub

from whoosh import query as whoosh_query
from whoosh.matching import Matcher, NullMatcher, ReadTooFar
from whoosh.query.spans import Span
from whoosh.scoring import WeightLengthScorer

from ...search.deadline import UNBOUNDED, Deadline

# Postings of the rarest word read at once: enough that the candidates are found in C, few
# enough that memory stays flat however long the lists are.
CHUNK = 1024
# A word in up to DENSE times as many documents as the rarest is read through rather than skipped:
# stepping over a posting costs less than skipping to the next candidate.
DENSE = 3


@dataclass
class _Word:
    term: tuple[str, bytes]  # (Whoosh's matcher over a segment with deletions does not know it)
    leaf: Matcher  # the word's postings
    scorer: WeightLengthScorer
    offset: int  # where in the phrase it stands
    frequency: int  # in how many of the segment's documents it is


def _read(leaf: Matcher, limit: int | float = float("inf"), last: int | float = float("inf")) -> dict:
    """The next postings of `leaf`, `limit` of them or up to document `last`: weight and raw value."""
    postings = {}
    while leaf.is_active() and len(postings) < limit and leaf.id() <= last:
        postings[leaf.id()] = (leaf.weight(), leaf.value())
        leaf.next()
    return postings


def _at(leaf: Matcher, docnums: list[int], dense: bool) -> dict:
    """The postings of `leaf` in the documents `docnums` (ascending). Where the word is `dense`
    (in about as many documents as them), the postings in between are read rather than skipped,
    DENSE times as many as `docnums` at most; past those, it skips to each document."""
    postings = {}
    if dense and leaf.is_active():
        leaf.skip_to(docnums[0])
        postings = _read(leaf, DENSE * len(docnums), docnums[-1])
    for docnum in docnums:
        if not leaf.is_active():
            break
        if docnum < leaf.id():
            continue  # passed: read already, or not there
        leaf.skip_to(docnum)
        if leaf.is_active() and leaf.id() == docnum:
            postings[docnum] = (leaf.weight(), leaf.value())
    return postings


def _tree_sum(scores: list[float]) -> float:
    """The words' scores added as Whoosh's binary tree of intersections adds them."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


class _WordAt:
    """What Whoosh's term collector asks of a word's matcher: the word, at the phrase's document."""

    def __init__(self, phrase: "_PhraseMatcher", term: tuple[str, bytes]):
        self.phrase, self._term = phrase, term

    def is_active(self) -> bool:
        return self.phrase.is_active()

    def id(self) -> int:
        return self.phrase.id()

    def term(self) -> tuple[str, bytes]:
        return self._term


class _PhraseMatcher(Matcher):
    """The documents in which the words stand one after another, a chunk at a time."""

    def __init__(self, words: list[_Word], decode, boost: float, deadline: Deadline, phase: str):
        self._words, self._decode, self._boost = words, decode, boost
        # A phrase whose words are common but seldom adjacent reads chunk after chunk between matches.
        self._deadline, self._phase = deadline, phase
        # The rarest word first: it drives, and the others are looked up only where it is.
        self._order = sorted(range(len(words)), key=lambda index: words[index].frequency)
        self._driver = words[self._order[0]].leaf
        self._rarest = words[self._order[0]].frequency
        self._fill()

    def _fill(self) -> None:
        """Find the matches in the next chunks of postings, until there is one or none are left."""
        self._ids, self._scores, self._weights, self._starts, self._i = [], [], [], [], 0
        while not self._ids and self._driver.is_active():
            self._deadline.check(self._phase)
            postings: list[dict] = [{}] * len(self._words)
            candidates = None
            for index in self._order:
                word = self._words[index]
                if candidates is None:
                    postings[index] = _read(word.leaf, CHUNK)
                    candidates = list(postings[index])
                else:
                    postings[index] = _at(word.leaf, candidates, word.frequency <= DENSE * self._rarest)
                    candidates = [docnum for docnum in candidates if docnum in postings[index]]
                if not candidates:
                    break
            for docnum in candidates:
                starts = self._starts_in(docnum, postings)
                if starts:
                    weights = [found[docnum][0] for found in postings]
                    length = self._words[0].scorer.dfl(docnum)
                    self._ids.append(docnum)
                    self._scores.append(_tree_sum([word.scorer._score(weight, length)
                                                   for word, weight in zip(self._words, weights)]) * self._boost)
                    self._weights.append(_tree_sum(weights))
                    self._starts.append(starts)

    def _starts_in(self, docnum: int, postings: list[dict]) -> set[int]:
        """Where in document `docnum` the words stand one after another (none: an empty set)."""
        decode = self._decode
        starts = set(decode(postings[0][docnum][1]))
        for word, found in zip(self._words[1:], postings[1:]):
            starts.intersection_update(map(sub, decode(found[docnum][1]), repeat(word.offset)))
            if not starts:
                break
        return starts

    def is_active(self) -> bool:
        return self._i < len(self._ids)

    def id(self) -> int:
        return self._ids[self._i]

    def score(self) -> float:
        return self._scores[self._i]

    def next(self) -> bool:
        self._i += 1
        if self._i == len(self._ids):
            self._fill()
        return False

    def skip_to(self, target: int) -> None:
        if not self.is_active():
            raise ReadTooFar
        if target > self._ids[-1]:
            if self._driver.is_active():
                self._driver.skip_to(target)
            self._fill()
        while self.is_active() and self.id() < target:
            self.next()

    def weight(self) -> float:
        return self._weights[self._i]

    def supports(self, astype: str) -> bool:
        return all(word.leaf.supports(astype) for word in self._words)

    def spans(self) -> list[Span]:
        """Where the phrase stands, for a span query around it."""
        last = len(self._words) - 1
        return [Span(start, start + last) for start in sorted(self._starts[self._i])]

    def reset(self) -> None:
        for word in self._words:
            word.leaf.reset()
        self._fill()

    def max_quality(self) -> float:
        return _tree_sum([word.scorer.max_quality() for word in self._words]) * self._boost

    def term_matchers(self) -> Iterator[_WordAt]:
        for word in self._words:
            yield _WordAt(self, word.term)

    def matching_terms(self, id: int | None = None) -> Iterator[tuple[str, bytes]]:
        if self.is_active() and (id is None or id == self.id()):
            for word in self._words:
                yield word.term

    def copy(self) -> "_PhraseMatcher":
        clone = copy.copy(self)
        clone._words = [replace(word, leaf=word.leaf.copy()) for word in self._words]
        clone._driver = next(new.leaf for new, old in zip(clone._words, self._words) if old.leaf is self._driver)
        return clone

    def replace(self, minquality=0):
        return self if self.is_active() else NullMatcher()


class FastPhrase(whoosh_query.Phrase):
    """A Phrase (exact, slop 1) on a field with positions, matched with _PhraseMatcher by a deadline."""

    def __init__(self, *args, deadline: Deadline = UNBOUNDED, **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def matcher(self, searcher, context=None):
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None
        # Unscored matching (Whoosh's docs_for_query) has no weighting; the product's scores anyway.
        weighting = (context.weighting if context else None) or searcher.weighting
        if self.slop != 1 or field is None or not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        reader, words = searcher.reader(), []
        for offset, word in enumerate(self.words):
            try:
                term = field.to_bytes(word)
            except ValueError:
                return NullMatcher()
            if (self.fieldname, term) not in reader:
                return NullMatcher()
            scorer = weighting.scorer(searcher, self.fieldname, word)
            if not isinstance(scorer, WeightLengthScorer):
                # Another weighting than the product's: Whoosh's own phrase matcher scores it.
                return super().matcher(searcher, context)
            words.append(_Word((self.fieldname, term), reader.postings(self.fieldname, term), scorer, offset,
                               reader.doc_frequency(self.fieldname, term)))
        matcher = _PhraseMatcher(words, field.format.decoder("positions"), self.boost, self.deadline,
                                 f"matching the phrase {self}")
        return matcher if matcher.is_active() else NullMatcher()


def fast(phrase: whoosh_query.Phrase, deadline: Deadline = UNBOUNDED) -> FastPhrase:
    return FastPhrase(phrase.fieldname, phrase.words, slop=phrase.slop, boost=phrase.boost,
                      char_ranges=phrase.char_ranges, deadline=deadline)
