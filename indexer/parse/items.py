"""A Form 8-K's items, as names: from the header's `ITEM INFORMATION:` lines (names), the .nc
format's `<ITEMS>` (codes such as 2.02), else the report's own "Item 2.02 Results of ..." headings.

Form 8-K numbered its items 1 to 12 until August 2004, and 1.01 to 9.01 since; both numberings,
and every way EDGAR has written a name, map to one name (the current form's), so that a facet
counts "Other Events" once whether a filing says Item 5 or Item 8.01.
"""

import re

from ..facets import name_key

# The SEC's Form 8-K items since August 2004.
ITEMS = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet "
            "Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an Obligation "
            "under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed "
            "Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain "
            "Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
# The items before August 2004, by the item of today that took each one over, and the names they had.
OLD_ITEMS = {
    "1": ("5.01", "Changes in Control of Registrant"),
    "2": ("2.01", "Acquisition or Disposition of Assets"),
    "3": ("1.03", "Bankruptcy or Receivership"),
    "4": ("4.01", "Changes in Registrant's Certifying Accountant"),
    "5": ("8.01", "Other Events"),
    "6": ("5.02", "Resignations of Registrant's Directors"),
    "7": ("9.01", "Financial Statements, Pro Forma Financial Information and Exhibits"),
    "8": ("5.03", "Change in Fiscal Year"),
    "9": ("7.01", "Regulation FD Disclosure"),
    "10": ("5.05", "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics"),
    "11": ("5.04", "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans"),
    "12": ("2.02", "Results of Operations and Financial Condition"),
}
# Until Regulation FD (October 23, 2000) old Item 9 reported sales under Regulation S.
REGULATION_FD = "2000-10-23"
OLD_ITEM_9 = ("3.02", "Sales of Equity Securities Pursuant to Regulation S")
# Other names EDGAR's headers have used for an item.
_ALSO = {"Other Events and Regulation FD Disclosure": "8.01", "Financial Statements and Exhibits": "9.01"}
_BY_NAME = {name_key(name): ITEMS[code] for code, name in [
    *ITEMS.items(), *OLD_ITEMS.values(), OLD_ITEM_9, *((code, name) for name, code in _ALSO.items())]}

# "Item 2.02", "ITEM 5.", "Item 7(c)", "Item - 5.02" opening a line of the report.
_HEADING = re.compile(r"^[ \t]*item[ \t]*[-:\u2013]?[ \t]*(\d{1,2}(?:\.\d{2})?)(?![\d.]*\d)",
                      re.IGNORECASE | re.MULTILINE)


def is_current_report(form_type: str | None) -> bool:
    """Whether a form is an 8-K (8-K/A, 8-K12B, ...): the only form these items belong to."""
    return bool(form_type) and form_type.upper().startswith("8-K")


def _by_code(code: str, filed: str | None) -> str | None:
    code = code.strip().rstrip(".")
    if code in ITEMS:
        return ITEMS[code]
    old = code.lstrip("0")
    if old == "9" and filed and filed < REGULATION_FD:
        return ITEMS[OLD_ITEM_9[0]]
    return ITEMS[OLD_ITEMS[old][0]] if old in OLD_ITEMS else None


def item_names(stated: list[str], filed: str | None = None) -> list[str]:
    """The names of the items a header states, each as a code ("2.02", "5") or a name as EDGAR wrote
    it ("Other events"), in order and once each. A name the list does not know is kept as written;
    a code it does not know is left out. Old Item 9 is read by the filing date `filed` when known."""
    names = []
    for value in stated:
        value = " ".join(value.split())
        if not value:
            continue
        if re.fullmatch(r"\d{1,2}(?:\.\d{2})?\.?", value):
            name = _by_code(value, filed)
        else:
            name = _BY_NAME.get(name_key(value), value)
        if name and name not in names:
            names.append(name)
    return names


def items_in_text(text: str, filed: str | None = None) -> list[str]:
    """The items an 8-K's text reports, from the "Item N" headings opening its lines."""
    return item_names(_HEADING.findall(text), filed)
