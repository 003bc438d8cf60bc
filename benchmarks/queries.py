"""The fixed query mix, written once for the product and once for FTS5.

Its words are chosen by how many documents hold them in the corpus at hand (rare: 0.2%,
medium: 4%, common: 40%), from the vocabulary's own words, so the mix means the same at any
size and seed; the facet values it filters on are the corpus's most common ones.
"""

from dataclasses import dataclass, field

from .baselines import Fts5Searcher
from .vocabulary import Vocabulary

SHARES = {"rare": 0.002, "medium": 0.04, "common": 0.4}


@dataclass(frozen=True)
class Query:
    name: str
    text: str  # the product's query string
    match: str  # the same query in FTS5's syntax
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def params(self) -> dict:
        return {"q": self.text, **self.filters}


def _closest(frequencies: dict[str, int], target: float, taken: set[str]) -> str:
    word = min((word for word in frequencies if word not in taken),
               key=lambda word: (abs(frequencies[word] - target), word))
    taken.add(word)
    return word


def _most_common(fts: Fts5Searcher, column: str) -> str:
    return fts.db.execute(f"SELECT {column} FROM docs WHERE {column} IS NOT NULL GROUP BY {column} "
                          f"ORDER BY count(*) DESC, {column} LIMIT 1").fetchone()[0]


def query_mix(fts: Fts5Searcher, vocabulary: Vocabulary, documents: int) -> list[Query]:
    candidates = [word for word in vocabulary.words[50:12000:5] if word.isalpha() and len(word) >= 5]
    frequencies = {word: fts.document_frequency(word) for word in candidates}
    taken: set[str] = set()
    rare, medium, common, other = (_closest(frequencies, SHARES[name] * documents, taken)
                                   for name in ("rare", "medium", "common", "medium"))
    year, company = _most_common(fts, "year"), _most_common(fts, "company")
    prefix = medium[:4]
    return [
        Query("rare term", rare, rare),
        Query("medium term", medium, medium),
        Query("common term", common, common),
        Query("two terms", f"{common} {medium}", f"{common} AND {medium}"),
        Query("phrase", '"exchange act"', '"exchange act"'),
        Query("phrase, rarer", f'"{common} {medium}"', f'"{common} {medium}"'),
        Query("boolean", f"{common} AND ({medium} OR {rare}) NOT {other}",
              f"{common} AND ({medium} OR {rare}) NOT {other}"),
        Query("wildcard", f"{prefix}*", f"{prefix}*"),
        Query("fielded", "title:announces", "title:announces"),
        Query("common + year", common, common, {"year": [year]}),
        Query("medium + company", medium, medium, {"company": [company]}),
        Query("common + two facets", common, common, {"exhibit_type": ["EX-99.1"], "year": [year]}),
    ]
