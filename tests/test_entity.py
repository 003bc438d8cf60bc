"""The entity box: one field (`--entity`, `entity=`) that finds a company by its name (a former one
too), by a ticker its filings state, or by its CIK with or without leading zeros, and filters the
search to it; suggestions as one types from /api/entities (a <datalist> filled by a script, over a
form that works without it); an entity that matches nothing says so and offers the nearest. The
same on a folder and on the cluster."""

import json
import shutil
from pathlib import Path

import pytest

from search_web import create_app

from .conftest import FOLDER_OR_CLUSTER, SEEDS, engine_index, invoke, links, page_of, submission, texts

COVER = ('<html><body><p>FORM {form}</p><table><tr><td>Title of each class</td><td>Trading Symbol(s)</td>'
         '<td>Name of each exchange on which registered</td></tr><tr><td>Common stock</td><td>'
         '<ix:nonNumeric name="dei:TradingSymbol" contextRef="c1">TSLA</ix:nonNumeric></td><td>The Nasdaq Global Select '
         'Market</td></tr></table><p>{text}</p></body></html>')
ACME = ("FORM 8-K\n\nSECURITIES AND EXCHANGE COMMISSION\n\nTitle of each class\tTrading Symbol(s)\tName of each "
        "exchange on which registered\nCommon Stock\tACME\tNew York Stock Exchange\n\nAcme widgets sold out.\n")
# File -> (header facts, text): Tesla under its CIK three times (its 8-K states no ticker, its oldest
# filing has its former name), Acme with the ticker in its cover's table, and a seed without a CIK.
FILINGS = {
    "tesla-10k.txt": (("0001318605-24-000001", "2024-01-29", "TESLA, INC.", "0001318605", "10-K"),
                      COVER.format(form="10-K", text="Tesla annual report: vehicles delivered.")),
    "tesla-8k.txt": (("0001318605-23-000002", "2023-05-01", "TESLA, INC.", "1318605", "8-K"),
                     "FORM 8-K\n\nTesla current report: vehicles recalled.\n"),
    "tesla-motors.txt": (("0001318605-12-000003", "2012-02-27", "TESLA MOTORS INC", "0001318605", "10-K"),
                         "FORM 10-K\n\nTesla Motors annual report: roadsters delivered.\n"),
    "acme.txt": (("0001234567-22-000004", "2022-03-03", "ACME WIDGETS CO LTD", "0001234567", "8-K"), ACME),
}
TESLA = "Tesla, Inc. (TSLA) (CIK 0001318605)"
THRUNET = "Korea Thrunet Co., Ltd."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("entity") / "corpus"
    folder.mkdir()
    for name, ((accession, filed, company, cik, form), text) in FILINGS.items():
        (folder / name).write_text(submission(accession, filed, company=company, cik=cik, form=form, text=text))
    shutil.copy(SEEDS / "000_e15dcc41c4970baf.txt", folder)
    return folder


@pytest.fixture(scope="module", params=FOLDER_OR_CLUSTER)
def index(request, corpus, tmp_path_factory) -> str:
    return engine_index(request, corpus, tmp_path_factory)


