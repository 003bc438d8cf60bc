"""Query strings to Whoosh queries: the syntax users type, checked before Whoosh sees it.

    delisting nasdaq              every word must match (stemmed: "split" finds "splits")
    "reverse stock split"         an exact phrase
    delisting OR bankruptcy       either word; NOT, or a leading -, excludes one
    (delisting OR suspension) -hearing
    delist*                       a trailing wildcard
    company:thrunet  signer:"yong s. lee"  exhibit_type:EX-99.1  form_type:6-K
    month:[2002-10 TO 2003-01]    a range of months (also date:, year:)

Whoosh forgives what a user would rather hear about, so unbalanced quotes and brackets,
unknown fields and malformed months are caught here with a message naming the problem.
"""

import re

from whoosh import query as whoosh_query
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, OperatorsPlugin
from whoosh.reading import IndexReader

from ...search.deadline import Deadline
from .watch import expansion, watching
from ...errors import QueryError, quoted
from ...facets import FACET_FIELDS
from ...formats import ACCESSION_NUMBER, DATE, MONTH, YEAR
from ...models import MAX_QUERY_LENGTH, FilingDocument
from .phrases import fast
from .presence import Present
from .schema import NAME_WORDS, SCHEMA

# Where words without a field are looked for (title and description carry their boosts).
DEFAULT_FIELDS = ["title", "body", "description", *NAME_WORDS.values()]
# Field names a user may type: every field of a document, and every facet.
USER_FIELDS = sorted({*FilingDocument.model_fields, *FACET_FIELDS})
# A name facet typed means the words of its names (`company:thrunet`).
ALIASES = {words: [facet] for facet, words in NAME_WORDS.items()}
# A wildcard that matches more words than this is too broad to answer well.
MAX_EXPANSION = 20000
# Deeper nesting than any person writes; Whoosh's parser recurses once per level.
MAX_NESTING = 32

_FIELD_PREFIX = re.compile(r"(?<![\w\"'])([A-Za-z_][\w]*):(?=\S)")
# How values of the date-like fields are written (a trailing * asks for a prefix).
_VALUES = {
    "month": (re.compile(rf"{MONTH.anchored}|^(?:{YEAR.pattern}(?:-[0-9]{{0,2}})?)?\*$"), MONTH.hint),
    "year": (re.compile(rf"^{YEAR.pattern}\*?$|^[0-9]{{0,3}}\*$"), YEAR.hint),
    "date": (re.compile(rf"{DATE.anchored}|^(?:{YEAR.pattern}(?:-[0-9]{{0,2}}){{0,2}})?\*$"), DATE.hint),
}
_VALUE_TERMS = re.compile(rf"\b({'|'.join(_VALUES)}):(?:(\[|\{{)([^\]\}}]*)(?:\]|\}})|\"?([^\s()\"]+))")


def _outside_quotes(text: str) -> str:
    """The query with quoted phrases blanked out, so their contents are not read as syntax."""
    return re.sub(r'"[^"]*"', lambda match: " " * len(match.group(0)), text)


