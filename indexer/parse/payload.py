"""Which documents of a submission are machine payloads, and what markup a text document is in.

Payloads (images, archives, PDFs, spreadsheets, uuencoded blocks, XBRL schemas and
instances, JSON) are counted and left out: indexing them as text would fill the index
with noise that no one searches for.
"""

import re

_PAYLOAD_TYPES = {"GRAPHIC", "ZIP", "PDF", "EXCEL", "XML", "JSON", "XBRL", "ZIP FILE", "EX-27"}
_PAYLOAD_EXTENSIONS = {
    "jpg", "jpeg", "gif", "png", "bmp", "tif", "tiff", "ico", "svg", "pdf", "zip", "gz",
    "xls", "xlsx", "xsd", "json", "js", "css", "swf", "mp3", "mp4", "doc", "docx",
}
_XBRL_ROOT = re.compile(r"<(?:[\w-]+:)?(?:xbrl|schema|linkbase|FilingSummary)\b", re.IGNORECASE)
_UUENCODED = re.compile(r"^begin [0-7]{3,4} \S+", re.MULTILINE)
_WRAPPER = re.compile(r"\A\s*<(XML|XBRL|PDF|JSON)>\s*(.*?)(?:</\1>\s*)?\Z", re.IGNORECASE | re.DOTALL)
# The SGML pseudo-tags of old text filings, in any case: a text document's layout marks, dropped from
# its body, never a sign of markup.
PSEUDO_TAGS = re.compile(
    r"</?(?:PAGE|TABLE|CAPTION|S|C|FN|F\d{1,3}|R|PRE|SEC-DOCUMENT|SEC-HEADER|IMS-DOCUMENT)>", re.IGNORECASE
)
# A real HTML document says so (<html>, <body>, a doctype), or is a fragment dense with HTML's own
# elements. Pseudo-tags, and now and then a filer's stray <P> or <B>, do not make a document HTML.
_HTML_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_HTML_ELEMENT = re.compile(
    r"</?(?:p|div|td|tr|th|font|br|span|center|h[1-6]|b|i|u|a|li|ul|ol|img|hr|sup|sub)\b[^<>]*>"
    r"|<(?:table|caption|pre)\s+\w+\s*=[^<>]*>",  # the pseudo-tags' names, but with HTML attributes
    re.IGNORECASE,
)
# An HTML fragment has a tag every line or two, even hand-written (a <P> a paragraph, a <BR> a line);
# a filer's stray tags in a text document are far fewer.
_LINES_PER_HTML_TAG = 2
_DECLARATION = r"<\?xml[^>]*\?>"
_LEADING_DECLARATION = re.compile(r"\A\s*" + _DECLARATION, re.IGNORECASE)
_XML_ROOT = re.compile(r"\A\s*(?:" + _DECLARATION + r"\s*)?(?:<!--.*?-->\s*)*<([\w:-]+)", re.DOTALL)


def unwrap(content: str) -> tuple[str | None, str]:
    """Split EDGAR's <XML>/<XBRL>/<PDF>/<JSON> wrapper from a document's content."""
    match = _WRAPPER.match(content)
    if match:
        return match.group(1).upper(), match.group(2)
    return None, content


def without_declaration(markup: str) -> str:
    """Markup without its leading `<?xml ...?>`: the text is decoded already, so the encoding the
    declaration names no longer applies (and lxml refuses one in a str)."""
    return _LEADING_DECLARATION.sub("", markup, count=1)


def payload_kind(doc_type: str | None, filename: str | None, content: str) -> str | None:
    """Name the kind of machine payload a document is, or None for a text document."""
    kind = (doc_type or "").strip().upper()
    if kind in _PAYLOAD_TYPES or kind.startswith("EX-101") or kind.startswith("EX-27"):
        return kind
    extension = (filename or "").rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    if extension in _PAYLOAD_EXTENSIONS:
        return extension.upper()
    wrapper, inner = unwrap(content)
    if wrapper in ("PDF", "JSON"):
        return wrapper
    head = inner.lstrip()[:4096]
    if head.startswith("%PDF"):
        return "PDF"
    if _UUENCODED.search(head[:600]):
        return "uuencoded"
    if head[:1] in ("{", "["):
        return "JSON"
    root = _XML_ROOT.match(head)
    if root and markup_of(inner) == "xml" and _XBRL_ROOT.match("<" + root.group(1)):
        return "XBRL"
    return None


def _is_html(head: str) -> bool:
    if _HTML_DOCUMENT.search(head):
        return True
    tags = len(_HTML_ELEMENT.findall(head))
    return tags >= 3 and tags * _LINES_PER_HTML_TAG >= head.count("\n")


def _is_xml(content: str, head: str) -> bool:
    """An XML document declares itself, or its first element closes at its very end (bar comments)."""
    if head.startswith("<?xml"):
        return True
    root = _XML_ROOT.match(head)
    if not root or PSEUDO_TAGS.fullmatch(f"<{root.group(1)}>"):
        return False
    return bool(re.search(rf"</{re.escape(root.group(1))}\s*>\s*(?:<!--.*?-->\s*)*\Z", content, re.DOTALL))


def markup_of(content: str) -> str:
    """'html', 'xml' or 'text': how the document's content must be read. Text unless the markup
    is plain: losing a text document's words to a markup parser is the one failure that hides it."""
    head = content.lstrip()[:20000]
    if _is_html(head):
        return "html"
    if _is_xml(content, head):
        return "xml"
    return "text"
