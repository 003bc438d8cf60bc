"""Who signs: the person, whichever way the signature block writes them, and which exhibits carry one."""

import pytest

from .conftest import parse_json
from .test_parse_variety import cover

# (signature block, signer, signer_title): the classes of block filers write, each in several variants.
BLOCKS = [
    # Signed by an attorney-in-fact: the attorney is the person signing, whoever they sign for.
    ("By: /s/ Jane Doe by Power of Attorney", "Jane Doe", "Attorney-in-Fact"),
    ("/s/ JOHN A. SMITH, BY POWER OF ATTORNEY", "John A. Smith", "Attorney-in-Fact"),
    ("By: /s/ Jane Doe, Attorney-in-Fact", "Jane Doe", "Attorney-in-Fact"),
    ("/s/ Mary Major as attorney-in-fact for John Q. Public", "Mary Major", "Attorney-in-Fact"),
    ("/s/Mary Major, as Attorney in Fact for John Q. Public", "Mary Major", "Attorney-in-Fact"),
    ("By: /s/ Peter Hollis, Attorney-in-Fact*\n* Pursuant to a power of attorney filed herewith", "Peter Hollis",
     "Attorney-in-Fact"),
    ("/s/ Jane Doe*\n*By power of attorney", "Jane Doe", "Attorney-in-Fact"),
    ("By: /s/ Jane Doe\nJane Doe as Attorney-in-Fact", "Jane Doe", "Attorney-in-Fact"),
    # "Signature:" with the name typed, no "/s/".
    ("Signature: Robert Brown\nTitle: Chief Financial Officer", "Robert Brown", "Chief Financial Officer"),
    ("SIGNATURE: ROBERT BROWN\nTITLE: PRESIDENT", "Robert Brown", "PRESIDENT"),
    ("Signature:\tLi Wei Chen\nName:\tLi Wei Chen\nTitle:\tDirector", "Li Wei Chen", "Director"),
    # The name beside or under a signature rule.
    ("By: ____________________ Name: John Smith Title: CFO", "John Smith", "CFO"),
    ("By: ______________\nName: Ana Maria Lopez\nTitle: Chief Executive Officer", "Ana Maria Lopez",
     "Chief Executive Officer"),
    ("______________________\nKarl Heinz Berg\nPresident", "Karl Heinz Berg", "President"),
    ("By: ________________ Ruth Abbot, Secretary", "Ruth Abbot", "Secretary"),
    # Several signatories: the first person.
    ("By: /s/ Anna Lee\nName: Anna Lee\nTitle: Chief Executive Officer\n\nBy: /s/ Bob Ray\nName: Bob Ray\n"
     "Title: Chief Financial Officer", "Anna Lee", "Chief Executive Officer"),
    ("/s/ Anna Lee\t/s/ Bob Ray\nAnna Lee, President\tBob Ray, Treasurer", "Anna Lee", "President"),
    # "/s/" spaced or cased oddly, or in table cells.
    ("By: / s / Jane Doe\nTitle: Director", "Jane Doe", "Director"),
    ("By:/S/JANE DOE\nTitle: Director", "Jane Doe", "Director"),
    ("By: s/ Jane Doe\nTitle: Director", "Jane Doe", "Director"),
    ("Signature\tTitle\tDate\n/s/ Omar Haddad\tChief Executive Officer\tMarch 1, 2024", "Omar Haddad",
     "Chief Executive Officer"),
    ("By:\t/s/ Omar Haddad\t\nName:\tOmar Haddad\t\nTitle:\tPresident", "Omar Haddad", "President"),
    ("By:    /s/  Jane  Doe\nTitle:  President", "Jane Doe", "President"),
    ("Signature\tTitle\tDate\n/s/ John Smith\tPresident and Chief Executive Officer (Principal Executive Officer)\t"
     "March 1, 2024", "John Smith", "President and Chief Executive Officer (Principal Executive Officer)"),
    # Labels run together, a generational suffix in capitals.
    ("Signature: /s/ Jane Doe\nName/Title: Jane Doe, Secretary", "Jane Doe", "Secretary"),
    ("By:  /s/ ROBERT J. SMITH, JR.\n      Vice President", "Robert J. Smith, Jr.", "Vice President"),
]


