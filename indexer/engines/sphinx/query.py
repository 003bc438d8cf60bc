"""The query language on the cluster: the embedded engine's parse tree (the language is one) written
as a SphinxQL MATCH expression, plus the attribute filters a top-level range becomes.

Every keyword is a term the Whoosh analysis made, spelt by terms.spelling into letters and digits
only, so no user text ever reaches SphinxQL as syntax: nothing needs escaping, and quotes,
backslashes, `@`, `(`, `|`, `/` or NUL in a query can only be letters of a spelt keyword. Each
keyword carries its own field limit in its own parentheses (`(@(title,body) word)`), since Sphinx's
field limits last to the end of the group they stand in.

What Sphinx cannot match as Whoosh does is refused as a QueryError naming it, never approximated:
a proximity phrase (`"a b"~5`: Sphinx's proximity does not keep the words' order), a wildcard with
fewer than two literal characters together at its start or after a leading `*` (Sphinx finds
nothing for it, silently), a range anywhere but as a whole condition of the query, or on a field
that is not a date.
"""

from dataclasses import dataclass, field

from whoosh import query as whoosh_query

from ...errors import QueryError, quoted
from .layout import EVERY, NUMBERED, PRESENCE, number_of, text_of
from .terms import WILDCARDS, pattern_spelling, spelling
from ..whoosh.presence import Present

# Literal characters a wildcard needs together, at its start or after a leading `*` (config.MIN_INFIX).
LITERALS_NEEDED = 2
ALL = f"(@{PRESENCE} {EVERY})"


@dataclass
class Translated:
    """A query as the cluster runs it: the MATCH expression and the attribute conditions beside it."""

    match: str
    conditions: list[str] = field(default_factory=list)


def _fields(names: list[str]) -> str:
    held = [text_of(name) for name in names]
    return held[0] if len(held) == 1 else "(" + ",".join(held) + ")"


def _limited(names: list[str], expression: str) -> str:
    return f"(@{_fields(names)} {expression})"


def _literal_run(pattern: str) -> int:
    """How many literal characters stand together at the pattern's start, or after its leading `*`s."""
    rest = pattern.lstrip("*")
    run = 0
    for char in rest:
        if char in WILDCARDS:
            break
        run += 1
    return run


def _pattern(node: whoosh_query.Query) -> str:
    """A Prefix's or Wildcard's pattern spelt for Sphinx, or a QueryError for what it would miss."""
    text = node.text + "*" if isinstance(node, whoosh_query.Prefix) else node.text
    spelt = pattern_spelling(text)
    shown = f"{node.fieldname}:{text}"
    if spelt is None:
        raise QueryError(f"the wildcard {quoted(shown)} is longer than the cluster can expand; "
                         "shorten its literal part")
    if text.startswith("?") or _literal_run(spelt) < LITERALS_NEEDED:
        raise QueryError(f"the wildcard {quoted(text)} needs at least {LITERALS_NEEDED} letters together at its "
                         f"start or after a leading * on this cluster (write `wo*`, `he*o`, `*ld`, not `w*` or "
                         f"`h?llo`)")
    return spelt


def _leaf(node: whoosh_query.Query) -> tuple[str, str] | None:
    """(field, keyword expression) of a one-field leaf that an OR may group by its expression."""
    if type(node) is whoosh_query.Term:
        return node.fieldname, spelling(node.text)
    if isinstance(node, (whoosh_query.Prefix, whoosh_query.Wildcard)):
        return node.fieldname, _pattern(node)
    if type(node) is whoosh_query.Phrase:
        if node.slop != 1:
            raise QueryError(f"the proximity phrase {quoted(chr(34) + ' '.join(node.words) + chr(34) + '~' + str(node.slop))}"
                             " cannot be matched in order on the cluster; write the exact phrase, or the words "
                             "joined by AND")
        return node.fieldname, '"' + " ".join(spelling(word) for word in node.words) + '"'
    return None


