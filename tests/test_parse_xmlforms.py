"""XML forms on their own (ownership Forms 3/4/5, 13F, Form D, Schedules 13D/13G): what each names itself."""

import pytest

from .conftest import ROOT, parse_json

# Not under tests/data, which is the web tests' corpus.
XML = ROOT / "tests" / "xmlforms"

# (file, field -> value), each value read off the fixture.
FORMS = [
    ("form4-attorney.xml", {"form_type": "4", "company": "Example Widgets Inc", "signer": "Peter Hollis",
                            "signer_title": "Attorney-in-Fact", "date": "2025-03-05", "period": "2025-03-03"}),
    ("form3-two-owners.xml", {"form_type": "3/A", "company": "Northwind Traders, Inc.", "signer": "John A. Smith",
                              "signer_title": "Attorney-in-Fact", "date": "2019-11-18"}),
    ("13f-cover.xml", {"form_type": "13F-HR", "company": "Harbor Point Advisors LLC", "signer": "Lena K. Ortiz",
                       "signer_title": "Chief Compliance Officer", "period": "2024-03-31"}),
    ("13f-infotable.xml", {"form_type": None, "signer": None}),
    ("form-d.xml", {"form_type": "D/A", "company": "Cedar Ridge Fund II, L.P.", "signer": "Omar Haddad",
                    "signer_title": "Managing Member of the General Partner", "date": "2024-06-01"}),
    ("schedule-13d.xml", {"form_type": "SCHEDULE 13D/A", "company": "Bluewater Minerals Corp.",
                          "signer": "Tomas Reyes", "signer_title": "Managing Partner", "date": "2025-01-15"}),
    ("schedule-13g.xml", {"form_type": "SCHEDULE 13G", "company": "Solstice Pharma Holdings plc",
                          "signer": "Karen B. Lowe", "signer_title": "General Counsel", "date": "2024-11-14"}),
]


@pytest.mark.parametrize("name, expected", FORMS, ids=[form[0] for form in FORMS])
def test_xml_form_fields(runner, name, expected):
    doc = parse_json(runner, XML / name)[0]
    assert {field: doc[field] for field in expected} == expected


# (file, lines its text must hold): the labels a reader of the printed form would see.
LABELLED = [
    ("13f-infotable.xml", ["Name of issuer: APPLE INC", "Title of class: COM", "CUSIP: 037833100",
                           "Market value: 1250000", "Shares or principal amount: 7300",
                           "Shares (SH) or principal amount (PRN): SH", "Put or call: Call",
                           "Investment discretion: SOLE", "Voting authority, sole: 7300",
                           "Voting authority, none: 0"]),
    ("form4-attorney.xml", ["Document type: 4", "Issuer CIK: 0000099999", "Issuer trading symbol: EXW",
                            "Reporting owner CIK: 0001999999", "Reporting owner name: Quill Maria", "Director: 1",
                            "Rule 10b5-1(c) transaction: 0", "Security title: Common Stock",
                            "Transaction date: 2025-03-03", "Shares: 1500", "Price per share: 41.25",
                            "Acquired (A) or disposed of (D): D", "Shares owned following transaction: 20500",
                            "Direct (D) or indirect (I) ownership: D"]),
    ("13f-cover.xml", ["Submission type: 13F-HR", "Filing manager name: HARBOR POINT ADVISORS LLC",
                       "Form 13F file number: 028-99999", "Name of signer: Lena K. Ortiz",
                       "Title of signer: Chief Compliance Officer", "Table entry total: 1"]),
    ("form-d.xml", ["Name of issuer: Cedar Ridge Fund II, L.P.", "Jurisdiction of incorporation: DELAWARE",
                    "Year of incorporation: 2023", "Federal exemptions and exclusions claimed: 06b",
                    "Federal exemptions and exclusions claimed: 3C", "Total offering amount: Indefinite",
                    "Name of signer: Omar Haddad"]),
    ("schedule-13d.xml", ["Issuer CIK: 0000777777", "Issuer CUSIP: 12345Q101", "Signature date: 01/15/2025",
                          "Title of signer: Managing Partner"]),
]


@pytest.mark.parametrize("name, lines", LABELLED, ids=[form[0] for form in LABELLED])
def test_xml_form_text_reads_in_words(runner, name, lines):
    body = parse_json(runner, XML / name)[0]["body"].split("\n")
    assert [line for line in lines if line not in body] == []
