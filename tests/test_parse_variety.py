"""The parser generalises: the same facts written the many ways filers write them."""

import pytest

from .conftest import cover


@pytest.mark.parametrize("line, month", [
    ("For the month of November 2002", "2002-11"),
    ("For the Month of JULY 1999", "1999-07"),
    ("For the month of March, 2003", "2003-03"),
    ("For the month of: April 2004", "2004-04"),
    ("FOR THE MONTH OF     SEPT. , 2005", "2005-09"),
    ("Report on Form 6-K for the month of\n   December 2006", "2006-12"),
    ("For the month of June 30, 2007", "2007-06"),
    ("For the month of 08/2008", "2008-08"),
    ("For the month ended 31 March 2003", "2003-03"),
    ("For the month ending the 30th of June, 2007", "2007-06"),
])
def test_month_lines(parse_one, line, month):
    assert parse_one(cover(month_line=line))[0]["month"] == month


@pytest.mark.parametrize("block, company", [
    ("KOREA THRUNET CO., LTD.\n(Name of Registrant)", "Korea Thrunet Co., Ltd."),
    ("Acme Widgets plc\n(Exact name of registrant as specified in its charter)", "Acme Widgets plc"),
    ("(Exact name of Registrant as specified in its charter)\n\nAcme Tech Ltd.\n"
     "(Translation of Registrant's name into English)", "Acme Tech Ltd."),
    # A romanised or non-Latin exact name gives way to its English translation, as EDGAR's names do.
    ("NIPPON EXAMPLE KABUSHIKI KAISHA\n(Exact name of registrant as specified in its charter)\n"
     "Example Japan Corporation\n(Translation of registrant's name into English)", "Example Japan Corporation"),
    ("Example Denki Kabushiki Gaisha\n(Exact name of registrant as specified in its charter)\n"
     "Example Electric Co., Ltd.\n(Translation of registrant's name into English)", "Example Electric Co., Ltd."),
    ("CHUSIK HOESA EXAMPLE EUNHAENG\n(Exact name of registrant as specified in its charter)\n"
     "Example Bank\n(Translation of registrant's name into English)", "Example Bank"),
    ("株式会社サンプル\n(Exact name of registrant as specified in its charter)\n"
     "Sample Corporation\n(Translation of registrant's name into English)", "Sample Corporation"),
    ("EMPRESA EJEMPLO SOCIEDAD ANÓNIMA\n(Exact name of registrant as specified in its charter)\n"
     "Example Company\n(Translation of registrant's name into English)", "Example Company"),
    ("KONINKLIJKE EXAMPLE N.V.\n(Exact name of registrant as specified in its charter)\n"
     "Royal Example\n(Translation of registrant's name into English)", "Koninklijke Example N.V."),
    ("Example Kabushiki Kaisha\n(Exact name of registrant as specified in its charter)\n"
     "Not applicable\n(Translation of registrant's name into English)", "Example Kabushiki Kaisha"),
    ("GRUPO AEROPORTUARIO DEL NORTE, S.A.B. DE C.V.\n(Name of Registrant)",
     "Grupo Aeroportuario del Norte, S.A.B. de C.V."),
    ("SOCIEDAD QUIMICA Y MINERA DE CHILE S.A.\n(Name of Registrant)", "Sociedad Quimica y Minera de Chile S.A."),
    ("DE LA RUE HOLDINGS PLC\n(Name of Registrant)", "De la Rue Holdings PLC"),
    ("BANCO EJEMPLO, S.A.              (Name of Registrant)", "Banco Ejemplo, S.A."),
    ("ALPHA BETA N.V.\n_________________________________\n(Registrant's name)", "Alpha Beta N.V."),
    ("Gamma Resources Inc.\n(Formerly known as Delta Mining Corp.)\n(Exact name of registrant as specified in "
     "its charter)", "Gamma Resources Inc."),
])
def test_registrant_name_captions(parse_one, block, company):
    assert parse_one(cover(name_block=block))[0]["company"] == company


