"""Probes of the web front end with hostile input: script and event handlers through a filing's
text and fields, through queries, facet values and every URL parameter; path traversal through
document ids, raw-file links and static files; oversized queries and parameters.

Every probe is one request that must fail: no markup of its own in the page, no file from
outside the corpus, no 500, no hang. The README's count of probes is len(PROBES).
"""

from urllib.parse import quote

import lxml.html
from lxml import etree
import pytest

from indexer.engines.whoosh.store import Store
from indexer.models import FilingDocument
from indexer.parse import document_id
from indexer.engines.whoosh.schema import record
from search_web import create_app

from .conftest import DEADLINE_SECONDS, build_index

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    "{{ 7*7 }}<b>bold</b>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]
# A submission whose header, cover and exhibit carry markup, as plain text the parser keeps.
SUBMISSION = """<SEC-DOCUMENT>0000950103-03-000666.txt : 20030305
<SEC-HEADER>0000950103-03-000666.hdr.sgml : 20030305
ACCESSION NUMBER:\t\t0000950103-03-000666
CONFORMED SUBMISSION TYPE:\t6-K"><img src=x onerror=alert(1)>
PUBLIC DOCUMENT COUNT:\t\t2
CONFORMED PERIOD OF REPORT:\t20030228
FILED AS OF DATE:\t\t20030305

FILER:
\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tEVIL <script>alert(1)</script> CORP
\t\tCENTRAL INDEX KEY:\t\t\t0000666666
</SEC-HEADER>
<DOCUMENT>
<TYPE>6-K
<SEQUENCE>1
<FILENAME>javascript:alert(1)//form6k.txt
<TEXT>
FORM 6-K
SECURITIES AND EXCHANGE COMMISSION
For the month of February 2003
EVIL <script>alert(1)</script> CORP
(Name of Registrant)
Evil Corp is furnishing under cover of Form 6-K: a report about zorblax "><img src=x onerror=alert(1)> and </textarea><script>alert(1)</script> javascript:alert(1).
SIGNATURES
Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this
report to be signed on its behalf by the undersigned, thereunto duly authorized.
                                   Evil Corp
Date: February 28, 2003            By: /s/ Mallory Jones
                                   Name: Mallory Jones
                                   Title: <script>alert(1)</script> Officer
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex99.txt
<DESCRIPTION>PRESS RELEASE
<TEXT>
EXHIBIT 99.1
Evil Corp Announces <script>alert(1)</script> Zorblax Results
Seoul, February 27, 2003 -- Evil Corp today announced zorblax results: javascript:alert(1) and <a href=javascript:alert(1)>click</a>.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""
COVER, EXHIBIT = document_id("evil.txt#1"), document_id("evil.txt#2")
# Documents written straight into the index, as a tampered index could hold them: markup in the
# fields no filing brings through the parser (a signer, a description), and sources that lead out
# of the corpus.
PLANTED = "0000000000000bad"
OUTSIDE = {  # id: the file its source names
    "00000000000000a1": "../secret.txt",
    "00000000000000a2": "/etc/passwd",
    "00000000000000a3": "linked/secret.txt",  # corpus/linked is a symlink to the folder outside
    "00000000000000a4": "../corpus-evil/secret.txt",  # a sibling whose name starts as the corpus's
    "00000000000000a5": "evil.txt\x00../secret.txt",  # found by these probes: a 500 until the raw route refused it
    "00000000000000a6": "",
    "00000000000000a7": ".",
    "00000000000000a8": "<script>alert(1)</script>",
}
SECRET = "TOP SECRET 31337"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A client of the app over the hostile corpus's index, and the corpus folder."""
    root = tmp_path_factory.mktemp("probes")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(SUBMISSION)
    for folder in (root, root / "corpus-evil"):
        folder.mkdir(exist_ok=True)
        (folder / "secret.txt").write_text(SECRET)
    index = build_index(corpus, root / "index")
    (corpus / "linked").symlink_to(root, target_is_directory=True)
    writer = Store(index).open().writer()
    writer.add_document(**record(FilingDocument(
        id=PLANTED, source=PAYLOADS[0] + "#1", accession=PAYLOADS[1], cik=PAYLOADS[3], company=PAYLOADS[2],
        form_type=PAYLOADS[4], exhibit_type=PAYLOADS[5], description=PAYLOADS[6], filename=PAYLOADS[3],
        month="2003-02", date="2003-02-27", signer=PAYLOADS[7], signer_title=PAYLOADS[8], title=PAYLOADS[9],
        body="zorblax " + " ".join(PAYLOADS)), file=PAYLOADS[0], stamp="x"))
    for number, source in OUTSIDE.items():
        writer.add_document(**record(FilingDocument(id=number, source=source, body="zorblax"), file=source, stamp="x"))
    writer.commit()
    # A budget only a hang runs out of: what a probe finds must be the input's doing, not a busy machine's.
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index,
                       "FILINGS_SEARCH_BUDGET": DEADLINE_SECONDS}).test_client(), corpus


