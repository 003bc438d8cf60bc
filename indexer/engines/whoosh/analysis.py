"""Text fields that index fast: the same terms and positions as their Whoosh analyzer gives, at a
fraction of the cost, and the words a query matched found again in a text for highlighting.

Whoosh runs every token through a chain of generators (tokenizer, lowercase, stemmer, accent
folding), which was most of what indexing a document cost. Here the tokenizer's own pattern
finds the words in one C-level pass, and each distinct word goes through the analyzer's
filters once, its term then kept in a dictionary. The result is what the field's analyzer
gives (tests/test_analysis.py holds them equal), so queries and the index agree. Only filters
that map one token to one token may follow the tokenizer.

Spellings (the unstemmed words "did you mean" draws on) are posted by Whoosh to document 0
of the segment, once per document that holds them; the same posting written again adds
nothing, so each writer posts a word once. (A writer reads its own copy of the schema from
the index, so a field object, and what it remembers, lives as long as one writer.)
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable
from itertools import accumulate, chain, islice
from typing import NamedTuple

from whoosh import fields, formats
from whoosh.analysis import RegexTokenizer, Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.support.charset import accent_map

from .places import Places

# Distinct words whose terms are kept; past it the memory starts again (a bounded memory).
CACHE_WORDS = 500_000
# The most characters at a term's end that its word does not begin with: the stemmer rewrites only
# a suffix, and Porter's rules leave at most two new characters ("anybility" -> "anyble", "happy"
# -> "happi"). A word is looked for by its term's first characters but these.
STEM_TAIL = 2
_WORD_CHAR = re.compile(r"\w").match


class Place(NamedTuple):
    """A word of a text: its position (as indexed), its term, and its characters."""
    position: int
    term: str
    start: int
    end: int


class _Terms(dict):
    """Word → term, as the analyzer's filters make it, computed on first sight."""

    def __init__(self, analyzer: CompositeAnalyzer, no_morph: bool = False):
        super().__init__()
        tokenizer, *filters = analyzer.items
        if not isinstance(tokenizer, RegexTokenizer) or tokenizer.gaps:
            raise TypeError("fast indexing needs an analyzer that starts with a word-matching RegexTokenizer")
        # findall returns whole matches only from a pattern without groups ("\w+(\.?\w+)*" has one).
        expression = tokenizer.expression
        expression = re.compile(re.sub(r"(?<!\\)\((?!\?)", "(?:", expression.pattern), expression.flags)
        self.findall, self.finditer = expression.findall, expression.finditer
        self.split, self.match = expression.split, expression.match
        # As the analyzer does for spellings: without the stemmer.
        self.filters = [step for step in filters if not (no_morph and getattr(step, "is_morph", False))]

    def __missing__(self, word: str) -> str:
        if len(self) >= CACHE_WORDS:
            self.clear()
        tokens = iter([Token(text=word, mode="index")])
        for step in self.filters:
            tokens = step(tokens)
        term = self[word] = next(tokens).text
        return term


def _folded(text: str) -> str:
    """`text` as the analyzer's filters see its characters (lowercased, accents folded), each still
    at its own offset: a word is found in it by its term's first characters."""
    if text.isascii():
        return text.lower()
    # "İ" is the one character that lowercases to two ("i" and a combining dot).
    return text.replace("\u0130", "i").lower().translate(accent_map)


def _head(term: str) -> str:
    """The characters a word whose term begins with `term` begins with, folded."""
    head = term[: max(1, len(term) - STEM_TAIL)]
    for at, char in enumerate(head):
        if unicodedata.combining(char):  # of a lowercased "İ": the text has none there
            return head[:at]
    return head


def _starts_token(text: str, at: int) -> bool:
    """Whether a word of `text` starts at `at`: a word character, with none before it, nor one and a
    dot (the tokenizer takes "u.s" as one word)."""
    if not _WORD_CHAR(text, at):
        return False
    if at == 0:
        return True
    return not _WORD_CHAR(text, at - 1) and not (text[at - 1] == "." and at > 1 and _WORD_CHAR(text, at - 2))


class _AnyValue(formats.Frequency):
    """Frequency read back whatever the size of each posting's value."""

    posting_size = -1


class _Spellings(fields.SpellField):
    """The spelling field. Whoosh posts each spelling with the value of the field's last posting,
    which in Places is of any length; the stock spelling field's Frequency format reads values
    back four bytes at a time, so a block of them could not be read again (by a merge)."""

    def __init__(self, analyzer: CompositeAnalyzer):
        super().__init__(analyzer)
        self.format = _AnyValue()


