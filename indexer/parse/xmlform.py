"""Structured XML forms (ownership Forms 3/4/5, 13F cover pages and information tables, Form D)
as readable "Label: value" text, plus the facts their schemas name outright.
"""

import re
from dataclasses import dataclass

from lxml import etree

from .dates import first_date
from .payload import without_declaration
from .xmllabels import label


@dataclass(frozen=True)
class XmlFacts:
    """What an XML form states in named elements, so no text heuristics are needed."""

    company: str | None = None
    form_type: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    date: str | None = None
    period: str | None = None
    ticker: str | None = None  # an ownership form's issuer's, as the form states it


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _label(element) -> str:
    parent = element.getparent()
    return label(_local(element.tag), _local(parent.tag) if parent is not None else None)


def _first(root, *paths: str) -> str | None:
    for path in paths:
        found = root.xpath(path)
        for item in found:
            text = (item.text or "").strip() if hasattr(item, "text") else str(item).strip()
            if text:
                return text
    return None


def xml_to_text(markup: str) -> tuple[str, XmlFacts]:
    """Return the form's leaf values as labelled lines, and the facts its elements name."""
    markup = without_declaration(markup).strip()
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(markup.encode("utf-8"), parser=parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return re.sub(r"<[^>]+>", " ", markup), XmlFacts()
    lines = []
    for element in root.iter():
        if not isinstance(element.tag, str) or len(element):
            continue
        text = " ".join((element.text or "").split())
        if text:
            lines.append(f"{_label(element)}: {text}")
    local = "local-name()"
    facts = XmlFacts(
        company=_first(root, f"//*[{local}='issuerName']", f"//*[{local}='filingManager']/*[{local}='name']",
                       f"//*[{local}='primaryIssuer']/*[{local}='entityName']"),
        # The form names itself: ownership forms in documentType, EDGAR's other schemas in submissionType.
        form_type=_first(root, f"//*[{local}='documentType']", f"//*[{local}='submissionType']"),
        # The typed name before the "/s/" line: it is the name as the signer spells it.
        signer=_first(root, f"//*[{local}='nameOfSigner']", f"//*[{local}='signatureBlock']/*[{local}='name']",
                      f"//*[{local}='signatureName']", f"//*[{local}='signatureBlock']/*[{local}='signature']",
                      f"//*[{local}='signatureDetails']/*[{local}='signature']"),
        signer_title=_first(root, f"//*[{local}='signatureBlock']/*[{local}='title']",
                            f"//*[{local}='signatureTitle']", f"//*[{local}='signatureDetails']/*[{local}='title']"),
        date=first_date(_first(root, f"//*[{local}='signatureDate']",
                               f"//*[{local}='signatureDetails']/*[{local}='date']") or ""),
        period=first_date(_first(root, f"//*[{local}='periodOfReport']",
                                 f"//*[{local}='reportCalendarOrQuarter']") or ""),
        ticker=_first(root, f"//*[{local}='issuerTradingSymbol']"),
    )
    return "\n".join(lines), facts
