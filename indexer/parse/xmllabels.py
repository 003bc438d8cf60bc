"""The words a reader sees for an XML form's element names: "Shares or principal amount", not "Ssh prnamt".

EDGAR's XML schemas (ownership Forms 3/4/5, 13F cover pages and information tables, Form D,
Schedules 13D/13G) name their elements in abbreviated camelCase. The forms people read print
labels for the same boxes; a search snippet or a document page should read like them. The
table names the common elements whose words alone would mislead; everything else is spelled
out from its camelCase, with EDGAR's usual abbreviations expanded.
"""

import re

# Element local name, or "parent/name" where the name alone says too little.
_LABELS = {
    "sshPrnamt": "Shares or principal amount",
    "sshPrnamtType": "Shares (SH) or principal amount (PRN)",
    "shrsOrPrnAmt": "Shares or principal amount",
    "putCall": "Put or call",
    "infoTable/value": "Market value",
    "votingAuthority/Sole": "Voting authority, sole",
    "votingAuthority/Shared": "Voting authority, shared",
    "votingAuthority/None": "Voting authority, none",
    "otherManager": "Other manager",
    "form13FFileNumber": "Form 13F file number",
    "provideInfoForInstruction5": "Information provided for Instruction 5",
    "isConfidentialOmitted": "Confidential information omitted",
    "ccc": "CIK confirmation code",
    "filingManager/name": "Filing manager name",
    "signatureBlock/name": "Name of signer",
    "signatureBlock/title": "Title of signer",
    "signatureDetails/title": "Title of signer",
    "signatureDetails/date": "Signature date",
    "signatureName": "Signature",
    "nameOfSigner": "Name of signer",
    "signatureTitle": "Title of signer",
    "aff10b5One": "Rule 10b5-1(c) transaction",
    "notSubjectToSection16": "No longer subject to Section 16",
    "transactionAcquiredDisposedCode": "Acquired (A) or disposed of (D)",
    "directOrIndirectOwnership": "Direct (D) or indirect (I) ownership",
    "transactionPricePerShare": "Price per share",
    "transactionShares": "Shares",
    "transactionTotalValue": "Total value",
    "isTenPercentOwner": "Ten percent owner",
    "isDirector": "Director",
    "isOfficer": "Officer",
    "isOther": "Other",
    "federalExemptionsExclusions": "Federal exemptions and exclusions claimed",
    "entityName": "Name of issuer",
}
# Abbreviations EDGAR's element names use, spelled out (or written as the forms write them).
_WORDS = {
    "rpt": "reporting", "ssh": "shares", "prnamt": "principal amount", "amt": "amount", "shrs": "shares",
    "inc": "incorporation", "num": "number", "nbr": "number", "qty": "quantity", "pct": "percent",
    "desc": "description", "info": "information", "addr": "address", "tel": "telephone", "dt": "date",
    "yr": "year", "qtr": "quarter", "cik": "CIK", "cusip": "CUSIP", "crd": "CRD", "lei": "LEI", "irs": "IRS",
    "sic": "SIC", "isin": "ISIN", "figi": "FIGI", "sec": "SEC", "id": "ID", "url": "URL",
}
# Names that mean nothing without the element around them: a wrapper's value (<transactionDate><value>,
# beside a footnote mark or a flag), a list's item. A 13F holding's own <value> is in _LABELS.
_WRAPPED = frozenset({"value", "item"})
_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|_")


def _words(name: str) -> str:
    words = [word for word in _SPLIT.split(name) if word]
    spelled = []
    for word in words:
        expanded = _WORDS.get(word.lower())
        if expanded:
            spelled.append(expanded)
        elif word[1:].islower() or word.islower():
            spelled.append(word.lower())
        else:
            spelled.append(word)  # an acronym or a form's number: "13F", "ID"
    text = " ".join(spelled)
    return text[:1].upper() + text[1:]


def label(name: str, parent: str | None) -> str:
    """The label for element `name` under `parent`."""
    paired = _LABELS.get(f"{parent}/{name}")
    if paired:
        return paired
    if name in _WRAPPED and parent:
        return label(parent, None)
    return _LABELS.get(name) or _words(name)
