"""What a document page shows: the whole text with the query's matches marked and linked one to
the next, the document's fields, the other documents of its filing, the copies the index holds of
it, and where its raw file and the SEC's copy of the filing are."""

import re
from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup

from indexer.highlight import to_html
from indexer.models import DocumentFields, FilingDocument, Highlight, SearchRequest, Similar
from indexer.titles import facts_of

from .labels import heading, label, shown
from .params import canonical, state_of
from .results import HitView, Link, hit_view

SEC_ARCHIVES = "https://www.sec.gov/Archives/edgar/data"
_CIK = re.compile(r"[0-9]{1,10}")
_ACCESSION = re.compile(r"[0-9]{10}-?[0-9]{2}-?[0-9]{6}")


def stepped(body: Highlight, count: int) -> Markup:
    """The marked text, each match in <mark id="mN"> (N from 1) with links after it to the previous
    and the next one (round from the last to the first), so that matches can be stepped through
    without JavaScript."""

    def step(number: int, text: str) -> str:
        previous, following = (number - 2) % count + 1, number % count + 1
        return (f'<mark id="m{number}">{text}</mark><span class="steps"><span class="where">{number} of {count}</span>'
                f'<a href="#m{previous}" aria-label="previous match, {previous} of {count}">↑</a>'
                f'<a href="#m{following}" aria-label="next match, {following} of {count}">↓</a></span>')

    # to_html escapes the text: its only markup is what `step` adds.
    return Markup(to_html(body, mark=step))


# A document's file name as EDGAR keeps it in a filing's folder (no path, no spaces).
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(?:html?|txt|xml|pdf|jpe?g|gif|png)", re.IGNORECASE)


def sec_url(document: DocumentFields) -> str | None:
    """The document in the SEC's archive where its file name is known, else its filing's folder,
    when its CIK and accession number say where that is."""
    cik, accession = document.cik or "", document.accession or ""
    if not (_CIK.fullmatch(cik) and _ACCESSION.fullmatch(accession)):
        return None
    folder = f"{SEC_ARCHIVES}/{int(cik)}/{accession.replace('-', '')}/"
    return folder + document.filename if document.filename and _FILE_NAME.fullmatch(document.filename) else folder


@dataclass(frozen=True)
class Copy:
    """One copy of the document the index holds (the same filing as .nc and .txt, a file in two
    folders): where it is, its page and its raw file."""

    source: str
    url: str
    raw_url: str
    current: bool
    note: str  # what a reader needs to know of it besides its place


@dataclass(frozen=True)
class DocumentPage:
    document: FilingDocument
    query: str
    body: Markup
    matches: int
    filing: list[Link]
    back: Link | None  # to the results the page was reached from
    copies: list[Copy]
    similar: list[HitView] = ()  # the documents most like it, their pages keeping the search
    similar_notes: list[str] = ()  # why the similar documents are missing or may be incomplete

    @classmethod
    def of(cls, document: FilingDocument, searched: SearchRequest, marked: Highlight,
           filing: list[DocumentFields], copies: list[DocumentFields], similar: Similar | None = None,
           similar_failed: str | None = None) -> "DocumentPage":
        """The page of `document`, reached from the search `searched` (whose words `marked` marks),
        beside the documents of its `filing` and its `copies` (itself among them, the one searches
        show first)."""
        count = sum(span.matched for span in marked)
        state = canonical(state_of(searched))
        # The filing lists each document once, by the copy searches show: this one, if it is another copy.
        same = {each.id for each in copies} | {document.id}
        siblings = [Link(f"{other.kind or 'Document'}: {heading(other)}",
                         url_for("pages.document", document_id=other.id, **state), other.id in same)
                    for other in dict((each.id, each) for each in filing).values()]
        back = Link("Back to the results", url_for("pages.search", **state)) if state else None
        held = [Copy(each.source, url_for("pages.document", document_id=each.id, **state),
                     url_for("pages.raw", document_id=each.id), each.id == document.id,
                     "the copy searches show" if at == 0 else "")
                for at, each in enumerate(copies)]
        # A filing of one document has no others to list, a document stored once no copies.
        return cls(document, searched.query, stepped(marked, count), count, siblings if len(siblings) > 1 else [], back,
                   held if len(held) > 1 else [],
                   [hit_view(hit, state_of(searched)) for hit in similar.hits] if similar else [],
                   [similar_failed] if similar_failed else similar.warnings if similar else [])

    @property
    def copies_summary(self) -> str:
        return f"The index holds this document {len(self.copies)} times; searches find and count it once."

    @property
    def heading(self) -> str:
        return heading(self.document)

    @property
    def facts(self) -> list[str]:
        return facts_of(self.document)

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [(label(name), shown(name, value))
                for name, value in self.document.model_dump(exclude={"body"}).items() if value]

    @property
    def matches_summary(self) -> str:
        return f"{self.matches} match{'' if self.matches == 1 else 'es'} for “{self.query.strip()}”"

    @property
    def raw_url(self) -> str:
        return url_for("pages.raw", document_id=self.document.id)

    @property
    def raw_document_url(self) -> str | None:
        """The raw text of this document alone, where it is one of a submission's ("file#N")."""
        return url_for("pages.raw", document_id=self.document.id, document=1) if "#" in self.document.source else None

    @property
    def json_url(self) -> str:
        return url_for("api.document", document_id=self.document.id)

    @property
    def sec_url(self) -> str | None:
        return sec_url(self.document)
