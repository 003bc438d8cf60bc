"""What kind of filing a form type is, as EDGAR full-text search groups its forms: the form
category facet (facets.py), derived from the form type wherever a document is made (models.py),
so that every engine and every face reads the same categories.

A form may be in more than one category (a 6-K is a current report and a foreign private
issuer's report); an amendment (10-K/A) is in its form's.
"""

import re

# Each category and its form types as EDGAR writes them (amendments without their /A).
_FORMS = {
    "Annual and quarterly reports": "10-K, 10-K405, 10-KSB, 10-KSB40, 10-KT, 10-Q, 10-QSB, 10-QT, 20-F, 40-F, 11-K, "
                                    "N-CSR, N-CSRS, N-Q, NT 10-K, NT 10-Q, NT 20-F, NT 11-K, ARS",
    "Current reports": "8-K, 8-K12B, 8-K12G3, 8-K15D5, 6-K, 1-U",
    "Foreign private issuers' reports": "6-K, 20-F, 40-F, 20FR12B, 40FR12B, NT 20-F",
    "Insider transactions": "3, 4, 5, 144",
    "Beneficial ownership": "SC 13D, SC 13G, 13D, 13G",
    "Institutional holdings": "13F-HR, 13F-NT, 13F-E, 13H",
    "Proxy materials": "DEF 14A, DEFA14A, DEFM14A, DEFR14A, DEFC14A, DEFN14A, PRE 14A, PREM14A, PREC14A, PREN14A, "
                       "PRER14A, DEF 14C, PRE 14C, DEFM14C, PREM14C, PX14A6G, PX14A6N, DFAN14A",
    "Registration statements and prospectuses": "S-1, S-1MEF, S-3, S-3ASR, S-3MEF, S-4, S-8, S-8 POS, S-11, F-1, "
                                                "F-1MEF, F-3, F-3ASR, F-4, F-6, F-10, POS AM, POSASR, FWP, 10-12B, "
                                                "10-12G, 8-A12B, 8-A12G, N-2, N-1A, 497, 497K",
    "Tender offers and going private": "SC TO-T, SC TO-I, SC TO-C, SC 14D9, SC 14D1, SC 13E3, SC 13E4",
    "Exempt offerings": "D, 1-A, 1-K, 1-SA, C, C-U, C-AR",
    "Filing review correspondence": "CORRESP, UPLOAD, LETTER",
}
CATEGORIES = tuple(_FORMS)
# Form types that begin so are in the category too (424B1 to 424B8, 485BPOS ...).
_PREFIXES = {"424B": "Registration statements and prospectuses", "485": "Registration statements and prospectuses"}
_BY_FORM: dict[str, list[str]] = {}
for _category, _listed in _FORMS.items():
    for _form in _listed.split(", "):
        _BY_FORM.setdefault(_form, []).append(_category)


def categories_of(form_type: str | None) -> list[str]:
    """The categories of a form type (none for an unknown one, or none given)."""
    if not form_type:
        return []
    form = re.sub(r"\s+", " ", form_type.strip().upper())
    form = re.sub(r"\s*/A$", "", form)
    found = _BY_FORM.get(form, [])
    return found or [category for prefix, category in _PREFIXES.items() if form.startswith(prefix)]
