"""Highlighted snippets: up to three fragments of a hit's body around what the query matched in it.

What to mark is placed by marks.py from the postings of the words asked for, which the index
keeps with where each occurrence starts (places.py), so a snippet costs what its words' postings
and fragments cost, not what its document weighs; fragments are trimmed to whole words. A snippet, like a marked
body, is spans of plain text (models.Span): escaping or styling them is the face's business.
"""

import re

from whoosh import highlight
from whoosh.analysis import Token

from ...models import Highlight, Span
from .marks import Indexed, Marking

FRAGMENTS = 3
FRAGMENT_CHARS = 220
OPENING_CHARS = 240
SEPARATOR = " … "


def _span(text: str, matched: bool = False) -> Span:
    # A snippet runs on one line: the body's line breaks and runs of spaces become one space.
    return Span(text=re.sub(r"\s+", " ", text), matched=matched)


def _fragment_spans(fragment: highlight.Fragment) -> tuple[Span, ...]:
    """One fragment's text as spans, without the spaces it starts or ends with."""
    spans, index = [], fragment.startchar
    for token in fragment.matches:
        spans.append(_span(fragment.text[index : token.startchar]))
        spans.append(_span(fragment.text[token.startchar : token.endchar], matched=True))
        index = max(index, token.endchar)
    spans.append(_span(fragment.text[index : fragment.endchar]))
    if not spans[0].matched:
        spans[0] = Span(text=spans[0].text.lstrip())
    if not spans[-1].matched:
        spans[-1] = Span(text=spans[-1].text.rstrip())
    return tuple(span for span in spans if span.text)


def _joined(fragments) -> Highlight:
    """The fragments' spans with SEPARATOR between them."""
    # A filing often repeats a sentence (a cover and its exhibit index): show it once.
    shown = dict.fromkeys(_fragment_spans(fragment) for fragment in fragments)
    spans: Highlight = []
    for fragment in shown:  # none is empty: each holds a match
        if spans:
            spans.append(Span(text=SEPARATOR))
        spans += fragment
    return spans


class _WholeWords(highlight.PinpointFragmenter):
    """Fragments that start and end on word boundaries, without cutting a word the text ends with."""

    def fragment_matches(self, text, tokens):
        for fragment in super().fragment_matches(text, tokens):
            if fragment.startchar > 0 and not text[fragment.startchar - 1].isspace():
                space = text.find(" ", fragment.startchar, fragment.matches[0].startchar)
                fragment.startchar = space + 1 if space >= 0 else fragment.startchar
            if fragment.endchar < len(text) and not text[fragment.endchar].isspace():
                space = text.rfind(" ", fragment.matches[-1].endchar, fragment.endchar)
                fragment.endchar = space if space >= 0 else fragment.endchar
            yield fragment


class _EarlierFirst(highlight.BasicFragmentScorer):
    """Whoosh's fragment score, with ties going to the earlier fragment (2.7.4 broke them at random)."""

    def __call__(self, fragment) -> float:
        return super().__call__(fragment) - fragment.startchar * 1e-9


_FRAGMENTER = _WholeWords(maxchars=FRAGMENT_CHARS, surround=80, charlimit=None)
_SCORER = _EarlierFirst()


def opening(body: str) -> Highlight:
    """The start of a body, cut at a word: the snippet of a hit that matched only in other fields."""
    text = " ".join(body[: OPENING_CHARS * 4].split())
    if len(text) > OPENING_CHARS:
        text = text[:OPENING_CHARS].rsplit(" ", 1)[0] + " …"
    return [Span(text=text)] if text else []


def snippet(body: str, marking: Marking, indexed: Indexed | None = None) -> Highlight:
    """The best fragments around what `marking` finds in a hit's body (that of the document
    `indexed`, when known), in reading order."""
    tokens = [Token(text=mark.key, startchar=mark.start, endchar=mark.end) for mark in marking.marks(body, indexed)]
    fragments = highlight.top_fragments(_FRAGMENTER.fragment_matches(body, tokens), FRAGMENTS, _SCORER,
                                        highlight.FIRST)  # the best fragments, shown in reading order
    return _joined(fragments) or opening(body)


def marked(body: str, marking: Marking, indexed: Indexed | None = None) -> Highlight:
    """The whole body as spans, each match one matched span (none when nothing is found)."""
    spans, index = [], 0
    for mark in marking.marks(body, indexed):
        spans += [Span(text=body[index : mark.start]), Span(text=body[mark.start : mark.end], matched=True)]
        index = mark.end
    spans.append(Span(text=body[index:]))
    return [span for span in spans if span.text]
