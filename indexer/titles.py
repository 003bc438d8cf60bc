"""What a document is called and what a listing says of it, on every face (the pages, the command
line): its title when it has one that tells it apart, else "Company — form — date", never a file
name or EDGAR's generic description ("PRIMARY DOCUMENT")."""

import re

from .models import DocumentFields, FilingGroup

# Descriptions filers and EDGAR give every document of a kind: they tell one document from no other.
GENERIC = frozenset({
    "primary document", "complete submission text file", "full submission", "document", "main document",
    "cover", "cover page", "cover letter", "form", "exhibit", "exhibits", "graphic", "html", "text", "xml",
})
_FILE_NAME = re.compile(r"\S+\.(?:html?|txt|xml|xsd|pdf|jpe?g|gif|png|nc|paper|sgml?)", re.IGNORECASE)
_FORM_WORDS = re.compile(r"(?:form\s+|exhibit\s+|ex-?\s*)?[0-9a-z]{1,4}(?:[-./][0-9a-z]{1,4})*", re.IGNORECASE)


def _tells(text: str | None, document: DocumentFields) -> bool:
    """Whether `text` names this document rather than its kind or its file."""
    if not text or not text.strip():
        return False
    folded = " ".join(text.split()).casefold()
    kinds = {value.casefold() for value in (document.form_type, document.exhibit_type) if value}
    return not (folded in GENERIC or folded in kinds or _FILE_NAME.fullmatch(folded)
                or (_FORM_WORDS.fullmatch(folded) and any(character.isdigit() for character in folded)))


def title_of(document: DocumentFields) -> str:
    """A document's heading in a listing."""
    for candidate in (document.title, document.description):
        if _tells(candidate, document):
            return " ".join(candidate.split())
    when = document.filed or document.date or document.month
    named = [part for part in (document.company, document.kind, when) if part]
    return " — ".join(named) if named else document.filename or document.source


def facts_of(document: DocumentFields) -> list[str]:
    """What a listing says of a document besides its heading, in reading order: who, what, when it
    was filed (and the period it covers, where that differs), its CIK and accession, who signed."""
    facts = [document.company, document.kind]
    if document.filed:
        facts.append(f"Filed {document.filed}")
    elif document.date or document.month:
        facts.append(document.date or document.month)
    if document.period and document.period != document.filed:
        facts.append(f"period {document.period}")
    facts += [document.cik and f"CIK {document.cik}", document.accession and f"accession {document.accession}",
              document.signer and f"signed by {document.signer}"]
    return [fact for fact in facts if fact]


def documents(count: int) -> str:
    """A count of documents, its plural right: "1 document", "2,041 documents"."""
    return f"{count:,} document{'' if count == 1 else 's'}"


def filings(count: int) -> str:
    """A count of filings, its plural right: "1 filing", "2,041 filings"."""
    return f"{count:,} filing{'' if count == 1 else 's'}"


def filing_title(filing: FilingGroup) -> str:
    """A filing's heading in a listing grouped by filing, as EDGAR's full-text search heads one:
    "Company — form — Filed date" (a filing of one document without a filing date: that document's date)."""
    first = filing.documents[0] if filing.documents else None
    when = f"Filed {filing.filed}" if filing.filed else first and (first.date or first.month)
    return " — ".join(part for part in (filing.company, filing.form_type, when) if part) or title_of(first)


def filing_facts(filing: FilingGroup) -> list[str]:
    """What a listing says of a filing besides its heading: its accession and CIK, and how many of
    its documents matched."""
    matched = len(filing.documents)
    return [fact for fact in (filing.accession and f"accession {filing.accession}", filing.cik and f"CIK {filing.cik}",
                              f"{matched} matching document{'' if matched == 1 else 's'}") if fact]
