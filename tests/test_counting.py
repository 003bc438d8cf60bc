"""Counting without scoring: postings read a block at a time, masks over segments with deleted
documents, and browse counts kept per index state."""

import shutil

from whoosh.matching import FilterMatcher

from indexer.engines.whoosh import blocks
from indexer.engines.whoosh.store import Store
from indexer.models import SearchRequest

from .conftest import SEEDS, build_index, search, seeds_with_a_replaced_document


def _replaced(tmp_path):
    return seeds_with_a_replaced_document(tmp_path, "Amended zorblaxed.")


def _raw(leaf, field: str, text: bytes):
    """A word's postings in a segment, its deleted documents left in (as matches.py reads them)."""
    postings = leaf.postings(field, text)
    while isinstance(postings, FilterMatcher):
        postings = postings.child
    return postings


def test_postings_read_a_block_at_a_time_are_those_the_matcher_steps_through(tmp_path):
    """The block reading relies on Whoosh's postings reader's internals (blocks.py): every word
    of every segment gives the same documents both ways, and the block way is the one taken."""
    _, index = _replaced(tmp_path)
    with Store(index).open().searcher() as searcher:
        leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
        assert len(leaves) > 1 and any(leaf.has_deletions() for leaf in leaves)
        words = 0
        for leaf in leaves:
            for field, text in leaf.all_terms():
                assert blocks.reads_blocks(_raw(leaf, field, text))
                assert blocks.ids(_raw(leaf, field, text)).tolist() == \
                    blocks.ids(_raw(leaf, field, text), blockwise=False).tolist()
                words += 1
        assert words > 1000



def test_columns_read_in_one_piece_are_those_the_column_reader_iterates(tmp_path):
    """The column reading relies on Whoosh's variable-length column reader's internals
    (blocks.py): every column of every segment gives the same values both ways, and the one-piece
    way is the one taken for the facets' columns."""
    _, index = _replaced(tmp_path)
    with Store(index).open().searcher() as searcher:
        columns = 0
        for leaf, _ in searcher.reader().leaf_readers():
            for field in leaf.schema.names():
                if not leaf.has_column(field):
                    continue
                reader = leaf.column_reader(field)
                assert blocks.column_values(reader) == blocks.column_values(leaf.column_reader(field), bulk=False)
                columns += 1
            raw = leaf.column_reader("company_key").raw_column()
            assert all(hasattr(raw, name) for name in ("_dbfile", "_basepos", "_lengths")), type(raw)
        assert columns > 10

def test_a_word_in_a_deleted_document_is_counted_once(tmp_path):
    """The replaced document's postings stay in the old segment: its new version alone counts."""
    _, index = _replaced(tmp_path)
    result = search(index, SearchRequest(query="zorblaxed"))
    assert result.total == 1 and sum(value.count for value in result.facets["form_type"]) == 1


def test_a_browse_page_counts_again_after_a_commit(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = build_index(corpus, tmp_path / "index")
    before = search(index, SearchRequest(query=""))
    (corpus / "zz-extra.txt").write_text("EXHIBIT 99.1\n\nAcme Announces Extra\n\nAcme says more.\n")
    build_index(corpus, index)
    after = search(index, SearchRequest(query=""))
    assert after.total == before.total + 1
    assert sum(value.count for value in after.facets["form_type"]) == \
        sum(value.count for value in before.facets["form_type"]) + 1
