"""The cluster answers as the embedded engine does: one corpus in a Whoosh index and in the 2-node
cluster gives, for every query of a list covering the syntax and for every filter, the same total,
the same facet counts and the same set of hits, and the same order for newest and oldest (ranking
may differ, so a relevance page is compared as a set). What the cluster cannot express is refused
alike, and a stopped node makes a result partial, naming it, until it is back."""

import json
import re
from pathlib import Path

import pytest

from .conftest import EDGAR, SEEDS, build_index, filings, wait_for
from indexer.engines.sphinx import cluster, facets, filings as grouped_filings, search
from indexer.engines.sphinx.tables import Tables
from indexer.engines.whoosh import WhooshIndex
from indexer.index.reindex import reindex
from indexer.errors import QueryError
from indexer.facets import NONE
from indexer.models import FacetListing, SearchRequest
from indexer.settings import COMMIT_EVERY, SearchSettings
from search_web import create_app

pytestmark = pytest.mark.cluster

SETTINGS = SearchSettings(budget=120)
QUERIES = [
    "", "*", "stock", "shares", "splits", "company report", '"reverse stock split"', '"annual report"',
    "stock OR bond", "stock NOT split", "stock -split", "NOT stock", "-company", "(stock OR shares) -split",
    "compan*", "sto*", "*ment", "rep*rt", "*por*", "title:report", "body:shares", "description:report",
    "signer:*", "company:*", "items:*", "title:* -body:stock", "month:[2002-10 TO 2003-01]",
    "stock month:[2000-01 TO 2010-12]", "year:[2000 TO 2004]", "date:[2002-01-01 TO 2003-12-31]", "date:2002*",
    "stock AND (shares OR company)", "stock^2 shares",
]
REFUSED = {
    '"stock split"~5': "proximity phrase",
    "s*": "needs at least 2 letters",
    "h?llo": "needs at least 2 letters",
    "stock OR month:[2002-10 TO 2003-01]": "not a whole condition",
    "NOT month:[2002-10 TO 2003-01]": "not a whole condition",
    "title:[a TO c]": "holds as words",
}
HOSTILE = ["o'brien", "back\\slash", "a@b", "x|y", "a/b", "nul\x00byte", "'); SHOW TABLES; --", "MATCH('x')",
           '"quoted \\" phrase"', "@title stock", "stock | company", "-(stock)", "stock/2", "\\'"]


def _corpus(name: str, tmp: Path) -> Path:
    if name == "seeds":
        return SEEDS
    if name == "edgar":
        if not EDGAR.is_dir():
            pytest.skip(f"{EDGAR} is absent: the real filings' corpus is shared beside the repository")
        return EDGAR
    from benchmarks.generate import write_corpus

    write_corpus(tmp / "generated", 300)
    return tmp / "generated"


@pytest.fixture(scope="module", params=["seeds", "edgar", "generated"])
def engines(request, sphinx_cluster, tmp_path_factory):
    """(the Whoosh index, the cluster's tables) holding one corpus, each built by `filings reindex`'s job."""
    tmp = tmp_path_factory.mktemp(f"parity-{request.param}")
    corpus = _corpus(request.param, tmp)
    index = build_index(corpus, tmp / "index")
    sphinx_cluster.clear()
    reindex(corpus, sphinx_cluster.address, commit_every=COMMIT_EVERY.resolve(), jobs=1)
    embedded = WhooshIndex.open(index, SETTINGS)
    tables = Tables.reach(sphinx_cluster.address)
    yield embedded, tables
    embedded.close()
    tables.close()


def _facets(result) -> dict[str, list[tuple]]:
    return {field: [(value.value, value.count, value.selected, value.excluded) for value in values]
            for field, values in result.facets.items()}


