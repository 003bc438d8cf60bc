"""Similar documents (search/similar.py): through `filings similar`, /api/similar/<id> and a document's
page, the documents most like one by its distinctive words, best first: a near-duplicate filed in
another filing first, never a document of its own filing (nor, without an accession, the document or
its copies), each with the chosen words marked in its snippet. (The cluster: test_cluster_similar.py.)"""

import json
import re
import shutil
from pathlib import Path

import pytest

from indexer.models import Hit, Similar
from indexer.search import similar as similar_module
from search_web import create_app

from .conftest import SEEDS, build_index, invoke, links, page_of, texts

TURBINES = ("The company designs hydraulic turbines and lubrication pumps for tidal power stations. "
            "Its turbines run on seawater bearings; the pumps keep the bearings lubricated in brackish water. "
            "Tidal stations in Brittany and Nova Scotia bought turbines, pumps and bearings this year.\n")
# The same report, a few words changed, filed by another company in another filing.
TWIN = TURBINES.replace("this year", "last year").replace("Brittany", "Normandy")
# About some of the same things, less alike.
COUSIN = ("Our pumps move brackish water for desalination plants; bearings and lubrication are bought in. "
          "We do not make turbines.\n")
OTHERS = [
    "The bank takes deposits and lends to farmers; its loans are secured by land and harvests.\n",
    "The insurer writes policies against hail, frost and drought for growers of wheat and barley.\n",
    "The retailer sells shoes, coats and hats in forty shops and online; winter coats sold well.\n",
    "The miner digs copper and zinc in two open pits; ore grades fell and the smelter was idle.\n",
]


def _document(sequence: int, kind: str, text: str) -> str:
    return (f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{sequence}\n<FILENAME>d{sequence}.txt\n<TEXT>\n{text}</TEXT>\n"
            "</DOCUMENT>\n")


def filing(accession: str, company: str, cik: str, *texts: str) -> str:
    """A 10-K submission whose documents are `texts`: the form first, then exhibits EX-99.N."""
    documents = "".join(_document(number, "10-K" if number == 1 else f"EX-99.{number - 1}", text)
                        for number, text in enumerate(texts, 1))
    return (f"<SEC-DOCUMENT>{accession}.txt : 20240315\n<SEC-HEADER>{accession}.hdr.sgml\n"
            f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t10-K\n"
            f"PUBLIC DOCUMENT COUNT:\t\t{len(texts)}\nFILED AS OF DATE:\t\t20240315\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
            f"\t\tCOMPANY CONFORMED NAME:\t\t\t{company}\n\t\tCENTRAL INDEX KEY:\t\t\t{cik}\n\n\tFILING VALUES:\n"
            f"\t\tFORM TYPE:\t\t10-K\n</SEC-HEADER>\n{documents}</SEC-DOCUMENT>\n")


OWN, TWINS, COUSINS = "0000000001-24-000001", "0000000002-24-000002", "0000000003-24-000003"


def similar_corpus(folder: Path) -> Path:
    """The turbine maker's filing (its report and an exhibit repeating it), its twin's filing, a
    cousin's, four unrelated filings, and the seeds (documents without an accession), one of them
    stored twice."""
    folder.mkdir()
    (folder / "own.txt").write_text(filing(OWN, "TIDAL TURBINES INC", "0000000001", TURBINES, TURBINES))
    (folder / "twin.txt").write_text(filing(TWINS, "SEAWATER PUMPS CORP", "0000000002", TWIN))
    (folder / "cousin.txt").write_text(filing(COUSINS, "DESAL WORKS LLC", "0000000003", COUSIN))
    for number, text in enumerate(OTHERS, 4):
        (folder / f"other{number}.txt").write_text(
            filing(f"000000000{number}-24-00000{number}", f"OTHER {number} CO", f"000000000{number}", text))
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "mirror").mkdir()
    shutil.copy2(SEEDS / "000_e15dcc41c4970baf.txt", folder / "mirror" / "000_e15dcc41c4970baf.txt")
    return folder


