"""The document page, the raw file behind it, and /api/doc."""

import shutil

import pytest

from indexer.models import FilingDocument
from indexer.engines.whoosh.schema import record
from indexer.engines import open_index
from indexer.engines.whoosh.store import Store
from search_web import create_app

from .conftest import build_index, links, page_of, texts, web_corpus

ACME_FORM, ACME_RELEASE, SEED = "a891a0d79b0129d5", "da2be788ee721dda", "49ed4057b82157ef"
SUBMISSION = "acme/0000950103-02-009999.txt"


def test_each_match_is_marked_and_links_to_the_previous_and_the_next(client):
    tree = page_of(client.get(f"/doc/{ACME_FORM}?q=widgets"))
    assert tree.xpath("//pre/mark/@id") == ["m1", "m2", "m3", "m4", "m5"]
    assert texts(tree, "//pre/mark") == ["WIDGETS", "Widgets", "widgets", "widgets", "Widgets"]
    steps = [span.xpath("a/@href") for span in tree.xpath("//pre/span[@class='steps']")]
    assert texts(tree, "//pre/span[@class='steps']/span[@class='where']") == [f"{n} of 5" for n in range(1, 6)]
    assert steps == [["#m5", "#m2"], ["#m1", "#m3"], ["#m2", "#m4"], ["#m3", "#m5"], ["#m4", "#m1"]]
    assert links(tree, "//p[@class='matches']/a") == [("first", "#m1"), ("last", "#m5")]
    assert texts(tree, "//p[@class='matches']")[0].startswith("5 matches for “widgets”: first · last.")
    assert tree.xpath("//script/@src") == ["/static/entities.js", "/static/matches.js"]


def test_the_page_shows_the_fields_the_filing_and_where_the_files_are(client):
    tree = page_of(client.get(f"/doc/{ACME_FORM}?q=widgets"))
    assert texts(tree, "//h1") == ["A press release about <b>widgets</b> & gadgets, dated December 4, 2002"]
    assert list(zip(texts(tree, "//dl/dt"), texts(tree, "//dl/dd"))) == [
        ("ID", ACME_FORM), ("Source", f"{SUBMISSION}#1"), ("Accession", "0000950103-02-009999"),
        ("CIK", "0001234567"), ("Company", "Acme Widgets Co., Ltd."), ("Form type", "6-K"), ("Exhibit type", "6-K"),
        ("Filename", "form6k.txt"), ("Month", "2002-12"), ("Date", "2002-12-05"), ("Filed", "2002-12-05"),
        ("Period", "2002-12-31"), ("Form category", "Current reports; Foreign private issuers' reports"),
        ("SIC code", "3490"), ("Industry", "Miscellaneous Fabricated Metal Products"),
        ("Incorporated in", "Korea, Republic of (M5)"), ("Location", "Korea, Republic of (M5)"),
        ("Signer", "Jane Q. Roe"), ("Signer title", "Chief Executive Officer"),
        ("Title", "A press release about <b>widgets</b> & gadgets, dated December 4, 2002"),
        ("Indexed", client.get(f"/api/doc/{ACME_FORM}").get_json()["indexed"]),
    ]
    assert texts(tree, "//ol[@class='filing']/li") == [
        "6-K: A press release about <b>widgets</b> & gadgets, dated December 4, 2002", "6-K · EX-99.1: PRESS RELEASE"]
    assert tree.xpath("//ol[@class='filing']/li[1]/span/@aria-current") == ["page"]
    assert links(tree, "//ol[@class='filing']//a") == [
        ("6-K · EX-99.1: PRESS RELEASE", f"/doc/{ACME_RELEASE}?q=widgets")]
    assert links(tree, "//ul[@class='links']//a") == [
        ("Raw source of this document", f"/raw/{ACME_FORM}?document=1"),
        ("Raw source file (the whole submission)", f"/raw/{ACME_FORM}"),
        ("This document on SEC.gov", "https://www.sec.gov/Archives/edgar/data/1234567/000095010302009999/form6k.txt"),
        ("JSON", f"/api/doc/{ACME_FORM}"),
    ]
    assert links(tree, "//p[@class='back']/a") == [("← Back to the results", "/?q=widgets")]


def test_a_document_without_query_accession_or_cik_has_no_marks_filing_or_sec_link(client):
    tree = page_of(client.get(f"/doc/{SEED}"))
    assert texts(tree, "//h1")[0].startswith("A press release dated November 13, 2002")
    assert tree.xpath("//pre/mark | //p[@class='matches'] | //ol[@class='filing']") == []
    assert links(tree, "//ul[@class='links']//a") == [("Raw source file", f"/raw/{SEED}"), ("JSON", f"/api/doc/{SEED}")]
    assert tree.xpath("//p[@class='back']") == []


