"""`field:*`: the documents that hold a field, and no others.

Whoosh reads `field:*` as Every(field), which is right on its own but which its query
normalising treats as a wildcard over the whole field (`signer:lee signer:*` became `signer:*`),
and whose matcher reads every posting of the field with no time limit. Present is what the
query parser makes of it instead: a text field is held by the documents whose length in it is
not zero (one look-up per document, however large the vocabulary); a field without lengths
(an ID) has about one word per document, so its postings are read, at most one per document.
"""

from whoosh import query as whoosh_query
from whoosh.matching import ListMatcher
from whoosh.reading import IndexReader

from ...search.deadline import UNBOUNDED, Deadline

# Documents (or words) looked at between two looks at the clock.
CHECK_EVERY = 4096


class Present(whoosh_query.Query):
    """Matches the documents that hold `fieldname` (every document for None), each scored `boost`."""

    def __init__(self, fieldname: str | None, boost: float = 1.0, deadline: Deadline = UNBOUNDED):
        self.fieldname = fieldname
        self.boost = boost
        self.deadline = deadline

    def __repr__(self):
        return f"{self.__class__.__name__}({self.fieldname!r}, boost={self.boost})"

    def __str__(self):
        return f"{self.fieldname or '*'}:*"

    def __eq__(self, other):
        return type(other) is type(self) and (other.fieldname, other.boost) == (self.fieldname, self.boost)

    def __hash__(self):
        return hash((type(self), self.fieldname, self.boost))

    def estimate_size(self, ixreader: IndexReader) -> int:
        return ixreader.doc_count()

    def by(self, deadline: Deadline) -> "Present":
        """This query, giving up at `deadline`."""
        return Present(self.fieldname, self.boost, deadline)

    def matcher(self, searcher, context=None):
        return ListMatcher(self._holders(searcher.reader()), all_weights=self.boost)

    def _holders(self, reader: IndexReader) -> list[int]:
        """The documents of `reader` (one segment, as Whoosh matches) that hold the field, ascending."""
        field = self.fieldname
        if field is None:
            return list(reader.all_doc_ids())
        if field not in reader.schema:
            return []
        if reader.schema[field].scorable:
            found = []
            for count, docnum in enumerate(reader.all_doc_ids()):
                self._check(count)
                if reader.doc_field_length(docnum, field):
                    found.append(docnum)
            return found
        held: set[int] = set()
        for count, word in enumerate(reader.lexicon(field)):
            self._check(count)
            # A segment's postings leave out its deleted documents.
            held.update(reader.postings(field, word).all_ids())
        return sorted(held)

    def _check(self, count: int) -> None:
        if count % CHECK_EVERY == 0:
            self.deadline.check(f"looking for the documents that hold {self}")
