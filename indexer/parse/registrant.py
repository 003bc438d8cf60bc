"""What a submission header says about the company a filing is about, besides its name and CIK:
its industry (SIC code and name), where it is incorporated and where its business is, and,
for an 8-K, the items it reports. Each is empty where the header does not state it.
"""

import re

from ..edgar_codes import PLACES
from ..facets import name_key
from . import names
from .items import is_current_report, item_names, items_in_text
from .sgml import Entity, Header

# "SERVICES-PREPACKAGED SOFTWARE [7372]" (.txt headers); .nc headers give the code alone.
_SIC = re.compile(r"^(?P<name>.*?)\s*\[(?P<code>\d{3,4})\]$|^(?P<bare>\d{3,4})$")
# Written in capitals by EDGAR: read as words, but for these.
_SMALL = {"and", "or", "of", "for", "the", "in", "to", "on", "by", "with", "except"}
_ABBREVIATIONS = {"NEC", "REIT", "REITS", "ABS", "TV", "US", "U.S."}


def industry_name(written: str) -> str:
    """EDGAR's capitalised industry name cased for reading: "Services-Prepackaged Software"."""
    words = re.split(r"([\s/-]+)", written.strip())
    cased = []
    for index, word in enumerate(words):
        if word.upper() in _ABBREVIATIONS or not word.strip(" /-"):
            cased.append(word)
        elif index and word.lower() in _SMALL and words[index - 1].strip() == "":
            cased.append(word.lower())
        else:
            cased.append(word[:1].upper() + word[1:].lower())
    return "".join(cased)


def _code(value: str | None) -> str | None:
    """A state or country as EDGAR codes it (upper case), or as written when it is not a code."""
    if not value or not value.strip():
        return None
    value = value.strip()
    return value.upper() if value.upper() in PLACES else value


def _former(entity: Entity) -> list[str]:
    """The entity's former names, each once and none of them its name of now."""
    found: dict[str, str] = {}
    for written in entity.former_names:
        cleaned = names.clean_company(written, recase=False)
        if cleaned and name_key(cleaned) != name_key(entity.name):
            found.setdefault(name_key(cleaned), names.as_written(cleaned, []))
    return list(found.values())


def entity_facts(entity: Entity | None) -> dict[str, str | list[str] | None]:
    """The fields `former_names`, `sic`, `industry`, `incorporated` and `location` of the company a
    filing is about."""
    match = _SIC.match((entity.sic or "").strip()) if entity else None
    name = match and match.group("name")
    return {
        "former_names": _former(entity) if entity else [],
        "sic": (match.group("code") or match.group("bare")) if match else None,
        "industry": industry_name(name) if name else None,
        "incorporated": _code(entity.incorporated) if entity else None,
        "location": _code(entity.location) if entity else None,
    }


def filing_items(header: Header, form_text: str) -> list[str]:
    """An 8-K's items: the header's, else the form's own "Item N" headings; none for other forms."""
    if not is_current_report(header.form_type):
        return []
    return item_names(list(header.items), header.filed) or items_in_text(form_text, header.filed)
