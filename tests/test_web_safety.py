"""Escaping and headers: markup from a filing or a query shows as text, scripts come only from
the site's own files, and every response carries the security headers."""

from pathlib import Path

import pytest

import search_web

from .conftest import links, page_of, texts

STATIC = Path(search_web.__file__).parent / "static"
ACME_FORM = "a891a0d79b0129d5"
TITLE = "A press release about <b>widgets</b> & gadgets, dated December 4, 2002"
HOSTILE_QUERIES = ['<script>alert("widgets")</script>', '"<img src=x onerror=alert(2)>"']


def only_our_scripts(tree) -> None:
    """The page's scripts are our own files, and no markup from a filing or query became an element."""
    ours = {path.name for path in STATIC.glob("*.js")}
    for script in tree.xpath("//script"):
        assert script.get("src", "").removeprefix("/static/") in ours, script.get("src")
    assert tree.xpath("//b | //img | //script[not(@src)]") == []


def test_markup_in_a_filing_shows_as_text_in_results(client):
    response = client.get("/?q=website")
    tree = page_of(response)
    only_our_scripts(tree)
    assert texts(tree, "//li[@class='hit']/h2/a") == [TITLE]
    assert ('Our <mark>website</mark> once showed &lt;script&gt;alert("widgets")&lt;/script&gt;'
            in response.get_data(as_text=True))


def test_markup_in_a_filing_shows_as_text_on_its_page(client):
    response = client.get(f"/doc/{ACME_FORM}?q=script")
    html = response.get_data(as_text=True)
    tree = page_of(response)
    only_our_scripts(tree)
    assert texts(tree, "//h1") == [TITLE]
    assert "<title>A press release about &lt;b&gt;widgets&lt;/b&gt; &amp; gadgets" in html
    assert texts(tree, "//pre/mark") == ["script", "script"]
    assert '&lt;<mark id="m1">script</mark>' in html


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_markup_in_a_query_shows_as_text(client, query):
    for url in ("/", f"/doc/{ACME_FORM}"):
        tree = page_of(client.get(url, query_string={"q": query}))
        only_our_scripts(tree)
        assert tree.xpath("//form[@role='search']//input[@name='q']/@value") == [query]
    tree = page_of(client.get("/", query_string={"q": query}))
    assert texts(tree, "//h1")[0].endswith(f"for “{query}”")


def test_a_query_with_markup_goes_into_links_encoded(client):
    tree = page_of(client.get("/", query_string={"q": HOSTILE_QUERIES[0]}))
    assert links(tree, "//li[@class='hit']/h2/a") == [
        (TITLE, f"/doc/{ACME_FORM}?q=%3Cscript%3Ealert(%22widgets%22)%3C/script%3E")]


ROUTES = ["/", "/?q=thrunet", f"/doc/{ACME_FORM}?q=widgets", f"/raw/{ACME_FORM}", "/api/search?q=thrunet",
          f"/api/doc/{ACME_FORM}", "/healthz", "/static/style.css", "/static/matches.js",
          "/?page=-1", "/api/search?page=-1", "/nowhere", "/doc/ffffffffffffffff"]


@pytest.mark.parametrize("url", ROUTES)
def test_every_response_carries_the_security_headers(client, url):
    with client.get(url) as response:
        assert response.status_code in (200, 400, 404)
        assert response.headers["Content-Security-Policy"] == (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_use_no_inline_script_or_style(client):
    """The policy forbids them, so a page that used them would break in a browser."""
    for url in ("/", "/?q=thrunet&month=2002-11", f"/doc/{ACME_FORM}?q=widgets", "/nowhere"):
        tree = page_of(client.get(url), 404 if url == "/nowhere" else 200)
        assert tree.xpath("//script[not(@src)] | //style | //*[@style] | //@*[starts-with(name(), 'on')]") == []


def test_static_files_are_served_with_their_types(client):
    for url, mimetype in (("/static/style.css", "text/css"), ("/static/matches.js", "text/javascript")):
        with client.get(url) as response:
            assert (response.status_code, response.mimetype) == (200, mimetype)
