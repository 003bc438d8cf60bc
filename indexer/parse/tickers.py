"""A filing's trading symbol, only where the filing states it: the inline-XBRL cover's
dei:TradingSymbol (10-K, 10-Q, 8-K cover pages since 2019), an ownership form's
issuerTradingSymbol (as XML, or as its rendered "Issuer Name and Ticker or Trading Symbol" box), or
the first row of a cover page's "Title of each class | Trading Symbol(s) | Name of each exchange"
table. Never guessed from prose: a symbol the filing mentions in passing is not the one it states
for its own securities, and a cover that says "N/A" states none.
"""

import html
import re

# What a symbol looks like: capitals and digits, and one class suffix after a dot or hyphen (BRK.A, BF-B).
_SYMBOL = re.compile(r"[A-Z][A-Z0-9]{0,5}(?:[.-][A-Z0-9]{1,3})?")
_NOT_A_SYMBOL = {"NA", "NONE", "NOTAPPLICABLE"}
_TAGGED = re.compile(r"<ix:nonnumeric\b[^>]*\bname\s*=\s*[\"']dei:TradingSymbol[\"'][^>]*>(.*?)</ix:nonnumeric\s*>",
                     re.IGNORECASE | re.DOTALL)
_NAMED = re.compile("dei:TradingSymbol", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# The name, then its symbol in brackets after it ("EVANS BANCORP INC [ EVBN ]") or alone on the next line.
_ISSUER_BOX = re.compile(r"Issuer\s+Name\s+and\s+Ticker\s+or\s+Trading\s+Symbol\s*\n[^\n\[\]]{1,150}"
                         r"(?:\[\s*([^\]\n]{1,12}?)\s*\]|\n[ \t]*([^\s\[\]]{1,12})[ \t]*\n)", re.IGNORECASE)
_TABLE_HEAD = re.compile(r"Title\s+of\s+each\s+class\s+Trading\s+Symbols?(?:\s*\(s\))?\s+Name\s+of\s+each\s+exchange\s+"
                         r"on\s+which\s+registered\s*\n", re.IGNORECASE)
_CELL_BREAK = re.compile(r"\s*(?:\t|\n|\s{2,})\s*")
_EXCHANGE = re.compile(r"exchange|market|nasdaq|nyse|\bLLC\b|\bInc\b", re.IGNORECASE)
# Where a cover page's table stands: within the document's opening.
COVER_CHARS = 12000


def stated(value: str | None) -> str | None:
    """A stated symbol as the index holds it (capitals), or None for what is no symbol ("N/A")."""
    if not value:
        return None
    symbol = " ".join(html.unescape(_TAG.sub("", value)).split()).upper()
    if symbol.replace("/", "").replace(" ", "") in _NOT_A_SYMBOL or not _SYMBOL.fullmatch(symbol):
        return None
    return symbol


def tagged_symbol(markup: str) -> str | None:
    """The first dei:TradingSymbol an inline-XBRL document tags (a cover lists its main class first)."""
    if not _NAMED.search(markup):
        return None
    for found in _TAGGED.finditer(markup):
        if symbol := stated(found.group(1)):
            return symbol
    return None


def written_symbol(body: str) -> str | None:
    """The symbol a document's text states in its issuer box or its cover's table of classes."""
    opening = body[:COVER_CHARS]
    if box := _ISSUER_BOX.search(opening):
        written = box.group(1) or box.group(2)
        return stated(written) if written.isupper() else None
    if head := _TABLE_HEAD.search(opening):
        cells = [cell for cell in _CELL_BREAK.split(opening[head.end():].strip(), maxsplit=3)[:3]]
        if len(cells) == 3 and cells[1].isupper() and _EXCHANGE.search(cells[2]):
            return stated(cells[1])
    return None


def ticker_of(markup: str, xml_symbol: str | None, body: str) -> str | None:
    """The document's stated symbol: tagged (inline XBRL, an XML form's element) before written."""
    return (tagged_symbol(markup) if markup else None) or stated(xml_symbol) or written_symbol(body)
