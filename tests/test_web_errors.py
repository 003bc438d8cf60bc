"""What the web answers when it cannot: 400 for a bad search, 404 for an unknown id or route, 405,
503 with no index yet; an HTML page or JSON by route, never a 500; and /healthz."""

import pytest

from search_web import create_app

from .conftest import page_of, texts

BAD_SEARCHES = [
    ("page=-1", "page='-1'"),
    ("per_page=10000", "per_page='10000'"),
    ("month=garbage", "month='garbage': months are written YYYY-MM"),
    ("month_from=2002-13", "month_from='2002-13'"),
    ("sort=sideways", "sort='sideways'"),
    ("page=two", "page='two'"),
    ("q=%22unbalanced", "unbalanced quote in query '\"unbalanced'"),
    ("q=company:(thrunet", "company:(thrunet"),
    ("q=colour:red", "unknown field 'colour'"),
    ("q=month:garbage", "bad month 'garbage'"),
]


@pytest.mark.parametrize("params, named", BAD_SEARCHES)
def test_a_bad_search_is_a_400_with_the_message_as_a_page_and_as_json(client, params, named):
    answer = client.get(f"/api/search?{params}")
    assert answer.status_code == 400 and answer.mimetype == "application/json"
    message = answer.get_json()["error"]
    assert named in message and answer.get_json()["status"] == 400
    tree = page_of(client.get(f"/?{params}"), 400)
    assert texts(tree, "//h1") == ["This search cannot run"]
    assert texts(tree, "//p[@class='message']") == [message]


@pytest.mark.parametrize("params, message", [
    ("month=٢٠٠٢-١١", "bad search parameter month='٢٠٠٢-١١': months are written YYYY-MM"),
    ("month_from=٢٠٠٢-01", "bad search parameter month_from='٢٠٠٢-01': months are written YYYY-MM"),
    ("month_to=2003-0١", "bad search parameter month_to='2003-0١': months are written YYYY-MM"),
    ("year=٢٠٠٢", "bad search parameter year='٢٠٠٢': years are written YYYY"),
    ("page=1_0", "bad search parameter page='1_0': write a whole number with the digits 0-9"),
    ("page=١", "bad search parameter page='١': write a whole number with the digits 0-9"),
    ("per_page=%2B5", "bad search parameter per_page='+5': write a whole number with the digits 0-9"),
    ("q=month:٢٠٠٢-11", "bad month '٢٠٠٢-11' in query 'month:٢٠٠٢-11': months are written YYYY-MM"),
])
def test_numbers_in_other_digits_than_0_to_9_are_a_400(client, params, message):
    answer = client.get(f"/api/search?{params}")
    assert (answer.status_code, answer.get_json()) == (400, {"status": 400, "error": message})
    assert texts(page_of(client.get(f"/?{params}"), 400), "//p[@class='message']") == [message]


def test_a_bad_query_on_a_document_page_is_a_400(client):
    tree = page_of(client.get("/doc/49ed4057b82157ef?q=%22unbalanced"), 400)
    assert texts(tree, "//h1") == ["This search cannot run"]
    # The search box keeps the query, to be fixed.
    assert tree.xpath("//form[@role='search']//input[@name='q']/@value") == ['"unbalanced']


@pytest.mark.parametrize("url, json", [
    ("/doc/ffffffffffffffff", False), ("/raw/ffffffffffffffff", False), ("/nowhere", False),
    ("/api/doc/ffffffffffffffff", True), ("/api/nowhere", True),
])
def test_unknown_ids_and_routes_are_404(client, url, json):
    response = client.get(url)
    assert response.status_code == 404
    if json:
        assert response.get_json()["status"] == 404
    else:
        assert response.mimetype == "text/html"
    if "ffff" in url:
        message = response.get_json()["error"] if json else texts(page_of(response, 404), "//p[@class='message']")[0]
        assert message == "no document with id 'ffffffffffffffff' in the index"


def test_a_wrong_method_is_405(client):
    assert client.post("/").status_code == 405
    assert client.post("/api/search").get_json()["status"] == 405


@pytest.fixture
def no_index_client(tmp_path):
    return create_app({"FILINGS_CORPUS": tmp_path, "FILINGS_INDEX": tmp_path / "index"}).test_client()


def test_with_no_index_yet_every_route_says_how_to_build_it(no_index_client, tmp_path):
    message = f"no index at {tmp_path / 'index'}: build it with `filings reindex --index {tmp_path / 'index'}`"
    tree = page_of(no_index_client.get("/"), 503)
    assert texts(tree, "//h1") == ["No index yet"]
    assert texts(tree, "//p[@class='message']") == [message]
    for url in ("/healthz", "/api/search?q=thrunet", "/api/doc/49ed4057b82157ef"):
        response = no_index_client.get(url)
        assert (response.status_code, response.get_json()) == (503, {"status": 503, "error": message})


def test_healthz_says_how_many_documents_the_index_holds(client):
    response = client.get("/healthz")
    assert (response.status_code, response.get_json()) == (200, {"status": 200, "documents": 7})


def test_the_pages_own_none_links_for_month_and_year_answer(client):
    for parameter in ("month=(none)", "year=(none)"):
        assert client.get(f"/?q=thrunet&{parameter}").status_code == 200
        assert client.get(f"/api/search?q=thrunet&{parameter}").get_json()["total"] == 0


def test_a_deeply_nested_query_is_a_400_not_a_500(client):
    query = "(" * 999 + "a" + ")" * 999
    response = client.get("/api/search", query_string={"q": query})
    assert response.status_code == 400 and "nests parentheses more than 32 deep" in response.get_json()["error"]
