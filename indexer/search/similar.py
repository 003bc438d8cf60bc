"""The documents most like one document, whichever engine holds them: its distinctive words chosen
here, by tf-idf over the engine's own document frequencies, then searched for as one weighted OR
query that leaves out the document's filing (or, without an accession, the document and its copies).

The choice lives here, not in an engine, so that the embedded engine and a cluster choose alike: an
engine supplies only the body's terms (its analyzer), how many documents hold each term, and the
search that runs the query, which marks the chosen words in each hit's snippet as any search does.
Whoosh's own more_like_this (key terms by its Bo1 model from the document's postings, which a
cluster cannot read) was measured against this on ../shared/corpus/edgar (75 documents, their 5
nearest each, the document's filing left out): of this one's 355 neighbours 20.0% are of the
document's form type; of more_like_this's, with as many terms (25), 17.8% (with its default 5
terms, 280 neighbours, 11.8%). About as good, then, and this one runs on every engine.
"""

import math
import re
import time

from ..formats import ACCESSION_NUMBER
from ..models import MAX_PER_PAGE, SIMILAR_HITS, SearchRequest, Similar
from ..titles import title_of

# The characters of a body read for its words: a 30 MB document is judged by its first half million,
# some 80,000 words of prose, read in a tenth of a second.
MAX_CHARS = 500_000
# Its most frequent distinct words analysed into terms (the stemmer costs tens of µs a word): a text
# of nothing but new words still takes a fraction of a second.
WORDS = 10_000
# The body's most frequent terms whose document frequencies are asked (a cluster counts each): the
# rest are too rare in it to count among its most telling.
CANDIDATES = 300
# The terms searched for: enough to find documents about the same things, few enough to rank fast.
TERMS = 25
# A word of fewer than 3 letters, or with anything but letters (numbers, codes, amounts), matches by
# accident; one of more than 30 is a run of encoded bytes, and 25 of them would outgrow a query.
_WORD = re.compile(r"[a-z]{3,30}")
# A term more than this share of the documents hold is common, not distinctive.
COMMON = 0.5


def weighted(terms: dict[str, int], frequencies: dict[str, int], documents: int) -> list[tuple[str, float]]:
    """The terms (each with how often the document holds it) that tell the document apart, the most
    telling first, each with its weight, tf-idf: (1 + log tf) x log(N / df). A term no other
    document holds finds nothing; one most documents hold finds everything."""
    scored = []
    for term, count in terms.items():
        held = frequencies.get(term, 0)
        if held < 2 or held > COMMON * documents:
            continue
        scored.append((-(1 + math.log(count)) * math.log(documents / held), term))
    return [(term, -score) for score, term in sorted(scored)[:TERMS]]


def query_of(words: list[tuple[str, float]], accession: str | None, excluded: list[str]) -> str:
    """The words as one OR query, each boosted by its weight relative to the first, AND NOT the
    filing `accession` (or, without one, AND NOT the documents `excluded`)."""
    top = words[0][1]
    either = " OR ".join(f"{word}^{max(weight / top, 0.01):.2f}" for word, weight in words)
    left_out = [f"accession:{accession}"] if accession else [f"id:{each}" for each in excluded]
    return f"({either}) " + " ".join(f"NOT {each}" for each in left_out)


def similar(index, document_id: str, limit: int = SIMILAR_HITS) -> Similar:
    """The `limit` documents most like `document_id` in `index` (a SearchIndex), best first, none of
    its filing. DocumentNotFoundError for an id the index does not hold."""
    started = time.monotonic()
    document = index.document(document_id)
    terms = index.body_terms(document.body[:MAX_CHARS], WORDS)
    words = {term: spelt.most_common(1)[0][0] for term, spelt in terms.items()}
    counts = {term: sum(spelt.values()) for term, spelt in terms.items() if _WORD.fullmatch(words[term])}
    candidates = sorted(counts, key=lambda term: (-counts[term], term))[:CANDIDATES]
    chosen = weighted({term: counts[term] for term in candidates}, index.document_frequencies(candidates),
                      index.document_count())
    heading = title_of(document)
    if not chosen:
        return Similar(id=document.id, heading=heading, accession=document.accession, words=[], hits=[],
                       took_ms=round((time.monotonic() - started) * 1000, 1))
    # A filing is left out by its accession number where the query language can name it; one a
    # header wrote otherwise is left out of the hits instead, as many more asked for as it holds.
    named = document.accession if document.accession and re.fullmatch(ACCESSION_NUMBER, document.accession) else None
    excluded = [] if named else [each.id for each in index.copies(document_id)]
    more = len(index.filing_documents(document.accession)) if document.accession and not named else 0
    query = query_of([(words[term], weight) for term, weight in chosen], named, excluded)
    result = index.search(SearchRequest(query=query, per_page=min(limit + more, MAX_PER_PAGE)))
    hits = [hit for hit in result.hits if not document.accession or hit.accession != document.accession][:limit]
    return Similar(id=document.id, heading=heading, accession=document.accession,
                   words=[words[term] for term, _ in chosen], hits=hits,
                   took_ms=round((time.monotonic() - started) * 1000, 1), partial=result.partial,
                   warnings=result.warnings)
