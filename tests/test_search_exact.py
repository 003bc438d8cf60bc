"""Search results held exact, on a generated corpus whose index has several segments holding
deleted documents: the total and every facet count equal to a brute-force count over each
document's stored fields, and the page (ids, order, scores to the 4 decimals shown) equal to
stock Whoosh's BM25F or, for the date sorts, to a sort in Python, for every kind of query the
benchmark's mix runs (and phrases with slop), every sort, pages of 1, 20 and 100 hits, the
first page and a later one.

The references share nothing with the product's search path but the query parser (what a
query string means) and the facet declaration (what a value's key is), so a rewrite of how
matches are found, counted, filtered, tallied or scored keeps this test green only if every
result stays what it was.
"""

import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from whoosh import query as whoosh_query
from whoosh.index import open_dir
from whoosh.scoring import BM25F

from benchmarks.generate import Generator, write_corpus
from benchmarks.vocabulary import Vocabulary
from indexer.engines.whoosh.query import parse
from indexer.engines.whoosh.store import Store
from indexer.facets import FACET_FIELDS, FACET_NAMED, MANY_FIELDS, NAME_FIELDS, NONE, facet_key, name_key
from indexer.models import FACET_VALUES, SearchRequest

from .conftest import SEEDS, build_index, search

# Enough documents for common words to match hundreds (a page of 100 and a later one), few
# enough to build in seconds.
DOCUMENTS = 700
SORTS = ("relevance", "newest", "oldest")
PAGE_SIZES = (1, 20, 100)
PAGES = (1, 3)
# How many documents hold a word of each kind, as shares of the corpus (benchmarks/queries.py's).
SHARES = {"rare": 0.002, "medium": 0.04, "common": 0.4}
RARE_AT_LEAST = 3  # documents: a rare word still matches some at this size
CIK_PREFIX = "cik "
UNDATED = "0000-00-00"


# The index: a first build of half the files, the rest added by incremental runs committing
# every few files (a segment each), then files removed and files rewritten, which leaves
# deleted documents in the segments that held them.

def _copy(files: list[Path], source: Path, corpus: Path) -> None:
    for path in files:
        target = corpus / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _build(root: Path) -> Path:
    vocabulary = Vocabulary(sources=(SEEDS,))
    generated, corpus, index = root / "generated", root / "corpus", root / "index"
    write_corpus(generated, DOCUMENTS, seed=14, vocabulary=vocabulary)
    files = sorted(path for path in generated.rglob("*") if path.is_file())
    half = len(files) // 2
    _copy(files[:half], generated, corpus)
    build_index(corpus, index)
    _copy(files[half:], generated, corpus)
    build_index(corpus, index, commit_every=40)
    for path in files[:half:9]:
        (corpus / path.relative_to(generated)).unlink()
    other = Generator(15, vocabulary)  # other filers, other words
    for number, path in enumerate(files[3::11]):
        (corpus / path.relative_to(generated)).write_bytes(other.filing(number)[1])
    build_index(corpus, index, commit_every=25)
    return index


# The brute force: each document's stored fields, read back and counted in Python.

def _company_key(stored: dict) -> str | None:
    """The company facet's own key of a document: its CIK where it has one, else its name's."""
    company, cik = stored.get("company"), (stored.get("cik") or "").strip()
    if not company:
        return None
    return f"{CIK_PREFIX}{int(cik):010d}" if cik.isdigit() else facet_key("company", company)


def _names(stored: dict) -> list[str]:
    """The keys of a document's names: its company's and its former names'."""
    former = [name for name in (stored.get("former_names") or "").split("\n") if name]
    names = [stored["company"], *former] if stored.get("company") else []
    return list(dict.fromkeys(facet_key("company", name) for name in names))


def _held(stored: dict, field: str) -> list[str]:
    """A document's values of facet `field` as the index holds them (name facets: the name's key)."""
    value = stored.get("month") if field == "year" else stored.get(field)
    if not value:
        return []
    if field == "year":
        return [value[:4]]
    if field == "company":
        return [_company_key(stored)]
    if field in NAME_FIELDS:
        return [name_key(value)]
    return value.split("\n") if field in MANY_FIELDS else [value]


def _sort_date(stored: dict) -> str:
    """The filing date, then the document's date; else its date or month (written out here, as the
    reference must not borrow the engine's own code)."""
    first = stored.get("filed") or stored.get("date") or (f"{stored['month']}-00" if stored.get("month") else None)
    if first is None:
        return UNDATED
    return f"{first} {stored['date']}" if stored.get("filed") and stored.get("date") else first


