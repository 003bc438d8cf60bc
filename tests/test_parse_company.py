"""The registrant's name where the cover prints it without a caption: the signature block, the letterhead,
the cover's most prominent line. Never a sentence."""

import pytest

from .test_parse_variety import cover

# (signature block of a cover that captions no name, company).
SIGNING = [
    ("KOREA THRUNET CO., LTD.\n(Registrant)\n\nBy: /s/ Jane Q. Public\nName: Jane Q. Public\nTitle: Director",
     "Korea Thrunet Co., Ltd."),
    ("Acme Widgets plc\n(Registrant)\n\nDate: May 3, 2004\tBy: /s/ Jane Q. Public", "Acme Widgets plc"),
    ("\tNORTHERN LIGHTS MINING\n\t(Registrant)\n\n\tBy:\t/s/ Jane Q. Public", "Northern Lights Mining"),
    ("Louisville Gas and Electric Company\n\nDated:\n\nMarch 25, 2003\n\nBy:\n\n/s/ John R. McCall\n\n"
     "Executive Vice President", "Louisville Gas and Electric Company"),
    ("Granite Bancorp, Inc.\n(Registrant)\n\n___________________________\nBy: Jane Q. Public, President",
     "Granite Bancorp, Inc."),
    ("iSHARES EXAMPLE TRUST\n(Registrant)\n\nBy: /s/ Jane Q. Public", "iSHARES Example Trust"),
    ("eBay Example Inc.\n\nBy: /s/ Jane Q. Public", "eBay Example Inc."),
    # A sentence above the "By:" is no name.
    ("The registrant has duly caused this report to be signed BY ITS OFFICER.\n\nBy: /s/ Jane Q. Public", None),
]


@pytest.mark.parametrize("signature, company", SIGNING)
def test_company_from_the_signature_block(parse_one, signature, company):
    assert parse_one(cover(name_block="", signature=signature))[0]["company"] == company


LETTERS = [
    ("EXHIBIT 99.2\n\nSUMMIT RIDGE HOLDINGS, INC.\n1200 Market Street\nDenver, Colorado 80202\n\nMay 3, 2004\n\n"
     "Dear Shareholder:\n\nWe write to tell you about our annual meeting.\n", "Summit Ridge Holdings, Inc."),
    ("Exhibit 99.1\n\n[Letterhead of Blue Harbor Bank]\n\nJune 1, 2010\n\nTo our depositors:\n\nThe bank will "
     "open a new branch.\n", "Blue Harbor Bank"),
    ("EXHIBIT 99.3\n\nIMPORTANT NOTICE TO ALL HOLDERS OF THE NOTES\n\nMay 3, 2004\n\nThe trustee gives notice "
     "that a payment is due.\n", None),
    # Past the head, a name is someone else's: a subsidiary in a list, an addressee.
    ("EXHIBIT 21\n\nSubsidiaries of the Registrant\n\nAlpha Ltd\tBermuda\nBeta GmbH\tGermany\n", None),
    ("Exhibit 99.4\n\nMay 3, 2004\n\nGamma Supplies Inc.\n12 Dock Road\n\nDear Sirs:\n\nWe write to you.\n", None),
]


@pytest.mark.parametrize("text, company", LETTERS)
def test_company_from_the_letterhead(parse_one, text, company):
    assert parse_one(text)[0]["company"] == company


PROMINENT = [
    ('<p align="center"><b><font size="5">CASCADE TIMBER CORPORATION</font></b></p>', "Cascade Timber Corporation"),
    ('<div style="text-align:center"><span style="font-weight:bold;font-size:16pt">Orchid Biosciences '
     'Ltd.</span></div>', "Orchid Biosciences Ltd."),
    ('<h1 style="text-align: center">Meridian Trust Company</h1>', "Meridian Trust Company"),
    ('<p align="center"><b>NORTHERN LIGHTS MINING</b></p><p align="center">Annual Meeting</p>',
     "Northern Lights Mining"),
    # A heading, a navigation link, a lone word: no name.
    ('<p align="center"><b>Subsidiaries of the Registrant</b></p>', None),
    ('<p align="center"><a href="/"><b>Filing Detail Home</b></a></p>', None),
    ('<p align="center"><b><font size="6">ORCHID</font></b></p>', None),
    ('<p style="text-align:center;font-size:14pt"><strong>We are pleased to announce our results</strong></p>',
     None),
]


@pytest.mark.parametrize("heading, company", PROMINENT)
def test_company_from_the_most_prominent_cover_line(parse_one, heading, company):
    html = (f"<html><body><p>EXHIBIT 99.1</p>{heading}<p>May 3, 2004</p><p>This notice informs holders "
            "of a change to the record date of the annual meeting.</p></body></html>")
    assert parse_one(html, "notice.htm")[0]["company"] == company


def test_a_captioned_name_wins_over_the_signature_block(parse_one):
    text = cover(signature="OTHER NAME LTD.\n(Registrant)\n\nBy: /s/ Jane Q. Public")
    assert parse_one(text)[0]["company"] == "Acme Holdings Co., Ltd."


# The registrant's-name caption with its name beside, below, or above past a rule.
@pytest.mark.parametrize("block", [
    "_______________________\n(Exact name of registrant as specified in its charter)\nACME WIDGETS CORP.",
    "ACME WIDGETS CORP.\t(Exact name of registrant as specified in its charter)",
    "ACME WIDGETS CORP.\n- - - - - - - - - - - - - -\n(Exact name of registrant as specified in its charter)",
])
def test_company_beside_the_registrant_caption(parse_one, block):
    assert parse_one(cover(name_block=block, signature="By: /s/ Jane Q. Public"))[0]["company"] == "Acme Widgets Corp."