def _same(engines, **asked) -> None:
    embedded, tables = engines
    request = SearchRequest(**asked)
    expected, found = embedded.search(request), search.search(tables, request, SETTINGS)
    assert (found.total, found.partial, found.bounded) == (expected.total, False, False), asked
    assert _facets(found) == _facets(expected), asked
    assert found.facet_totals == expected.facet_totals, asked
    every = [hit.id for hit in embedded.export(request)]
    exported = [hit.id for hit in search.export(tables, request, SETTINGS)]
    assert sorted(exported) == sorted(every) and len(exported) == expected.total, asked
    for sort in ("newest", "oldest", "indexed"):
        ordered = SearchRequest(**{**asked, "sort": sort})
        assert [hit.id for hit in search.export(tables, ordered, SETTINGS)] == \
            [hit.id for hit in embedded.export(ordered)], (asked, sort)
        page = SearchRequest(**{**asked, "sort": sort, "per_page": 5, "page": 2})
        assert [hit.id for hit in search.search(tables, page, SETTINGS).hits] == \
            [hit.id for hit in embedded.search(page).hits], (asked, sort)
    assert {hit.id for hit in found.hits} <= set(every)


@pytest.mark.parametrize("query", QUERIES)
def test_cluster_query_same_as_embedded(engines, query):
    _same(engines, query=query)


def _values(engines) -> dict[str, list[str]]:
    """Each facet's values in the corpus, most common first, (none) too where documents lack it."""
    browse = engines[0].search(SearchRequest())
    return {field: [value.value for value in values] for field, values in browse.facets.items()}


def test_cluster_fielded_terms_same_as_embedded(engines):
    for field, values in _values(engines).items():
        for value in [each for each in values if each != NONE][:2]:
            _same(engines, query=f'{field}:"{value}"')


def test_cluster_filters_same_as_embedded(engines):
    for field, values in _values(engines).items():
        for value in values[:2]:
            _same(engines, query="", **{field: [value]})
        if len(values) > 1:
            _same(engines, query="", **{field: values[:2]})  # multi-select
            _same(engines, query="compan*", **{field: values[-2:]})


def test_cluster_exclusions_same_as_embedded(engines):
    """NOT IN on the cluster leaves out what AND NOT leaves out on the embedded engine: a value, two,
    (none), a list facet's document holding the value among others, beside a selection of the facet
    and of another."""
    values = _values(engines)
    for field, listed in values.items():
        excluding = f"not_{field}"
        for value in listed[:2]:
            _same(engines, query="", **{excluding: [value]})
        if len(listed) > 2:
            _same(engines, query="", **{excluding: listed[:2]})
            _same(engines, query="compan*", **{field: listed[:2], excluding: listed[1:3]})
        _same(engines, query="stock", company=values["company"][:1], **{excluding: listed[-1:]})


def test_cluster_facet_listing_same_as_embedded(engines):
    """Every value asked for, the values' own order and a narrowing text list the same values."""
    for field, listed in _values(engines).items():
        _same(engines, query="", more=[field], by_value=[field])
        for value in listed[:2]:
            _same(engines, query="", more=[field], **{f"narrow_{field}": value[:4]})


def _typed(field: str, value: str) -> str:
    """A facet value as an EDGAR user types it: lowercase, a code without its hyphens, a company
    without its punctuation and legal form."""
    typed = re.sub(r"[-,.]" if field == "company" else "-", " " if field == "company" else "", value.lower())
    if field == "company":
        typed = re.sub(r"(\s+(inc|co|ltd|llc|lp|corp|sa|ag|nv|plc))+\s*$", "", typed)
    return " ".join(typed.split())


def test_cluster_filters_as_typed_same_as_embedded(engines):
    embedded, _ = engines
    values = _values(engines)
    for field in ("company", "form_type", "exhibit_type"):
        for value in [each for each in values[field] if each != NONE][:3]:
            exact = embedded.search(SearchRequest(**{field: [value]})).total
            assert embedded.search(SearchRequest(**{field: [_typed(field, value)]})).total == exact, (field, value)
            _same(engines, query="", **{field: [_typed(field, value)]})
    _, tables = engines
    for field in ("company", "form_type"):
        value = next(each for each in values[field] if each != NONE)
        asked = SearchRequest(**{field: [value[:-1] + "q" + value[-1]]})  # a typo: matches nothing
        nearest = [facet.nearest for facet in embedded.search(asked).facets[field] if facet.selected]
        assert nearest[0] and [facet.nearest for facet in search.search(tables, asked, SETTINGS).facets[field]
                               if facet.selected] == nearest, (field, value)
    for hit in embedded.search(SearchRequest(query="cik:* accession:*", per_page=3)).hits:
        _same(engines, query=f"cik:{hit.cik.lstrip('0')}")
        _same(engines, query=hit.accession.replace("-", ""))
        assert embedded.search(SearchRequest(query=hit.accession.replace("-", ""))).total >= 1


