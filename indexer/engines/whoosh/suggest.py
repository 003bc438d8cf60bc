""""Did you mean": the query with its misspelt words replaced by close words the index holds.

Candidates come from the unstemmed spellings of body words (`spell_body`) within two edits
(one for short words), nearest first, then those sharing the longer start with the typed word
("stok" is "stock" before "seok"), then the most common. Search tries the corrected queries in
turn and offers the first that finds more than the query as typed. A word the index already
holds is left alone.
"""

import re
from collections.abc import Callable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh.reading import IndexReader

BODY = "body"
SPELLING_FIELD = "spell_body"
CANDIDATES = 3
_WORD = re.compile(r"(?<![\w:*-])([A-Za-z][A-Za-z]{2,})(?![\w:*])")
_OPERATORS = {"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"}


def shared_start(a: str, b: str) -> int:
    return next((index for index, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _candidates(reader: IndexReader, word: str) -> list[str]:
    """Close words the index holds for a word it does not hold, best first ([] if it holds it)."""
    stems = reader.schema[BODY]
    lowered = word.lower()
    if reader.doc_frequency(BODY, stems.term(lowered)):
        return []
    maxdist = 1 if len(lowered) <= 4 else 2
    # Every spelling with the word's first letter is measured, in C. The distance is the optimal string
    # alignment one: an adjacent transposition ("stcok") is one edit, as a typist makes it.
    words = [term.decode("utf-8") for term in reader.expand_prefix(SPELLING_FIELD, lowered[:1])]
    ranked = []
    for term, distance, _ in process.extract(lowered, words, scorer=OSA.distance, score_cutoff=maxdist, limit=None):
        # How common a word is: how many documents hold its stem (a spelling is posted once, and
        # stays after the documents that held it are gone, which leaves it at 0).
        count = reader.doc_frequency(BODY, stems.term(term))
        if count:
            ranked.append((distance, -shared_start(lowered, term), -count, term))
    ranked.sort()
    return [term for *_, term in ranked[:CANDIDATES]]


def corrections(reader: IndexReader, text: str) -> Iterator[str]:
    """Corrected versions of a query string, most likely first (corrected())."""
    if SPELLING_FIELD not in reader.indexed_field_names():
        return
    yield from corrected(text, lambda word: _candidates(reader, word))


def corrected(text: str, candidates: Callable[[str], list[str]]) -> Iterator[str]:
    """Corrected versions of a query string, most likely first: every unknown word at its best
    candidate, then one word at a time moved to its next candidates. `candidates(word)`: an
    engine's close words for a word it does not hold, best first ([] if it holds it)."""
    words = [(match, candidates(match.group(1))) for match in _WORD.finditer(text)
             if match.group(1) not in _OPERATORS]
    fixable = [(match, found) for match, found in words if found]
    if not fixable:
        return

    def spelled(choice: dict[int, str]) -> str:
        pieces, last = [], 0
        for match, found in fixable:
            pieces += [text[last : match.start()], choice.get(match.start(), found[0])]
            last = match.end()
        return "".join(pieces) + text[last:]

    yield spelled({})
    for match, found in fixable:
        for candidate in found[1:]:
            yield spelled({match.start(): candidate})
