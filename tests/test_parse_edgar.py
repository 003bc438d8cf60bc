"""Real EDGAR filings (../shared/corpus/edgar): fields checked by reading each filing, and the whole corpus."""

import json

import pytest
from click.testing import CliRunner

from .conftest import EDGAR, invoke

# (file, document number, field -> value), each value read off the filing by hand.
CHECKED = [
    ("edgartools__form.6k.Athena.html", 0, {
        "company": "Alcon Inc.", "form_type": "6-K", "exhibit_type": "6-K", "month": "2023-02",
        "date": "2023-02-13", "signer": "David J. Endicott", "signer_title": "Authorized Representative",
        "title": "Alcon Announces Settlement of Litigation related to Femtosecond Laser Assisted Cataract "
                 "Surgery Devices", "source": "edgartools__form.6k.Athena.html#1"}),
    ("edgartools__form6k.RoyalPhilips.html", 0, {
        "company": "Koninklijke Philips N.V.", "form_type": "6-K", "exhibit_type": "6-K", "month": "2023-01",
        "date": "2023-01-30", "signer": "M.J. van Ginneken", "signer_title": "Chief Legal Officer",
        "title": "Philips presents its plan to create value with sustainable impact"}),
    ("edgartools__13F.0001894188-23-000007.txt", 0, {
        "accession": "0001894188-23-000007", "cik": "0001894188", "company": "LTS One Management LP",
        "form_type": "13F-HR", "exhibit_type": "13F-HR", "month": "2023-09", "period": "2023-09-30",
        "filed": "2023-11-14", "signer": "James P Gallagher", "signer_title": "Chief Compliance Officer"}),
    ("edgartools__13F.0001894188-23-000007.txt", 1, {
        "exhibit_type": "INFORMATION TABLE", "form_type": "13F-HR", "signer": None,
        "source": "edgartools__13F.0001894188-23-000007.txt#2"}),
    ("edgartools__sgml_0001127602-25-004598.nc", 0, {
        "accession": "0001127602-25-004598", "cik": "0000007536", "company": "Arrow Electronics, Inc.",
        "form_type": "4", "month": "2025-02", "period": "2025-02-12", "signer": "Nicholas De La Cruz",
        "signer_title": "Attorney-in-Fact"}),
    ("edgartools__sgml_0000929638-25-000114.nc", 0, {
        "form_type": "ABS-15G", "signer": "Jason Kulas", "month": "2025-01", "date": "2025-01-10",
        "signer_title": "Chief Executive Officer & Chief Financial Officer"}),
    ("edgartools__sgml_0000950129-95-001652.txt", 0, {
        "accession": "0000950129-95-001652", "company": "Common Sense Trust", "form_type": "24F-2NT",
        "month": "1995-10", "signer": "Nori L. Gabert", "signer_title": "Secretary",
        "description": "VKAC COMMON SENSE TRUST - GROWTH FUND - 24F-2"}),
    ("edgartools__sgml_0000950129-95-001652.txt", 1, {
        "exhibit_type": "EX-99.11", "description": "OPINION OF SULLIVAN & WORCESTER", "signer": None}),
    ("edgartools__sgml_0000899681-95-000096.txt", 0, {
        "company": "Page America Group, Inc.", "form_type": "S-3/A", "date": "1995-05-25", "month": "1995-05",
        "signer": "Steven L. Sinn", "signer_title": "Chairman of the Board"}),
    ("edgartools__sgml_0000899681-95-000096.txt", 1, {
        "company": "Page America Group, Inc.", "exhibit_type": "EX-99", "form_type": "EX-99", "signer": None}),
    ("edgartools__1990sheader.txt", 0, {
        "accession": "0001012325-98-000004", "cik": "0001035972", "company": "Morton International Inc",
        "form_type": "4", "month": "1998-10", "filed": "1998-11-20"}),
    ("edgartools__sgml_0001213900-25-032135.txt", 0, {
        "company": "ABVC BioPharma, Inc.", "form_type": "8-K", "exhibit_type": "8-K", "signer": "Uttam Patil",
        "month": "2025-04"}),
    ("edgartools__sgml_0001213900-25-032135.txt", 1, {
        "exhibit_type": "EX-99.1", "title": "ABVC BioPharma Announces 2024 Financial Results", "signer": None}),
    ("edgartools__html_BuckleInc.8-K.EX99.1.html", 0, {
        "company": "The Buckle, Inc.", "exhibit_type": "EX-99.1", "date": "2024-11-22", "month": "2024-11",
        "title": "THE BUCKLE, INC. REPORTS THIRD QUARTER NET INCOME", "signer": None}),
    ("edgartools__parity_gate_10-K_0001193125-10-073212.html", 0, {
        "company": "Gainsco, Inc.", "form_type": "10-K", "month": "2009-12", "period": "2009-12-31",
        "signer": "Glenn W. Anderson", "signer_title": "President", "date": "2010-03-31"}),
    ("edgartools__html_SC-13G-DOCUMENT.html", 0, {
        "company": "Livent Corporation", "form_type": "SC 13G", "signer": "Gil Raviv",
        "signer_title": "Global General Counsel"}),
    ("edgartools__sgml_0001104659-25-002604.txt", 0, {
        "company": "CVR Energy, Inc.", "form_type": "SC TO-T/A", "signer": "Ted Papapostolou",
        "signer_title": "Chief Financial Officer and Secretary"}),
    ("edgartools__parity_gate_20-F_0000928385-01-500187.html", 0, {
        "company": "Aegon N.V.", "form_type": "20-F", "month": "2000-12", "signer": "J.B.M. Streppel",
        "signer_title": "Member of the Executive Board", "date": "2001-03-28"}),
    ("edgartools__NextPoint.8K.html", 0, {
        "company": "NexPoint Capital, Inc.", "form_type": "8-K", "month": "2023-12", "signer": "Frank Waterhouse",
        "title": "Item 8.01 Other Events"}),
    ("edgartools__html_document-with-pre.html", 0, {
        "company": "Liaoning Shuiyun Qinghe Rice Industry Co., Ltd.", "form_type": "8-K", "month": "2024-12",
        "signer": "Baobin He"}),
    ("edgartools__ex21_aapl.html", 0, {"company": "Apple Inc.", "exhibit_type": "EX-21.1", "signer": None}),
]