@dataclass
class Reference:
    """What a search must find, worked out from the documents alone."""

    live: dict[int, dict]  # document number -> stored fields, of the documents not deleted
    # Which CIKs filed under each name, read from the live documents: a deleted filing's CIK no
    # longer claims the names it used.
    owners: dict[str, set[str]]
    shown: dict[tuple[str, str], str] = field(default_factory=dict)
    _folded: dict[str, set[str]] = field(default_factory=dict)
    _keys: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def __post_init__(self):
        for name, owners in self.owners.items():
            for cik in owners:
                self._folded.setdefault(cik, {cik})
            if len(owners) == 1:
                self._folded[next(iter(owners))].add(name)

    def counted(self, stored: dict, field: str) -> list[str]:
        """The keys a document is counted under: a company without a CIK under the one CIK that
        filed under its name, if only one did; NONE for a document without the facet."""
        held = _held(stored, field)
        if field == "company" and held:
            owners = self.owners.get(held[0], set())
            held = [next(iter(owners))] if len(owners) == 1 else held
        return held or [NONE]

    def folded(self, cik: str) -> set[str]:
        """A CIK's key with the names only it filed under."""
        return self._folded.get(cik, {cik})

    def keys(self, field: str, value: str) -> set[str]:
        """The keys a filter value finds (a company's name: every CIK that filed under it, and theirs)."""
        if (field, value) not in self._keys:
            key = facet_key(field, value)
            found = {key}
            if field == "company" and key != NONE:
                found = found.union(*(self.folded(cik) for cik in self.owners.get(key, ())))
            self._keys[(field, value)] = found
        return self._keys[(field, value)]

    def passes(self, stored: dict, field: str, values: list[str]) -> bool:
        """Whether a document passes a filter: a value matches by its key, NONE those without one."""
        held = _held(stored, field)
        if not held:
            return NONE in values
        keys = set().union(*(self.keys(field, value) for value in values if value != NONE))
        return any((value if field in NAME_FIELDS else facet_key(field, value)) in keys for value in held)

    def show(self, field: str, key: str) -> str:
        """A key as the results show it: a company known by its CIK by the name of its latest
        document, any other name by its first document's."""
        if field not in NAME_FIELDS or key == NONE:
            return key
        if (field, key) not in self.shown:
            if key.startswith(CIK_PREFIX):
                group = self.folded(key)
                dated = [(_sort_date(stored), number) for number, stored in self.live.items()
                         if _held(stored, field)[:1] and _held(stored, field)[0] in group]
                number = max(dated)[1] if dated else None
            else:
                number = min((number for number, stored in self.live.items() if key in _held(stored, field)),
                             default=None)
            self.shown[(field, key)] = self.live[number][field] if number is not None else key
        return self.shown[(field, key)]

    def allows(self, stored: dict, request: SearchRequest, but: str | None = None) -> bool:
        """Whether a document passes every facet's filter but `but`'s: its values (any of them), and
        none of its exclusions."""
        return all(self.passes(stored, name, list(getattr(request, name))) for name in FACET_FIELDS
                   if name != but and getattr(request, name)) and \
            not any(self.passes(stored, name, list(getattr(request, f"not_{name}"))) for name in FACET_FIELDS
                    if name != but and getattr(request, f"not_{name}"))

    def facets(self, documents: list[dict], request: SearchRequest) -> dict[str, list[tuple[str, int, bool, bool]]]:
        """Every facet's values as listed: each facet counted over the matches that pass every
        other facet's filter and exclusions (and the month range), most common first, NONE last."""
        listed = {}
        for name in FACET_FIELDS:
            counts = Counter(key for stored in documents if self.allows(stored, request, but=name)
                             for key in self.counted(stored, name))
            ranked = sorted(counts.items(), key=lambda item: (item[0] == NONE, -item[1], item[0]))
            selected, excluded = list(getattr(request, name)), list(getattr(request, f"not_{name}"))
            wanted = set().union(*(self.keys(name, value) for value in selected))
            unwanted = set().union(*(self.keys(name, value) for value in excluded))
            # The first FACET_VALUES and any selected or excluded past them; months and years every one.
            values = [(self.show(name, key), count, facet_key(name, key) in wanted, facet_key(name, key) in unwanted)
                      for at, (key, count) in enumerate(ranked)
                      if FACET_NAMED[name].written or at < FACET_VALUES or facet_key(name, key) in wanted | unwanted]
            present = {facet_key(name, key) for key in counts}
            values += [(value, 0, True, False) for value in dict.fromkeys(selected) if not present & self.keys(name, value)]
            values += [(value, 0, False, True) for value in dict.fromkeys(excluded) if not present & self.keys(name, value)]
            listed[name] = values
        return listed


