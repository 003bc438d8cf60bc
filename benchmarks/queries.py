"""The fixed query mix, written once for the product and once for FTS5 (and tantivy), and its timing
on every engine.

Its words are chosen by how many documents hold them in the corpus at hand (rare: 0.2%,
medium: 4%, common: 40%), from the vocabulary's own words, so the mix means the same at any
size and seed; the facet values it filters on are the corpus's most common ones.
"""

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .baselines import Fts5, Fts5Searcher
from .tantivy_baseline import Tantivy, translated
from .vocabulary import Vocabulary

SHARES = {"rare": 0.002, "medium": 0.04, "common": 0.4}
# The fewest timed passes over the mix, however long they take.
MIN_PASSES = 5


@dataclass(frozen=True)
class Query:
    name: str
    text: str  # the product's query string
    match: str  # the same query in FTS5's syntax (tantivy_baseline.translated makes tantivy's of it)
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


@contextmanager
def engines(index: Path, fts: Fts5, tantivy: Tantivy, mix: list[Query],
            cluster: str | None = None) -> Iterator[dict[str, Callable[[Query], int]]]:
    """Each engine the mix is timed on, open while the block runs, as a function answering a query
    with its total: the product through its search interface (indexer/engines/interface.py) on the
    index folder and, given its address, on the cluster; FTS5; tantivy."""
    from indexer.engines import open_index
    from indexer.search.request import request_from

    requests = {query.name: request_from(query.params) for query in mix}
    with ExitStack() as stack:
        answering = {}
        for name, location in (("product", index), ("cluster", cluster)):
            if location is not None:
                opened = stack.enter_context(closing(open_index(location)))
                answering[name] = lambda query, opened=opened: opened.search(requests[query.name]).total
        for name, baseline in (("fts5", fts), ("tantivy", tantivy)):
            searcher = baseline.connect()
            stack.callback(searcher.close)
            answering[name] = lambda query, searcher=searcher: searcher.search(query.match, query.filters)[0]
        yield answering


def timed(answering: dict[str, Callable[[Query], int]], mix: list[Query], repeat: int,
          seconds: float | None = None) -> dict:
    """Latency of the mix on each engine, each query run `repeat` times after one warm-up pass,
    round robin, the engines in turn (fewer passes, MIN_PASSES at least, where the passes would last
    past `seconds`: a slow engine bounds the run): the percentiles over every run, and each query's
    medians and totals."""
    timings: dict[str, dict[str, list[float]]] = {query.name: {name: [] for name in answering} for query in mix}
    hits: dict[str, dict[str, int]] = {query.name: {} for query in mix}
    passes = 0
    started = time.monotonic()
    for round_number in range(repeat + 1):
        for query in mix:
            for name, answer in answering.items():
                began = time.perf_counter()
                hits[query.name][name] = answer(query)
                took = time.perf_counter() - began
                if round_number:
                    timings[query.name][name].append(took * 1000)
        passes = round_number
        if seconds is not None and passes >= MIN_PASSES and time.monotonic() - started > seconds:
            break
    result = {name: percentiles([ms for each in timings.values() for ms in each[name]]) for name in answering}
    result["passes"] = passes
    result["each"] = {query: {"ms": {name: statistics.median(samples) for name, samples in each.items()},
                              "hits": hits[query]}
                      for query, each in timings.items()}
    result["mix"] = [{"name": query.name, "product": query.params, "fts5": query.match,
                      "tantivy": translated(query.match)} for query in mix]
    return result
