"""One file's text to FilingDocuments: envelope, payload filter, markup to text, then fields.

Header facts (accession, CIK, company, form type, filing date, period) apply to every
document of a submission; the rest is read from each document's own text. A field the
document does not state is None.
"""

import hashlib
import re
from dataclasses import dataclass

from ..errors import ParseError
from ..models import FilingDocument, ParsedFile
from . import headings, letterhead, names, registrant, sgml
from .dates import DATE, first_date, month_of, period_of
from .forms import title_for_document, title_for_form
from .html import html_to_text
from .items import is_current_report, items_in_text
from .layout import Layout, tidy
from .payload import PSEUDO_TAGS, markup_of, payload_kind, unwrap
from .signature import clean_person, signature_of
from .tickers import ticker_of
from .xmlform import XmlFacts, xml_to_text

_FILING_MARKERS = re.compile(
    r"securities\s+and\s+exchange\s+commission|\(?name\s+of\s+(?:the\s+)?registrant|exact\s+name\s+of\s+registrant"
    r"|for\s+immediate\s+release|pursuant\s+to\s+(?:the\s+requirements\s+of\s+)?(?:the\s+)?securities"
    r"|duly\s+caused\s+this|^\s*(?:form|schedule)\s+[\w-]+\s*$",
    re.IGNORECASE | re.MULTILINE,
)


# Where a cover page states the period and month a report covers.
COVER_CHARS = 4000


@dataclass(frozen=True)
class _Content:
    body: str
    markup: str = "text"
    html_title: str | None = None
    facts: XmlFacts = XmlFacts()
    html: str = ""  # the markup itself, for what only its styling shows


def document_id(source: str) -> str:
    """Stable across runs and machines: derived from the corpus-relative source alone."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def _plain_text(content: str) -> str:
    text = content.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return tidy(PSEUDO_TAGS.sub("", text))


def _content(raw_text: str) -> _Content:
    _, inner = unwrap(raw_text)
    markup = markup_of(inner)
    if markup == "html":
        body, title = html_to_text(inner)
        return _Content(body=body, markup=markup, html_title=title, html=inner)
    if markup == "xml":
        body, facts = xml_to_text(inner)
        return _Content(body=body, markup=markup, facts=facts)
    return _Content(body=_plain_text(inner))


def _month(date: str | None) -> str | None:
    return date[:7] if date else None


class _Fields:
    """Reads the fields of one document's text, given what its envelope already says."""

    def __init__(self, content: _Content, doc_type: str | None, header: sgml.Header | None,
                 filing_company: str | None):
        self.content = content
        self.filing_company = filing_company
        self.layout = Layout(content.body, hard_wrapped=content.markup == "text")
        self.header = header
        doc_type = doc_type or content.facts.form_type
        self.exhibit_heading = None if doc_type else headings.exhibit_heading(self.layout)
        self.form_heading = None if doc_type or self.exhibit_heading else headings.form_heading(self.layout)
        self.doc_type = (doc_type or self.exhibit_heading or self.form_heading or "").upper() or None
        self.is_exhibit = bool(self.doc_type and self.doc_type.startswith("EX-"))
        self.signature = signature_of(content.body, self.doc_type if self.is_exhibit else None)
        self.dateline = headings.dateline(self.layout)

    @property
    def form_type(self) -> str | None:
        if self.header and self.header.form_type:
            return self.header.form_type.upper()
        return self.doc_type

    def company(self) -> str | None:
        if self.filing_company:
            return self.filing_company
        found = (
            names.clean_company(self.content.facts.company, recase=False)
            or names.captioned_company(self.layout)
            or names.labelled_company(self.layout)
            or names.announced_company(self.layout)
            or names.signing_company(self.signature.region)
            or (letterhead.prominent_company(self.content.html) if self.content.html else None)
            or letterhead.letterhead_company(self.layout)
        )
        return names.as_written(found, [self.content.body]) if found else None

    def own_month(self) -> str | None:
        return month_of(self.content.body[:COVER_CHARS])

    def date(self) -> str | None:
        if self.signature.signer:
            # A signed document is dated by its signature, not by a dateline it may quote.
            dated = first_date(self.signature.region[:800])
        else:
            dated = self.dateline[1] if self.dateline else None
        return (
            dated
            or self.content.facts.date
            or self._cover_date()
            or (self.header.filed if self.header else None)
        )

    def _cover_date(self) -> str | None:
        """A date standing alone on the cover, as on 6-Ks that give no month line."""
        opening = self.layout.opening(40)
        for index, segment in enumerate(opening):
            stripped = re.sub(r"^(?:Date|Dated)\s*:?\s*", "", segment, flags=re.IGNORECASE)
            before = opening[index - 1] if index else ""
            if DATE.fullmatch(stripped.strip(" .")) and not re.search(r"(?:ended|ending|of|as at)$", before, re.I):
                return first_date(stripped)
        return None

    def period(self) -> str | None:
        if self.header and self.header.period:
            return self.header.period
        if self.is_exhibit:
            return None  # an exhibit's prose mentions periods; only a cover states the report's
        return self.content.facts.period or period_of(self.content.body[:COVER_CHARS])

    def title(self, description: str | None, items: list[str]) -> str | None:
        found = None
        if not self.is_exhibit:
            found = headings.readable(headings.cover_title(self.layout, self.form_type))
        found = found or headings.readable(headings.headline(self.layout, self.dateline))
        return (
            found
            or headings.informative(self.content.html_title, self.doc_type)
            or headings.informative(description, self.doc_type)
            or title_for_document(self.doc_type, self.form_type, items)
        )