def _in_range(stored: dict, request: SearchRequest) -> bool:
    month = (stored.get("month") or "").lower()
    if not (request.month_from or request.month_to):
        return True
    return bool(month) and (request.month_from or "") <= month <= (request.month_to or "9999-99")


# Stock Whoosh for the ranking.

_EXPANDED = (whoosh_query.Wildcard, whoosh_query.Prefix, whoosh_query.FuzzyTerm, whoosh_query.Regex,
             whoosh_query.TermRange)


def stock(parsed: whoosh_query.Query, reader) -> whoosh_query.Query:
    """The parsed query in stock Whoosh's classes alone, scored as the product scores it: a
    wildcard or range as the OR of the words it matches, each scored by BM25F (Whoosh's own
    scores every match of a pattern alike)."""
    if isinstance(parsed, _EXPANDED):
        words = [whoosh_query.Term(name, text, boost=parsed.boost) for name, text in parsed.expanded_terms(reader)]
        return whoosh_query.Or(words) if words else whoosh_query.NullQuery
    if parsed.is_leaf():
        assert type(parsed).__module__.startswith("whoosh."), f"{parsed!r} is not stock Whoosh's"
        return parsed
    return parsed.apply(lambda child: stock(child, reader))


@dataclass
class World:
    index: Path
    reference: Reference
    scores: dict[str, dict[int, float]]  # query string -> every match's stock BM25F score
    words: dict[str, str]
    values: dict[str, list[str]]  # facet -> its values, most common first


def _words(searcher, live: int) -> dict[str, str]:
    """Words of the vocabulary held by about each kind's share of the documents, and more."""
    body, reader = searcher.schema["body"], searcher.reader()
    frequency = {}
    for word in Vocabulary(sources=(SEEDS,)).words[50:12000:5]:
        terms = list(body.process_text(word, mode="query"))
        if word.isalpha() and len(word) >= 5 and len(terms) == 1 and ("body", terms[0]) in reader:
            # Postings leave out the deleted documents; the index's own frequency counts them.
            frequency[word] = len(list(reader.postings("body", terms[0]).all_ids()))
    taken: set[str] = set()

    def closest(share: float) -> str:
        target = max(RARE_AT_LEAST, share * live)
        word = min((word for word in frequency if word not in taken),
                   key=lambda word: (abs(frequency[word] - target), word))
        taken.add(word)
        return word

    return {"rare": closest(SHARES["rare"]), "medium": closest(SHARES["medium"]),
            "common": closest(SHARES["common"]), "other": closest(SHARES["medium"]),
            "common2": closest(SHARES["common"] / 2)}


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    index = _build(tmp_path_factory.mktemp("exact"))
    with open_dir(str(Store(index).current())).searcher(weighting=BM25F()) as searcher:
        reader = searcher.reader()
        segments = [(leaf.doc_count_all(), leaf.doc_count()) for leaf, _ in reader.leaf_readers()]
        assert len(segments) >= 3 and sum(held > live for held, live in segments) >= 2, segments
        owners: dict[str, set[str]] = defaultdict(set)
        live = dict(reader.iter_docs())
        for stored in live.values():
            key = _company_key(stored)
            if key and key.startswith(CIK_PREFIX):
                for name in _names(stored):
                    owners[name].add(key)
        reference = Reference(live, dict(owners))
        values = {name: [key for key, _ in Counter(key for stored in live.values() for key in
                                                   reference.counted(stored, name)).most_common()]
                  for name in FACET_FIELDS}
        values = {name: [reference.show(name, key) for key in keys] for name, keys in values.items()}
        world = World(index, reference, {}, _words(searcher, len(live)), values)
        for kind in KINDS:
            text, _ = KINDS[kind](world)
            if text not in world.scores:
                found = searcher.search(stock(parse(text), reader), limit=None)
                world.scores[text] = {hit.docnum: hit.score for hit in found}
    return world


