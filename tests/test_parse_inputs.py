"""Each kind of input the parser reads: plain documents, submissions and their variants, HTML, encodings."""

import base64

import pytest

HEADER = """<SEC-DOCUMENT>0000950103-02-005000.txt : 20021127
<SEC-HEADER>0000950103-02-005000.hdr.sgml : 20021127
ACCESSION NUMBER:\t\t0000950103-02-005000
CONFORMED SUBMISSION TYPE:\t6-K
PUBLIC DOCUMENT COUNT:\t\t8
CONFORMED PERIOD OF REPORT:\t20021130
FILED AS OF DATE:\t\t20021127

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tKOREA THRUNET CO LTD
\t\tCENTRAL INDEX KEY:\t\t\t0001104223

\tFILING VALUES:
\t\tFORM TYPE:\t\t6-K
</SEC-HEADER>
"""
COVER = """FORM 6-K
SECURITIES AND EXCHANGE COMMISSION
For the month of November 2002
KOREA THRUNET CO., LTD.
(Name of Registrant)
Korea Thrunet Co., Ltd. (the "Company") is furnishing under cover of Form 6-K:
Exhibit 99.1: a press release dated November 27, 2002, announcing shareholder approval of a reverse split.
SIGNATURES
Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this
report to be signed on its behalf by the undersigned, thereunto duly authorized.
                                   Korea Thrunet Co., Ltd.
Date: November 27, 2002            By: /s/ Yong S. Lee
                                   Name: Yong S. Lee
                                   Title: Head of IR Team
"""
RELEASE_HTML = """<html><head><title>ex99</title><style>p {color: red}</style><script>alert(1)</script></head>
<body><p align="center">EXHIBIT 99.1</p>
<p><b>Korea Thrunet Announces Shareholder Approval of Reverse Stock Split</b></p>
<p>Seoul and New York, November 27, 2002 &#8211; Korea Thrunet Co., Ltd. (Nasdaq: KOREA) today announced
that shareholders approved the reverse split proposed by the Board &amp; management.</p>
<table><tr><td>Shares before</td><td>232.9&nbsp;million</td></tr><tr><td>Shares after</td><td>77.63 million</td></tr></table>
<div style="display:none"><ix:header>HIDDEN-XBRL-FACT</ix:header></div>
</body></html>"""


def document(doc_type: str, sequence: int, text: str, filename: str = "", description: str = "") -> str:
    meta = f"<TYPE>{doc_type}\n<SEQUENCE>{sequence}\n"
    meta += f"<FILENAME>{filename}\n" if filename else ""
    meta += f"<DESCRIPTION>{description}\n" if description else ""
    return f"<DOCUMENT>\n{meta}<TEXT>\n{text}\n</TEXT>\n</DOCUMENT>\n"


def payloads() -> str:
    uuencoded = "begin 644 logo.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``@&!@<&!0@'!P<)\n`\nend"
    return "".join([
        document("GRAPHIC", 3, uuencoded, "logo.jpg"),
        document("ZIP", 4, "begin 644 files.zip\nM4$L#!!0````(\n`\nend", "files.zip"),
        document("PDF", 5, "<PDF>\nbegin 644 report.pdf\nM)5!$1BTQ+C0*)>+CS]/\n`\nend\n</PDF>", "report.pdf"),
        document("EXCEL", 6, "begin 644 Financial_Report.xlsx\nM4$L#!!0`\n`\nend", "Financial_Report.xlsx"),
        document("EX-101.INS", 7, '<XBRL>\n<?xml version="1.0"?>\n<xbrli:xbrl xmlns:xbrli="x"></xbrli:xbrl>\n</XBRL>',
                 "acme-20021130.xml"),
        document("JSON", 8, '<JSON>\n{"instance": {"facts": []}}\n</JSON>', "MetaLinks.json"),
    ])


def submission() -> str:
    return (HEADER + document("6-K", 1, COVER, "d6k.txt")
            + document("EX-99.1", 2, RELEASE_HTML, "dex991.htm", "PRESS RELEASE") + payloads() + "</SEC-DOCUMENT>\n")


def test_single_plain_document_has_no_submission_fields(parse_one):
    [doc] = parse_one(COVER, "cover.txt")
    assert doc["source"] == "cover.txt"
    assert (doc["form_type"], doc["exhibit_type"], doc["month"]) == ("6-K", "6-K", "2002-11")
    assert (doc["accession"], doc["cik"], doc["filed"]) == (None, None, None)
    assert doc["title"] == "A press release dated November 27, 2002, announcing shareholder approval of a reverse split"