def _ticker(content: _Content) -> str | None:
    return ticker_of(content.html, content.facts.ticker, content.body)


def _build(source: str, raw: sgml.RawDocument, content: _Content, header: sgml.Header | None,
           filing_month: str | None, filing_company: str | None, filing_items: list[str] | None,
           filing_ticker: str | None) -> FilingDocument:
    fields = _Fields(content, raw.type, header, filing_company)
    principal = header.principal if header else None
    if filing_items is None:  # no header: a current report's own text says what it reports
        own = is_current_report(fields.form_type) and not fields.is_exhibit
        filing_items = items_in_text(content.body) if own else []
    date = fields.date()
    period = fields.period()
    # An XML form's signature element is the signature itself; its text only repeats it as "Label: value".
    xml_signer, xml_title = clean_person(content.facts.signer)
    signer, signer_title = fields.signature.signer, fields.signature.signer_title
    if xml_signer:
        signer, signer_title = xml_signer, content.facts.signer_title or xml_title
    return FilingDocument(
        id=document_id(source),
        source=source,
        accession=header.accession if header else None,
        cik=principal.cik if principal else None,
        company=fields.company(),
        ticker=filing_ticker if header else _ticker(content),
        form_type=fields.form_type,
        exhibit_type=fields.doc_type,
        description=raw.description,
        filename=raw.filename,
        month=filing_month or fields.own_month() or _month(period) or _month(date),
        date=date,
        filed=header.filed if header else None,
        period=period,
        items=filing_items,
        **registrant.entity_facts(principal),
        signer=signer,
        signer_title=signer_title,
        title=fields.title(raw.description, filing_items),
        body=content.body,
    )


def _header_document(source: str, header: sgml.Header) -> FilingDocument:
    principal = header.principal
    items = registrant.filing_items(header, "")
    return FilingDocument(
        id=document_id(source),
        source=source,
        accession=header.accession,
        cik=principal.cik if principal else None,
        company=names.as_written(names.clean_company(principal.name, recase=False) or "", [])
        if principal else None,
        form_type=header.form_type.upper() if header.form_type else None,
        description="submission header (the filing's documents are not in this file)",
        title=title_for_form(header.form_type, items),
        month=_month(header.period) or _month(header.filed),
        date=header.filed,
        filed=header.filed,
        period=header.period,
        items=items,
        **registrant.entity_facts(principal),
        body=header.text,
    )


def _looks_like_filing(text: str) -> bool:
    """A filing's markers, or an exhibit's heading however it is spelled and placed."""
    return bool(_FILING_MARKERS.search(text[:20000]) or headings.exhibit_heading(Layout(text[:4000])))


def parse_text(text: str, source: str) -> ParsedFile:
    """Parse one file's decoded text; `source` is its corpus-relative path."""
    envelope = sgml.split(text)
    header = envelope.header
    texts: list[tuple[sgml.RawDocument, _Content]] = []
    skipped = 0
    for raw in envelope.documents:
        if payload_kind(raw.type, raw.filename, raw.text):
            skipped += 1
            continue
        content = _content(raw.text)
        if not content.body.strip():
            skipped += 1
            continue
        texts.append((raw, content))
    if not envelope.submission and texts and texts[0][1].markup == "text":
        if not _looks_like_filing(texts[0][1].body):
            raise ParseError(source, "not an EDGAR filing (no SEC header, form, exhibit or registrant heading)")
    if not texts:
        if header is not None:
            return ParsedFile(source=source, documents=[_header_document(source, header)], skipped_payloads=skipped)
        reason = "only machine payloads, no text document" if skipped else "no text in this file"
        raise ParseError(source, reason)
    filing_month = filing_company = filing_items = filing_ticker = None
    if header is not None:
        # The cover states the symbol (an exhibit seldom does): every document of the filing is its company's.
        filing_ticker = next((ticker for _, content in texts if (ticker := _ticker(content))), None)
        filing_items = registrant.filing_items(header, texts[0][1].body)
        filing_month = month_of(texts[0][1].body[:COVER_CHARS]) or _month(header.period)
        principal = header.principal
        cleaned = names.clean_company(principal.name, recase=False) if principal else None
        filing_company = names.as_written(cleaned, [content.body for _, content in texts]) if cleaned else None
    documents = []
    for raw, content in texts:
        document_source = f"{source}#{raw.position}" if envelope.submission else source
        # Without a header, the documents of one submission still share its registrant, which the
        # form (its first document) names.
        fallback = filing_company or (documents[0].company if documents else None)
        documents.append(_build(document_source, raw, content, header, filing_month, fallback, filing_items,
                                filing_ticker))
    return ParsedFile(source=source, documents=documents, skipped_payloads=skipped)
