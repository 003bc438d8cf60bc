"""Who signed a report: the signature block after "...has duly caused this report to be signed...".

Filers write the signer many ways: "By: /s/ Yong S. Lee" with "Name:" and "Title:" lines
beside or below it, "/s/ M.J. van Ginneken (Chief Legal Officer)", "Signed: /s/ ...",
a typed name under a signature rule, "/s/ Jane Doe, Attorney-in-Fact". The typed
"Name:" line wins over the "/s/" line because it is the name as the signer spells it.

Of the exhibits, those a person signs in their own name carry a signer (PERSONALLY_SIGNED, or headed
as a certification or power of attorney), as does any letter a person signs ("Sincerely, /s/ ...");
the rest carry one only where they hold a report's own signature statement.
"""

import re
from dataclasses import dataclass
from itertools import pairwise

from .names import LEGAL_SUFFIX, PARTICLES, smart_case

_ANCHORS = (
    re.compile(r"caused\s+this\s+.{0,120}?\s+to\s+be\s+signed", re.IGNORECASE | re.DOTALL),
    re.compile(r"I\s+certify\s+that\s+the\s+information\s+set\s+forth\s+in\s+this\s+statement", re.IGNORECASE),
)
# Sarbanes-Oxley certifications (EX-31, EX-32) and powers of attorney (EX-24): an officer certifies, a
# person grants the power, each under their own name. An opinion letter (EX-5, EX-8) or a consent (EX-23)
# is signed by a firm, which is no person; contracts (EX-10) by several parties, none of them the filer's
# signer; press releases (EX-99) by no one.
PERSONALLY_SIGNED = re.compile(r"^EX-(?:24|31|32)(?:\.|$)")
# The same documents filed under another number (a fund's powers of attorney are EX-99.(Q)), known by
# the heading they open with.
_PERSONAL_HEADING = re.compile(
    r"^[ \t]*(?:(?:special|limited)\s+)?power\s+of\s+attorney\b|^[ \t]*certifications?\b", re.IGNORECASE | re.MULTILINE
)
# A letter closes with one of these; whoever signs below it signs the letter (a firm signing an opinion
# or a consent is no person, and clean_person refuses it).
_VALEDICTION = re.compile(
    r"^[ \t]*(?:very\s+truly\s+yours|yours\s+(?:very\s+)?truly|sincerely(?:\s+yours)?|respectfully(?:\s+submitted"
    r"|\s+yours)?|yours\s+faithfully|(?:best|kind)\s+regards)[ \t]*,?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_HEADING = re.compile(r"^[ \t]*SIGNATURES?[ \t]*:?[ \t]*$", re.MULTILINE)
_REPORTING_PERSON = re.compile(r"\*{0,2}\s*Signature\s+of\s+Reporting\s+Person", re.IGNORECASE)
# "By:" or a "By" that opens a line or cell, never the "by" of "signed ... by the undersigned".
_MARK = re.compile(
    r"(?:\bBy\s*:|(?:^|(?<=\t)|(?<=  ))[ \t]*(?-i:By)\b|\bSigned\s*:|\bSignature\s*:|(?<![\w/])/?\s*s\s*/)",
    re.IGNORECASE | re.MULTILINE,
)
_SIGN = re.compile(r"(?<![\w/])/\s*s\s*/|^[ \t]*By\s*:", re.IGNORECASE | re.MULTILINE)
_SIGNATURE_RULE = re.compile(r"^[ \t]*(?:_{3,}|-{3,})[ \t]*$", re.MULTILINE)
_SLASH_S = re.compile(r"(?<![\w/])/?\s*s\s*/(?:\s*b\s*/)?\s*", re.IGNORECASE)
# A label's value ends at the line, the cell, or the next label on the same line ("Name: A Title: B").
_LABEL_END = r"(?=[\n\t]|\s+(?:Name|Title|Its|Date)\s*:|$)"
_NAME_LINE = re.compile(r"\bName(?:\s*/\s*Title)?\s*:\s*([^\n\t]*?)" + _LABEL_END, re.IGNORECASE)
_TITLE_LINE = re.compile(r"(?<!/)\b(?:Title|Its)\s*:\s*([^\n\t]*?)" + _LABEL_END, re.IGNORECASE)
# Signing for someone else: "by power of attorney", "as attorney-in-fact for Jane Doe". The person
# signing is the attorney, and that is their title here, whoever they sign for.
_ATTORNEY = re.compile(
    r"[\s,]*(?:\b(?:as|by|pursuant\s+to(?:\s+an?)?)\s+)?\b(?:power\s+of\s+attorney|attorney[\s-]+in[\s-]+fact)\b.*",
    re.IGNORECASE | re.DOTALL,
)
ATTORNEY_IN_FACT = "Attorney-in-Fact"
# A note under the signature saying so: a footnote ("* By power of attorney"), "Jane Doe as Attorney-in-Fact",
# or the title alone; a "POWER OF ATTORNEY" heading starting the next page is none of these.
_ATTORNEY_NOTE = re.compile(
    r"^\s*\*+.*(?:power\s+of\s+attorney|attorney[\s-]+in[\s-]+fact)|\b(?:as|by|pursuant\s+to(?:\s+an?)?)\s+"
    r"(?:power\s+of\s+attorney|attorney[\s-]+in[\s-]+fact)|^\s*attorney[\s-]+in[\s-]+fact\s*$",
    re.IGNORECASE,
)
_CREDENTIALS = re.compile(
    r",?\s*\b(?:Ph\.?\s*D|Esq|CPA|M\.?D|MBA|J\.?D|CFA|LL\.?M)\b\.?", re.IGNORECASE
)
_GENERATIONAL = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$", re.IGNORECASE)
# A company's name, or the words of a signature block's labels and boilerplate.
_NOT_A_PERSON = re.compile(
    LEGAL_SUFFIX.pattern + r"|\b(?:date|dated|title|name|signature|registrant|by|its|the|pursuant|behalf|authorized)\b",
    re.IGNORECASE,
)
# A heading that follows the block (the next page of a set of powers of attorney) is no title.
_NOT_A_TITLE = re.compile(r"/s/|\bBy\b|:|power\s+of\s+attorney", re.IGNORECASE)
_TITLE_WORDS = re.compile(
    r"officer|president|director|chairman|secretary|treasurer|manager|head|partner|counsel|controller|"
    r"vice|chief|attorney|principal|member|trustee|representative|executive|general|accounting|finance",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Signature:
    signer: str | None = None
    signer_title: str | None = None
    region: str = ""


def region_of(text: str, exhibit_type: str | None) -> str:
    """The text of the signature block, or '' when the document carries none; `exhibit_type` is None
    for a form itself."""
    if exhibit_type and (PERSONALLY_SIGNED.match(exhibit_type) or _PERSONAL_HEADING.search(text[:1500])):
        # Signed after the statement certified or the power granted; the date stands just above or below.
        mark = _SIGN.search(text)
        start = max(0, mark.start() - 400) if mark else max(0, len(text) - 1500)
        return text[start : start + 2500]
    for anchor in _ANCHORS:
        match = anchor.search(text)
        if match:
            return text[match.end() : match.end() + 2500]
    reporting = _REPORTING_PERSON.search(text)
    if reporting:
        # Ownership forms print the "/s/" line just above this label, or (older ones) just below it.
        return text[max(0, reporting.start() - 400) : reporting.end() + 400]
    closings = list(_VALEDICTION.finditer(text))
    if closings:
        return text[closings[-1].end() : closings[-1].end() + 800]
    if not exhibit_type:
        headings = list(_HEADING.finditer(text))
        if headings:
            return text[headings[-1].end() : headings[-1].end() + 2500]
    return ""


def _split_title(raw: str) -> tuple[str, str | None]:
    raw = raw.strip()
    paren = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", raw)
    if paren and _TITLE_WORDS.search(paren.group(2)):
        return paren.group(1), paren.group(2).strip()
    parts = [part.strip() for part in raw.split(",")]
    name_parts = [parts[0]]
    for part in parts[1:]:
        if _GENERATIONAL.match(part):
            name_parts.append(part)
        else:
            title = ", ".join(p for p in parts[len(name_parts) :] if p)
            return ", ".join(name_parts), title or None
    return ", ".join(name_parts), None


def clean_person(raw: str | None) -> tuple[str | None, str | None]:
    """A signer's name and any title written with it, from one signature line."""
    if not raw:
        return None, None
    text = _SLASH_S.sub("", raw)
    text = re.sub(r"^(?:By|Signed|Signature|Name)\s*:?\s*", "", text.strip(), flags=re.IGNORECASE)
    # Columns stand a tab or three spaces apart; two spaces inside a name are only odd spacing.
    text = " ".join(re.split(r"\t| {3,}|_{3,}", text.strip(" _-"))[0].split())
    text = _CREDENTIALS.sub("", text)
    attorney = _ATTORNEY.search(text)
    if attorney and attorney.start():
        name, title = _split_title(text[: attorney.start()])[0], ATTORNEY_IN_FACT
    else:
        name, title = _split_title(text)
    name = name.strip(" ,;:-_*")
    if name.endswith(".") and not re.search(r"\b(?:[A-Z]|(?i:Jr|Sr))\.$", name):
        name = name[:-1]
    words = name.split()
    if not 2 <= len(words) <= 6 or re.search(r"\d|@", name) or _NOT_A_PERSON.search(name):
        return None, None
    if not all(word[0].isupper() or word.lower() in PARTICLES for word in words):
        return None, None
    return smart_case(name), title


def _continued(first: str, rest: str) -> str:
    """A title wrapped over lines ("Executive Vice President," / "General Counsel and" / "Secretary")."""
    title = first
    following = [line.strip().split("\t")[-1].strip() for line in rest.split("\n") if line.strip()]
    for line in following[:3]:
        if not re.search(r"(?:,|&|\band|\bof|\bthe)$", title) and not re.match(r"(?:and|&)\s", line):
            break
        if len(line) > 60 or re.match(r"(?:Date|Name|By|Title)\b|/s/", line, re.IGNORECASE):
            break
        title = f"{title} {line}"
    return title.rstrip(",")


def _title_after(window: str) -> str | None:
    match = _TITLE_LINE.search(window)
    if match:
        title = match.group(1).strip(" _")
        return _continued(title, window[match.end() :].lstrip("\n")) if title else None
    return None


def _title_below(window: str, signer: str) -> str | None:
    """A title beside or under the typed name: "Jane Doe, Chief Executive Officer", "(Chief Legal Officer)",
    the next cell of a signature table's row, or the same column of the line below."""
    rows = [[cell.strip() for cell in re.split(r"\t| {3,}", line.strip())] for line in window.split("\n")]
    surname = signer.split()[-1].lower()
    for number, cells in enumerate(rows):
        column = next((index for index, cell in enumerate(cells) if surname in cell.lower()), None)
        if column is None or len(cells[column]) >= 90:
            continue
        cell = cells[column]
        beside = cell[cell.lower().rindex(surname) + len(surname) :].strip()
        candidate = beside.lstrip(",").strip() if beside.startswith(",") else ""
        below = [row[min(column, len(row) - 1)] for row in rows[number + 1 :] if any(row)]
        if not candidate and column + 1 < len(cells):
            candidate = cells[column + 1]
        elif not candidate and below:
            candidate, below = below[0], below[1:]
        candidate = candidate.strip()
        if candidate.startswith("(") and candidate.endswith(")"):
            candidate = candidate[1:-1]
        if (candidate and len(candidate) < 80 and _TITLE_WORDS.search(candidate) and surname not in candidate.lower()
                and not _NOT_A_TITLE.search(candidate) and not candidate[0].islower()):
            return _continued(candidate, "\n".join(below)).rstrip(".")
    return None


def _attorney_note(window: str) -> str | None:
    """Attorney-in-Fact, where a line of the unit says so: "Jane Doe as Attorney-in-Fact", "*By power of
    attorney"."""
    for line in window.split("\n")[1:5]:
        if _ATTORNEY_NOTE.search(line) and len(line) < 120:
            return ATTORNEY_IN_FACT
    return None


def _signer_at(window: str) -> tuple[str | None, str | None]:
    """The person of one signature unit: its "Name:" line, else its "/s/" line, else the name typed below."""
    named = _NAME_LINE.search(window)
    if named:
        signer, title = clean_person(named.group(1))
        if signer:
            return signer, title
    for line in window.split("\n")[:4]:
        signer, title = clean_person(line)
        if signer:
            return signer, title
    return None, None


def _units(region: str) -> list[tuple[int, int]]:
    """Where each signature unit starts and ends: one per line that holds a "By:" or "/s/", or, in a
    block signed on paper with neither, one per signature rule the signer's name is typed under."""
    marks = list(_MARK.finditer(region)) or list(_SIGNATURE_RULE.finditer(region))
    starts, last_line = [], -1
    for mark in marks:
        line = region.count("\n", 0, mark.start())
        if line != last_line:
            starts.append(mark.start())
            last_line = line
    return [(start, min(end, start + 500)) for start, end in pairwise([*starts, len(region)])]


def signature_of(text: str, exhibit_type: str | None) -> Signature:
    """The first person who signs the document's signature block, with their title.

    Units that name an entity ("By: Acme GP LLC, its general partner") are passed over
    for the person who signs for it.
    """
    region = region_of(text, exhibit_type)
    if not region:
        return Signature()
    for start, end in _units(region) or [(0, min(len(region), 800))]:
        window = region[start:end]
        signer, title = _signer_at(window)
        if signer:
            title = (_title_after(window) or title or _title_below(region[start : start + 500], signer)
                     or _attorney_note(window))
            return Signature(signer=signer, signer_title=title, region=region)
    return Signature(region=region)
