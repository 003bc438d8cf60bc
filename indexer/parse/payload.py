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
_HTML = re.compile(r"<(?:html|body|div|p|td|tr|font|br|span|center|h[1-6])\b[^>]*>", re.IGNORECASE)
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
    if root and markup_of(head) == "xml" and _XBRL_ROOT.match("<" + root.group(1)):
        return "XBRL"
    return None


def markup_of(content: str) -> str:
    """'html', 'xml' or 'text': how the document's content must be read."""
    head = content.lstrip()[:20000]
    if _HTML.search(head):
        return "html"
    root = _XML_ROOT.match(head)
    # Old text filings start with SGML pseudo-tags (<PAGE>, <TABLE>), always upper case.
    if root and (head.startswith("<?xml") or not root.group(1).isupper()):
        return "xml"
    return "text"