class FastText(fields.TEXT):
    """A TEXT field (with positions, and with `starts` where each word starts) whose indexing
    skips Whoosh's per-token generators."""

    def __init__(self, analyzer: CompositeAnalyzer, starts: bool = False, **options):
        if options.get("chars"):
            raise ValueError("FastText keeps where words start (starts=True), their ends found again by places()")
        super().__init__(analyzer=analyzer, **options)
        self.format = Places(field_boost=self.format.field_boost, starts=starts)
        self._prepare()

    def subfields(self):
        yield "", self
        if self.separate_spelling():
            yield self.spelling_prefix, _Spellings(self.analyzer)

    def _prepare(self) -> None:
        self._terms = _Terms(self.analyzer)
        self._spellings = _Terms(self.analyzer, no_morph=True)
        self._spelled: set[str] = set()
        self._last: tuple[str, list[str]] = ("", [])

    # What the field remembers is not part of the schema Whoosh pickles into the index.
    def __getstate__(self) -> dict:
        return {name: value for name, value in self.__dict__.items()
                if name not in ("_terms", "_spellings", "_spelled", "_last")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._prepare()

    def _words(self, value: str) -> list[str]:
        # Whoosh asks for a value's terms, then for its spellings: tokenize it once.
        if value is not self._last[0]:
            self._last = (value, self._terms.findall(value))
        return self._last[1]

    def _starts(self, value: str, words: list[str]) -> list[int]:
        """Where each of the words of `value` starts, counted in C: the text between words (what
        the word pattern splits it into) and the words alternate, so the running sum of their
        lengths reaches each word's start."""
        between = self._terms.split(value)
        return list(accumulate(chain.from_iterable(zip(map(len, between), map(len, words)))))[::2]

    def words(self, value: str) -> list[str]:
        """The words of a text, in order, each one position: what term() makes terms of."""
        return self._terms.findall(value)

    def term(self, word: str) -> str:
        """The term a word is indexed as."""
        return self._terms[word]

    def vocabulary(self, value: str) -> set[str]:
        """The distinct terms of a text, each word analysed once however often it stands."""
        return set(map(self._terms.__getitem__, set(self._terms.findall(value))))

    def terms(self, value: str) -> list[str]:
        """The terms of a text in order, one a position: what another engine indexes to match as this one."""
        return list(map(self._terms.__getitem__, self._terms.findall(value)))

    def placed(self, text: str, found: dict[str, bytes]) -> list[Place] | None:
        """The Place of each occurrence that the postings `found` (term → this document's posting
        value, kept with starts) hold, in order, its end where the word found at its start ends;
        None where `text` is not the text they were indexed from."""
        decode, match, terms = self.format.decode_places, self._terms.match, self._terms
        places = []
        for term, value in found.items():
            for position, start in decode(value):
                word = match(text, start)
                if word is None or terms[word.group()] != term:
                    return None
                places.append(Place(position, term, start, word.end()))
        return sorted(places)

    def _found(self, text: str, heads: Iterable[str]) -> Iterable[tuple[str, re.Match]]:
        """Each word of `text` that may be indexed as a term beginning with one of `heads`, with its
        term: the words are looked for by their first characters, in C, so that the rest of a
        multi-megabyte text is not tokenised."""
        wanted = set(map(_head, heads))
        if "" in wanted:  # a term that begins with a combining mark: every word is one to look at
            starts = [word.start() for word in self._terms.finditer(text)]
        else:
            folded, starts = _folded(text), set()
            for head in wanted:
                at = folded.find(head)
                while at >= 0:
                    starts.add(at)
                    at = folded.find(head, at + 1)
        match, terms = self._terms.match, self._terms
        for at in sorted(starts):
            if _starts_token(text, at):
                word = match(text, at)
                yield terms[word.group()], word

    def places(self, text: str, terms: Collection[str], reach: int = 1) -> list[Place]:
        """Where in `text` the words indexed as one of `terms` are, in order: the characters a
        highlight marks and positions for a phrase's words to be matched by. Positions step by one
        more than the words between two places, counted up to `reach` (a phrase's slop): places
        further apart than that are only known to be so."""
        places: list[Place] = []
        finditer = self._terms.finditer
        for term, word in self._found(text, terms):
            if term not in terms:
                continue
            position = 0
            if places:
                between = sum(1 for _ in islice(finditer(text, places[-1].end, word.start()), reach))
                position = places[-1].position + 1 + between
            places.append(Place(position, term, *word.span()))
        return places

    def vocabulary_from(self, text: str, heads: Collection[str]) -> set[str]:
        """The distinct terms of `text` that begin with one of `heads` (a wildcard's literal start)."""
        return {term for term, _ in self._found(text, heads) if term.startswith(tuple(heads))}

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs:
            return super().index(value, **kwargs)
        places = defaultdict(list)
        words = self._words(value)
        for position, term in enumerate(map(self._terms.__getitem__, words)):
            places[term].append(position)
        encode, boost = self.format.encode, self.format.field_boost
        if not self.format.starts:
            return [(term.encode("utf-8"), len(where), len(where) * boost, encode(where))
                    for term, where in places.items()]
        start_of = self._starts(value, words).__getitem__
        return [(term.encode("utf-8"), len(where), len(where) * boost, encode(where, list(map(start_of, where))))
                for term, where in places.items()]

    def spellable_words(self, value):
        if not isinstance(value, str):
            return super().spellable_words(value)
        words = set(map(self._spellings.__getitem__, set(self._words(value)))) - self._spelled
        if len(self._spelled) >= CACHE_WORDS:
            self._spelled.clear()  # posting a word again is harmless; memory stays bounded
        self._spelled |= words
        return iter(sorted(words))
