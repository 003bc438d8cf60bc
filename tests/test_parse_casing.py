"""Names written in capitals read as their owners write them: title case, but initials and known
spellings kept. Each row is the COMPANY CONFORMED NAME of a header-only submission -> its company."""

import pytest

HEADER = """<SEC-HEADER>0000000000-03-000001.hdr.sgml : 20030314
ACCESSION NUMBER:		0000000000-03-000001
CONFORMED SUBMISSION TYPE:	10-K
FILED AS OF DATE:		20030314

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			{name}
		CENTRAL INDEX KEY:			0000000001
</SEC-HEADER>
"""


@pytest.mark.parametrize("name, company", [
    # Short words that are no English word are initials; letters joined by "&" are too.
    ("AAR CORP", "AAR Corp"),
    ("IBM", "IBM"),
    ("AT&T INC.", "AT&T Inc."),
    ("S&P GLOBAL INC", "S&P Global Inc"),
    ("AES CORP /VA/", "AES Corp"),
    ("UBS AG", "UBS AG"),
    ("DTE ENERGY CO", "DTE Energy Co"),
    ("3M CO", "3M Co"),
    # Words without vowels are initials (as before), the legal forms are not.
    ("CSX CORP", "CSX Corp"),
    ("KOREA THRUNET CO., LTD.", "Korea Thrunet Co., Ltd."),
    # Short words, names and particles read as words.
    ("BIG LOTS INC", "Big Lots Inc"),
    ("SUN CO INC", "Sun Co Inc"),
    ("LEE ENTERPRISES INC", "Lee Enterprises Inc"),
    ("ACE LTD", "Ace Ltd"),
    ("DE LA RUE HOLDINGS PLC", "De la Rue Holdings PLC"),
    ("BANK OF THE OZARKS", "Bank of the Ozarks"),
    # Known spellings, and the Scottish and Irish "Mc".
    ("NVIDIA CORP", "NVIDIA Corp"),
    ("EBAY INC", "eBay Inc"),
    ("IROBOT CORP", "iRobot Corp"),
    ("JPMORGAN CHASE & CO", "JPMorgan Chase & Co"),
    ("MCKESSON CORP", "McKesson Corp"),
])
def test_company_in_capitals_keeps_initials_and_spellings(parse_one, name, company):
    assert parse_one(HEADER.format(name=name))[0]["company"] == company


def test_a_persons_short_names_are_not_initials(parse_one):
    signed = ("FORM 6-K\nSECURITIES AND EXCHANGE COMMISSION\nACME CO., LTD.\n(Name of Registrant)\n"
              "SIGNATURES\nPursuant to the requirements of the Securities Exchange Act of 1934, the registrant has "
              "duly caused this report to be signed.\nBy: /s/ LEE YONG HO\nName: LEE YONG HO\nTitle: President\n")
    assert parse_one(signed)[0]["signer"] == "Lee Yong Ho"


def test_a_header_alone_is_titled_by_its_form(parse_one):
    assert parse_one(HEADER.format(name="AAR CORP"))[0]["title"] == "Form 10-K: Annual report"
