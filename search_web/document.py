"""What a document page shows: the whole text with the query's matches marked and linked one to
the next, the document's fields, the other documents of its filing, and where its raw file and the
SEC's copy of the filing are."""

import re
from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup

from indexer.models import DocumentFields, FilingDocument, Highlight
from indexer.highlight import to_html

from .labels import heading, label, shown
from .results import Link

SEC_ARCHIVES = "https://www.sec.gov/Archives/edgar/data"
_CIK = re.compile(r"[0-9]{1,10}")
_ACCESSION = re.compile(r"[0-9]{10}-?[0-9]{2}-?[0-9]{6}")


def stepped(body: Highlight, count: int) -> Markup:
    """The marked text, each match in <mark id="mN"> (N from 1) with links after it to the previous
    and the next one (round from the last to the first), so that matches can be stepped through
    without JavaScript."""

    def step(number: int, text: str) -> str:
        previous, following = (number - 2) % count + 1, number % count + 1
        return (f'<mark id="m{number}">{text}</mark><span class="steps">'
                f'<a href="#m{previous}" aria-label="previous match, {previous} of {count}">↑</a>'
                f'<a href="#m{following}" aria-label="next match, {following} of {count}">↓</a></span>')

    # to_html escapes the text: its only markup is what `step` adds.
    return Markup(to_html(body, mark=step))


def sec_url(document: DocumentFields) -> str | None:
    """The filing's folder in the SEC's archive, when its CIK and accession number say where it is."""
    cik, accession = document.cik or "", document.accession or ""
    if _CIK.fullmatch(cik) and _ACCESSION.fullmatch(accession):
        return f"{SEC_ARCHIVES}/{int(cik)}/{accession.replace('-', '')}/"
    return None


@dataclass(frozen=True)
class DocumentPage:
    document: FilingDocument
    query: str
    body: Markup
    matches: int
    filing: list[Link]

    @classmethod
    def of(cls, document: FilingDocument, query: str, marked: Highlight,
           filing: list[DocumentFields]) -> "DocumentPage":
        """The page of `document`, its text `marked` by marked_body, beside the documents of its `filing`."""
        count = sum(span.matched for span in marked)
        q = query.strip() or None
        siblings = [Link(f"{other.kind or 'Document'}: {heading(other)}",
                         url_for("pages.document", document_id=other.id, q=q), other.id == document.id)
                    for other in filing]
        # A filing of one document has no others to list.
        return cls(document, query, stepped(marked, count), count, siblings if len(siblings) > 1 else [])

    @property
    def heading(self) -> str:
        return heading(self.document)

    @property
    def facts(self) -> list[str]:
        return [fact for fact in (self.document.company, self.document.kind, self.document.month) if fact]

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
    def json_url(self) -> str:
        return url_for("api.document", document_id=self.document.id)

    @property
    def sec_url(self) -> str | None:
        return sec_url(self.document)
