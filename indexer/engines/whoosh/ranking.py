"""How hits are ranked: Whoosh's BM25F, with each field length read once per segment.

BM25F weighs a match by the length of the field it matched in. Whoosh reads that length from
the segment's length column for every match of every word (through the compound file, several
microseconds each): a third of what searching a common word cost. A segment never changes, so
a length once read is kept, per segment and field, for the next match and the next search.
"""

from array import array

from whoosh import scoring

from ...search.cache import Cache

_UNREAD = -1
# Lengths kept, at 4 bytes a document and field: the least recently used segment's field goes first.
_cache: Cache[array] = Cache(32 * 1024 * 1024, size=lambda lengths: len(lengths) * lengths.itemsize)


def _lengths(reader, fieldname: str) -> array:
    """The kept lengths of `fieldname` in the segment `reader` reads, _UNREAD until first read."""
    return _cache.get((reader.segment().segment_id(), fieldname),
                     lambda: array("i", [_UNREAD]) * reader.doc_count_all())


class Ranking(scoring.BM25F):
    """BM25F whose scorers look field lengths up in the kept arrays."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        reader = searcher.reader()
        if not hasattr(scorer, "dfl") or not reader.is_atomic() or reader.segment() is None:
            return scorer  # a field without lengths, or a reader of several segments
        lengths, read = _lengths(reader, fieldname), scorer.dfl

        def dfl(docnum: int) -> int:
            length = lengths[docnum]
            if length == _UNREAD:
                length = lengths[docnum] = read(docnum)
            return length

        scorer.dfl = dfl
        return scorer


RANKING = Ranking()