def test_the_raw_file_is_the_whole_source_file_as_plain_text(client, web_index):
    with client.get(f"/raw/{ACME_RELEASE}") as response:
        assert response.status_code == 200
        assert response.content_type == "text/plain; charset=utf-8"
        assert response.data == (web_index[0] / SUBMISSION).read_bytes()


def test_the_raw_source_of_one_document_of_a_submission_is_its_own_part(client, web_index):
    whole = (web_index[0] / SUBMISSION).read_text()
    with client.get(f"/raw/{ACME_RELEASE}?document=1") as response:
        part = response.get_data(as_text=True)
        assert response.status_code == 200 and response.content_type == "text/plain; charset=utf-8"
    assert part.strip() and part in whole and len(part) < len(whole) / 2
    assert "<SEC-HEADER>" not in part and "Acme Widgets Announces Record Widget Sales" in part


def test_a_hit_keeps_its_search_and_its_page_leads_back(client):
    tree = page_of(client.get("/?q=widgets&company=Acme+Widgets+Co.,+Ltd.&sort=newest"))
    url = links(tree, "//li[@class='hit']/h2/a")[0][1]
    assert url.startswith("/doc/") and url.endswith("?q=widgets&company=Acme+Widgets+Co.,+Ltd.&sort=newest")
    document = page_of(client.get(url))
    assert links(document, "//p[@class='back']/a") == [
        ("← Back to the results", "/?q=widgets&company=Acme+Widgets+Co.,+Ltd.&sort=newest")]
    assert document.xpath("//pre/mark")  # the words still marked
    assert texts(document, "//pre/span[@class='steps'][1]/span[@class='where']") == [
        f"1 of {len(document.xpath('//pre/mark'))}"]


@pytest.fixture
def hostile_index(tmp_path):
    """An index of the web corpus that also holds documents whose sources point out of the corpus
    (no reindex writes such a source: this stands for a damaged or tampered index), and a file
    beside the corpus they would reach."""
    corpus, index = web_corpus(tmp_path / "corpus"), tmp_path / "index"
    build_index(corpus, index)
    (tmp_path / "secret.txt").write_text("not for the web")
    writer = Store(index).open().writer()
    for number, source in enumerate(("../secret.txt", str(tmp_path / "secret.txt"), "acme/../../secret.txt#2")):
        writer.add_document(**record(FilingDocument(id=f"{number:016x}", source=source), file=source, stamp="x"))
    writer.commit()
    return corpus, index


def test_the_raw_route_never_serves_a_file_outside_the_corpus(hostile_index):
    corpus, index = hostile_index
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    for number in range(3):
        tree = page_of(client.get(f"/raw/{number:016x}"), 404)
        assert "is not in the corpus folder" in texts(tree, "//p[@class='message']")[0]
    # An id is looked up, never joined to a path.
    assert client.get("/raw/..%2F..%2Fsecret.txt").status_code == 404
    assert client.get("/raw/../secret.txt").status_code == 404


def test_the_raw_file_of_a_document_whose_file_is_gone_is_404(tmp_path):
    corpus, index = web_corpus(tmp_path / "corpus"), tmp_path / "index"
    build_index(corpus, index)
    shutil.rmtree(corpus / "acme")
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    tree = page_of(client.get(f"/raw/{ACME_RELEASE}"), 404)
    assert texts(tree, "//p[@class='message']") == [
        f"the file of document {ACME_RELEASE} ({SUBMISSION}) is not in the corpus folder"]


def test_api_doc_answers_the_document_model(client, web_index):
    response = client.get(f"/api/doc/{ACME_RELEASE}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    with open_index(web_index[1]) as opened:
        assert response.get_json() == opened.document(ACME_RELEASE).model_dump()
    assert response.get_json()["body"].startswith("EXHIBIT 99.1\nAcme Widgets Announces Record Widget Sales")


def test_the_raw_route_never_follows_a_symlink_out_of_the_corpus(tmp_path):
    corpus, index = web_corpus(tmp_path / "corpus"), tmp_path / "index"
    build_index(corpus, index)
    (tmp_path / "secret.txt").write_text("not for the web")
    (corpus / SUBMISSION).unlink()
    (corpus / SUBMISSION).symlink_to(tmp_path / "secret.txt")
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    response = client.get(f"/raw/{ACME_RELEASE}")
    assert response.status_code == 404 and b"not for the web" not in response.data


def test_the_raw_file_of_a_name_with_a_hash_sign(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(web_corpus(tmp_path / "web") / "004_df0f2849f12c5e1a.txt", corpus / "release#2.txt")
    index = build_index(corpus, tmp_path / "index")
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    from indexer.parse import document_id

    with client.get(f"/raw/{document_id('release#2.txt')}") as response:
        assert response.status_code == 200 and response.data == (corpus / "release#2.txt").read_bytes()