@pytest.mark.parametrize("signature, signer, title", [
    ("By: /s/ Yong S. Lee\n    ----------------\nDate: May 3, 2004    Name: Yong S. Lee\n    Title: Head of IR Team",
     "Yong S. Lee", "Head of IR Team"),
    ("ACME CO.\n/s/ M.J. van Ginneken (Chief Legal Officer)", "M.J. van Ginneken", "Chief Legal Officer"),
    ("Signed: /s/ Anna Schmidt\nAnna Schmidt, Chief Financial Officer", "Anna Schmidt", "Chief Financial Officer"),
    ("By: _______________________\n    John Q. Smith\n    Chief Executive Officer", "John Q. Smith",
     "Chief Executive Officer"),
    ("By: /S/ ROBERT T. JONES\nROBERT T. JONES\nPRESIDENT", "Robert T. Jones", "PRESIDENT"),
    ("By: Acme GP LLC, its general partner\nBy: /s/ Mary Major\nName: Mary Major\nTitle: Managing Member",
     "Mary Major", "Managing Member"),
    ("By:\t/s/ Joseph Yoon\nName:\tJoseph Yoon, Ph.D\nTitle:\tExecutive Vice President",
     "Joseph Yoon", "Executive Vice President"),
    ("/s/ Jane Doe, Attorney-in-Fact", "Jane Doe", "Attorney-in-Fact"),
    ("ACME LTD.\n____________\nJohn Smith\nDirector", "John Smith", "Director"),
    ("ACME LTD.\n\n\t____________\n\tJOHN E SMITH\n\tChief Executive Officer", "John E Smith",
     "Chief Executive Officer"),
    ("By: /s/ Se Jin Park\nTitle: Director", "Se Jin Park", "Director"),
    ("EXAMPLE HOLDING AG\n\n/s/ Hans Muster\nHans Muster, Chief Executive Officer", "Hans Muster",
     "Chief Executive Officer"),
    ("By: /s/ William Shea\nName: William Shea\nTitle: Senior Vice President, Treasurer and\n"
     "Chief Financial Officer", "William Shea", "Senior Vice President, Treasurer and Chief Financial Officer"),
])
def test_signature_blocks(parse_one, signature, signer, title):
    doc = parse_one(cover(signature=signature))[0]
    assert (doc["signer"], doc["signer_title"]) == (signer, title)


def test_a_document_without_a_signature_block_has_no_signer(parse_one):
    text = cover().split("SIGNATURES")[0] + "\nBy order of the Board, the meeting was adjourned.\n"
    assert parse_one(text)[0]["signer"] is None


@pytest.mark.parametrize("heading, exhibit_type", [
    ("EXHIBIT 99.1", "EX-99.1"), ("Exhibit 99.2", "EX-99.2"), ("EX-99.1", "EX-99.1"),
    ("Exhibit 10.1", "EX-10.1"), ("EXHIBIT 21", "EX-21"), ("Exhibit No. 99", "EX-99"),
    # EDGAR's spelling: parts joined by ".", lettered parts in capitals, a caption or footnote mark left out.
    ("Exhibit 99(a)(5)(C)", "EX-99.(A)(5)(C)"), ("EX-99.(a)(5)", "EX-99.(A)(5)"),
    ("Exhibit (a)(1)(A)", "EX-(A)(1)(A)"), ("EXHIBIT 99.1 - PRESS RELEASE", "EX-99.1"),
    ("Exhibit 99.2 – Investor Presentation", "EX-99.2"), ("Exhibit 99-1", "EX-99.1"), ("Exhibit 10.1*", "EX-10.1"),
])
def test_exhibit_headings(parse_one, heading, exhibit_type):
    text = f"{heading}\n\nFOR IMMEDIATE RELEASE\n\nAcme Corp. Reports Record Results\n\nNEW YORK, May 3, 2004 -- " \
           "Acme Corp. (NYSE: ACM) today announced record results for its first quarter.\n"
    doc = parse_one(text)[0]
    assert (doc["exhibit_type"], doc["signer"]) == (exhibit_type, None)


