"""The product's ranking is Whoosh's BM25F: the same scores, with field lengths read once per segment."""

import random

from whoosh import query as whoosh_query
from whoosh.index import create_in

from indexer.engines.whoosh.ranking import RANKING
from indexer.engines.whoosh.schema import SCHEMA

WORDS = ["board", "met", "and", "voted", "the", "split", "zeppelin"]


def _add_segment(index, rng: random.Random, name: str) -> None:
    with index.writer() as writer:
        writer.mergetype = lambda writer, segments: segments  # keep the segments apart
        for number in range(300):
            words = rng.choices(WORDS, k=rng.randint(1, 40))
            writer.add_document(id=f"{name}-{number}", body=" ".join(words), title=" ".join(words[:3]))


def _scores(index, query, **options) -> list[tuple[int, float]]:
    with index.searcher(**options) as searcher:
        return [(hit.docnum, hit.score) for hit in searcher.search(query, limit=None)]


def test_scores_equal_whooshs_bm25f_search_after_search_and_segment_after_segment(tmp_path):
    rng = random.Random(3)
    index = create_in(tmp_path, SCHEMA)
    queries = [whoosh_query.Term("body", "board"), whoosh_query.Or([whoosh_query.Term("title", "split"),
                                                                     whoosh_query.Term("body", "zeppelin")]),
               whoosh_query.And([whoosh_query.Term("body", "met"), whoosh_query.Term("title", "vote")])]
    for name in ("first", "second", "third"):
        _add_segment(index, rng, name)
        for query in queries * 2:  # the second time, the lengths kept by the first are read
            assert _scores(index, query, weighting=RANKING) == _scores(index, query)
    assert len(index.reader().leaf_readers()) == 3


def test_a_searcher_over_several_segments_scores_as_whoosh_does(tmp_path):
    """Whoosh asks the top searcher for a scorer too (Searcher.postings): its reader spans
    several segments, so it has no lengths of its own to keep."""
    rng = random.Random(5)
    index = create_in(tmp_path, SCHEMA)
    for name in ("first", "second"):
        _add_segment(index, rng, name)
    with index.searcher(weighting=RANKING) as ours, index.searcher() as whooshs:
        assert not ours.reader().is_atomic()
        assert _scored(ours.postings("body", "board")) == _scored(whooshs.postings("body", "board"))


def _scored(matcher) -> list[tuple[int, float]]:
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.score()))
        matcher.next()
    return found
