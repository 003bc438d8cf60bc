"""HTML to clean, readable text with a real parser (lxml): the layout survives, the markup does not.

Block elements become line and paragraph breaks, table rows become lines with their
cells separated by tabs, entities are decoded, and what a reader never sees (scripts,
styles, the hidden inline-XBRL header) is dropped.
"""

import re

from lxml import etree
from lxml import html as lxml_html

from .layout import tidy
from .payload import without_declaration

_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre",
              "blockquote", "hr", "center", "section", "article", "header", "footer", "address", "form"}
_LINE = {"div", "br", "tr", "li", "dt", "dd", "caption", "tbody", "thead", "tfoot", "body"}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "head", "noscript", "template", "object", "embed", "iframe", "svg"}
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_INLINE = re.compile(r"display\s*:\s*inline", re.IGNORECASE)
_BREAKING_TAGS = re.compile(r"<(?:p|br|div|tr|li|h[1-6]|pre|table)\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


class _TextBuilder:
    """Joins text runs, turning pending breaks into newlines, blank lines or cell tabs."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = ""
        self.at_line_start = True

    def brk(self, kind: str) -> None:
        order = ("", " ", "\t", "\n", "\n\n")
        if order.index(kind) > order.index(self.pending):
            self.pending = kind

    def text(self, run: str, preformatted: bool) -> None:
        if not run:
            return
        if not preformatted:
            run = _SPACES.sub(" ", run)
            if self.at_line_start or self.pending.strip(" ") or self.pending == "\t":
                run = run.lstrip(" ")
            if not run:
                return
        if self.parts and self.pending:
            self.parts.append(self.pending)
        self.pending = ""
        self.parts.append(run)
        self.at_line_start = run.endswith("\n")

    def result(self) -> str:
        return tidy(re.sub(r" +\t", "\t", "".join(self.parts)))


def _tag(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.lower()


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Return the readable text of an HTML document and its <title>, if it has one."""
    markup = without_declaration(markup)
    if not markup.strip():
        return "", None
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return "", None
    title_element = root.find(".//title")
    title = _SPACES.sub(" ", title_element.text_content()).strip() if title_element is not None else None
    builder = _TextBuilder()
    # Plain text wrapped in <html><body> without <pre>: its line breaks are its layout.
    preformatted = 1 if markup.count("\n") > 20 * (len(_BREAKING_TAGS.findall(markup)) + 1) else 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = _tag(element)
        style = element.get("style", "") if tag else ""
        if style and _INLINE.search(style):
            tag = "span"
        if event == "start":
            if not tag or tag in _SKIP or tag.endswith(":header") or _HIDDEN.search(style):
                # Its "end" event still comes, and emits the tail.
                walker.skip_subtree()
                continue
            if tag in _PARAGRAPH:
                builder.brk("\n\n")
            elif tag in _LINE:
                builder.brk("\n")
            elif tag in _CELL:
                builder.brk("\t")
            if tag == "pre":
                preformatted += 1
            builder.text(element.text or "", preformatted > 0)
        else:
            if tag == "pre":
                preformatted -= 1
            if tag in _PARAGRAPH:
                builder.brk("\n\n")
            elif tag in _LINE:
                builder.brk("\n")
            builder.text(element.tail or "", preformatted > 0)
    return builder.result(), title or None
