"""The trading symbol a filing states (parse/tickers.py), as a table: file -> the ticker of each of
its documents. Only a stated symbol: tagged in inline XBRL or an ownership form, written in an
ownership form's issuer box or a cover's table of classes; never one the prose mentions."""

import pytest

from .conftest import submission

IXBRL = ('<html><body><p>FORM 10-K</p><p>Securities registered pursuant to Section 12(b) of the Act:</p>'
         '<table><tr><td>Title of each class</td><td>Trading Symbol(s)</td><td>Name of each exchange on which '
         'registered</td></tr><tr><td>Common stock</td><td><ix:nonNumeric name="dei:TradingSymbol" contextRef="c1">'
         '<span>tsla</span></ix:nonNumeric></td><td>The Nasdaq Global Select Market</td></tr></table>'
         '<p>Tesla, Inc. annual report.</p></body></html>')
TWO_CLASSES = IXBRL.replace('<span>tsla</span>', 'BRK.A').replace(
    '</tr></table>', '</tr><tr><td>Class B</td><td><ix:nonNumeric name="dei:TradingSymbol" contextRef="c2">BRK.B'
                     '</ix:nonNumeric></td><td>New York Stock Exchange</td></tr></table>')
OWNERSHIP = ('<?xml version="1.0"?><ownershipDocument><documentType>4</documentType><issuer><issuerCik>0000001750'
             '</issuerCik><issuerName>AAR CORP</issuerName><issuerTradingSymbol>AIR</issuerTradingSymbol></issuer>'
             '</ownershipDocument>')
TABLE = ("FORM 8-K\n\nSECURITIES AND EXCHANGE COMMISSION\n\nAcme Widgets Co., Ltd.\n\nSecurities registered pursuant "
         "to Section 12(b) of the Act:\n\nTitle of each class{0}Trading Symbol(s){0}Name of each exchange on which "
         "registered\n{1}Common Stock, par value $0.01 per share{0}ACME{0}New York Stock Exchange\n\nIndicate by check "
         "mark whether the registrant is an emerging growth company.\n")
NOT_APPLICABLE = TABLE.replace("ACME{0}New York Stock Exchange", "N/A{0}N/A")
BOX = ("FORM 4\n\nSECURITIES AND EXCHANGE COMMISSION\n\n1. Name and Address of Reporting Person\nDoe, Jane\n\n"
       "2. Issuer Name and Ticker or Trading Symbol\n{0}\n3. Date of Earliest Transaction\n01/02/2020\n")
PROSE = ("FORM 20-F\n\nSECURITIES AND EXCHANGE COMMISSION\n\nOur shares trade on the OTC under the trading symbol "
         '"PLRTF" and in Frankfurt under the trading symbol "4XA".\n')


@pytest.mark.parametrize("content, tickers", [
    (submission("0001318605-24-000001", "2024-01-29", "TESLA, INC.", "0001318605", text=IXBRL), ["TSLA"]),
    (submission("0001067983-24-000001", "2024-02-26", "BERKSHIRE HATHAWAY INC", "0001067983", text=TWO_CLASSES),
     ["BRK.A"]),
    (submission("0001127602-25-000001", "2025-01-10", "AAR CORP", "0000001750", form="4", text=OWNERSHIP), ["AIR"]),
    (TABLE.format("\t", ""), ["ACME"]),
    (TABLE.format("\n", "\n"), ["ACME"]),
    (TABLE.format("   ", "        "), ["ACME"]),
    (NOT_APPLICABLE.format("\t", ""), [None]),
    (BOX.format("EVANS BANCORP INC [ EVBN ]"), ["EVBN"]),
    (BOX.format("Productivity Technologies Corp.\nPRAC"), ["PRAC"]),
    (BOX.format("Productivity Technologies Corp.\nNone"), [None]),
    (PROSE, [None]),
], ids=["ixbrl", "ixbrl-first-class", "ownership-xml", "cover-tabs", "cover-lines", "cover-spaces", "cover-na",
        "issuer-box-brackets", "issuer-box-next-line", "issuer-box-none", "prose"])
def test_the_stated_ticker_is_read(parse_one, content, tickers):
    assert [document["ticker"] for document in parse_one(content)] == tickers


def test_every_document_of_a_filing_has_its_covers_ticker(parse_one):
    filing = submission("0001318605-24-000002", "2024-01-29", "TESLA, INC.", "0001318605", text=IXBRL).replace(
        "</DOCUMENT>\n</SEC-DOCUMENT>", "</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99.txt\n"
                                         "<TEXT>\nPress release: record deliveries.\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>")
    assert [(document["exhibit_type"], document["ticker"]) for document in parse_one(filing)] == [
        ("10-K", "TSLA"), ("EX-99.1", "TSLA")]