@pytest.mark.parametrize("block, signer, title", BLOCKS)
def test_signature_block_classes(parse_one, block, signer, title):
    doc = parse_one(cover(signature=f"ACME HOLDINGS CO., LTD.\n\n{block}"))[0]
    assert (doc["signer"], doc["signer_title"]) == (signer, title)


def test_html_signature_table(parse_one):
    html = ("<html><body><p>FORM 8-K</p><p>SECURITIES AND EXCHANGE COMMISSION</p><p>SIGNATURES</p><p>Pursuant to "
            "the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report to "
            "be signed on its behalf by the undersigned hereunto duly authorized.</p><table><tr><td></td>"
            "<td>ACME HOLDINGS CO., LTD.</td></tr><tr><td>Date: May 3, 2004</td><td>By:</td><td>/s/&nbsp;Jane "
            "Doe</td></tr><tr><td></td><td>Name:</td><td>Jane Doe</td></tr><tr><td></td><td>Title:</td><td>Chief "
            "Executive Officer</td></tr></table></body></html>")
    doc = parse_one(html, "filing.htm")[0]
    assert (doc["signer"], doc["signer_title"], doc["date"]) == ("Jane Doe", "Chief Executive Officer", "2004-05-03")


CERTIFICATION_302 = """EXHIBIT 31.1

CERTIFICATION PURSUANT TO SECTION 302 OF THE SARBANES-OXLEY ACT OF 2002

I, Maria Gonzalez, certify that:

1. I have reviewed this annual report on Form 10-K of Acme Corp.;

2. Based on my knowledge, this report does not contain any untrue statement of a material fact.

Date: February 28, 2024

/s/ Maria Gonzalez
Maria Gonzalez
Chief Executive Officer
"""
CERTIFICATION_906 = """Exhibit 32.1

CERTIFICATION PURSUANT TO 18 U.S.C. SECTION 1350, AS ADOPTED PURSUANT TO SECTION 906 OF THE SARBANES-OXLEY ACT OF 2002

In connection with the Annual Report of Acme Corp. (the "Company") on Form 10-K, we certify, pursuant to 18 U.S.C.
Section 1350, that the Report fully complies with the requirements of Section 13(a) of the Securities Exchange Act.

By: /s/ MARIA GONZALEZ
Name: Maria Gonzalez
Title: Chief Executive Officer
Date: February 28, 2024

By: /s/ Tom Baker
Name: Tom Baker
Title: Chief Financial Officer
"""
POWER_OF_ATTORNEY = """EXHIBIT 24

POWER OF ATTORNEY

Know all by these presents, that the undersigned hereby constitutes and appoints each of Peter Hollis and
Ruth Abbot, signing singly, the undersigned's true and lawful attorney-in-fact to execute Forms 3, 4 and 5.

IN WITNESS WHEREOF, the undersigned has caused this Power of Attorney to be executed as of January 2, 2025.

/s/ Maria Quill
Maria Quill
"""
OPINION = """EXHIBIT 5.1

Acme Corp.
1 Main Street

Ladies and Gentlemen:

We have acted as counsel to Acme Corp. in connection with its registration statement. Based on the foregoing,
we are of the opinion that the shares will be validly issued, fully paid and non-assessable.

Very truly yours,

/s/ Smith & Jones LLP
"""
FUND_POWER_OF_ATTORNEY = """EXHIBIT 99.(q)(3)

POWER OF ATTORNEY

The undersigned trustee of Example Fund Trust appoints Ruth Abbot attorney-in-fact to sign its registration
statements.

Effective April 8, 2024

/s/ Laura F. Fergerson

Name: Laura Fergerson

POWER OF ATTORNEY WITH

RESPECT TO EXAMPLE FUND TRUST
"""
SHAREHOLDER_LETTER = """Exhibit 99.2

Dear Fellow Shareholders:

This year our company grew its revenue and opened two plants.

Sincerely,

/s/ Henry Park
Henry Park
Chairman and Chief Executive Officer
"""
PRESS_RELEASE = """EXHIBIT 99.1

Acme Corp. Reports Record Results

NEW YORK, May 3, 2004 -- Acme Corp. (NYSE: ACM) today announced record results. "We are pleased," said
Maria Gonzalez, Chief Executive Officer.

Contact: Tom Baker, Investor Relations
"""


