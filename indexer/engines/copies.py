"""A document stored twice is one document: what makes two of them the same, and which copy is shown.

EDGAR gives one submission in two forms (the dissemination `.nc` and the full-text `.txt`), and a
corpus gathered from several places holds files copied into two folders: each copy is parsed into
documents of their own, with their own source and id. Searches show one of them, count it once
in totals and facets, and the document page lists every copy (engines/whoosh/copies.py,
engines/sphinx/copies.py).

Two documents are copies when they are the same document of the same filing: the same accession
number (or none), the same exhibit type, the same file name in the submission (else the same place
in it) and the same text, whitespace aside. The header's other facts are left out: the `.nc` form
states the SIC code alone where the `.txt` also names the industry, and both are one filing.
"""

import hashlib

from ..models import DocumentFields, FilingDocument


def copy_key(document: FilingDocument) -> int:
    """The document's identity among copies: a 63-bit hash, above 0, of what two copies share
    (the width of the cluster's 64-bit attributes, which are signed)."""
    place = document.source.rpartition("#")[2] if "#" in document.source else ""
    identity = "\x00".join([(document.accession or "").replace("-", ""), document.exhibit_type or "",
                            document.filename or f"#{place}", " ".join(document.body.split())])
    return (int.from_bytes(hashlib.blake2b(identity.encode("utf-8"), digest_size=8).digest(), "big") >> 1) or 1


def _stated(document: DocumentFields) -> int:
    return sum(1 for name in DocumentFields.model_fields if getattr(document, name) not in (None, [], ""))


def rank(document: DocumentFields) -> str:
    """Where a copy stands among the copies of its document, the first shown by searches: the copy
    stating the most fields (the `.txt` names the industry its `.nc` twin leaves out), then the
    first by source, so that every engine shows the same one. (As text, for an index's column.)"""
    return f"{len(DocumentFields.model_fields) - _stated(document):03d} {document.source}"


def shown_first(copies: list[DocumentFields]) -> list[DocumentFields]:
    """Copies of one document in the order they are offered, the one searches show first."""
    return sorted(copies, key=rank)
