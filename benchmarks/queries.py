"""The fixed query mix, written once for the product and once for FTS5, and its timing.

Its words are chosen by how many documents hold them in the corpus at hand (rare: 0.2%,
medium: 4%, common: 40%), from the vocabulary's own words, so the mix means the same at any
size and seed; the facet values it filters on are the corpus's most common ones.
"""

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from .baselines import Fts5, Fts5Searcher
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


def query_mix(fts: Fts5Searcher, vocabulary: Vocabulary, documents: int, words: tuple[str, ...] = ()) -> list[Query]:
    """The mix for a corpus of `documents`, and a one-word query for each of `words` after it."""
    candidates = [word for word in vocabulary.words[50:12000:5] if word.isalpha() and len(word) >= 5]
    # A word no document holds is no test of a rare word (a small corpus, the real filings, has them).
    frequencies = {word: found for word in candidates if (found := fts.document_frequency(word))}
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
        *(Query(word, word, word) for word in words),
    ]


def percentiles(samples: list[float]) -> dict:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": cuts[49], "p95_ms": cuts[94], "p99_ms": cuts[98]}


def timed(index: Path, fts: Fts5, mix: list[Query], repeat: int) -> dict:
    """Latency of the mix through the product's search interface and on FTS5, each query run
    `repeat` times after one warm-up pass, round robin, the product and FTS5 in turn: the
    percentiles over every run, and each query's medians and totals."""
    from indexer.engines import open_index
    from indexer.search.request import request_from

    opened, searcher = open_index(index), fts.connect()
    requests = {query.name: request_from(query.params) for query in mix}
    timings: dict[str, dict[str, list[float]]] = {query.name: {"product": [], "fts5": []} for query in mix}
    hits, fts5_hits = {}, {}
    try:
        for round_number in range(repeat + 1):
            for query in mix:
                started = time.perf_counter()
                hits[query.name] = opened.search(requests[query.name]).total
                product = time.perf_counter() - started
                started = time.perf_counter()
                fts5_hits[query.name] = searcher.search(query.match, query.filters)[0]
                fts5 = time.perf_counter() - started
                if round_number:
                    timings[query.name]["product"].append(product * 1000)
                    timings[query.name]["fts5"].append(fts5 * 1000)
    finally:
        opened.close()
        searcher.db.close()
    result = {engine: percentiles([ms for each in timings.values() for ms in each[engine]])
              for engine in ("product", "fts5")}
    result["each"] = {name: {"product_ms": statistics.median(each["product"]),
                             "fts5_ms": statistics.median(each["fts5"]), "hits": hits[name],
                             "fts5_hits": fts5_hits[name]}
                      for name, each in timings.items()}
    result["mix"] = [{"name": query.name, "product": query.params, "fts5": query.match} for query in mix]
    return result
