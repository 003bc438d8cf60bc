"""Highlighted snippets: up to three fragments of a hit's body around what the query matched in it.

What to mark is found again in the stored body by marks.py (the body field's own fast tokenizer:
one C-level pass, terms from a dictionary), which costs less than keeping every word's characters
in the index for every document; fragments are trimmed to whole words. The snippet is HTML built
on escaped text: the matches in <mark>, nothing else.
"""

import html
import re

from whoosh import highlight
from whoosh.analysis import Token

from .marks import Marking

FRAGMENTS = 3
FRAGMENT_CHARS = 220
OPENING_CHARS = 240
SEPARATOR = " … "


class _MarkFormatter(highlight.Formatter):
    between = SEPARATOR

    def _text(self, text: str) -> str:
        return html.escape(re.sub(r"\s+", " ", text), quote=False)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{self._text(highlight.get_text(text, token, replace))}</mark>"

    def format(self, fragments, replace: bool = False) -> str:
        # A filing often repeats a sentence (a cover and its exhibit index): show it once.
        shown = dict.fromkeys(self.format_fragment(fragment, replace) for fragment in fragments)
        return self.between.join(shown)

    def format_fragment(self, fragment, replace: bool = False) -> str:
        output, index = [], fragment.startchar
        for token in fragment.matches:
            if token.startchar > index:
                output.append(self._text(fragment.text[index : token.startchar]))
            output.append(self.format_token(fragment.text, token, replace))
            index = max(index, token.endchar)
        output.append(self._text(fragment.text[index : fragment.endchar]))
        return "".join(output).strip()


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
_FORMATTER = _MarkFormatter()


def opening(body: str) -> str:
    """The start of a body, cut at a word: the snippet of a hit that matched only in other fields."""
    text = " ".join(body[: OPENING_CHARS * 4].split())
    if len(text) > OPENING_CHARS:
        text = text[:OPENING_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def snippet(body: str, marking: Marking) -> str:
    """The best fragments around what `marking` finds in a hit's body, in reading order."""
    tokens = [Token(text=mark.key, startchar=mark.start, endchar=mark.end) for mark in marking.marks(body)]
    fragments = highlight.top_fragments(_FRAGMENTER.fragment_matches(body, tokens), FRAGMENTS, _SCORER,
                                        highlight.FIRST)  # the best fragments, shown in reading order
    return _FORMATTER.format(fragments) or opening(body)


def marked(body: str, marking: Marking) -> tuple[str, int]:
    """The whole body as HTML, escaped, each match in <mark id="mN">; and how many there are."""
    output, index, count = [], 0, 0  # count stays 0 when nothing is found
    for count, mark in enumerate(marking.marks(body), 1):
        output.append(html.escape(body[index : mark.start], quote=False))
        output.append(f'<mark id="m{count}">{html.escape(body[mark.start : mark.end], quote=False)}</mark>')
        index = mark.end
    output.append(html.escape(body[index:], quote=False))
    return "".join(output), count
