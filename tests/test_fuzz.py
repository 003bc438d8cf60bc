"""Fuzzing the search's three faces (the search module, `filings search`, the web) with hypothesis.

Whatever a user types or a URL carries, the answer is a result or a one-line refusal (QueryError;
exit code 2; a 400 with the message), never a traceback or a 500; a search that runs out of its
time budget is refused the same way, with the timeout's message. The strategies aim at the query
parser: words the index holds, its operators, field prefixes, ranges and wildcards, mixed with
unicode, control characters and long runs.
"""

import json
import os
import re
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.cli import cli
from indexer.errors import QueryError, QueryTimeoutError
from indexer.facets import facet_key
from indexer.models import MAX_QUERY_LENGTH
from indexer.search.request import request_from
from search_web import create_app

from .conftest import DEADLINE_SECONDS, SEEDS, export, search

# Examples run for each of the eight properties below (the README's "fuzz cases run"); `make fuzz` runs more.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 150))
# Budgets the fuzzed searches get: the smaller ones run out often, which takes the timeout's path.
# Searches that must be answered get DEADLINE_SECONDS, which only a hang runs out of, however busy the machine.
BUDGETS = (0.01, 0.1, 1.0)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Words the seed index holds: five letters or more, so never a stop word the analyzer drops.
WORDS = sorted({word for path in SEEDS.glob("*.txt")
                for word in re.findall(r"[A-Za-z]{5,}", path.read_text(encoding="utf-8", errors="replace"))})
OPERATORS = ["AND", "OR", "NOT", "TO", "-", "+", '"', "(", ")", "*", "?", "~", "~2", "^", "^3", "[", "]", "{", "}",
             ":", "\\", "/", "!", "&&", "||", "'", "*:*", "%", "#", ";"]
FIELDS = ["accession", "body", "cik", "company", "date", "description", "exhibit_type", "filed", "filename",
          "form_type", "id", "month", "period", "signer", "signer_title", "source", "title", "year",
          # The index's own fields, which a user may not name, and fields that do not exist.
          "company_key", "company_words", "sort_date", "stamp", "file", "colour", "_", "9", "Month", "ünïcode"]
VALUES = ["[2002-10 TO 2003-01]", "[2002 TO 2003]", "{2002-01 TO}", "[TO 2003-01]", "[a TO z]", "[2003 TO 2002]",
          "2002-11", "2002-13", "2002-1*", "20*", "*", "2002-11-05", "6-K", "EX-99.1", "(none)", '"yong s. lee"',
          "٢٠٠٢-١١", "99999999999999999999"]
ODD = ["\x00", "\n", "\r\n", "\t", "\x1b[31m", "\x7f", "\u202e", "\ufeff", "\u200b", "é", "ß", "İ", "ﬁ", "𝔘", "中文",
       "🙂", "\ufffd", "<script>", "&amp;", "%00", "%2F", "../"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(OPERATORS), st.sampled_from(VALUES), st.sampled_from(ODD),
                  st.text(max_size=6))
term = st.one_of(token, st.tuples(st.sampled_from(FIELDS), st.just(":"), token).map("".join),
                 st.tuples(token, st.sampled_from(["*", "?", "~", "^2", "~1"])).map("".join))
terms = st.lists(term, max_size=12)
queries = st.one_of(
    terms.map(" ".join), terms.map("".join), st.text(max_size=40),
    # Long runs: one token repeated up to past the longest query accepted.
    st.builds(lambda piece, times: piece * times, term, st.integers(50, MAX_QUERY_LENGTH + 100)),
    st.builds(lambda depth, word: "(" * depth + word + ")" * depth, st.integers(1, 60), st.sampled_from(WORDS)),
)
# Queries that must be answered: words, ORs between them, a phrase.
valid_queries = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map(" OR ".join),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda words: '"' + " ".join(words) + '"'),
)

FACETS = ("company", "month", "year", "form_type", "exhibit_type", "signer")
SCALARS = ("month_from", "month_to", "sort", "page", "per_page")
numbers = st.one_of(st.integers(-10**30, 10**30), st.sampled_from([0, 1, 100, 101, 2**63, 10**18]),
                    st.sampled_from(["1", "20", " 5 ", "1e3", "0x10", "١", "-0", "+3", "", "NaN", "9" * 5000]),
                    st.floats(allow_nan=True, allow_infinity=True))
