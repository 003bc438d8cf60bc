"""What a document says it is, and what it is about: form and exhibit headings, titles, datelines.

A cover report's title is what it furnishes ("Exhibit 99.1: a press release dated ..."),
read from its furnishing statement or its exhibit index; an 8-K's is its items; a
press release's is its headline, the heading just above its dateline.
"""

import re

from .dates import DATE, date_from_match
from .layout import Layout

# Current reports (6-K, 8-K) are short; in an annual report the exhibit index lists
# charters and contracts, and the items are the whole table of contents.
CURRENT_REPORT_CHARS = 40000
# A heading may name the amendment on the form's line: "Amendment No. 1 to Form 8-K" (an 8-K/A).
_AMENDMENT_TO = r"(?:(?:POST-EFFECTIVE\s+)?AMENDMENT\s+NO\.?\s*\d+\s+TO\s+)?"
_FORM = re.compile(
    rf"^{_AMENDMENT_TO}(?:SEC\s+)?FORM\s+([0-9A-Z]{{1,6}}(?:\s*-\s*[0-9A-Z]{{1,6}}){{0,2}}(?:\s*/\s*A)?)\s*"
    r"(?:\(.{0,40}\))?\s*[:.]?$",
    re.IGNORECASE,
)
_SCHEDULE = re.compile(
    rf"^{_AMENDMENT_TO}SCHEDULE\s+(13G|13D|13E-3|TO|14D-9)(\s*/\s*A)?\s*(?:\(.{{0,40}}\))?$", re.IGNORECASE
)
_AMENDMENT = re.compile(r"\bAmendment\s+No\.?\s*:?\s*(\d+)", re.IGNORECASE)
_EXHIBIT_NAME = (
    r"(?:EXHIBIT|EX)\s*[-.]?\s*(?:NO\.?\s*)?(?P<number>\d{1,3}(?:[.-]\d{1,3})*)?\.?"
    r"(?P<parts>(?:\s*\(?[a-zA-Z0-9]{1,3}\))*)\s*[*†‡]*"
)
# What may follow the exhibit's name on its line: a caption after a dash ("- PRESS RELEASE") or in
# capitals ("PRESS RELEASE"), or the filing it belongs to ("to Form 6-K").
_EXHIBIT = re.compile(
    rf"^{_EXHIBIT_NAME}(?:\s*[:.]|\s*[–—]\s*\S.*|\s+-\s+\S.*|\s+(?i:to|of)\s+(?i:Form|Schedule|the|this)\b.*"
    r"|\s+(?-i:[A-Z][A-Z0-9 ,&'’./()-]*))?$",
    re.IGNORECASE,
)
# An exhibit's name ending a line after other text ("NEWS RELEASE - Exhibit 99.1"), not a sentence's
# reference to it ("... is attached as Exhibit 99.1"): the text before it ends in no lower-case word.
_EXHIBIT_AFTER = re.compile(
    rf"(?:^|[\s:|–—-]+){_EXHIBIT_NAME}\s*$", re.IGNORECASE)
