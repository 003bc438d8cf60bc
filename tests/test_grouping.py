"""Filings as results (`--group filing`, `group=filing`): each result a filing, its matching
documents under it in the search's order; pages count filings, facets and the total count
documents; a document without an accession is a filing of its own; on both engines alike."""

import json
import re
from pathlib import Path

import pytest

from .conftest import build_index, filings, invoke, links, page_of, texts, web_corpus
from search_web import create_app

# A second filing of several documents beside the web corpus's (the seeds, five documents without
# an accession, and Acme's 6-K of two): Beta's 8-K of three, each saying "gadgets", as Acme's cover does.
BETA = """<SEC-DOCUMENT>0000950103-03-000123.txt : 20030210
<SEC-HEADER>0000950103-03-000123.hdr.sgml : 20030210
ACCESSION NUMBER:		0000950103-03-000123
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		3
CONFORMED PERIOD OF REPORT:	20030207
FILED AS OF DATE:		20030210

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			BETA GADGETS INC
		CENTRAL INDEX KEY:			0007654321
		STATE OF INCORPORATION:			DE

	FILING VALUES:
		FORM TYPE:		8-K
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8k.txt
<TEXT>
FORM 8-K
CURRENT REPORT
Beta Gadgets Inc. reports the sale of its gadgets division. Gadgets, gadgets and more gadgets.
Item 8.01 Other Events.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.txt
<DESCRIPTION>PRESS RELEASE ON THE SALE
<TEXT>
EXHIBIT 99.1
Beta Gadgets Sells Its Gadgets Division
The buyer takes the gadgets business whole.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.2
<SEQUENCE>3
<FILENAME>ex992.txt
<DESCRIPTION>LETTER TO SHAREHOLDERS
<TEXT>
EXHIBIT 99.2
Dear shareholders: we part with gadgets to grow in widgets.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""
ACME, BETA_ACCESSION = "0000950103-02-009999", "0000950103-03-000123"
DOCUMENTS, FILINGS = 10, 7  # five seeds alone, Acme's two documents, Beta's three


def grouped_corpus(folder: Path) -> Path:
    corpus = web_corpus(folder)
    (corpus / "beta").mkdir()
    (corpus / "beta" / f"{BETA_ACCESSION}.txt").write_text(BETA)
    return corpus


@pytest.fixture(scope="module")
def grouped_index(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("grouped")
    corpus = grouped_corpus(root / "corpus")
    return corpus, build_index(corpus, root / "index")


@pytest.fixture
def grouped_client(grouped_index):
    corpus, index = grouped_index
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()


def searched(runner, index, *args) -> dict:
    result = invoke(runner, "search", *args, "--json", "--index", index)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return json.loads(result.stdout)


def filing_ids(result: dict) -> list[tuple[str | None, list[str]]]:
    return [(group["accession"], [hit["id"] for hit in group["documents"]]) for group in result["groups"]]


def expected_groups(documents: list[dict]) -> list[tuple[str | None, list[str]]]:
    """The filings of documents listed in a search's order, as grouping by filing should list them:
    each where its first document is, a document without an accession alone."""
    grouped: dict[str, tuple[str | None, list[str]]] = {}
    for hit in documents:
        grouped.setdefault(hit["accession"] or hit["id"], (hit["accession"], []))[1].append(hit["id"])
    return list(grouped.values())


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("query", ["", "gadgets", "widgets OR thrunet", "shareholders", "nomatchatall"])
def test_filings_are_the_documents_grouped_in_the_search_order(runner, grouped_index, query, sort):
    index = grouped_index[1]
    by_document = searched(runner, index, query, "--sort", sort, "--per-page", "100")
    by_filing = searched(runner, index, query, "--sort", sort, "--per-page", "100", "--group", "filing")
    assert filing_ids(by_filing) == expected_groups(by_document["hits"])
    assert by_filing["total_filings"] == len(by_filing["groups"]) and by_filing["total"] == by_document["total"]
    # The hits are the filings' documents, filing by filing; each keeps its snippet.
    assert [hit["id"] for hit in by_filing["hits"]] == [hit for _, ids in filing_ids(by_filing) for hit in ids]
    snippets = {hit["id"]: hit["snippet"] for hit in by_document["hits"]}
    assert {hit["id"]: hit["snippet"] for group in by_filing["groups"] for hit in group["documents"]} == snippets
    assert by_filing["facets"] == by_document["facets"]  # counts stay per document


def test_a_filing_of_several_documents_and_documents_without_an_accession(runner, grouped_index):
    result = searched(runner, grouped_index[1], "gadgets", "--sort", "oldest", "--group", "filing")
    assert (result["total"], result["total_filings"]) == (4, 2)
    acme, beta = result["groups"]
    assert {name: acme[name] for name in ("accession", "company", "form_type", "filed", "cik")} == {
        "accession": ACME, "company": "Acme Widgets Co., Ltd.", "form_type": "6-K", "filed": "2002-12-05",
        "cik": "0001234567"}
    assert (beta["accession"], beta["form_type"], beta["filed"], beta["cik"]) == (BETA_ACCESSION, "8-K", "2003-02-10",
                                                                                  "0007654321")
    assert sorted(hit["exhibit_type"] for hit in beta["documents"]) == ["8-K", "EX-99.1", "EX-99.2"]
    # One filing date, so in the order oldest takes for a tie: by id.
    assert [hit["id"] for hit in beta["documents"]] == sorted(hit["id"] for hit in beta["documents"])
    assert all("<mark>" in hit["snippet"] for group in result["groups"] for hit in group["documents"])
    seeds = searched(runner, grouped_index[1], "thrunet", "--group", "filing")
    assert seeds["total"] == seeds["total_filings"] == 5
    assert [(group["accession"], len(group["documents"])) for group in seeds["groups"]] == [(None, 1)] * 5


def test_pages_count_filings(runner, grouped_index):
    index = grouped_index[1]
    every = searched(runner, index, "", "--sort", "newest", "--group", "filing", "--per-page", "100")
    assert (every["total"], every["total_filings"]) == (DOCUMENTS, FILINGS)
    pages = [searched(runner, index, "", "--sort", "newest", "--group", "filing", "--per-page", "3", "--page", str(page))
             for page in (1, 2, 3)]
    assert [len(page["groups"]) for page in pages] == [3, 3, 1]
    assert [group for page in pages for group in filing_ids(page)] == filing_ids(every)
    assert all((page["total"], page["total_filings"]) == (DOCUMENTS, FILINGS) for page in pages)
    text = invoke(runner, "search", "", "--sort", "newest", "--group", "filing", "--per-page", "3", "--page", "4",
                  "--index", index).stdout
    assert text.splitlines()[0].startswith("7 filings (10 documents) (")
    assert "Page 4 is past the last one (3): ask for --page 3 or less." in text


def test_a_search_by_document_answers_the_json_it_did(runner, grouped_index):
    result = searched(runner, grouped_index[1], "gadgets")
    assert "groups" not in result and "total_filings" not in result
    assert len(result["hits"]) == 4


def test_the_cli_prints_each_filing_then_its_documents_indented(runner, grouped_index):
    result = invoke(runner, "search", "gadgets", "--sort", "oldest", "--group", "filing", "--index", grouped_index[1])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2 filings (4 documents) for 'gadgets' (") and lines[0].endswith("page 1 of 1")
    headings = [line for line in lines if re.match(r"\d+\. ", line)]
    assert headings == ["1. Acme Widgets Co., Ltd. — 6-K — Filed 2002-12-05",
                        "2. Beta Gadgets Inc. — 8-K — Filed 2003-02-10"]
    beta = lines[lines.index(headings[1]):]
    assert beta[1] == f"   accession {BETA_ACCESSION} · CIK 0007654321 · 3 matching documents"
    documents = [line for line in beta if line.startswith("   - ")]
    # One filing date: in the order oldest takes for a tie, by id.
    assert documents == ["   - PRESS RELEASE ON THE SALE", "   - Item 8.01 Other Events", "   - LETTER TO SHAREHOLDERS"]
    # Each document's facts, id and snippet one indent further in.
    after = beta[beta.index(documents[1]) + 1 : beta.index(documents[2])]
    assert [line[:6] for line in after if line] == ["      "] * 3
    assert "gadgets" in after[2].lower()


def test_a_bad_grouping_is_one_line_naming_it(runner, grouped_index, grouped_client):
    result = invoke(runner, "search", "x", "--group", "filings", "--index", grouped_index[1])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "--group" in result.stderr
    response = grouped_client.get("/api/search?q=x&group=filings")
    assert response.status_code == 400
    assert response.get_json()["error"] == ("bad search parameter group='filings': input should be 'document' or "
                                            "'filing'")


def test_the_page_toggles_documents_and_filings_in_the_url(grouped_client):
    by_document = page_of(grouped_client.get("/?q=gadgets&sort=oldest"))
    assert links(by_document, "//nav[@aria-label='List']//a") == [
        ("Documents", "/?q=gadgets&sort=oldest"), ("Filings", "/?q=gadgets&sort=oldest&group=filing")]
    assert by_document.xpath("//nav[@aria-label='List']//a[@aria-current]/text()") == ["Documents"]
    tree = page_of(grouped_client.get("/?q=gadgets&sort=oldest&group=filing"))
    assert tree.xpath("//nav[@aria-label='List']//a[@aria-current]/text()") == ["Filings"]
    assert texts(tree, "//h1") == ["2 filings (4 documents) for “gadgets”"]
    assert texts(tree, "//ol[@class='filings']/li/h2") == ["Acme Widgets Co., Ltd. — 6-K — Filed 2002-12-05",
                                                           "Beta Gadgets Inc. — 8-K — Filed 2003-02-10"]
    assert texts(tree, "//ol[@class='filings']/li[2]/p[@class='facts']/span") == [
        f"accession {BETA_ACCESSION}", "CIK 0007654321", "3 matching documents"]
    beta = tree.xpath("//ol[@class='filings']/li")[1]
    titles = links(beta, ".//li[@class='hit']/h3/a")
    assert [title for title, _ in titles] == ["PRESS RELEASE ON THE SALE", "Item 8.01 Other Events",
                                              "LETTER TO SHAREHOLDERS"]
    assert all(href.startswith("/doc/") and href.endswith("?q=gadgets&sort=oldest&group=filing") for _, href in titles)
    assert [len(snippet.xpath(".//mark")) > 0 for snippet in beta.xpath(".//p[@class='snippet']")] == [True] * 3
    # Every other link keeps the grouping: a sort, a facet value, the JSON of the page.
    assert dict(links(tree, "//nav[@class='sort']/a"))["Newest"] == "/?q=gadgets&sort=newest&group=filing"
    facet_links = [href for _, href in links(tree, "//*[@id='facets']//a[contains(@class, 'facet-value')]")]
    assert facet_links and all(href.endswith("group=filing") for href in facet_links)
    assert dict(links(tree, "//p[@class='tools']//a"))["JSON"] == "/api/search?q=gadgets&sort=oldest&group=filing"


def test_the_pager_counts_filings(grouped_client):
    tree = page_of(grouped_client.get("/?sort=newest&group=filing&per_page=3&q=*"))
    assert texts(tree, "//h1") == ["7 filings (10 documents) for “*”"]
    assert [label for label, _ in links(tree, "//nav[@class='pages']//a")] == ["1", "2", "3", "Next"]
    last = page_of(grouped_client.get("/?sort=newest&group=filing&per_page=3&page=3&q=*"))
    assert len(last.xpath("//ol[@class='filings']/li")) == 1
    assert last.xpath("//ol[@class='filings']/@start") == ["7"]
    # The facets count documents, as they do listing documents.
    counts = texts(tree, "//*[@id='facets']//a[contains(@class, 'facet-value')]")
    assert counts == texts(page_of(grouped_client.get("/?sort=newest&per_page=3&q=*")),
                           "//*[@id='facets']//a[contains(@class, 'facet-value')]")


def test_the_api_answers_the_grouped_result_the_cli_prints(runner, grouped_index, grouped_client):
    answered = grouped_client.get("/api/search?q=gadgets&group=filing&per_page=1&page=2").get_json()
    printed = searched(runner, grouped_index[1], "gadgets", "--group", "filing", "--per-page", "1", "--page", "2")
    for result in (answered, printed):
        result.pop("took_ms")
    assert answered == printed
    assert (answered["total_filings"], len(answered["groups"])) == (2, 1)


@pytest.fixture(scope="module")
def on_both(sphinx_cluster, grouped_index):
    """The grouped corpus in the session's cluster, beside its Whoosh index."""
    sphinx_cluster.clear()
    done = filings("reindex", "--corpus", grouped_index[0], "--index", sphinx_cluster.address)
    assert done.wait(timeout=600) == 0, done.communicate()
    done.communicate()
    return sphinx_cluster.address, grouped_index[1]