def _or(children: list[whoosh_query.Query]) -> str:
    """An OR, its one-field leaves of one expression merged into one multi-field limit."""
    grouped: dict[str, list[str]] = {}
    others = []
    for child in children:
        leaf = _leaf(child)
        if leaf is None:
            others.append(_expression(child))
        else:
            grouped.setdefault(leaf[1], []).append(leaf[0])
    parts = [_limited(names, expression) for expression, names in grouped.items()] + others
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def _and(children: list[whoosh_query.Query]) -> str:
    wanted = [_expression(child) for child in children if not isinstance(child, whoosh_query.Not)]
    excluded = [_expression(child.query) for child in children if isinstance(child, whoosh_query.Not)]
    # Sphinx refuses a NOT on its own: what it excludes from is every document.
    parts = (wanted or [ALL]) + [f"-{part}" for part in excluded]
    return parts[0] if len(parts) == 1 else "(" + " ".join(parts) + ")"


def _range(node: whoosh_query.TermRange) -> None:
    raise QueryError(f"the range {quoted(str(node))} is not a whole condition of the query: on the cluster a range "
                     f"({', '.join(NUMBERED)}) must be AND-ed with the rest, not inside OR or NOT; run one search "
                     "per range instead")


def _expression(node: whoosh_query.Query) -> str:
    leaf = _leaf(node)
    if leaf is not None:
        return _limited([leaf[0]], leaf[1])
    if type(node) is whoosh_query.Every:  # the empty query
        return ALL
    if isinstance(node, Present):
        return ALL if node.fieldname is None else f"(@{PRESENCE} {spelling(node.fieldname)})"
    if isinstance(node, whoosh_query.Not):
        return _and([node])
    if isinstance(node, whoosh_query.AndNot):
        return _and([node.a, whoosh_query.Not(node.b)])
    if isinstance(node, whoosh_query.AndMaybe):
        return _expression(node.a)  # the optional part only ranks, and ranks may differ
    if isinstance(node, (whoosh_query.And, whoosh_query.Require)):
        return _and(list(node.children()))
    if isinstance(node, whoosh_query.Or):
        return _or(list(node.children()))
    if isinstance(node, whoosh_query.TermRange):
        _range(node)
    if node is whoosh_query.NullQuery:
        return ALL + " -" + ALL
    raise QueryError(f"{quoted(str(node))} ({type(node).__name__}) cannot be searched on the cluster; "
                     "write words, phrases, prefixes or ranges instead")


def _bound(name: str, value: str | None, excluded: bool, low: bool) -> str | None:
    if value is None or value in ("", "*"):
        return None
    number = int(value.replace("-", ""))
    operator = (">" if excluded else ">=") if low else ("<" if excluded else "<=")
    return f"{number_of(name)} {operator} {number}"


def _condition(node: whoosh_query.TermRange) -> list[str]:
    """A top-level range of a date-like field as attribute conditions (undated documents, 0, never match)."""
    if node.fieldname not in NUMBERED:
        raise QueryError(f"the range {quoted(str(node))} is on {node.fieldname}, which the cluster holds as words; "
                         f"ranges are on {', '.join(NUMBERED)}")
    conditions = [f"{number_of(node.fieldname)} > 0"]
    for value, excluded, low in ((node.start, node.startexcl, True), (node.end, node.endexcl, False)):
        bound = _bound(node.fieldname, value, excluded, low)
        if bound:
            conditions.append(bound)
    return conditions


def translate(parsed: whoosh_query.Query) -> Translated:
    """The cluster's form of a parsed query (QueryError naming what it cannot express)."""
    top = list(parsed.children()) if type(parsed) is whoosh_query.And else [parsed]
    ranges = [node for node in top if isinstance(node, whoosh_query.TermRange)]
    rest = [node for node in top if not isinstance(node, whoosh_query.TermRange)]
    conditions = [condition for node in ranges for condition in _condition(node)]
    return Translated(_and(rest) if rest else ALL, conditions)