# (file, text documents, payloads skipped) for every file of the corpus that parses.
DOCUMENT_COUNTS = {
    "edgartools__13F.0001894188-23-000007.txt": (2, 0),
    "edgartools__13f_0001951757-25-000093.nc": (2, 0),
    "edgartools__localstorage_filings_20241213_0001076809-24-000144.nc": (1, 0),
    "edgartools__localstorage_filings_20250108_0001493152-25-001317.nc": (2, 11),
    "edgartools__localstorage_filings_20250108_0001562180-25-000280.nc": (1, 0),
    "edgartools__sgml_0000899681-95-000096.txt": (2, 0),
    "edgartools__sgml_0000929638-25-000114.nc": (2, 1),
    "edgartools__sgml_0000943374-24-000509.txt": (1, 11),
    "edgartools__sgml_0000950129-95-001652.txt": (2, 0),
    "edgartools__sgml_0001011438-98-000429.txt": (2, 0),
    "edgartools__sgml_0001094891-00-000193.txt": (1, 0),
    "edgartools__sgml_0001104659-25-002604.nc": (2, 0),
    "edgartools__sgml_0001104659-25-002604.txt": (2, 0),
    "edgartools__sgml_0001127602-25-001055.txt": (2, 0),
    "edgartools__sgml_0001127602-25-004598.nc": (1, 0),
    "edgartools__sgml_0001193125-24-100942.nc": (2, 5),
    "edgartools__sgml_0001193125-24-100942.txt": (3, 5),
    "edgartools__sgml_0001213900-25-032135.txt": (2, 12),
    "edgartools__sgml_0001398344-24-000491.nc": (1, 0),
    "edgartools__sgml_0001564590-20-004475-minimal.txt": (2, 0),
    "edgartools__sgml_0002002260-24-000001.nc": (1, 0),
}


@pytest.fixture(scope="module")
def corpus():
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    result = invoke(CliRunner(), "parse", "--json", EDGAR)
    by_file: dict[str, list[dict]] = {}
    for doc in json.loads(result.stdout):
        by_file.setdefault(doc["source"].split("#")[0], []).append(doc)
    return result, by_file


@pytest.mark.parametrize("name, number, expected", CHECKED, ids=[f"{c[0]}#{c[1] + 1}" for c in CHECKED])
def test_checked_filing_fields(corpus, name, number, expected):
    doc = corpus[1][name][number]
    assert {field: doc[field] for field in expected} == expected


def test_whole_corpus_parses_without_traceback_and_names_the_two_non_filings(corpus):
    result, by_file = corpus
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = result.stderr.strip().splitlines()
    assert [line.split(": ")[1].rsplit("/", 1)[-1] for line in errors[:-1]] == ["MANIFEST.tsv", "README.md"]
    assert all("not an EDGAR filing" in line for line in errors[:-1])
    assert len(by_file) == len([p for p in EDGAR.iterdir() if p.is_file()]) - 2


def test_one_document_per_text_document_payloads_skipped(corpus):
    result, by_file = corpus
    for name, (documents, _) in DOCUMENT_COUNTS.items():
        assert len(by_file[name]) == documents, name
    assert f"{sum(s for _, s in DOCUMENT_COUNTS.values())} payloads skipped" in result.stderr
    for docs in by_file.values():
        for doc in docs:
            assert "begin 644" not in doc["body"] and "<xbrli:" not in doc["body"]


def test_every_submission_document_carries_its_header(corpus):
    for name in DOCUMENT_COUNTS:
        docs = corpus[1][name]
        if name.endswith(".nc") or docs[0]["accession"]:
            assert len({(d["accession"], d["cik"], d["company"], d["form_type"]) for d in docs}) == 1, name
