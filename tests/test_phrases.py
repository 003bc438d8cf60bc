"""FastPhrase finds what Whoosh's own Phrase finds, scored the same, with the same matched terms,
alone and inside other queries, over more documents than it reads at once, and ranked by the
product's BM25F (field lengths kept) as Whoosh's BM25F ranks."""

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as whoosh_query
from whoosh.index import create_in
from whoosh.query.spans import SpanNear

from indexer.engines.whoosh.store import Store
from indexer.engines.whoosh.phrases import CHUNK, DENSE, fast
from indexer.engines.whoosh.ranking import RANKING
from indexer.engines.whoosh.schema import SCHEMA

from .conftest import SEEDS


@pytest.fixture(scope="module")
def searcher(seed_index):
    with Store(seed_index).open().searcher() as opened:
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


# Few words, many documents: every phrase of them has candidates in most documents, read a
# small chunk at a time (as the index of a large corpus is read CHUNK postings at a time).
# One word is rare, so that the others are skipped to where it is rather than read through.
FEW = ["board", "met", "and", "voted", "the", "split", "zeppelin"]
OFTEN = [10, 10, 10, 10, 10, 10, 1]
SMALL_CHUNK = 16
DOCUMENTS = 400


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """Two segments of short bodies drawn from FEW, some deleted, searched as Whoosh ranks and as
    the product does."""
    assert CHUNK > SMALL_CHUNK
    folder, rng = tmp_path_factory.mktemp("many"), random.Random(7)
    index = create_in(folder, SCHEMA)
    for segment in range(2):
        with index.writer() as writer:
            writer.mergetype = lambda writer, segments: segments  # keep the segments apart
            for number in range(DOCUMENTS // 2):
                writer.add_document(id=f"{segment}-{number}", body=" ".join(rng.choices(FEW, OFTEN, k=rng.randint(1, 12))))
    with index.writer() as writer:  # segments with deleted documents, as a reindex leaves them
        writer.mergetype = lambda writer, segments: segments
        for segment in range(2):
            for number in range(0, DOCUMENTS // 2, 7):
                writer.delete_by_term("id", f"{segment}-{number}")
    with index.searcher() as whooshs, index.searcher(weighting=RANKING) as products, \
            pytest.MonkeyPatch.context() as patch:
        patch.setattr("indexer.engines.whoosh.phrases.CHUNK", SMALL_CHUNK)
        leaves = [leaf for leaf, _ in whooshs.reader().leaf_readers()]
        frequencies = [[leaf.doc_frequency("body", SCHEMA["body"].term(word)) for word in FEW] for leaf in leaves]
        assert len(leaves) == 2 and all(leaf.has_deletions() for leaf in leaves) and all(min(common) > max(SMALL_CHUNK, DENSE * rare) for *common, rare in frequencies)
        yield whooshs, products


def _combined(make, words: list[str], other: str):
    """The phrase of `words` alone and inside an OR, an AND, an AND NOT and a span query (near)
    with the word `other`."""
    phrase, term = make(words), whoosh_query.Term("body", other)
    return [phrase, whoosh_query.Or([phrase, term]), whoosh_query.And([term, phrase]),
            whoosh_query.AndNot(term, phrase), SpanNear(phrase, term, slop=3)]


@settings(max_examples=50, deadline=None)
@given(words=st.lists(st.sampled_from(FEW), min_size=2, max_size=4), other=st.sampled_from(FEW),
       limit=st.sampled_from([None, 3]))
def test_over_many_documents_in_other_queries_and_ranked_by_the_product(many, words, other, limit):
    whooshs, products = many
    terms = [whooshs.schema["body"].term(word) for word in words]
    expected = _combined(lambda ws: whoosh_query.Phrase("body", ws), terms, other)
    actual = _combined(lambda ws: fast(whoosh_query.Phrase("body", ws)), terms, other)
    for theirs, ours in zip(expected, actual):
        whooshs_hits, products_hits = _ranked(whooshs, theirs, limit), _ranked(products, ours, limit)
        assert [hit[:2] for hit in products_hits] == [hit[:2] for hit in whooshs_hits]
        # Whoosh's phrase also reports its words in a document where it failed and another
        # clause matched; FastPhrase reports them only where the phrase matched.
        assert all(mine <= its for (*_, mine), (*_, its) in zip(products_hits, whooshs_hits))
        if theirs is expected[0]:
            assert products_hits == whooshs_hits


def _ranked(searcher, query, limit):
    return [(hit.docnum, round(hit.score, 6), set(hit.matched_terms()))
            for hit in searcher.search(query, limit=limit, terms=True)]
