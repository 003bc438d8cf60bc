"""FastPhrase finds what Whoosh's own Phrase finds, scored the same, with the same matched terms."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as whoosh_query

from indexer.documents import open_index
from indexer.phrases import fast

from .conftest import SEEDS


@pytest.fixture(scope="module")
def searcher(seed_index):
    with open_index(seed_index).searcher() as opened:
        yield opened


def _words() -> list[str]:
    text = " ".join(path.read_text(errors="replace") for path in sorted(SEEDS.iterdir()))
    return re.findall(r"[a-z]+", text.lower())


WORDS = _words()
# Runs of words as they stand in the seeds (phrases that match), and words put together at random.
_RUNS = st.integers(0, len(WORDS) - 4).flatmap(lambda start: st.integers(2, 4).map(
    lambda length: WORDS[start:start + length]))
_PHRASES = st.one_of(_RUNS, st.lists(st.sampled_from(WORDS[:400]), min_size=2, max_size=3))


def _found(searcher, phrase):
    results = searcher.search(phrase, limit=None, terms=True)
    return [(hit.docnum, round(hit.score, 6), sorted(hit.matched_terms())) for hit in results]


@settings(max_examples=200, deadline=None)
@given(_PHRASES)
def test_fast_phrase_matches_and_scores_as_whoosh_phrase(searcher, words):
    terms = [searcher.schema["body"].term(word) for word in words]
    phrase = whoosh_query.Phrase("body", terms)
    assert _found(searcher, fast(phrase)) == _found(searcher, phrase)


def test_a_phrase_of_words_that_are_in_the_index_but_never_together_finds_nothing(searcher):
    assert _found(searcher, fast(whoosh_query.Phrase("body", ["thrunet", "the"]))) == []
