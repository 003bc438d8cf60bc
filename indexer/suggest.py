""""Did you mean": a query with its misspelt words replaced by the closest words the index holds.

Candidates come from the unstemmed spellings of body words (`spell_body`), within two edits;
the nearest wins, then the most common. A word the index already holds is left alone.
"""

import re

from whoosh.reading import IndexReader

SPELLING_FIELD = "spell_body"
_WORD = re.compile(r"(?<![\w:*-])([A-Za-z][a-z]{2,})(?![\w:*])")
_OPERATORS = {"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"}


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    rows = [list(range(len(b) + 1))]
    for i, char_a in enumerate(a, 1):
        row = [i]
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _correction(reader: IndexReader, word: str) -> str | None:
    lowered = word.lower()
    if reader.doc_frequency(SPELLING_FIELD, lowered):
        return None
    maxdist = 1 if len(lowered) <= 4 else 2
    candidates = [(_distance(lowered, term), -reader.doc_frequency(SPELLING_FIELD, term), term)
                  for term in reader.terms_within(SPELLING_FIELD, lowered, maxdist, prefix=1)]
    return min(candidates)[2] if candidates else None


def corrected(reader: IndexReader, text: str) -> str | None:
    """The query string with each unknown word corrected, or None when nothing needs correcting."""
    if SPELLING_FIELD not in reader.indexed_field_names():
        return None
    changed = False

    def replace(match: re.Match) -> str:
        nonlocal changed
        word = match.group(1)
        if word in _OPERATORS:
            return word
        fixed = _correction(reader, word)
        if fixed is None:
            return word
        changed = True
        return fixed

    suggestion = _WORD.sub(replace, text)
    return suggestion if changed else None