# Every tag and attribute the site's own pages use; anything else in a page was injected.
TAGS = {"html", "head", "title", "meta", "link", "script", "body", "header", "main", "nav", "aside", "article",
        "section", "div", "figure", "figcaption", "h1", "h2", "h3", "p", "span", "a", "ul", "ol", "li", "dl", "dt",
        "dd", "pre", "code", "kbd", "q", "mark", "form", "fieldset", "legend", "label", "input", "button", "svg",
        "rect", "text", "details", "summary", "datalist"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href")


def harmless(response) -> None:
    """The response runs nothing of a probe's: HTML holds only the site's own elements, scripts
    and links; JSON and raw files are served as what they are, never as HTML."""
    assert response.status_code in (200, 400, 404), response.status_code
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if response.mimetype != "text/html":
        assert response.mimetype in ("application/json", "text/plain")
        return
    tree = lxml.html.document_fromstring(response.get_data(as_text=True))
    assert {element.tag for element in tree.iter(etree.Element)} <= TAGS
    assert [(script.get("src"), script.text) for script in tree.iter("script")] in (
        [("/static/entities.js", None)], [("/static/entities.js", None), ("/static/matches.js", None)])
    assert [name for element in tree.iter(etree.Element) for name in element.attrib
            if name.lower().startswith("on")] == []
    assert [meta.attrib for meta in tree.iter("meta") if set(meta.attrib) - {"charset", "name", "content"}] == []
    urls = [" ".join(element.get(name).split()).lower() for element in tree.iter(etree.Element)
            for name in URL_ATTRIBUTES if element.get(name) is not None]
    assert [url for url in urls if url.startswith(("javascript:", "vbscript:", "data:")) and url != "data:,"] == []


def probe_urls(payload: str) -> list[str]:
    """Every place a URL can carry `payload`: the query, each facet and parameter, ids, routes."""
    value = quote(payload, safe="")
    urls = [f"/?q={value}", f"/api/search?q={value}", f"/doc/{COVER}?q={value}", f"/doc/{PLANTED}?q={value}",
            f"/doc/{value}", f"/raw/{value}", f"/api/doc/{value}", f"/{value}", f"/?{value}={value}"]
    for name in ("company", "month", "year", "form_type", "exhibit_type", "signer", "month_from", "month_to",
                 "sort", "page", "per_page"):
        urls += [f"/?q=zorblax&{name}={value}", f"/api/search?{name}={value}"]
    return urls


INJECTIONS = [url for payload in PAYLOADS for url in probe_urls(payload)]
# The pages a filing's own markup reaches: results with its hits, snippets and facets, its
# documents' pages and raw files, their JSON, and the error page naming a bad source.
FILING_PAGES = ["/", "/?q=zorblax", "/?q=script", "/?q=alert&sort=newest", "/?q=zorblax&company=EVIL+CORP",
                f"/?company={quote(PAYLOADS[2])}", f"/?signer={quote(PAYLOADS[7])}", f"/?form_type={quote(PAYLOADS[4])}",
                f"/?exhibit_type={quote(PAYLOADS[5])}", "/?q=signer:alert", "/?q=zorblax&per_page=1&page=2",
                *[f"/doc/{number}{query}" for number in (COVER, EXHIBIT, PLANTED) for query in ("", "?q=alert", "?q=zorb*")],
                *[f"/{route}/{number}" for number in (COVER, EXHIBIT, PLANTED) for route in ("raw", "api/doc")],
                "/api/search?q=zorblax"]


@pytest.mark.parametrize("url", FILING_PAGES + INJECTIONS)
def test_no_markup_from_a_filing_or_a_url_runs(hostile, url):
    with hostile[0].get(url) as response:
        harmless(response)


def test_the_planted_fields_show_as_text(hostile):
    """The probes above prove nothing if the markup never reached the page: here it does, as text."""
    response = hostile[0].get(f"/doc/{PLANTED}")
    tree = lxml.html.document_fromstring(response.get_data(as_text=True))
    shown = [" ".join(dd.text_content().split()) for dd in tree.iter("dd")]
    assert shown == [PLANTED, PAYLOADS[0] + "#1", PAYLOADS[1], PAYLOADS[3], PAYLOADS[2], PAYLOADS[4], PAYLOADS[5],
                     PAYLOADS[6], PAYLOADS[3], "2003-02", "2003-02-27", PAYLOADS[7], PAYLOADS[8], PAYLOADS[9]]
    cover = lxml.html.document_fromstring(hostile[0].get(f"/doc/{COVER}").get_data(as_text=True))
    assert cover.xpath("//h1")[0].text_content() == ('A report about zorblax "><img src=x onerror=alert(1)> and '
                                                      "</textarea><script>alert(1)</script> javascript:alert(1)")


# Ways out of the corpus: ids, raw links and static files with .., absolute paths, NUL, encoded
# and double-encoded slashes and backslashes, overlong UTF-8 and full-width dots.
ESCAPES = ["..%2Fsecret.txt", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "/etc/passwd", "%252e%252e%252fsecret.txt",
           "..%5Csecret.txt", "..\\secret.txt", "%00", "evil.txt%00", "%c0%ae%c0%ae%2fsecret.txt",
           "%EF%BC%8E%EF%BC%8E%EF%BC%8Fsecret.txt", "linked%2Fsecret.txt", f"{COVER}%2F..%2F..%2Fsecret.txt",
           f"{COVER}/../../secret.txt", "~root", "%2e%2e", "."]
TRAVERSALS = ([f"/{route}/{escape}" for route in ("raw", "doc", "api/doc", "static") for escape in ESCAPES]
              + [f"/raw/{number}" for number in OUTSIDE])


@pytest.mark.parametrize("url", TRAVERSALS)
def test_no_path_leads_out_of_the_corpus(hostile, url):
    with hostile[0].get(url, follow_redirects=True) as response:
        assert response.status_code == 404, response.get_data(as_text=True)[:500]
        harmless(response)
        assert SECRET not in response.get_data(as_text=True) and "root:x:0:0" not in response.get_data(as_text=True)


def test_a_raw_file_is_served_only_from_the_corpus(hostile):
    """The traversal probes fail because of the checks, not because nothing is there to find."""
    client, corpus = hostile
    assert (corpus / "linked" / "secret.txt").read_text() == SECRET
    with client.get(f"/raw/{COVER}") as response:
        assert (response.status_code, response.mimetype) == (200, "text/plain")
        assert response.get_data(as_text=True) == SUBMISSION


WORD = "zorblax"
# Oversized input: each a 400 naming the limit, at once. (url, params, what the message says)
OVERSIZED = [
    ("/", {"q": "a" * 100_000}, "string should have at most 2000 characters"),
    ("/api/search", {"q": "a" * 100_000}, "string should have at most 2000 characters"),
    # Found by these probes: a document page once took 80 s to parse a 100 KB word; it reads its
    # search as the results page does.
    (f"/doc/{COVER}", {"q": "a" * 100_000}, "string should have at most 2000 characters"),
    (f"/doc/{COVER}", {"q": "a" * 2001}, "string should have at most 2000 characters"),
    # Every link of a results page repeats every filter: 10,000 values once took minutes to render.
    ("/", [("company", f"Company {number}") for number in range(10_000)], "list should have at most 20 items"),
    ("/api/search", [("signer", f"Signer {number}") for number in range(10_000)], "list should have at most 20 items"),
    ("/", [("month", "2003-02")] * 10_000, "list should have at most 20 items"),
    ("/", [("year", "2003")] * 21, "list should have at most 20 items"),
    # Exclusions are filters a page's links repeat too: selections and exclusions are bounded together.
    ("/", [(facet, f"{number:03d}{'é' * 197}") for facet in ("company", "not_company", "signer", "not_signer",
                                                             "form_type", "not_form_type") for number in range(20)]
     + [("year", "2003")], "too many facet values: at most 120 in all, selected and excluded (121 given)"),
    ("/", {"company": "x" * 100_000}, "string should have at most 200 characters"),
    ("/api/search", {"exhibit_type": "x" * 201}, "string should have at most 200 characters"),
    ("/", {"page": "9" * 5000}, "exceeded maximum size"),
    ("/api/search", {"per_page": str(10**30)}, "per_page="),
]


def message_of(response) -> str:
    if response.mimetype == "application/json":
        return response.get_json()["error"]
    return lxml.html.document_fromstring(response.get_data(as_text=True)).xpath("//p[@class='message']")[0].text


@pytest.mark.parametrize("url, params, says", OVERSIZED)
def test_oversized_input_is_refused_where_it_is_read(hostile, url, params, says):
    """The message names the limit that refused it: the input went no further than the check of that limit."""
    response = hostile[0].get(url, query_string=params)
    assert response.status_code == 400
    harmless(response)
    assert says in message_of(response) and "\n" not in message_of(response)


# The largest input accepted: answered, not timed out, and a page of bounded size. The largest page is
# the one with every facet's filters full of the longest values, which percent-encoding makes six
# times as long in each of its ~200 links: about 22 MB.
LARGEST = [
    ("/", {"q": "a" * 2000}),
    (f"/doc/{COVER}", {"q": "a" * 2000}),
    ("/", {"q": " OR ".join([WORD] * 180)}),
    ("/", [(facet, f"{number:03d}{'é' * 197}") for facet in ("company", "form_type", "exhibit_type", "signer")
           for number in range(20)]
     + [("month", f"2003-{month:02d}") for month in range(1, 13)] + [("year", str(1990 + n)) for n in range(20)]),
    ("/", [(facet, f"{number:03d}{'é' * 197}") for facet in ("not_company", "not_form_type", "exhibit_type",
                                                             "not_signer") for number in range(20)]
     + [("not_month", f"2003-{month:02d}") for month in range(1, 13)] + [("year", str(1990 + n)) for n in range(20)]),
    ("/", [(f"junk{number}", "x") for number in range(10_000)] + [("q", WORD)]),
    ("/doc/" + "a" * 100_000, None),
    ("/api/search", {"page": str(10**18), "per_page": "100"}),
]


@pytest.mark.parametrize("url, params", LARGEST)
def test_the_largest_input_accepted_is_answered(hostile, url, params):
    response = hostile[0].get(url, query_string=params)
    assert response.status_code == (404 if url.startswith("/doc/a") else 200)
    assert len(response.data) < 25_000_000
    harmless(response)


PROBES = [*FILING_PAGES, *INJECTIONS, *TRAVERSALS, *OVERSIZED, *LARGEST]