# The query mix: every kind of benchmarks/queries.py's, then phrases with slop, negations,
# several values of a facet, month ranges and browse pages.
Kind = Callable[[World], tuple[str, dict]]
KINDS: dict[str, Kind] = {
    "rare term": lambda w: (w.words["rare"], {}),
    "medium term": lambda w: (w.words["medium"], {}),
    "common term": lambda w: (w.words["common"], {}),
    "two terms": lambda w: (f"{w.words['common']} {w.words['medium']}", {}),
    "phrase": lambda w: ('"exchange act"', {}),
    "phrase, rarer": lambda w: (f'"{w.words["common"]} {w.words["common2"]}"', {}),
    "phrase of three words": lambda w: ('"securities exchange act"', {}),
    "phrase with slop": lambda w: ('"exchange 1934"~3', {}),
    "phrase of common words with slop": lambda w: (f'"{w.words["common"]} {w.words["common2"]}"~4', {}),
    "boolean": lambda w: (f"{w.words['common']} AND ({w.words['medium']} OR {w.words['rare']}) "
                          f"NOT {w.words['other']}", {}),
    "either word": lambda w: (f"{w.words['medium']} OR {w.words['other']}", {}),
    "negation": lambda w: (f"{w.words['common']} -{w.words['common2']}", {}),
    "wildcard": lambda w: (f"{w.words['medium'][:4]}*", {}),
    "fielded": lambda w: ("title:announces", {}),
    "fielded name words": lambda w: (f"company:{w.values['company'][0].split()[0]}", {}),
    "common + year": lambda w: (w.words["common"], {"year": w.values["year"][:1]}),
    "medium + company": lambda w: (w.words["medium"], {"company": w.values["company"][:1]}),
    "common + two facets": lambda w: (w.words["common"], {"exhibit_type": ["EX-99.1"], "year": w.values["year"][:1]}),
    "several values of one facet": lambda w: (w.words["common"], {"exhibit_type": ["EX-99.1", "EX-99.2", "6-K"],
                                                                  "company": w.values["company"][:3]}),
    "documents without a facet": lambda w: (w.words["common"], {"signer": [NONE]}),
    "month range": lambda w: (w.words["common"], {"month_from": "2000-01", "month_to": "2012-06"}),
    "month range in the query": lambda w: (f"{w.words['common']} month:[2000-01 TO 2012-06]", {}),
    "excluding a company": lambda w: (w.words["common"], {"not_company": w.values["company"][:1]}),
    "excluding beside selecting": lambda w: (w.words["common"], {"exhibit_type": ["EX-99.1", "6-K"],
                                                                 "not_exhibit_type": ["6-K"],
                                                                 "not_year": w.values["year"][:1]}),
    "excluding the documents without a facet": lambda w: ("", {"not_signer": [NONE], "not_company": ["no such co"]}),
    "browse": lambda w: ("", {"year": w.values["year"][:2]}),
    "browse everything": lambda w: ("", {}),
}


def _expected(world: World, request: SearchRequest, text: str) -> tuple[int, dict, list[tuple[str, float | None]]]:
    reference, scores = world.reference, world.scores[text]
    matched = [number for number in sorted(scores) if _in_range(reference.live[number], request)]
    documents = [reference.live[number] for number in matched]
    passing = [number for number in matched if reference.allows(reference.live[number], request)]
    if request.sort == "relevance":
        ordered = sorted(passing, key=lambda number: (-scores[number], number))
    else:
        ordered = sorted(passing, key=lambda number: reference.live[number]["id"])
        dated = {number: _sort_date(reference.live[number]) for number in ordered}
        if request.sort == "newest":
            ordered.sort(key=dated.__getitem__, reverse=True)
        else:
            ordered.sort(key=lambda number: (dated[number] == UNDATED, dated[number]))
    start = (request.page - 1) * request.per_page
    page = [(reference.live[number]["id"], round(scores[number], 4) if request.sort == "relevance" else None)
            for number in ordered[start:start + request.per_page]]
    return len(passing), reference.facets(documents, request), page


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("kind", KINDS)
def test_search_is_exact(world, kind, sort):
    text, filters = KINDS[kind](world)
    for per_page in PAGE_SIZES:
        for page in PAGES:
            request = SearchRequest(query=text, sort=sort, page=page, per_page=per_page, **filters)
            total, facets, hits = _expected(world, request, text)
            result = search(world.index, request)
            where = f"{kind} ({text!r}, {filters}), {sort}, page {page} of {per_page}"
            assert result.total == total, where
            assert [(hit.id, hit.score) for hit in result.hits] == hits, where
            assert {name: [(value.value, value.count, value.selected, value.excluded) for value in values]
                    for name, values in result.facets.items()} == facets, where


def test_the_mix_finds_few_and_many(world):
    """The queries keep the reach they are chosen for: hundreds of hits for the common words (a
    later page of 100 is not empty), a handful for the rare one, and ties in relevance."""
    common, rare = (len(world.scores[KINDS[kind](world)[0]]) for kind in ("common term", "rare term"))
    assert common > 2 * max(PAGE_SIZES) and 0 < rare < 10, (common, rare)
    everything = world.scores[""]
    assert len(set(everything.values())) == 1 and len(everything) == len(world.reference.live)
