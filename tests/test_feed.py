"""/feed.atom: a search's documents as Atom 1.0, newest indexed first, parsed here with
xml.etree; a reindex that adds a matching filing adds an entry; bad parameters are a 400 with the
page's one line; the results page links the feed."""

import shutil
from xml.etree import ElementTree

import pytest

from search_web import create_app

from .conftest import SEEDS, build_index, links, page_of
from .test_indexed import BY_DATE, SPLIT, T1, T2

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_of(client, query: str) -> ElementTree.Element:
    response = client.get(f"/feed.atom?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root) -> list[tuple[str, str]]:
    return [(entry.findtext(f"{ATOM}id"), entry.findtext(f"{ATOM}updated")) for entry in root.findall(f"{ATOM}entry")]


@pytest.fixture
def staged(monkeypatch, tmp_path):
    """The seeds but 004 indexed at T1, a client over them, and a step adding 004 at T2."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    split = next(corpus.glob("004_*"))
    aside = tmp_path / split.name
    split.rename(aside)
    monkeypatch.setenv("FILINGS_NOW", T1)
    build_index(corpus, index)

    def add_split() -> None:
        aside.rename(split)
        monkeypatch.setenv("FILINGS_NOW", T2)
        build_index(corpus, index)

    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client(), add_split


def test_the_feed_is_atom_with_every_required_element(staged):
    client, _ = staged
    root = feed_of(client, "q=thrunet&form_type=6-K&sort=oldest&page=2")
    assert root.findtext(f"{ATOM}id") == "tag:localhost,2026:search?q=thrunet&form_type=6-K"
    assert root.findtext(f"{ATOM}title") == "Filings search for “thrunet”: newest indexed"
    assert root.findtext(f"{ATOM}updated") == T1
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Filings search"
    assert {(link.get("rel"), link.get("type"), link.get("href")) for link in root.findall(f"{ATOM}link")} == {
        ("self", "application/atom+xml", "http://localhost/feed.atom?q=thrunet&form_type=6-K"),
        ("alternate", "text/html", "http://localhost/?q=thrunet&form_type=6-K&sort=indexed")}
    first = root.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}id") == f"tag:localhost,2026:document:{BY_DATE[0]}"
    assert first.findtext(f"{ATOM}title").startswith("A press release dated January 16, 2003")
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Korea Thrunet Co., Ltd."
    assert first.find(f"{ATOM}link").get("href") == \
        f"http://localhost/doc/{BY_DATE[0]}?q=thrunet&form_type=6-K"
    summary = first.find(f"{ATOM}summary")
    assert summary.get("type") == "text" and "<mark>" not in summary.text and "KOREA THRUNET" in summary.text


def test_a_reindex_adding_a_matching_filing_adds_an_entry_first(staged):
    client, add_split = staged
    before = feed_of(client, "q=korea")
    assert entries(before) == [(f"tag:localhost,2026:document:{each}", T1) for each in BY_DATE]
    add_split()
    after = feed_of(client, "q=korea")
    assert entries(after) == [(f"tag:localhost,2026:document:{SPLIT}", T2), *entries(before)]
    assert after.findtext(f"{ATOM}updated") == T2
    # Bounded by per_page, newest indexed first, whatever the page asked to sort by.
    assert entries(feed_of(client, "q=korea&per_page=2&sort=oldest")) == entries(after)[:2]
    # A search the new filing does not match gains nothing.
    assert entries(feed_of(client, "q=korea&form_type=6-K")) == entries(before)


def test_a_feed_of_nothing_is_still_a_feed(staged):
    client, _ = staged
    root = feed_of(client, "q=nosuchwordanywhere")
    assert entries(root) == [] and root.findtext(f"{ATOM}updated") == T1


def test_bad_parameters_are_a_400_with_the_pages_line(staged):
    client, _ = staged
    for asked, line in (("month=2002-13", "bad search parameter month='2002-13': months are written YYYY-MM"),
                        ("indexed_after=today", "bad search parameter indexed_after='today': timestamps are "
                                                "written YYYY-MM-DDTHH:MM:SSZ (UTC)"),
                        ("q=%22open", None)):
        feed, page = client.get(f"/feed.atom?{asked}"), client.get(f"/?{asked}")
        assert feed.status_code == page.status_code == 400, asked
        message = feed.get_data(as_text=True)
        shown = " ".join(page_of(page, 400).text_content().split())
        assert message.count("\n") == 1 and message.strip() in shown, asked
        if line:
            assert message == line + "\n"


def test_the_results_page_links_its_feed(staged):
    client, _ = staged
    tree = page_of(client.get("/?q=korea&sort=newest&page=1&per_page=50"))
    assert tree.xpath("//head/link[@rel='alternate']/@type") == ["application/atom+xml"]
    assert tree.xpath("//head/link[@rel='alternate']/@href") == ["/feed.atom?q=korea&per_page=50"]
    assert ("Feed", "/feed.atom?q=korea&per_page=50") in links(tree, "//p[@class='tools']//a")


def test_indexed_after_alone_is_a_search_not_the_start_page(staged):
    client, add_split = staged
    add_split()
    tree = page_of(client.get(f"/?indexed_after={T1}"))
    assert [href.split("?")[0] for _, href in links(tree, "//li[@class='hit']/h2/a")] == [f"/doc/{SPLIT}"]
    assert client.get(f"/api/search?indexed_after={T1}").get_json()["total"] == 1