def test_submission_gives_one_document_per_text_document_and_skips_payloads(runner, parse_one, tmp_path):
    docs = parse_one(submission(), "0000950103-02-005000.txt")
    assert [d["source"] for d in docs] == ["0000950103-02-005000.txt#1", "0000950103-02-005000.txt#2"]
    assert [d["exhibit_type"] for d in docs] == ["6-K", "EX-99.1"]
    for doc in docs:
        assert doc["accession"] == "0000950103-02-005000"
        assert doc["cik"] == "0001104223"
        assert doc["company"] == "Korea Thrunet Co., Ltd."  # the header's name, cased as the filing writes it
        assert (doc["form_type"], doc["filed"], doc["period"], doc["month"]) == (
            "6-K", "2002-11-27", "2002-11-30", "2002-11")
        assert "begin 644" not in doc["body"] and "xbrl" not in doc["body"]
    assert docs[0]["signer"] == "Yong S. Lee" and docs[1]["signer"] is None
    assert (docs[1]["filename"], docs[1]["description"]) == ("dex991.htm", "PRESS RELEASE")
    assert docs[1]["title"] == "Korea Thrunet Announces Shareholder Approval of Reverse Stock Split"
    assert len({d["id"] for d in docs}) == 2
    result = runner.invoke(__import__("indexer.cli", fromlist=["cli"]).cli, ["parse", str(tmp_path)])
    assert "2 documents, 6 payloads skipped, 0 failed" in result.stderr


def test_html_becomes_readable_text(parse_one):
    [doc] = parse_one(RELEASE_HTML, "release.htm")
    body = doc["body"]
    assert "Board & management" in body and "November 27, 2002 – Korea" in body
    assert "Shares before\t232.9 million\nShares after\t77.63 million" in body
    assert "EXHIBIT 99.1\n\nKorea Thrunet Announces" in body
    assert "alert" not in body and "color" not in body and "HIDDEN-XBRL-FACT" not in body
    assert (doc["exhibit_type"], doc["company"], doc["date"]) == ("EX-99.1", "Korea Thrunet Co., Ltd.", "2002-11-27")


def test_nc_dissemination_format(parse_one):
    text = (
        "<SUBMISSION>\n<ACCESSION-NUMBER>0001127602-25-004598<TYPE>4<PUBLIC-DOCUMENT-COUNT>1<PERIOD>20250212"
        "<FILING-DATE>20250213<REPORTING-OWNER><OWNER-DATA><CONFORMED-NAME>Lamercie Jean-Claude<CIK>0001870985"
        "</OWNER-DATA></REPORTING-OWNER><ISSUER><COMPANY-DATA><CONFORMED-NAME>ARROW ELECTRONICS, INC."
        "<CIK>0000007536</COMPANY-DATA><FORMER-COMPANY><FORMER-CONFORMED-NAME>ARROW ELECTRONICS INC"
        "<DATE-CHANGED>19920703</FORMER-COMPANY></ISSUER>\n"
        "<DOCUMENT><TYPE>4<SEQUENCE>1<FILENAME>form4.xml<TEXT><XML><?xml version=\"1.0\"?><ownershipDocument>"
        "<issuer><issuerName>ARROW ELECTRONICS, INC.</issuerName></issuer><ownerSignature>"
        "<signatureName>/s/ Nicholas De La Cruz, Attorney-in-Fact</signatureName>"
        "<signatureDate>2025-02-13</signatureDate></ownerSignature></ownershipDocument></XML></TEXT></DOCUMENT>"
        "</SUBMISSION>\n"
    )
    [doc] = parse_one(text, "0001127602-25-004598.nc")
    assert (doc["accession"], doc["cik"], doc["company"]) == ("0001127602-25-004598", "0000007536",
                                                             "Arrow Electronics, Inc.")
    assert (doc["form_type"], doc["filed"], doc["month"], doc["date"]) == ("4", "2025-02-13", "2025-02", "2025-02-13")
    assert (doc["signer"], doc["signer_title"]) == ("Nicholas De La Cruz", "Attorney-in-Fact")
    assert "Issuer name: ARROW ELECTRONICS, INC." in doc["body"]


def test_ims_header_of_early_filings(parse_one):
    text = ("<IMS-DOCUMENT>0000950109-94-000123.txt : 19940315\n<IMS-HEADER>0000950109-94-000123.hdr.sgml\n"
            "ACCESSION NUMBER:\t0000950109-94-000123\nCONFORMED SUBMISSION TYPE:\t10-K\n"
            "CONFORMED PERIOD OF REPORT:\t19931231\nFILED AS OF DATE:\t19940315\n\nFILER:\n\n\tCOMPANY DATA:\n"
            "\t\tCOMPANY CONFORMED NAME:\t\tACME WIDGETS INC /DE/\n\t\tCENTRAL INDEX KEY:\t\t0000012345\n"
            "</IMS-HEADER>\n" + document("10-K", 1, "ANNUAL REPORT\nWidgets were sold.") + "</IMS-DOCUMENT>\n")
    [doc] = parse_one(text)
    assert (doc["company"], doc["cik"], doc["form_type"], doc["month"]) == (
        "Acme Widgets Inc", "0000012345", "10-K", "1993-12")


