"""What a document page shows: the whole text with the query's matches marked and linked one to
the next, the document's fields, the other documents of its filing, and where its raw file and the
SEC's copy of the filing are."""

import re
from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup

from indexer.models import DocumentFields, FilingDocument

from .labels import heading, label
from .results import Link

SEC_ARCHIVES = "https://www.sec.gov/Archives/edgar/data"
_MARK = re.compile(r'<mark id="m([0-9]+)">.*?</mark>', re.DOTALL)
_CIK = re.compile(r"[0-9]{1,10}")
_ACCESSION = re.compile(r"[0-9]{10}-?[0-9]{2}-?[0-9]{6}")


def stepped(marked: str, count: int) -> Markup:
    """The marked text with links after each match to the previous and the next one (round from
    the last to the first), so that matches can be stepped through without JavaScript."""

    def steps(match: re.Match) -> str:
        number = int(match.group(1))
        previous, following = (number - 2) % count + 1, number % count + 1
        return (f'{match.group(0)}<span class="steps">'
                f'<a href="#m{previous}" aria-label="previous match, {previous} of {count}">↑</a>'
                f'<a href="#m{following}" aria-label="next match, {following} of {count}">↓</a></span>')

    # marked_body escapes the text itself: its only markup is the <mark>s matched here.
    return Markup(_MARK.sub(steps, marked))


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
    def of(cls, document: FilingDocument, query: str, marked: tuple[str, int],
           filing: list[DocumentFields]) -> "DocumentPage":
        """The page of `document`, its text `marked` by marked_body, beside the documents of its `filing`."""
        text, count = marked
        q = query.strip() or None
        siblings = [Link(f"{other.kind or 'Document'}: {heading(other)}",
                         url_for("pages.document", document_id=other.id, q=q), other.id == document.id)
                    for other in filing]
        # A filing of one document has no others to list.
        return cls(document, query, stepped(text, count), count, siblings if len(siblings) > 1 else [])

    @property
    def heading(self) -> str:
        return heading(self.document)

    @property
    def facts(self) -> list[str]:
        return [fact for fact in (self.document.company, self.document.kind, self.document.month) if fact]

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [(label(name), value) for name, value in self.document.model_dump(exclude={"body"}).items() if value]

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
