"""The body keeps its words: whatever else the parser gets wrong, no document may lose its text.

For every document parsed from the shared EDGAR corpus, the seeds and our fixtures, the
distinct words of its source payload (markup aside) must be in its body's words. The source's
words are read by a rule that shares nothing with the parser's markup path: drop comments and
what a reader never sees (<script>, <style>, <head>, <noscript>, the inline-XBRL <ix:header>,
an element styled display:none); drop inline tags without a space (they sit inside words:
"<b>R</b>esults", "10<sup>th</sup>") and every other tag with one; decode entities; split into
runs of letters and digits, lower-cased. Machine payloads (uuencoded files, XBRL, PDFs) are not
documents, so the parser's skipping them is no loss.

A document with no sign of HTML or XML (no <html>, <body> or <?xml) keeps every word; one in
markup keeps at least 99% of them: the oracle joins words across inline tags where a
line break in the markup parts them, and it sees content that a style sheet hides.
"""

import html
import re
from pathlib import Path

import pytest

from indexer.parse import ParseError, parse_file
from indexer.parse.decode import decode
from indexer.parse.sgml import split

from .conftest import EDGAR, ROOT, SEEDS

FIXTURES = [ROOT / "tests" / folder for folder in ("data", "textforms", "xmlforms")]
MARKUP_SHARE = 0.99
# A cut-off file may end inside its inline-XBRL header; an element hidden by its style is taken to
# end at the first closing tag of its name (the hidden blocks of inline XBRL nest no other).
_UNSEEN = re.compile(
    r"<!--.*?-->|<(script|style|head|noscript|ix:header)\b.*?(?:</\1\s*>|\Z)"
    r"|<(\w+)\b[^<>]*display\s*:\s*none[^<>]*>.*?</\2\s*>",
    re.IGNORECASE | re.DOTALL,
)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|font|span|sup|sub|small|big|a)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_WORD = re.compile(r"[^\W_]+")
_IN_MARKUP = re.compile(r"<(?:html|body)\b|<\?xml", re.IGNORECASE)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def source_words(payload: str) -> set[str]:
    """The words a reader of the payload sees, by the oracle's rule (module docstring)."""
    visible = _INLINE_TAG.sub("", _UNSEEN.sub(" ", payload))
    return _words(html.unescape(_TAG.sub(" ", visible)))


def _files() -> list[tuple[Path, Path]]:
    roots = [SEEDS, *FIXTURES] + ([EDGAR] if EDGAR.is_dir() else [])
    return [(path, root) for root in roots for path in sorted(root.rglob("*"))
            if path.is_file() and path.name not in ("MANIFEST.tsv", "README.md")]


def _payloads(path: Path) -> dict[str, str]:
    """Each parsed document's source payload, by the document's source."""
    envelope = split(decode(path.read_bytes()))
    return {str(raw.position): raw.text for raw in envelope.documents}


def missing_words(path: Path, root: Path) -> list[tuple[str, float, list[str]]]:
    """For each document below the share it must keep: its source, the share kept and some lost words."""
    try:
        parsed = parse_file(path, root)
    except ParseError:
        return []  # not a filing, or only payloads: no document claims these words
    payloads = _payloads(path)
    failures = []
    for document in parsed.documents:
        position = document.source.rsplit("#", 1)[1] if "#" in document.source else "1"
        if document.description and document.description.startswith("submission header"):
            continue  # a header-only file's body is its header
        payload = payloads[position]
        wanted = source_words(payload)
        lost = wanted - _words(document.body)
        share = 1 - len(lost) / len(wanted) if wanted else 1.0
        required = MARKUP_SHARE if _IN_MARKUP.search(payload) else 1.0
        if share < required:
            failures.append((document.source, round(share, 4), sorted(lost)[:12]))
    return failures


@pytest.mark.parametrize("path, root", _files(), ids=lambda value: value.name if value.is_file() else None)
def test_body_keeps_the_words_of_its_source(path, root):
    assert missing_words(path, root) == []


def test_the_shared_corpus_is_checked_too():
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    assert sum(1 for _, root in _files() if root == EDGAR) == 60