@pytest.mark.parametrize("heading, form_type", [
    ("FORM 6-K", "6-K"), ("Form 8-K", "8-K"), ("FORM 10-K/A\n(Amendment No. 1)", "10-K/A"),
    ("FORM 20-F\n(Mark One)", "20-F"), ("SCHEDULE 13G\n(Amendment No. 2)", "SC 13G/A"),
    ("AMENDMENT NO. 2\nTO\nFORM S-3", "S-3/A"), ("FORM 6 - K", "6-K"), ("AMENDMENT NO. 1 TO FORM 8-K", "8-K/A"),
    ("Amendment No. 3 to Schedule 13D", "SC 13D/A"),
    ("FORM 6-K\nExhibit 99.1 - Press release dated May 3, 2004", "6-K"),
])
def test_form_headings(parse_one, heading, form_type):
    doc = parse_one(cover(form=heading))[0]
    assert (doc["form_type"], doc["exhibit_type"]) == (form_type, form_type)


@pytest.mark.parametrize("opening, company, date, title", [
    ("Widget World Announces Dividend\n\nNEW YORK, March 3, 2004 /PRNewswire/ -- Widget World, Inc. (NYSE: WW) "
     "today declared a quarterly dividend.", "Widget World, Inc.", "2004-03-03", "Widget World Announces Dividend"),
    ("Blue Sky Mining Completes Acquisition of Red Rock\n\nLONDON--(BUSINESS WIRE)--Jan. 5, 2010--Blue Sky Mining "
     'plc ("the Company") announces the completion of its acquisition.', "Blue Sky Mining plc", "2010-01-05",
     "Blue Sky Mining Completes Acquisition of Red Rock"),
    ("CONTACT: Jo Bloggs, jo@example.com\n\nDelta Airlines Adds Routes\nA second line of headline\n\n"
     "ATLANTA, 12 June 2008 - Delta Air Lines, Inc. (NYSE: DAL) today said it will add routes.",
     "Delta Air Lines, Inc.", "2008-06-12", "Delta Airlines Adds Routes A second line of headline"),
    ("Zenith Minerals Drills High-Grade Gold\n\nVancouver, British Columbia – January 9, 2012 – Zenith Minerals "
     "Ltd. (TSX-V: ZNM) is pleased to report drill results.", "Zenith Minerals Ltd.", "2012-01-09",
     "Zenith Minerals Drills High-Grade Gold"),
    ("Granite Peak Reports Reserves\n\nDENVER, Oct. 14, 2004 /PRNewswire-FirstCall/ -- Granite Peak Resources, "
     "Inc. [NYSE: GPR] today announced its reserves.", "Granite Peak Resources, Inc.", "2004-10-14",
     "Granite Peak Reports Reserves"),
    ("Granite Peak Reports Reserves\n\nDENVER, Oct. 14, 2004 /PRNewswire-FirstCall/ -- Granite Peak Resources, "
     "Inc. today announced its reserves.", "Granite Peak Resources, Inc.", "2004-10-14",
     "Granite Peak Reports Reserves"),
])
def test_press_release_company_dateline_and_headline(parse_one, opening, company, date, title):
    doc = parse_one(f"EXHIBIT 99.1\n\n{opening}\n\nMore text follows here.\n")[0]
    assert (doc["company"], doc["date"], doc["month"], doc["title"]) == (company, date, date[:7], title)


@pytest.mark.parametrize("furnished, title", [
    ("Acme Holdings Co., Ltd. is furnishing under cover of Form 6-K:\nExhibit 99.1: a press release dated May 3, "
     "2004, announcing its results.", "A press release dated May 3, 2004, announcing its results"),
    ("Information furnished on this form:\n\n1. Notice of the 2004 Annual General Meeting of Shareholders\n"
     "2. Proxy Card", "Notice of the 2004 Annual General Meeting of Shareholders"),
    ("Information furnished on this form:\n\nEXHIBITS\n\nExhibit Number\n1. English translation of the "
     "quarterly securities report", "English translation of the quarterly securities report"),
])
def test_cover_titles(parse_one, furnished, title):
    text = cover().replace("<PAGE>", f"{furnished}\n\n<PAGE>")
    assert parse_one(text)[0]["title"] == title
