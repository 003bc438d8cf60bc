"""The company a document prints at its head without any caption: a letter's letterhead, or the cover's
most prominent line (HTML: the largest bold or centred text near the top).

The last resort for the company field, after captions, labels, a press release's own naming and the
signature block: a line qualifies only if it reads as a name (see names.sentence_like), and, unless it
ends in a legal form, only if it is printed more prominently than the text around it and names no
kind of document ("ANNUAL REPORT", "NOTICE OF MEETING").
"""

import re

from lxml import etree
from lxml import html as lxml_html

from .layout import Layout, squash
from .names import LEGAL_SUFFIX, clean_company, sentence_like
from .payload import without_declaration

_LETTERHEAD_OF = re.compile(r"^\[?\s*(?:on\s+(?:the\s+)?)?letterhead\s+of\s+(.+?)\s*\]?$", re.IGNORECASE)
_EXHIBIT = re.compile(r"^(?:exhibit|ex-)\s*[\w.()\-]*$", re.IGNORECASE)
_ENDS_IN_LEGAL_FORM = re.compile(r"(?:" + LEGAL_SUFFIX.pattern + r")\s*$", re.IGNORECASE)
# Words that name a kind of document or a heading, never a company.
_DOCUMENT_WORDS = re.compile(
    r"\b(?:report|statement|release|notice|form|schedule|exhibit|prospectus|proxy|supplement|united|states|"
    r"commission|contents|meeting|letter|agreement|amendment|certificat\w*|announce\w*|results|quarter|annual|"
    r"news|press|index|table|section|item|part|summary|presentation|registrant|subsidiar\w*)\b",
    re.IGNORECASE,
)
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_POINTS = re.compile(r"font-size\s*:\s*([\d.]+)\s*pt", re.IGNORECASE)
# Where a cover's prominent lines stand: its first blocks of text, in the first part of its markup.
_HEAD_BLOCKS = 15
_HEAD_CHARS = 40000


def _name(text: str, prominent: bool) -> str | None:
    text = squash(text)
    if not text or _EXHIBIT.match(text) or sentence_like(text) or not text[0].isupper():
        return None
    # Without its legal form, a name is two words or more: a lone word is an acronym, a heading, a brand.
    if _ENDS_IN_LEGAL_FORM.search(text) or (prominent and len(text.split()) > 1
                                            and not _DOCUMENT_WORDS.search(text) and not re.search(r"\d", text)):
        return clean_company(text, recase=False)
    return None


def letterhead_company(layout: Layout) -> str | None:
    """The name a letter opens with, under any exhibit heading: "[Letterhead of Acme Bank]", or a line
    ending in a legal form. Only the first line: further down, a name is a subsidiary in a list, a party,
    an addressee."""
    for _, segment in layout.segments[:3]:
        if _EXHIBIT.match(segment):
            continue
        named = _LETTERHEAD_OF.match(segment)
        if named:
            return clean_company(named.group(1), recase=False)
        return _name(segment, prominent=False)
    return None


def _prominence(element) -> int:
    """How prominently an element and the elements around it print their text."""
    score = 0
    for node in (element, *element.iterancestors()):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        style = node.get("style", "")
        if tag in ("b", "strong") or _BOLD.search(style):
            score |= 1
        if tag in ("h1", "h2", "h3") or node.get("align", "").lower() == "center" or _CENTRED.search(style) \
                or tag == "center":
            score |= 2
        size = node.get("size", "") if tag == "font" else ""
        points = _POINTS.search(style)
        if tag in ("h1", "h2") or (size.lstrip("+").isdigit() and int(size.lstrip("+")) >= 4) or (
                points and float(points.group(1)) >= 14):
            score |= 4
        if tag == "body":
            break
    return score


def prominent_company(markup: str) -> str | None:
    """The most prominent name among an HTML cover's first blocks of text (the first such, on a tie);
    a bold or large line counts, a merely centred one does not."""
    parser = lxml_html.HTMLParser(remove_comments=True, huge_tree=True)
    try:
        root = lxml_html.document_fromstring(without_declaration(markup)[:_HEAD_CHARS], parser=parser)
    except (etree.ParserError, ValueError):
        return None
    best, best_score, seen = None, 0, 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "head", "title"):
            continue
        if element.tag == "a" or any(ancestor.tag == "a" for ancestor in element.iterancestors()):
            continue  # a link is navigation, not the cover's name
        text = squash(element.text or "")
        if not text:
            continue
        seen += 1
        if seen > _HEAD_BLOCKS:
            break
        score = _prominence(element)
        name = _name(text, prominent=True) if score & 5 else None
        if name and score > best_score:
            best, best_score = name, score
    return best