def check(text: str) -> None:
    """Raise QueryError for what Whoosh would silently misread, or take too long to read."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query {quoted(text)} is {len(text)} characters long; at most {MAX_QUERY_LENGTH} are read")
    if text.count('"') % 2:
        raise QueryError(f"unbalanced quote in query {quoted(text)}: close the phrase with \"")
    bare = _outside_quotes(text)
    for opening, closing, name, names in (("(", ")", "parenthesis", "parentheses"), ("[", "]", "bracket", "brackets"),
                                          ("{", "}", "brace", "braces")):
        depth = deepest = 0
        for char in bare:
            depth += (char == opening) - (char == closing)
            deepest = max(deepest, depth)
            if depth < 0:
                break
        if depth:
            raise QueryError(f"unbalanced {name} in query {quoted(text)}")
        if deepest > MAX_NESTING:
            raise QueryError(f"query {quoted(text)} nests {names} more than {MAX_NESTING} deep")
    for match in _FIELD_PREFIX.finditer(bare):
        if match.group(1) not in USER_FIELDS:
            raise QueryError(f"unknown field {quoted(match.group(1))} in query {quoted(text)}; fields are: "
                             + ", ".join(USER_FIELDS))
    for match in _VALUE_TERMS.finditer(text):
        field, ranged = match.group(1), match.group(2)
        values = re.split(r"\s+TO\s+", match.group(3).strip()) if ranged else [match.group(4)]
        pattern, how = _VALUES[field]
        for value in values:
            if value and not pattern.match(value):
                raise QueryError(f"bad {field} {quoted(value)} in query {quoted(text)}: {how}")


def _parser() -> MultifieldParser:
    parser = MultifieldParser(DEFAULT_FIELDS, SCHEMA)
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    # A leading "-" excludes, as NOT does; "6-K" and "EX-99.1" keep their hyphens.
    parser.replace_plugin(OperatorsPlugin(Not=r"(^|(?<=(\s|[()])))(NOT(?=\s)|-(?=[^\s-]))"))
    return parser


_PARSER = _parser()


def parse(text: str) -> whoosh_query.Query:
    """The Whoosh query for a query string; an empty string matches every document."""
    check(text)
    if not text.strip():
        return whoosh_query.Every()
    if re.match(ACCESSION_NUMBER, text.strip()):
        # An accession number pasted as the query finds its filing (a phrase of its digits finds nothing).
        text = f"accession:{text.strip()}"
    try:
        parsed = _present(_PARSER.parse(text, normalize=False)).normalize()
    except RecursionError:
        raise QueryError(f"query {quoted(text)} is nested too deeply to read") from None
    if parsed is whoosh_query.NullQuery:
        raise QueryError(f"query {quoted(text)} has no words to search for")
    return parsed


def _present(parsed: whoosh_query.Query) -> whoosh_query.Query:
    """`field:*` as Present(field) (presence.py), and a bare `*` or `*:*` as Present(None), every
    document: put in before Whoosh normalises the query, which reads Every(field) as a wildcard
    over the field and lets an Every() absorb the AND it is in (`delisting *:*` matched everything)."""
    if type(parsed) is whoosh_query.Every and parsed.fieldname is None:
        return Present(None, parsed.boost)
    if isinstance(parsed, whoosh_query.Or) and all(map(_is_star, parsed.subqueries)) and \
            [child.fieldname for child in parsed.subqueries] == DEFAULT_FIELDS:
        return Present(None, parsed.boost)
    if _is_star(parsed):
        return Present(parsed.fieldname, parsed.boost)
    if parsed.is_leaf():
        return parsed
    return parsed.apply(_present)


def _is_star(parsed: whoosh_query.Query) -> bool:
    return type(parsed) is whoosh_query.Wildcard and parsed.text == "*"


# What expand() replaces by the words of the index it matches.
_EXPANDED = (whoosh_query.Wildcard, whoosh_query.Prefix, whoosh_query.FuzzyTerm, whoosh_query.Regex,
             whoosh_query.TermRange)


def expands(parsed: whoosh_query.Query) -> bool:
    """Whether a query has a wildcard or range: what makes a search scan the index's words."""
    return isinstance(parsed, _EXPANDED) or any(expands(child) for child in parsed.children())


def expand(parsed: whoosh_query.Query, reader: IndexReader, deadline: Deadline) -> whoosh_query.Query:
    """Replace wildcards and ranges by the words they match, and phrases by FastPhrase
    (phrases.py), each held to the deadline (deadline.py).

    Whoosh would expand them inside its matcher where no time limit reaches, so a leading
    wildcard over a large vocabulary could run for minutes.
    """
    if isinstance(parsed, Present):
        return parsed.by(deadline)
    if isinstance(parsed, _EXPANDED):
        words = []
        for count, word in enumerate(parsed.expanded_terms(watching(reader, deadline, f"expanding {parsed}"))):
            if count >= MAX_EXPANSION:
                raise QueryError(f"{parsed} matches more than {MAX_EXPANSION} words; make it more specific")
            words.append(word)
        return expansion(parsed, words, deadline) if words else whoosh_query.NullQuery
    if type(parsed) is whoosh_query.Phrase:
        return fast(parsed, deadline)
    if parsed.is_leaf():
        return parsed
    return parsed.apply(lambda child: expand(child, reader, deadline))