# Certifications, powers of attorney and letters are signed by a person in their own name; an opinion
# letter or a consent is signed by a firm, a press release by no one.
@pytest.mark.parametrize("text, exhibit_type, signer, title", [
    (CERTIFICATION_302, "EX-31.1", "Maria Gonzalez", "Chief Executive Officer"),
    (CERTIFICATION_906, "EX-32.1", "Maria Gonzalez", "Chief Executive Officer"),
    (POWER_OF_ATTORNEY, "EX-24", "Maria Quill", None),
    (FUND_POWER_OF_ATTORNEY, "EX-99.(Q)(3)", "Laura Fergerson", None),
    (SHAREHOLDER_LETTER, "EX-99.2", "Henry Park", "Chairman and Chief Executive Officer"),
    (OPINION, "EX-5.1", None, None),
    (PRESS_RELEASE, "EX-99.1", None, None),
])
def test_exhibit_signers(parse_one, text, exhibit_type, signer, title):
    doc = parse_one(text)[0]
    assert (doc["exhibit_type"], doc["signer"], doc["signer_title"]) == (exhibit_type, signer, title)


def test_certification_inside_a_submission_carries_its_signer(parse_one):
    submission = ("<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>10-K\n<TEXT>\n" + cover(form="FORM 10-K") + "</TEXT>\n"
                  "</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-31.2\n<TEXT>\n" + CERTIFICATION_302.replace("31.1", "31.2")
                  + "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n")
    docs = parse_one(submission)
    assert [(d["exhibit_type"], d["signer"]) for d in docs] == [("10-K", "Jane Q. Public"),
                                                               ("EX-31.2", "Maria Gonzalez")]


# Real filings (../shared/corpus/edgar), each value read off the filing: (file, document number, fields).
REAL = [
    ("edgartools__sgml_0001127602-25-001055.txt", 0, {"signer": "Katherine Kwiat", "signer_title": "Attorney-in-Fact"}),
    ("edgartools__sgml_0001127602-25-001055.txt", 1, {"exhibit_type": "EX-24", "signer": "Jessica A. Garascia"}),
    ("edgartools__form4.Evans.html", 0, {"signer": "Jessica L. Brosius", "signer_title": "Attorney-in-Fact"}),
    ("edgartools__sgml_0001193125-24-100942.txt", 1, {"exhibit_type": "EX-99.(Q3)", "signer": "Laura Fergerson",
                                                     "signer_title": None}),
    ("edgartools__sgml_0001193125-24-100942.txt", 2, {"exhibit_type": "COVER", "signer": "Benjamin J. Haskin"}),
    ("edgartools__parity_gate_8-K_0001104659-03-004925.html", 0, {"company": "Louisville Gas and Electric Company",
                                                                 "signer": "John R. McCall"}),
    ("edgartools__form3.BAMPartners.html", 0, {"signer": None}),  # "/s/ See Signatures Included in Exhibit 99.2"
    ("edgartools__sgml_0000929638-25-000114.nc", 1, {"exhibit_type": "EX-99.1", "signer": None}),  # Ernst & Young
]


@pytest.mark.parametrize("name, number, expected", REAL, ids=[f"{r[0]}#{r[1] + 1}" for r in REAL])
def test_real_filing_signers(runner, edgar, name, number, expected):
    doc = parse_json(runner, edgar / name)[number]
    assert {field: doc[field] for field in expected} == expected