def test_header_only_file_is_one_record_of_the_filing(parse_one):
    text = HEADER.replace("<SEC-DOCUMENT>0000950103-02-005000.txt : 20021127\n", "")
    [doc] = parse_one(text, "header.txt")
    assert (doc["accession"], doc["company"], doc["form_type"], doc["exhibit_type"]) == (
        "0000950103-02-005000", "Korea Thrunet Co Ltd", "6-K", None)
    assert "KOREA THRUNET CO LTD" in doc["body"]


def test_lone_document_block_without_header(parse_one):
    [doc] = parse_one(document("6-K", 1, COVER, "form6k.txt"), "lone.txt")
    assert (doc["source"], doc["form_type"], doc["exhibit_type"], doc["filename"]) == (
        "lone.txt#1", "6-K", "6-K", "form6k.txt")
    assert doc["accession"] is None and doc["signer"] == "Yong S. Lee"


def test_document_block_without_text_tag_keeps_its_text(parse_one):
    [doc] = parse_one(f"<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>1\n{COVER}</DOCUMENT>\n", "notext.txt")
    assert (doc["exhibit_type"], doc["company"], doc["signer"]) == ("6-K", "Korea Thrunet Co., Ltd.", "Yong S. Lee")
    assert doc["body"].startswith("FORM 6-K\nSECURITIES AND EXCHANGE COMMISSION")


def test_documents_of_a_submission_without_header_share_the_forms_company(parse_one):
    release = "EXHIBIT 99.1\n\nResults were good this quarter.\n"
    docs = parse_one(document("6-K", 1, COVER) + document("EX-99.1", 2, release), "two.txt")
    assert [(d["exhibit_type"], d["company"]) for d in docs] == [("6-K", "Korea Thrunet Co., Ltd."),
                                                                 ("EX-99.1", "Korea Thrunet Co., Ltd.")]


def test_privacy_enhanced_message_wrapper_is_read_through(parse_one):
    text = ("-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\nOriginator-Name: webmaster@www.sec.gov\n"
            "MIC-Info: RSA-MD5,RSA,\n " + base64.b64encode(b"x" * 48).decode() + "\n\n" + submission()
            + "-----END PRIVACY-ENHANCED MESSAGE-----\n")
    docs = parse_one(text)
    assert [d["exhibit_type"] for d in docs] == ["6-K", "EX-99.1"]


def test_cp1252_latin1_and_utf8_keep_every_character(parse_one):
    text = COVER.replace("KOREA THRUNET CO., LTD.", "SOCIÉTÉ GÉNÉRALE S.A.") + "Price: 10 € – “quoted”\n"
    for encoded, name in [(text.encode("cp1252"), "cp1252.txt"), (text.encode("utf-8"), "utf8.txt"),
                          (b"\xef\xbb\xbf" + text.encode("utf-8"), "bom.txt")]:
        [doc] = parse_one(encoded, name)
        assert doc["company"] == "Société Générale S.A.", name
        assert "10 € – “quoted”" in doc["body"], name
    latin1 = COVER.replace("KOREA THRUNET CO., LTD.", "CAFÉ HOLDINGS LTD.").encode("latin-1")
    assert parse_one(latin1, "latin1.txt")[0]["company"] == "Café Holdings Ltd."
    mixed = "é".encode() + b" and " + "é".encode("cp1252") + b"\n" + COVER.encode()
    assert parse_one(mixed, "mixed.txt")[0]["body"].startswith("é and é")


def html_declaring(charset: str, name: str = "SOCIÉTÉ GÉNÉRALE S.A.") -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body>'
            + "".join(f"<p>{line}</p>" for line in COVER.replace("KOREA THRUNET CO., LTD.", name).splitlines())
            + "</body></html>")


# The bytes decide: a declared charset is only a fallback for bytes that are not UTF-8, and a
# declared UTF-16 or UTF-32 needs the bytes to be that.
@pytest.mark.parametrize("encoded, name", [
    (html_declaring("utf-16", "ACME CORP.").encode("ascii"), "ACME CORP."),
    (html_declaring("UTF-32LE", "ACME CORP.").encode("ascii"), "ACME CORP."),
    (html_declaring("koi8-r").encode("utf-8"), "SOCIÉTÉ GÉNÉRALE S.A."),
    (html_declaring("shift_jis", "株式会社サンプル").encode("shift_jis"), "株式会社サンプル"),
    (html_declaring("windows-1251", "ОАО ПРИМЕР").encode("cp1251"), "ОАО ПРИМЕР"),
    (COVER.encode("utf-16-le"), "KOREA THRUNET CO., LTD."),
    (COVER.encode("utf-16-be"), "KOREA THRUNET CO., LTD."),
    (COVER.replace("KOREA THRUNET", "SOCIÉTÉ GÉNÉRALE").encode("utf-16-le"), "SOCIÉTÉ GÉNÉRALE CO., LTD."),
])
def test_encoding_is_read_from_the_bytes(parse_one, encoded, name):
    [doc] = parse_one(encoded, "cover.htm")
    assert name in doc["body"]
    assert (doc["form_type"], doc["signer"]) == ("6-K", "Yong S. Lee")