# What a cover furnishes: "... is furnishing under cover of Form 6-K: Exhibit 99.1: a press release ...",
# or, on many foreign issuers' 6-Ks, "Information furnished on this form: 1. Notice of ...".
_FURNISH = re.compile(
    r"(?:(?:furnish(?:ing|es|ed)?|fil(?:ing|es|ed))\s+(?:herewith\s+)?under\s+cover\s+of\s+(?:this\s+)?Form\s+"
    r"[\w-]+\s*[:,]?\s*(?:the\s+following\s*:?\s*)?"
    r"|information\s+furnished\s+on\s+this\s+form\s*:?\s*(?:EXHIBITS?\s*:?\s*)?(?:Exhibit\s+(?:Number|No\.?)\s*)?)"
    r"(.{10,700}?)(?=\s+SIGNATURES?\b|\s+EXHIBIT\s+INDEX\b|$)",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(
    r"(?:comprises|contains|consists\s+of|includes|attached\s+hereto\s+is|attached\s+as\s+Exhibit\s+[\d.]+\s+is)"
    r"\s+(?:a\s+copy\s+of\s+)?(?:the\s+following\s+)?[^:]{0,60}:\s*(.{10,400})",
    re.IGNORECASE,
)
_EXHIBIT_INDEX = re.compile(r"^(?:EXHIBIT\s+INDEX|INDEX\s+(?:TO|OF)\s+EXHIBITS|EXHIBIT\s+LIST|EXHIBITS?)\s*:?$", re.I)
_EXHIBIT_NUMBER = re.compile(r"^(?:Exhibit\s+)?(?:No\.\s*)?(\d{1,3}\.\d{1,3}[a-z]?)\s*:?\s*(.*)$", re.IGNORECASE)
_LIST_NUMBER = r"(?:(?i:Exhibit)\s+)?(?:(?i:No)\.\s*)?\d{1,3}(?:\.\d{1,3})?[a-zA-Z]?"
_ITEM_NUMBER = re.compile(rf"{_LIST_NUMBER}\s*[:.\-–]?\s+")
_NEXT_ITEM = re.compile(rf"\s+{_LIST_NUMBER}\s*[:.)\-–]\s+(?=[A-Z])")  # the next item opens with a capital
# An 8-K's items as numbered since 2004 ("Item 2.02"), however punctuated ("Item - 5.02"), and
# before ("Item 5."), which other forms' items look like; the exhibits' item (9.01, once 7) names
# the report only when it stands alone.
_ITEM = re.compile(r"^Item\s*[-–—:]?\s*(\d{1,2}\.\d{2})\.?\s*(.*)$", re.IGNORECASE)
_OLD_ITEM = re.compile(r"^Item\s*[-–—:]?\s*(\d{1,2}(?:\.\d{2})?)(?![\d,])\.?\s*(.*)$", re.IGNORECASE)
_EXHIBITS_ITEM = re.compile(r"Item \S+ (?:Financial Statements|Exhibits)", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"]\s*([^”\"]{12,240}?)\s*[”\"]")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)’'\"”])\.\s+(?=[A-Z])")
_DATELINE = re.compile(
    r"^(?:[\w.'’&()/–—-]+[ ,]+){0,8}?(?:\(?(?:" + DATE.pattern + r")\)?)\s*"
    r"(?:/\s*[\w .-]{2,40}/|\(\s*(?:BUSINESS\s+WIRE|GLOBE\s*NEWSWIRE|Marketwired|ACCESSWIRE|PR\s*Newswire)\s*\)"
    r"|--|[-–—]|:)",
    re.IGNORECASE,
)
# A dateline ending in a period: a city in capitals, its state or country, the date, then the story
# ("HOUSTON, Texas, June 2, 2008. Galveston Marine ...").
_PERIOD_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]+,(?:\s*[\w.'’ ]+,){0,2}\s*(?:" + DATE.pattern + r")\.\s+(?=[A-Z])", re.IGNORECASE
)
_WIRE_DATELINE = re.compile(
    r"^[A-Z][\w .,'’&/-]{1,60}?\s*-{1,2}\s*\(?\s*(?:BUSINESS\s+WIRE|GLOBE\s*NEWSWIRE|PR\s*Newswire|Marketwired|"
    r"ACCESSWIRE|Canada\s+NewsWire|EQS[\w-]*)\s*\)?\s*-{1,2}\s*",
    re.IGNORECASE,
)
_ANNOUNCES = re.compile(
    r"^[A-Z][\w .,'’&()/-]{1,80}?\s*(?:--|[-–—])\s*.{0,200}?\b(?:today|announced|reported|declared)\b"
)
_NOT_HEADLINE = re.compile(
    r"@|www\.|https?:|\bcontacts?\b|for\s+immediate\s+release|^exhibit\b|^\[.*\]$|logo|news\s+release$|"
    r"press\s+release$|^press\s+information|\(\d{3}\)|\d{3}[-.\s]\d{3,4}[-.\s]\d{4}",
    re.IGNORECASE,
)


def form_heading(layout: Layout, limit: int = 80) -> str | None:
    """The form a document declares in its heading: "FORM 6-K", "SCHEDULE 13G", "FORM 10-K/A"."""
    opening = layout.opening(limit)
    for index, segment in enumerate(opening):
        form = _FORM.match(segment)
        schedule = _SCHEDULE.match(segment)
        if not (form or schedule):
            continue
        name = re.sub(r"\s+", "", form.group(1)).upper() if form else "SC " + schedule.group(1).upper()
        if schedule and schedule.group(2):
            name += "/A"
        nearby = " ".join(opening[max(0, index - 3) : index + 4])
        amendment = _AMENDMENT.search(nearby)
        if amendment and int(amendment.group(1)) > 0 and not name.endswith("/A"):
            name += "/A"
        return name
    return None


def exhibit_heading(layout: Layout, limit: int = 8) -> str | None:
    """The exhibit a document declares itself at its top, as EDGAR names its type.

    "EX-" and the exhibit's number, its parts joined by dots ("Exhibit 99-1" -> "EX-99.1"),
    then any lettered parts in capitals after a dot ("Exhibit 99(a)(5)" and "EX-99.(a)(5)" ->
    "EX-99.(A)(5)"; a bare "Exhibit (a)(1)(A)" -> "EX-(A)(1)(A)"). A caption after a dash
    ("EXHIBIT 99.1 - PRESS RELEASE") and a footnote mark ("Exhibit 10.1*") are no part of it.
    A form heading above it makes the document that form, listing its exhibits.
    """
    for segment in layout.opening(limit):
        if _FORM.match(segment) or _SCHEDULE.match(segment):
            return None
        match = _exhibit_name(segment)
        if match:
            number = (match["number"] or "").replace("-", ".")
            parts = re.sub(r"\s+", "", match["parts"]).upper()
            return "EX-" + ".".join(part for part in (number, parts) if part)
    return None


def _exhibit_name(segment: str) -> re.Match | None:
    """The exhibit's name a segment declares, opening it or ending it after other text."""
    match = _EXHIBIT.match(segment)
    if not match:
        match = _EXHIBIT_AFTER.search(segment)
        before = segment[: match.start()].strip() if match else ""
        if before and re.fullmatch(r"[a-z]+\W*", before.split()[-1]):
            return None
    return match if match and (match["number"] or match["parts"]) else None


def _first_sentence(text: str) -> str:
    text = text.strip(" :;-")
    text = _SENTENCE_END.split(text, 1)[0].strip().rstrip(".")
    return text[:1].upper() + text[1:]


def _title_from_description(text: str) -> str | None:
    quoted = _QUOTED.search(text)
    if quoted and len(quoted.group(1).split()) >= 3:
        return quoted.group(1).strip(" ,.")
    numbered = _ITEM_NUMBER.match(text.strip())
    if numbered:
        # A numbered item ("1. Notice of ...", "Exhibit 99.1: ...") ends where the next one's number begins.
        text = _NEXT_ITEM.split(text.strip()[numbered.end() :], 1)[0]
    sentence = _first_sentence(text)
    return sentence if len(sentence.split()) >= 3 else None


def _exhibit_index_title(layout: Layout) -> str | None:
    segments = layout.segments
    for index, (_, segment) in enumerate(segments):
        if not _EXHIBIT_INDEX.match(segment):
            continue
        for position in range(index + 1, min(index + 12, len(segments))):
            line, text = segments[position]
            number = _EXHIBIT_NUMBER.match(text)
            if not number:
                continue
            description, last_line = number.group(2), line
            # The description goes on in the cells of its row, then on lines that hold nothing else.
            for following_line, following in segments[position + 1 : position + 8]:
                alone = sum(1 for n, _ in segments[position + 1 : position + 9] if n == following_line) == 1
                if following_line != line and (following_line != last_line + 1 or not alone):
                    break
                if _EXHIBIT_NUMBER.match(following) or re.fullmatch(r"[\d\s.]+|[^a-z]+", following):
                    break
                description, last_line = description + " " + following, following_line
            title = _title_from_description(description)
            if title:
                return title
    return None


def _items_title(layout: Layout, item: re.Pattern) -> str | None:
    items: dict[str, str] = {}
    segments = layout.segments
    for index, (_, segment) in enumerate(segments):
        match = item.match(segment)
        if match and match.group(1) not in items:
            caption = match.group(2).strip(" .")
            if not caption and index + 1 < len(segments):
                caption = segments[index + 1][1].strip(" .")
            items[match.group(1)] = f"Item {match.group(1)} {caption}".strip()
    chosen = [title for title in items.values() if not _EXHIBITS_ITEM.match(title)] or list(items.values())
    return "; ".join(chosen) or None


def cover_title(layout: Layout, form_type: str | None = None) -> str | None:
    """What a cover report furnishes, or an 8-K's items."""
    flat = layout.flat[:20000]
    for pattern in (_FURNISH, _FOLLOWING):
        match = pattern.search(flat)
        if match:
            title = _title_from_description(match.group(1))
            if title:
                return title
    if len(layout.text) > CURRENT_REPORT_CHARS:
        return None
    current_report = (form_type or "").startswith("8-K")
    return _exhibit_index_title(layout) or _items_title(layout, _OLD_ITEM if current_report else _ITEM)


def dateline(layout: Layout) -> tuple[int, str | None] | None:
    """The paragraph a press release opens with ("SEOUL, Nov. 27, 2002 -- ..."), and its date."""
    paragraphs = layout.paragraphs[:80]
    for index, paragraph in enumerate(paragraphs):
        match = _DATELINE.match(paragraph) or _WIRE_DATELINE.match(paragraph) or _PERIOD_DATELINE.match(paragraph)
        if not match and len(paragraph) > 80:
            match = _ANNOUNCES.match(paragraph)
        if not match:
            continue
        date = DATE.search(paragraph, 0, match.end() + 24)
        if date and date_from_match(date):
            return index, date_from_match(date)
        # No date in the dateline: the release's date stands above it ("For Immediate Release: ...").
        for above in reversed(paragraphs[max(0, index - 12) : index]):
            date = DATE.search(above)
            if date and date_from_match(date):
                return index, date_from_match(date)
        return index, None
    return None


def headline(layout: Layout, opening: tuple[int, str | None] | None) -> str | None:
    """A press release's headline: the heading paragraphs just above its dateline."""
    if opening is None:
        return None
    run: list[str] = []
    for paragraph in reversed(layout.paragraphs[: opening[0]]):
        if (len(paragraph) > 300 or _NOT_HEADLINE.search(paragraph) or _NOT_TITLE.search(paragraph)
                or _exhibit_name(paragraph) or DATE.fullmatch(paragraph.strip(" ."))):
            break
        run.insert(0, paragraph)
    for paragraph in run:
        if len(paragraph.split()) >= 4:
            return paragraph.strip(" .")
    return run[0] if run else None


# What no reader takes for a document's title: a link or file name, the software or agent that made
# the file, an envelope's wrapper, a form's instructions to the filer or its cover's furniture.
_NOT_TITLE = re.compile(
    r"https?:|www\.|file:|[\w/-]\.(?:s?html?|aspx?|php|txt|pdf)\b|^-{3,}|privacy-enhanced\s+message"
    r"|\b(?:converted|generated|created|produced|prepared|filed)\s+(?:by|with|using)\s+\S*(?:\.com|edgar|software)"
    r"|\bconverted\s+by\b|\bedgar\s+filing\s+documents\b|\bedgarizer\b|^edgar\s+(?:online|filing)"
    r"|^(?:indicate|state|check|mark|specify|identify)\s+(?:by\s+check\s+mark|the\s+|whether|if\b|one\b)"
    r"|\bexact\s+name\s+of\s+registrant|\bnames?\s+of\s+registrant|securities\s+and\s+exchange\s+commission"
    r"|washington,\s+d\.\s*c\.",
    re.IGNORECASE,
)
# A wrapper's credit after a <title>: "Loncor Resources Inc.: Form 20-F - Filed by newsfilecorp.com".
_CREDIT = re.compile(r"\s*[-–—|:]\s*(?:filed|converted|generated|created|produced|prepared)\s+(?:by|with)\s+.*$",
                     re.IGNORECASE)
# A label that names only the form, or the company and the form ("Acme Inc.: Form 20-F"), or the form
# and its date ("FORM 4 - FEBRUARY 29,2000").
_FORM_ONLY = re.compile(r"(?:.{1,120}?\s*[:\-–—]\s*)?(?:(?:SEC\s+)?(?:FORM|SCHEDULE)\s+\S+|EX-[\w.()-]+"
                        r"|EXHIBIT\s+(?:NO\.?\s*)?[\w.()-]+)(?:\s*[-–—,:]\s*(?:" + DATE.pattern + r"))?",
                        re.IGNORECASE)


def readable(title: str | None) -> str | None:
    """A title candidate a reader would recognise as the document's, or None (see _NOT_TITLE)."""
    if not title or _NOT_TITLE.search(title):
        return None
    return title


def informative(label: str | None, *uninformative: str | None) -> str | None:
    """A <title> or <DESCRIPTION> worth showing: not a file name, not just the form's name, no
    converter's credit."""
    if not label:
        return None
    label = _CREDIT.sub("", " ".join(label.split()))
    lowered = label.lower()
    if lowered in {"document", "primary document", "untitled"} or lowered in {
        (u or "").lower() for u in uninformative
    }:
        return None
    if _FORM_ONLY.fullmatch(label):
        return None
    return readable(label) if len(label) >= 4 else None