def _searched(runner, index: str, *options: str) -> dict:
    result = invoke(runner, "search", "--json", "--sort", "newest", "--index", index, *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _sources(runner, index: str, *options: str) -> list[str]:
    return [hit["source"] for hit in _searched(runner, index, *options)["hits"]]


TESLAS = ["tesla-10k.txt#1", "tesla-8k.txt#1", "tesla-motors.txt#1"]


@pytest.mark.parametrize("entity, found", [
    ("TSLA", TESLAS), ("tsla", TESLAS), ("tesla", TESLAS), ("Tesla, Inc.", TESLAS), ("tesla motors", TESLAS),
    ("1318605", TESLAS), ("0001318605", TESLAS), ("CIK 1318605", TESLAS), (TESLA, TESLAS),
    ("ACME", ["acme.txt#1"]), ("Acme Widgets", ["acme.txt#1"]), ("1234567", ["acme.txt#1"]),
    ("korea thrunet", ["000_e15dcc41c4970baf.txt"]),
])
def test_the_entity_finds_the_company_by_name_ticker_or_cik(runner, index, entity, found):
    assert _sources(runner, index, "--entity", entity) == found


def test_the_entity_combines_with_the_query_and_the_other_filters(runner, index):
    assert _sources(runner, index, "--entity", "TSLA", "delivered") == ["tesla-10k.txt#1", "tesla-motors.txt#1"]
    assert _sources(runner, index, "--entity", "TSLA", "--filed-from", "2020") == ["tesla-10k.txt#1",
                                                                                  "tesla-8k.txt#1"]
    assert _sources(runner, index, "--entity", "ACME", "--form-type", "10-K") == []


def test_the_result_names_the_company_found_and_its_ticker(runner, index):
    result = _searched(runner, index, "--entity", "tsla")
    assert result["entity"] == {"asked": "tsla", "nearest": [], "companies": [
        {"name": "Tesla, Inc.", "cik": "0001318605", "ticker": "TSLA", "tickers": ["TSLA"], "documents": 3,
         "label": TESLA}]}
    # The filing's ticker is every one of its documents' field, searchable as `ticker:`.
    assert [hit["ticker"] for hit in result["hits"]] == ["TSLA", None, None]
    assert _sources(runner, index, "ticker:tsla") == ["tesla-10k.txt#1"]
    printed = invoke(runner, "search", "--entity", "tsla", "--index", index).stdout.splitlines()
    assert printed[1] == f"Entity: {TESLA}"


def test_an_entity_matching_nothing_says_so_and_offers_the_nearest(runner, index):
    result = _searched(runner, index, "--entity", "teslq")
    assert (result["total"], result["entity"]["companies"], result["entity"]["nearest"][0]) == (0, [], TESLA)
    printed = invoke(runner, "search", "--entity", "teslq", "--index", index)
    assert printed.exit_code == 0
    assert f"--entity 'teslq' matches no company, ticker or CIK. Did you mean: {TESLA}" in " ".join(
        printed.stdout.split())
    assert _searched(runner, index, "--entity", "9999999")["entity"] == {"asked": "9999999", "companies": [],
                                                                         "nearest": []}


@pytest.fixture
def client(index, corpus):
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()


@pytest.mark.parametrize("typed, suggested", [
    ("tes", [TESLA]), ("TSL", [TESLA]), ("motors", []), ("ac", ["Acme Widgets Co Ltd (ACME) (CIK 0001234567)"]),
    ("13186", [TESLA]), ("thru", [THRUNET]), ("", []), ("zzz", []),
])
def test_the_suggestions_list_the_companies_typed(client, typed, suggested):
    answer = client.get("/api/entities", query_string={"q": typed}).get_json()
    assert answer["query"] == typed and [entity["label"] for entity in answer["entities"]] == suggested


def test_the_suggestions_give_name_cik_ticker_and_count(client):
    assert client.get("/api/entities?q=tesla").get_json()["entities"] == [
        {"name": "Tesla, Inc.", "cik": "0001318605", "ticker": "TSLA", "tickers": ["TSLA"], "documents": 3,
         "label": TESLA}]
    assert client.get("/api/entities", query_string={"q": "x" * 201}).status_code == 400


def test_the_box_is_a_plain_form_field_with_suggestions_as_an_enhancement(client):
    tree = page_of(client.get("/"))
    box = tree.xpath("//form[@role='search']//input[@name='entity']")[0]
    assert (box.get("list"), box.get("data-suggest")) == ("entity-suggestions", "/api/entities")
    assert tree.xpath("//datalist[@id='entity-suggestions']") and \
        tree.xpath("//script[@src='/static/entities.js']")[0].get("defer") is not None
    with client.get("/static/entities.js") as script:
        # It asks where the box says (data-suggest), so the app can move the endpoint.
        assert script.status_code == 200 and "box.dataset.suggest" in script.get_data(as_text=True)
    # Submitted as typed (no script): the search filters to the company, the box keeps what was typed.
    tree = page_of(client.get("/?q=delivered&entity=TSLA&sort=newest"))
    assert texts(tree, "//h1") == ["2 documents for “delivered”"]
    assert tree.xpath("//input[@name='entity']")[0].get("value") == "TSLA"
    assert [field.get("name") for field in tree.xpath("//form[@role='search']//input[@type='hidden']")] == ["sort"]
    assert links(tree, "//ul[@class='chips']//a[@class='chip']") == [(f"Entity: {TESLA} ×",
                                                                      "/?q=delivered&sort=newest")]


def test_the_page_says_when_the_entity_matches_nothing(client):
    tree = page_of(client.get("/?entity=teslq"))
    assert texts(tree, "//p[contains(@class, 'nearest')]")[0].startswith(
        f"No company, ticker or CIK matches “teslq”. Did you mean {TESLA}")
    assert links(tree, "//p[contains(@class, 'nearest')]/a")[0] == (
        TESLA, "/?entity=Tesla,+Inc.+(TSLA)+(CIK+0001318605)")
    assert texts(tree, "//h1") == ["0 documents"]
