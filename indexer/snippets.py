"""Highlighted snippets: up to three fragments of a hit's body around the words it matched.

Fragments come from the character positions the index keeps for the body, so a match deep in
a multi-megabyte filing is found without re-reading the text, and fragments are trimmed to
whole words. The snippet is HTML built on escaped text: matched words in <mark>, nothing else.
"""

import html
import re

from whoosh import highlight
from whoosh import query as whoosh_query
from whoosh.searching import Hit as WhooshHit

from .schema import WORDS

FRAGMENTS = 3
FRAGMENT_CHARS = 220
OPENING_CHARS = 240
SEPARATOR = " … "


class _MarkFormatter(highlight.Formatter):
    between = SEPARATOR

    def _text(self, text: str) -> str:
        return html.escape(re.sub(r"\s+", " ", text), quote=False)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=False)}</mark>"

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


_HIGHLIGHTER = highlight.Highlighter(
    scorer=_EarlierFirst(),
    fragmenter=_WholeWords(maxchars=FRAGMENT_CHARS, surround=80, charlimit=None),
    formatter=_MarkFormatter(),
    order=highlight.FIRST,  # the best fragments, shown in reading order
)


def opening(body: str) -> str:
    """The start of a body, cut at a word: the snippet of a hit that matched only in other fields."""
    text = " ".join(body[: OPENING_CHARS * 4].split())
    if len(text) > OPENING_CHARS:
        text = text[:OPENING_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def snippet(hit: WhooshHit, body: str) -> str:
    found = _HIGHLIGHTER.highlight_hit(hit, "body", text=body, top=FRAGMENTS, minscore=1)
    return found or opening(body)


def body_terms(parsed: whoosh_query.Query) -> frozenset[str]:
    """The (stemmed) words a query looks for in bodies, NOT clauses aside."""
    wanted: set[str] = set()

    def walk(node: whoosh_query.Query) -> None:
        if isinstance(node, whoosh_query.Not):
            return
        if isinstance(node, whoosh_query.Term) and node.fieldname == "body":
            wanted.add(node.text)
        elif isinstance(node, whoosh_query.Phrase) and node.fieldname == "body":
            wanted.update(node.words)
        elif not node.is_leaf():
            for child in node.children():
                walk(child)

    walk(parsed)
    return frozenset(wanted)


def marked(body: str, terms: frozenset[str]) -> tuple[str, int]:
    """The whole body as HTML, escaped, each matched word in <mark id="mN">; and how many there are."""
    if not terms:
        return html.escape(body, quote=False), 0
    output, index, count = [], 0, 0
    for token in WORDS(body, chars=True, mode="query"):
        if token.text in terms:
            count += 1
            output.append(html.escape(body[index : token.startchar], quote=False))
            word = html.escape(body[token.startchar : token.endchar], quote=False)
            output.append(f'<mark id="m{count}">{word}</mark>')
            index = token.endchar
    output.append(html.escape(body[index:], quote=False))
    return "".join(output), count