facet_values = st.one_of(st.sampled_from(VALUES), st.sampled_from(ODD), st.sampled_from(WORDS), queries)
loose = st.one_of(queries, numbers, st.none(), st.booleans(), st.lists(facet_values, max_size=5),
                  st.lists(facet_values, min_size=19, max_size=25), st.dictionaries(st.text(max_size=3), numbers))
loose_params = st.dictionaries(st.sampled_from(["q", "query", *FACETS, *SCALARS, "bogus", ""]), loose, max_size=6)

MONTHS_BEFORE = [f"{year}-{month:02d}" for year in (2001, 2002) for month in range(1, 13)]
MONTHS_AFTER = [f"{year}-{month:02d}" for year in (2003, 2004) for month in range(1, 13)]
# Any text is a company, form type or signer to filter on (short of the longest accepted). Each
# value once: a value given twice weighs twice in the scores (see the test of it below).
def values_of(field: str, values) -> st.SearchStrategy:
    return st.lists(values, max_size=3, unique_by=lambda value: facet_key(field, value))


names = st.one_of(st.text(max_size=200), st.sampled_from(["(none)", "Korea Thrunet Co., Ltd.", "6-K"]))
valid_params = st.fixed_dictionaries({}, optional={
    "q": valid_queries, **{field: values_of(field, names) for field in ("company", "form_type", "exhibit_type", "signer")},
    "month": values_of("month", st.sampled_from([*MONTHS_BEFORE, *MONTHS_AFTER, "(none)"])),
    "year": values_of("year", st.sampled_from(["2001", "2002", "2003", "(none)"])),
    "month_from": st.sampled_from(MONTHS_BEFORE), "month_to": st.sampled_from(MONTHS_AFTER),
    "sort": st.sampled_from(["relevance", "newest", "oldest"]),
    "page": st.integers(1, 10**12), "per_page": st.integers(1, 100),
})


def one_line(message: str) -> None:
    assert message and "\n" not in message and "\r" not in message and "Traceback" not in message, message


@pytest.fixture(scope="module")
def index(seed_index):
    return seed_index


def outcome(call, *args, **kwargs):
    """What `call` returns, or the QueryError it raises."""
    try:
        return call(*args, **kwargs)
    except QueryError as error:
        return error


# How a timeout's message ends: the budget ran out while searching, or while expanding a wildcard.
TIMEOUT_ENDINGS = ("narrow it (fewer wildcards, more words or filters)",)


def check_search(index, request, budget: float):
    """Search within `budget`: a result, or a one-line QueryError (a timeout says so)."""
    result = outcome(search, index, request, budget=budget)
    if isinstance(result, QueryError):
        one_line(str(result))
        assert not isinstance(result, QueryTimeoutError) or str(result).endswith(TIMEOUT_ENDINGS), str(result)
        return None
    assert len(result.hits) == min(request.per_page, max(0, result.total - (request.page - 1) * request.per_page))
    return result


@FUZZ
@given(query=queries, budget=st.sampled_from(BUDGETS))
def test_search_any_query_is_answered_or_refused_in_one_line(index, query, budget):
    try:
        request = request_from({"q": query})
    except QueryError as error:
        assert len(query) > MAX_QUERY_LENGTH and str(error).startswith("bad search parameter q="), str(error)
        return
    check_search(index, request, budget)


def test_search_a_long_unknown_word_is_looked_up_for_corrections(index):
    """Found by the property above: Whoosh built a spelling automaton for a word 1,800 letters
    long in 1.5 s, whatever the budget, before suggest.py measured only words of a near length."""
    result = search(index, request_from({"q": "According" * 200}), budget=DEADLINE_SECONDS)
    assert (result.total, result.suggestion) == (0, None)