@pytest.fixture(scope="module")
def corpus_and_index(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("similar")
    corpus = similar_corpus(root / "corpus")
    return corpus, build_index(corpus, root / "index")


def ids_of(runner, index: Path | str, accession: str) -> list[str]:
    """The ids of a filing's documents, in submission order."""
    found = json.loads(invoke(runner, "search", f"accession:{accession}", "--json", "--sort", "oldest",
                              "--index", index).stdout)
    return [hit["id"] for hit in sorted(found["hits"], key=lambda hit: hit["source"])]


def similar_json(runner, index: Path | str, document_id: str, *options: str) -> dict:
    done = invoke(runner, "similar", document_id, "--json", "--index", index, *options)
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def test_the_twin_in_another_filing_comes_first_and_the_own_filing_never(runner, corpus_and_index):
    _, index = corpus_and_index
    report, exhibit = ids_of(runner, index, OWN)
    [twin], [cousin] = ids_of(runner, index, TWINS), ids_of(runner, index, COUSINS)
    found = similar_json(runner, index, report, "--limit", "100")
    listed = [hit["id"] for hit in found["hits"]]
    assert listed == [twin, cousin]  # the seeds and the others share no distinctive word with it
    assert exhibit not in listed and report not in listed
    assert {hit["accession"] for hit in found["hits"]}.isdisjoint({OWN})
    assert (found["id"], found["accession"], found["heading"]) == (report, OWN, "Form 10-K: Annual report")
    assert {"turbines", "bearings", "tidal"} <= set(found["words"])


def test_each_hit_marks_the_words_that_made_it_similar(runner, corpus_and_index):
    _, index = corpus_and_index
    report, _ = ids_of(runner, index, OWN)
    found = similar_json(runner, index, report, "--limit", "1")
    assert len(found["hits"]) == 1
    marked = {span["text"].lower() for span in found["hits"][0]["snippet_spans"] if span["matched"]}
    assert {"turbines", "pumps", "bearings", "tidal"} <= marked
    # Each marked word is one of the words searched for, or a word of the same term ("turbine", "turbines").
    assert all(any(word[:5] == text[:5] for word in found["words"]) for text in marked)
    assert "<mark>turbines</mark>" in found["hits"][0]["snippet"]


def test_without_an_accession_only_the_document_and_its_copies_are_left_out(runner, corpus_and_index):
    _, index = corpus_and_index
    copies = json.loads(invoke(runner, "search", "", "--json", "--per-page", "100", "--index", index).stdout)
    seeds = sorted(hit["id"] for hit in copies["hits"] if hit["source"].startswith(("seeds/", "mirror/")))
    assert len(seeds) == 5  # the seed stored twice is shown once
    first = next(hit for hit in copies["hits"] if hit["source"].endswith("000_e15dcc41c4970baf.txt"))
    [copies_line] = [line for line in invoke(runner, "show", first["id"], "--index", index).stdout.splitlines()
                     if line.startswith("copies: ")]
    copy_ids = set(re.findall(r"\[([0-9a-f]+)\]", copies_line))
    assert first["id"] in copy_ids
    assert len(copy_ids) == 2
    found = similar_json(runner, index, first["id"], "--limit", "100")
    listed = {hit["id"] for hit in found["hits"]}
    assert listed.isdisjoint(copy_ids)
    assert set(seeds) - copy_ids <= listed


def test_the_text_lists_the_words_and_the_hits_best_first(runner, corpus_and_index):
    _, index = corpus_and_index
    report, _ = ids_of(runner, index, OWN)
    [twin] = ids_of(runner, index, TWINS)
    done = invoke(runner, "similar", report, "--limit", "2", "--index", index)
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    assert lines[0] == f"Like Form 10-K: Annual report [{report}]: 2 documents"
    assert lines[1].startswith("By the words: ") and "turbines" in lines[1]
    assert lines[3:6] == ["1. Form 10-K: Annual report",
                          "   Seawater Pumps Corp · 10-K · Filed 2024-03-15 · CIK 0000000002 · accession "
                          f"{TWINS}", f"   [{twin}] twin.txt#1"]


def test_an_unknown_id_is_one_line_exit_1_and_404(runner, corpus_and_index):
    corpus, index = corpus_and_index
    done = invoke(runner, "similar", "nosuchdocument", "--index", index)
    unknown = "no document with id 'nosuchdocument' in the index"
    assert (done.exit_code, done.stdout, done.stderr) == (1, "", f"error: {unknown}\n")
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    answer = client.get("/api/similar/nosuchdocument")
    assert (answer.status_code, answer.get_json()["error"]) == (404, unknown)


def test_a_bad_limit_is_refused_naming_it(runner, corpus_and_index):
    corpus, index = corpus_and_index
    report, _ = ids_of(runner, index, OWN)
    done = invoke(runner, "similar", report, "--limit", "0", "--index", index)
    assert done.exit_code == 2 and "--limit" in done.stderr and len(done.stderr.splitlines()) == 1
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    for given in ("0", "101", "x", "-1"):
        answer = client.get(f"/api/similar/{report}?limit={given}")
        assert (answer.status_code, answer.get_json()["error"]) == (
            400, f"limit='{given}': write a whole number from 1 to 100")


def test_the_api_answers_what_the_cli_prints(runner, corpus_and_index):
    corpus, index = corpus_and_index
    report, _ = ids_of(runner, index, OWN)
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    from_api = client.get(f"/api/similar/{report}?limit=3").get_json()
    from_cli = similar_json(runner, index, report, "--limit", "3")
    assert len(client.get(f"/api/similar/{report}?limit=1").get_json()["hits"]) == 1
    for answer in (from_api, from_cli):
        answer.pop("took_ms")
    assert from_api == from_cli and len(from_api["hits"]) == 2
    assert {*from_api, "took_ms"} == set(Similar.model_fields)
    assert set(from_api["hits"][0]) == {*Hit.model_fields, "snippet_spans"}


def test_the_page_lists_similar_documents_keeping_the_search(runner, corpus_and_index):
    corpus, index = corpus_and_index
    report, _ = ids_of(runner, index, OWN)
    [twin], [cousin] = ids_of(runner, index, TWINS), ids_of(runner, index, COUSINS)
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    tree = page_of(client.get(f"/doc/{report}?q=bearings"))
    assert texts(tree, "//section[@class='similar']/h2") == ["Similar documents"]
    listed = links(tree, "//section[@class='similar']//li[@class='hit']/h3/a")
    assert listed == [("Form 10-K: Annual report", f"/doc/{twin}?q=bearings"),
                      ("Form 10-K: Annual report", f"/doc/{cousin}?q=bearings")]
    assert "turbines" in [text.lower() for text in texts(tree, "//section[@class='similar']//p[@class='snippet']/mark")]
    unsearched = page_of(client.get(f"/doc/{report}"))
    assert links(unsearched, "//section[@class='similar']//li[@class='hit']/h3/a")[0] == (
        "Form 10-K: Annual report", f"/doc/{twin}")


def test_a_long_body_is_judged_by_its_first_characters(runner, corpus_and_index, monkeypatch):
    _, index = corpus_and_index
    report, _ = ids_of(runner, index, OWN)
    whole = set(similar_json(runner, index, report)["words"])
    monkeypatch.setattr(similar_module, "MAX_CHARS", TURBINES.index("Tidal stations"))
    cut = set(similar_json(runner, index, report)["words"])
    assert {"tidal", "brittany", "nova", "scotia"} <= whole
    assert "tidal" in cut and not {"brittany", "nova", "scotia"} & cut


def test_a_page_whose_similar_documents_run_out_of_time_still_shows_the_document(runner, corpus_and_index):
    corpus, index = corpus_and_index
    report, _ = ids_of(runner, index, OWN)
    # A budget no search can keep: the similar documents' search stops at its first check.
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index,
                         "FILINGS_SEARCH_BUDGET": "1e-9"}).test_client()
    tree = page_of(client.get(f"/doc/{report}"))
    assert texts(tree, "//h1") == ["Form 10-K: Annual report"]
    assert tree.xpath("//section[@class='similar']//li") == []
    [note] = texts(tree, "//section[@class='similar']/p[@class='status']")
    assert note.startswith("No similar documents: the search ran out of its 1e-09 s budget while ")
    answer = client.get(f"/api/similar/{report}")
    assert answer.status_code == 400
    assert answer.get_json()["error"].startswith("the search ran out of its 1e-09 s budget")


def test_a_filing_whose_accession_the_query_cannot_name_is_left_out_all_the_same(runner, tmp_path):
    """A header may write anything as the accession number: its filing is still never listed."""
    odd = "DRAFT (A) 7"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.txt").write_text(filing(odd, "TIDAL TURBINES INC", "0000000001", TURBINES, TURBINES, TURBINES))
    (corpus / "twin.txt").write_text(filing(TWINS, "SEAWATER PUMPS CORP", "0000000002", TWIN))
    for number, text in enumerate(OTHERS, 4):
        (corpus / f"other{number}.txt").write_text(
            filing(f"000000000{number}-24-00000{number}", f"OTHER {number} CO", f"000000000{number}", text))
    index = build_index(corpus, tmp_path / "index")
    every = json.loads(invoke(runner, "search", "", "--json", "--index", index).stdout)["hits"]
    own = sorted((hit for hit in every if hit["accession"] == odd), key=lambda hit: hit["source"])
    [twin] = [hit["id"] for hit in every if hit["accession"] == TWINS]
    assert len(own) == 3
    for limit in ("1", "10"):
        assert [hit["id"] for hit in similar_json(runner, index, own[0]["id"], "--limit", limit)["hits"]] == [twin]
