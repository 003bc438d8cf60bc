"""The five seed filings the product was specified from: every field, exactly."""

import pytest
from click.testing import CliRunner

from .conftest import SEEDS, parse_json

COMPANY = "Korea Thrunet Co., Ltd."
SEED_FIELDS = [
    ("000_e15dcc41c4970baf.txt", "2002-11", "6-K", "6-K", "Yong S. Lee", "Head of IR Team", "2002-11-14"),
    ("001_057f5987f338548a.txt", "2002-10", "6-K", "6-K", "Yong S. Lee", "Head of IR Team", "2002-10-30"),
    ("002_2ebe33ae43ef8f85.txt", "2002-12", "6-K", "6-K", "Seok Joong Yoon", "Senior Executive Vice President",
     "2002-12-20"),
    ("003_99d1c6571661b399.txt", "2003-01", "6-K", "6-K", "Joseph Yoon", "Executive Vice President", "2003-01-17"),
    ("004_df0f2849f12c5e1a.txt", "2002-11", "EX-99.1", "EX-99.1", None, None, "2002-11-27"),
]


@pytest.fixture(scope="module")
def seeds():
    return {doc["source"]: doc for doc in parse_json(CliRunner(), *sorted(SEEDS.iterdir()))}


@pytest.mark.parametrize("source, month, form_type, exhibit_type, signer, signer_title, date", SEED_FIELDS)
def test_seed_fields(seeds, source, month, form_type, exhibit_type, signer, signer_title, date):
    doc = seeds[source]
    assert doc["company"] == COMPANY
    assert (doc["month"], doc["form_type"], doc["exhibit_type"]) == (month, form_type, exhibit_type)
    assert (doc["signer"], doc["signer_title"], doc["date"]) == (signer, signer_title, date)
    assert doc["accession"] is None and doc["cik"] is None


def test_seed_titles_say_what_is_furnished_or_the_headline(seeds):
    assert seeds["000_e15dcc41c4970baf.txt"]["title"].startswith(
        "A press release dated November 13, 2002, announcing that the Company received a Nasdaq Staff Determination"
    )
    assert seeds["001_057f5987f338548a.txt"]["title"] == (
        "A press release dated October 29, 2002, announcing the closing of the sale of the Company's leased line "
        "assets to SK Global"
    )
    assert seeds["004_df0f2849f12c5e1a.txt"]["title"] == (
        "Korea Thrunet Announces Shareholder Approval of Reverse Stock Split"
    )


def test_seed_ids_are_distinct_and_stable(seeds):
    again = {doc["source"]: doc["id"] for doc in parse_json(CliRunner(), SEEDS)}
    assert again == {source: doc["id"] for source, doc in seeds.items()}
    assert len(set(again.values())) == 5


def test_seed_body_is_the_whole_clean_text(seeds):
    body = seeds["004_df0f2849f12c5e1a.txt"]["body"]
    assert body.startswith("EXHIBIT 99.1")
    assert "<PAGE>" not in body
    assert "would be delisted from the Nasdaq National Market" in " ".join(body.split())
    assert body.rstrip().endswith("# # #")