@pytest.mark.cluster
@pytest.mark.parametrize("query", ["", "gadgets", "widgets OR thrunet", "shareholders", "company:acme"])
def test_the_cluster_groups_as_the_embedded_engine(runner, on_both, query):
    cluster, folder = on_both
    for sort in ("newest", "oldest"):
        for page, per_page in ((1, 100), (1, 2), (2, 2), (4, 2)):
            asked = (query, "--sort", sort, "--group", "filing", "--per-page", str(per_page), "--page", str(page))
            there, here = searched(runner, cluster, *asked), searched(runner, folder, *asked)
            assert filing_ids(there) == filing_ids(here), asked
            assert (there["total"], there["total_filings"], there["facets"]) == (
                here["total"], here["total_filings"], here["facets"]), asked
            assert (there["bounded"], there["warnings"]) == (False, []), asked
    # Ranking may differ: a relevance page holding every filing holds the same filings, each the same documents.
    there, here = (searched(runner, index, query, "--group", "filing", "--per-page", "100") for index in on_both)
    assert sorted((accession or "", sorted(ids)) for accession, ids in filing_ids(there)) == \
        sorted((accession or "", sorted(ids)) for accession, ids in filing_ids(here))
    assert [group["documents"][0]["score"] is not None for group in there["groups"]] == [True] * len(there["groups"])
