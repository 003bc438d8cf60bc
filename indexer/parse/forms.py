"""What a form or an exhibit is, in words a reader knows: the title of a document that states none.

A 10-K with no headline is still "Form 10-K: Annual report"; an 8-K is its items ("Form 8-K:
Results of Operations and Financial Condition; Financial Statements and Exhibits") once they
are known, and an exhibit is named by its number's class in Regulation S-K Item 601
("Exhibit 21.1: Subsidiaries of the registrant").
"""

import re

# What each form reports, as the SEC's own form list describes it (shortened). Keys are EDGAR's form
# types without "/A"; a form's amendment says so after its name.
_FORMS = {
    "8-K": "Current report",
    "6-K": "Report of a foreign private issuer",
    "10-K": "Annual report",
    "10-K405": "Annual report",
    "10-KSB": "Annual report of a small business issuer",
    "10-Q": "Quarterly report",
    "10-QSB": "Quarterly report of a small business issuer",
    "10-D": "Distribution report of an asset-backed issuer",
    "11-K": "Annual report of an employee stock purchase or savings plan",
    "20-F": "Annual report of a foreign private issuer",
    "40-F": "Annual report of a Canadian issuer",
    "3": "Initial statement of beneficial ownership",
    "4": "Statement of changes in beneficial ownership",
    "5": "Annual statement of changes in beneficial ownership",
    "SC 13D": "Beneficial ownership report",
    "SC 13G": "Beneficial ownership report of a passive investor",
    "SC TO-T": "Tender offer statement by a third party",
    "SC TO-I": "Tender offer statement by the issuer",
    "SC 14D9": "Solicitation or recommendation statement",
    "13F-HR": "Holdings report of an institutional investment manager",
    "D": "Notice of an exempt offering of securities",
    "DEF 14A": "Definitive proxy statement",
    "PRE 14A": "Preliminary proxy statement",
    "S-1": "Registration statement",
    "S-3": "Registration statement",
    "S-4": "Registration statement for a business combination",
    "S-8": "Registration statement for an employee benefit plan",
    "F-1": "Registration statement of a foreign private issuer",
    "485APOS": "Post-effective amendment to a fund's registration statement",
    "485BPOS": "Post-effective amendment to a fund's registration statement",
    "N-2": "Registration statement of a closed-end fund",
    "24F-2NT": "Annual notice of securities sold by a fund",
    "ABS-15G": "Report of an asset-backed securitizer",
    "144": "Notice of proposed sale of securities",
}
_PROSPECTUS = re.compile(r"424[A-Z]\d?")
# Regulation S-K Item 601's exhibit classes, by the exhibit number's whole part.
_EXHIBITS = {
    "1": "Underwriting agreement",
    "2": "Plan of acquisition, reorganization or liquidation",
    "3": "Articles of incorporation or by-laws",
    "4": "Instrument defining the rights of security holders",
    "5": "Opinion on legality",
    "8": "Opinion on tax matters",
    "10": "Material contract",
    "13": "Annual report to security holders",
    "14": "Code of ethics",
    "16": "Letter on a change in certifying accountant",
    "17": "Correspondence on the departure of a director",
    "19": "Report furnished to security holders",
    "20": "Other document or statement to security holders",
    "21": "Subsidiaries of the registrant",
    "22": "Subsidiary guarantors",
    "23": "Consent of experts and counsel",
    "24": "Power of attorney",
    "25": "Statement of eligibility of a trustee",
    "31": "Certification under Rule 13a-14(a)",
    "32": "Certification under Section 1350",
    "97": "Policy on recovery of erroneously awarded compensation",
    "99": "Additional exhibit",
}


def _form_name(form_type: str) -> str:
    """ "SC 13G" -> "Schedule 13G"; "10-K" -> "Form 10-K"."""
    if form_type.startswith("SC "):
        return "Schedule " + form_type[3:]
    return "Form " + form_type


def title_for_form(form_type: str | None, item_names: list[str] | tuple[str, ...] = ()) -> str | None:
    """The title of a form that states none: its name, then its items if known, else what it reports."""
    if not form_type:
        return None
    form_type = form_type.upper()
    base = form_type.removesuffix("/A")
    if base not in _FORMS and not re.search(r"\d", base):
        return None  # not a form's name: a document type such as "INFORMATION TABLE"
    name = _form_name(base) + (" (amendment)" if form_type != base else "")
    if item_names:
        return f"{name}: {'; '.join(item_names)}"
    described = _FORMS.get(base) or ("Prospectus" if _PROSPECTUS.fullmatch(base) else None)
    return f"{name}: {described}" if described else name


def title_for_exhibit(exhibit_type: str) -> str:
    """ "EX-21.1" -> "Exhibit 21.1: Subsidiaries of the registrant"."""
    number = exhibit_type.upper().removeprefix("EX-")
    whole = re.match(r"\d+", number)
    described = _EXHIBITS.get(whole.group(0).lstrip("0")) if whole else None
    return f"Exhibit {number}: {described}" if described else f"Exhibit {number}"


def title_for_document(doc_type: str | None, form_type: str | None,
                       item_names: list[str] | tuple[str, ...] = ()) -> str | None:
    """The title of any document that states none: an exhibit's class, a form's report (an 8-K's
    items when known), or the part of its form it is ("Form 13F-HR: Information table")."""
    if doc_type and doc_type.startswith("EX-"):
        return title_for_exhibit(doc_type)
    if not doc_type or doc_type == form_type or doc_type.removesuffix("/A") in _FORMS:
        return title_for_form(doc_type or form_type, item_names)
    if form_type:
        return f"{_form_name(form_type)}: {doc_type.capitalize()}"
    return None