def test_cluster_month_range_same_as_embedded(engines):
    months = sorted(value for value in _values(engines)["month"] if value != NONE)
    if not months:
        pytest.skip("no document of this corpus has a month")
    middle = months[len(months) // 2]
    _same(engines, query="", month_from=middle)
    _same(engines, query="stock", month_to=middle)
    _same(engines, query="", month_from=months[0], month_to=middle, form_type=["6-K"])


def test_cluster_former_company_name_finds_the_company(engines):
    embedded, tables = engines
    former = {name for document in embedded.export(SearchRequest()) for name in document.former_names}
    if not former:
        pytest.skip("no document of this corpus lists a former name")
    for name in sorted(former)[:3]:
        _same(engines, query="", company=[name])


@pytest.mark.parametrize("query", sorted(REFUSED))
def test_cluster_refuses_what_it_cannot_express(engines, query):
    with pytest.raises(QueryError, match=REFUSED[query]):
        search.search(engines[1], SearchRequest(query=query), SETTINGS)


@pytest.mark.parametrize("query", HOSTILE)
def test_cluster_user_text_never_reaches_sphinxql_as_syntax(engines, query):
    embedded, tables = engines
    try:
        expected = embedded.search(SearchRequest(query=query))
    except QueryError as error:
        with pytest.raises(QueryError) as raised:
            search.search(tables, SearchRequest(query=query), SETTINGS)
        assert str(raised.value) == str(error)
        return
    found = search.search(tables, SearchRequest(query=query), SETTINGS)
    assert (found.total, _facets(found)) == (expected.total, _facets(expected))


def test_cluster_snippets_mark_what_the_embedded_engine_marks(engines):
    embedded, tables = engines
    for query in ("stock", '"annual report"', "compan*"):
        request = SearchRequest(query=query, sort="newest")
        expected = {hit.id: hit.snippet for hit in embedded.search(request).hits}
        for hit in search.search(tables, request, SETTINGS).hits:
            marked = lambda spans: [span.text.lower() for span in spans if span.matched]  # noqa: E731
            assert marked(hit.snippet) == marked(expected[hit.id]), (query, hit.id)


def test_cluster_suggests_a_correction_of_one_edit(engines):
    embedded, tables = engines
    expected = embedded.search(SearchRequest(query="stok"))
    found = search.search(tables, SearchRequest(query="stok"), SETTINGS)
    assert found.suggestion == expected.suggestion


def test_cluster_stopped_node_gives_a_partial_result_naming_it(sphinx_cluster, engines):
    _, tables = engines
    whole = search.search(tables, SearchRequest(query=""), SETTINGS)
    stopped = cluster.Cluster.read(sphinx_cluster.root).nodes[1]
    cluster.stop(sphinx_cluster.root, only=stopped.number)
    try:
        found = search.search(tables, SearchRequest(query=""), SETTINGS)
        assert found.partial and found.total < whole.total
        assert [warning for warning in found.warnings if f"{stopped.host}:{stopped.port}" in warning] == \
            [f"node {stopped.host}:{stopped.port} did not answer: the hits and counts lack the documents it holds"]
    finally:
        cluster.start(sphinx_cluster.root, only=stopped.number)
    again = wait_for(lambda: (result := search.search(tables, SearchRequest(query=""), SETTINGS)) and
                     not result.partial and result, what="the restarted node answering")
    assert (again.total, again.warnings) == (whole.total, [])


@pytest.mark.parametrize("query", sorted(REFUSED))
def test_cluster_refusal_is_exit_2_and_http_400(sphinx_cluster, engines, query):
    process = filings("search", "--index", sphinx_cluster.address, "--", query)
    out, err = process.communicate()
    assert process.returncode == 2 and REFUSED[query] in err, (out, err)
    app = create_app({"FILINGS_CORPUS": SEEDS, "FILINGS_INDEX": sphinx_cluster.address})
    response = app.test_client().get("/api/search", query_string={"q": query})
    assert response.status_code == 400 and REFUSED[query] in response.get_data(as_text=True)


def test_cluster_answers_the_cli_and_the_api_as_the_library_does(sphinx_cluster, engines):
    _, tables = engines
    expected = search.search(tables, SearchRequest(query="stock"), SETTINGS)
    process = filings("search", "--index", sphinx_cluster.address, "--json", "stock")
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert json.loads(out)["total"] == expected.total
    app = create_app({"FILINGS_CORPUS": SEEDS, "FILINGS_INDEX": sphinx_cluster.address})
    response = app.test_client().get("/api/search", query_string={"q": "stock"})
    assert response.status_code == 200 and response.get_json()["total"] == expected.total


def test_cluster_lists_a_facet_for_the_cli_and_the_api_as_the_embedded_engine_does(sphinx_cluster, engines):
    embedded, _ = engines
    app = create_app({"FILINGS_CORPUS": SEEDS, "FILINGS_INDEX": sphinx_cluster.address})
    for field in ("company", "year", "form_type"):
        expected = embedded.facet(field, SearchRequest(not_form_type=["6-K"], by_value=[field]))
        process = filings("facets", field, "--not-form-type", "6-K", "--by-value", "--json",
                          "--index", sphinx_cluster.address)
        out, err = process.communicate()
        assert process.returncode == 0, err
        assert FacetListing.model_validate_json(out) == expected, field
        response = app.test_client().get(f"/api/facets/{field}", query_string={"not_form_type": "6-K",
                                                                              "by_value": field})
        assert FacetListing.model_validate(response.get_json()) == expected, field


def test_cluster_facet_reaching_its_bound_is_marked(engines, monkeypatch):
    monkeypatch.setattr(facets, "GROUP_BOUND", 2)
    many = {field for field, values in _values(engines).items() if len(values) >= 2}
    found = search.search(engines[1], SearchRequest(query=""), SETTINGS)
    named = {field for field in many if any(f"the {field} facet has more values" in each for each in found.warnings)}
    assert found.bounded == bool(many) and named == many and not found.partial


def test_cluster_page_past_the_paging_bound_is_refused(engines):
    deepest = search.PAGE_BOUND // 20
    assert search.search(engines[1], SearchRequest(query="", page=deepest), SETTINGS).page == deepest
    with pytest.raises(QueryError, match="past hit 100,000, the deepest the cluster pages"):
        search.search(engines[1], SearchRequest(query="", page=deepest + 1), SETTINGS)


def test_cluster_export_reads_every_hit_past_one_read(engines, monkeypatch):
    embedded, tables = engines
    monkeypatch.setattr(search, "EXPORT_ROWS", 3)
    for sort in ("newest", "oldest", "indexed"):
        request = SearchRequest(query="", sort=sort)
        assert [hit.id for hit in search.export(tables, request, SETTINGS)] == \
            [hit.id for hit in embedded.export(request)]


def test_cluster_names_read_up_to_their_bound_are_marked(engines, monkeypatch):
    monkeypatch.setattr(facets, "NAMES_BOUND", 1)
    names = facets.Names(engines[1], version=-1)  # a version no search has read: read anew
    names.companies()
    names.latest("signer")
    assert names.reached == {"company", "signer"}


def _groups(result) -> list[tuple[str | None, list[str]]]:
    return [(group.accession, [hit.id for hit in group.documents]) for group in result.groups]


def test_cluster_groups_by_filing_as_embedded(engines):
    embedded, tables = engines
    for query in ("", "shares", '"annual report"', "sto*", "title:* -body:stock"):
        for sort in ("newest", "oldest", "indexed"):
            for page, per_page in ((1, 10), (3, 7), (1, 100)):
                request = SearchRequest(query=query, sort=sort, group="filing", page=page, per_page=per_page)
                expected, found = embedded.search(request), search.search(tables, request, SETTINGS)
                assert (found.total, found.total_filings, found.bounded) == (
                    expected.total, expected.total_filings, False), (query, sort, page)
                assert _groups(found) == _groups(expected), (query, sort, page)
                assert _facets(found) == _facets(expected), (query, sort, page)
        # Ranking may differ: compared where one page holds every filing.
        request = SearchRequest(query=query, group="filing", per_page=100)
        expected, found = embedded.search(request), search.search(tables, request, SETTINGS)
        if expected.total_filings <= 100:
            assert sorted((accession or "", sorted(ids)) for accession, ids in _groups(found)) == \
                sorted((accession or "", sorted(ids)) for accession, ids in _groups(expected)), query


def test_cluster_grouping_past_its_bounds_is_marked(engines, monkeypatch):
    embedded, tables = engines
    request = SearchRequest(query="", sort="newest", group="filing", per_page=5)
    several = [group for group in embedded.search(SearchRequest(query="", group="filing", per_page=100)).groups
               if group.accession and len(group.documents) > 1]
    if len(several) < 3:
        pytest.skip("this corpus holds too few filings of several documents")
    monkeypatch.setattr(grouped_filings, "FILINGS_BOUND", 1)
    found = search.search(tables, request, SETTINGS)
    assert found.bounded and any("more filings than the cluster counts exactly (1)" in each for each in found.warnings)
    monkeypatch.undo()
    monkeypatch.setattr(grouped_filings, "PAGE_DOCUMENTS", 2)
    found = search.search(tables, SearchRequest(query="", sort="newest", group="filing", per_page=100), SETTINGS)
    assert found.bounded and any("hold more matching documents than the cluster reads" in each
                                 for each in found.warnings)
    monkeypatch.undo()
    # The newest documents, a filing's side by side (they share its date): fewer filings than documents.
    deepest = 10
    newest = len({hit.accession or hit.id for hit in embedded.search(SearchRequest(query="", sort="newest",
                                                                                   per_page=deepest)).hits})
    assert newest < deepest
    monkeypatch.setattr(search, "PAGE_BOUND", deepest)
    found = search.search(tables, SearchRequest(query="", sort="newest", group="filing", per_page=newest + 1), SETTINGS)
    assert len(found.groups) == newest
    assert found.bounded and any(f"lie past the first {deepest} documents" in each for each in found.warnings)


@pytest.mark.parametrize("asked", [
    {"filed_within": "5y"}, {"filed_within": "10y"}, {"filed_within": "30y"}, {"filed_from": "2020-01-01"},
    {"filed_to": "2010-06-30"}, {"filed_from": "2000-01-01", "filed_to": "2016-12-31"},
    {"query": "compan*", "filed_from": "2003-01-01"}, {"query": "", "filed_within": "10y", "month_from": "2016-01"},
], ids=str)
def test_cluster_filed_range_same_as_embedded(engines, asked):
    _same(engines, **asked)


def test_cluster_entity_same_as_embedded(engines):
    """Each company as the entity box writes it, and by its ticker, its name and its CIK without zeros:
    the same companies found, the same documents, counts and orders; the same suggestions."""
    embedded, tables = engines
    names = [value for value in _values(engines)["company"] if value != NONE][:6]
    listed = [embedded.entities(name).entities[0] for name in names]
    assert [entity.name for entity in listed] == names
    for entity in listed:
        typed = [entity.label, entity.name, *entity.tickers[:1], *([entity.cik.lstrip("0")] if entity.cik else [])]
        for asked in typed:
            _same(engines, query="", entity=asked)
            expected = embedded.search(SearchRequest(entity=asked)).entity
            assert search.search(tables, SearchRequest(entity=asked), SETTINGS).entity == expected, asked
    for typed in ("a", "1", "co", "kor", "zzzz", *(name[:3] for name in names)):
        assert search.entities(tables, typed) == embedded.entities(typed), typed
    missing = SearchRequest(entity=listed[0].name[:-1] + "q")
    assert search.search(tables, missing, SETTINGS).entity == embedded.search(missing).entity
    for hit in embedded.search(SearchRequest(query="ticker:*", per_page=3)).hits:
        _same(engines, query=f"ticker:{hit.ticker}")
