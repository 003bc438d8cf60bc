"""Structured XML forms (ownership Forms 3/4/5, 13F cover pages and information tables, Form D)
as readable "Label: value" text, plus the facts their schemas name outright.
"""

import re
from dataclasses import dataclass

from lxml import etree

from .dates import first_date
from .payload import without_declaration

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True)
class XmlFacts:
    """What an XML form states in named elements, so no text heuristics are needed."""

    company: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    date: str | None = None
    period: str | None = None


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _label(element) -> str:
    name = _local(element.tag)
    if name == "value":
        name = _local(element.getparent().tag)
    words = _CAMEL.sub(" ", name).replace("_", " ")
    return words[:1].upper() + words[1:].lower()


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
        signer=_first(root, f"//*[{local}='signatureName']", f"//*[{local}='signatureBlock']/*[{local}='name']",
                      f"//*[{local}='signatureBlock']/*[{local}='signature']", f"//*[{local}='nameOfSigner']"),
        signer_title=_first(root, f"//*[{local}='signatureBlock']/*[{local}='title']",
                            f"//*[{local}='signatureTitle']"),
        date=first_date(_first(root, f"//*[{local}='signatureDate']") or ""),
        period=first_date(_first(root, f"//*[{local}='periodOfReport']",
                                 f"//*[{local}='reportCalendarOrQuarter']") or ""),
    )
    return "\n".join(lines), facts
