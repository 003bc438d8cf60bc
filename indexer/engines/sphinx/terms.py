"""Words as the cluster's tables hold them: every term the embedded engine's analysis makes, spelt
in an alphabet Sphinx keeps as it is.

The cluster indexes the terms Whoosh's analyzers make (stemmed, folded, split as the embedded
engine splits them), so that both engines match the same documents; Sphinx only has to take each
term as one keyword. Its charset table is `0..9, a..z, A..Z` with no folding: a term's letters a-z
and digits stand for themselves, and any other character (".", "_", "é" left unfolded, Hangul) is
an escape in capitals: a length mark (Q-V: 1 to 6 hex digits) and its code point in the letters
A-P. The spelling goes character by character, so a prefix of a term is the prefix of its spelling
(`delist*` and `form_type:10-*` are Sphinx's own prefix searches), and an escape can only begin at
its mark, so an infix search cannot match half of one. Sphinx cuts keywords at 42 bytes: a longer
spelling keeps its first HEAD characters and ends in a mark W and a hash of the whole term, so two
long terms stay two keywords and a prefix search still reads their heads.
"""

import hashlib
from functools import lru_cache

PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_HEX = str.maketrans("0123456789abcdef", "ABCDEFGHIJKLMNOP")
_LENGTH_MARKS = "QRSTUV"
LONG_MARK = "W"
# Sphinx's longest keyword, in bytes; the spelling is ASCII, so in characters too.
MAX_KEYWORD = 42
HASHED = 11
HEAD = MAX_KEYWORD - 1 - HASHED
CHARSET_TABLE = "0..9, a..z, A..Z"
# The wildcards of the query language, as Sphinx writes them too.
WILDCARDS = frozenset("*?")


def _escape(char: str) -> str:
    digits = f"{ord(char):x}"
    return _LENGTH_MARKS[len(digits) - 1] + digits.translate(_HEX)


def _spelt(text: str) -> str:
    return "".join(char if char in PLAIN else _escape(char) for char in text)


# A reindex spells every word of every body: kept, the words of a corpus (Zipf-distributed) are
# spelt about once each (a generated corpus of 2,000 documents: 2.4 M calls, 11 s of a 30 s build).
@lru_cache(maxsize=1 << 18)
def spelling(term: str) -> str:
    """The keyword a term is indexed and searched as."""
    spelt = _spelt(term)
    if len(spelt) <= MAX_KEYWORD:
        return spelt
    digest = hashlib.sha1(term.encode("utf-8")).hexdigest()[:HASHED].translate(_HEX)
    return spelt[:HEAD] + LONG_MARK + digest


def pattern_spelling(pattern: str) -> str | None:
    """A wildcard pattern (`*` any characters, `?` one) spelt for Sphinx, or None where its literal
    characters reach past a long term's head, which Sphinx no longer holds."""
    spelt = "".join(char if char in WILDCARDS else _spelt(char) for char in pattern)
    return spelt if len(spelt.replace("*", "").replace("?", "")) <= HEAD else None