@FUZZ
@given(params=loose_params, budget=st.sampled_from(BUDGETS))
def test_search_any_parameters_are_answered_or_refused_in_one_line(index, params, budget):
    try:
        request = request_from(params)
    except QueryError as error:
        one_line(str(error))
        assert str(error).startswith(("bad search parameter ", "month_from=")), str(error)
        return
    check_search(index, request, budget)
    # The export runs the same search, every page at once.
    hits = outcome(lambda: list(export(index, request)))
    if isinstance(hits, QueryError):
        one_line(str(hits))


def sums_of_open_facets(result, params: dict) -> dict[str, int]:
    """Each facet's counts added up, for the facets the search does not filter (those add up to the total)."""
    filtered = {name for name in FACETS if any(value.strip() for value in params.get(name, []))}
    if "month_from" in params or "month_to" in params:
        filtered.add("month")
    return {name: sum(value.count for value in result.facets[name]) for name in FACETS if name not in filtered}


@FUZZ
@given(params=valid_params)
def test_search_valid_parameters_are_answered(index, params):
    request = request_from(params)
    result = check_search(index, request, DEADLINE_SECONDS)
    assert result is not None, "a valid search was refused"
    assert sums_of_open_facets(result, params) == dict.fromkeys(sums_of_open_facets(result, params), result.total)
    assert [hit.id for hit in export(index, request)][(request.page - 1) * request.per_page:][:request.per_page] == [
        hit.id for hit in result.hits]


# Found by the property above: a filter once added to every score (Whoosh scores a filter by its
# own terms when the collector records matched terms), and a value given twice added twice.


def test_search_a_filter_value_given_twice_orders_hits_as_given_once(index):
    once = search(index, request_from({"year": ["2002", "2003"]}))
    twice = search(index, request_from({"year": ["2002", "2002", "2003"]}))
    assert [hit.id for hit in twice.hits] == [hit.id for hit in once.hits]


def test_search_a_filter_leaves_the_scores_as_they_were(index):
    unfiltered = {hit.id: hit.score for hit in search(index, request_from({"q": "company"})).hits}
    filtered = search(index, request_from({"q": "company", "year": ["2002", "2003"]})).hits
    assert {hit.id: hit.score for hit in filtered} == unfiltered


OPTIONS = ["--company", "--month", "--from", "--to", "--year", "--form-type", "--exhibit-type", "--signer", "--sort",
           "--page", "--per-page"]
cli_value = st.one_of(facet_values, numbers.map(str), st.sampled_from(["relevance", "newest", "oldest", "-"]))
cli_options = st.lists(st.one_of(
    st.tuples(st.sampled_from(OPTIONS), cli_value).map(list),
    st.sampled_from([["--json"], ["--csv"], ["--all"], ["--csv", "--all"], ["--json", "--csv"], ["--bogus"], ["-x"],
                     ["--page"], ["--index"]]),
), max_size=4).map(lambda groups: [arg for group in groups for arg in group])


def run_cli(runner, index_path, args: list[str], budget: float):
    return runner.invoke(cli, ["search", "--index", str(index_path), *args], env={"FILINGS_SEARCH_BUDGET": str(budget)})


@pytest.fixture(scope="module")
def cli_runner():
    return CliRunner()


@FUZZ
@given(options=cli_options, query=queries, end_options=st.booleans(), budget=st.sampled_from(BUDGETS))
def test_cli_any_arguments_exit_0_or_2_with_one_line(cli_runner, seed_index, options, query, end_options, budget):
    args = [*options, *(["--"] if end_options else []), query]
    result = run_cli(cli_runner, seed_index, args, budget)
    assert result.exit_code in (0, 2), (args, result.exception, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        one_line(result.stderr.rstrip("\n"))
        assert result.stderr.startswith("error: ")
    else:
        assert result.stderr == ""


def cli_args_of(params: dict) -> list[str]:
    flags = {"month_from": "--from", "month_to": "--to"}
    args = []
    for name, value in params.items():
        if name != "q":
            for one in value if isinstance(value, list) else [value]:
                args += [flags.get(name, "--" + name.replace("_", "-")), str(one)]
    return [*args, "--json", "--", params.get("q", "")]


@FUZZ
@given(params=valid_params)
def test_cli_valid_arguments_exit_0_with_the_search_modules_answer(cli_runner, seed_index, index, params):
    result = run_cli(cli_runner, seed_index, cli_args_of(params), DEADLINE_SECONDS)
    assert (result.exit_code, result.stderr) == (0, ""), params
    printed = json.loads(result.stdout)
    expected = search(index, request_from(params))
    assert (printed["total"], [hit["id"] for hit in printed["hits"]]) == (expected.total, [h.id for h in expected.hits])


@pytest.fixture(scope="module")
def web(web_index):
    """A test client of the app over the web tests' index, with a budget only a hang runs out of."""
    corpus, index_path = web_index
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FILINGS_SEARCH_BUDGET", str(DEADLINE_SECONDS))
        app = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index_path})
        yield app.test_client(), [hit.id for hit in search(index_path, request_from({"per_page": 100})).hits]


def url_pairs(params: dict) -> list[tuple[str, str]]:
    return [(name, str(one)) for name, value in params.items()
            for one in (value if isinstance(value, list) else [value])]


@FUZZ
@given(params=loose_params, query=queries, document=st.integers(0, 99))
def test_web_any_parameters_are_200_or_a_400_with_one_line(web, params, query, document):
    client, ids = web
    pairs = url_pairs(params)
    for url, wanted in (("/api/search", pairs), ("/", pairs), (f"/doc/{ids[document % len(ids)]}", {"q": query})):
        response = client.get(url, query_string=wanted)
        assert response.status_code in (200, 400), (url, wanted, response.get_data(as_text=True)[:2000])
        if url.startswith("/api/"):
            answer = response.get_json()
            if response.status_code == 400:
                assert answer["status"] == 400
                one_line(answer["error"])
        else:
            assert response.mimetype == "text/html"
            assert "Traceback" not in response.get_data(as_text=True)


@FUZZ
@given(params=valid_params)
def test_web_valid_parameters_are_200_with_the_search_modules_answer(web, web_index, params):
    client, _ = web
    response = client.get("/api/search", query_string=url_pairs(params))
    assert response.status_code == 200, (params, response.get_json())
    expected = search(web_index[1], request_from(params))
    assert (response.get_json()["total"], [hit["id"] for hit in response.get_json()["hits"]]) == (
        expected.total, [hit.id for hit in expected.hits])
    assert client.get("/", query_string=url_pairs(params)).status_code == 200


@FUZZ
@given(document_id=st.one_of(st.text(alphabet=st.characters(blacklist_characters="/", blacklist_categories=["Cs"]),
                                     min_size=1, max_size=40),
                             st.sampled_from(["..", ".", "%00", "\x00", "a891a0d79b0129d5\x00", "A891A0D79B0129D5"])))
def test_web_any_document_id_is_404_unless_it_is_one(web, document_id):
    client, ids = web
    for route in ("/doc/", "/raw/", "/api/doc/"):
        response = client.get(route + quote(document_id, safe=""))
        assert response.status_code == (200 if document_id in ids else 404), (route, document_id)


# A budget any search outruns before its first collection, on any machine: each face then shows
# the timeout the way the properties above allow, with this message.
SPENT = 1e-9
TIMED_OUT = ("the search ran out of its 1e-09 s budget while parsing the query; "
             "narrow it (fewer wildcards, more words or filters)")


def test_a_search_past_its_budget_is_refused_with_the_timeout_on_every_face(index, cli_runner, seed_index, web_index,
                                                                           monkeypatch):
    with pytest.raises(QueryTimeoutError) as raised:
        search(index, request_from({"q": "company"}), budget=SPENT)
    assert str(raised.value) == TIMED_OUT
    result = run_cli(cli_runner, seed_index, ["company"], SPENT)
    assert (result.exit_code, result.stderr) == (2, f"error: {TIMED_OUT}\n")
    monkeypatch.setenv("FILINGS_SEARCH_BUDGET", str(SPENT))
    corpus, index_path = web_index
    response = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index_path}).test_client().get(
        "/api/search", query_string={"q": "company"})
    assert (response.status_code, response.get_json()) == (400, {"status": 400, "error": TIMED_OUT})
