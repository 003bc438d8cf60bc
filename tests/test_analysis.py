"""The fast text fields index exactly what Whoosh's own analysis of the field would, so queries
(analysed by Whoosh) and the index (written by the fast path) always agree."""

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields

from indexer.engines.whoosh.analysis import FastText
from indexer.engines.whoosh.schema import NAMES, SCHEMA, WORDS

# Words, numbers, punctuation inside words, accents, other scripts, wildcards, odd spaces.
_PIECES = st.sampled_from(["Café", "naïve", "ÉCOLE", "İstanbul", "straße", "U.S.A.", "77.63", "6-K", "co.,ltd",
                           "wild*", "*", "delisting", "Delisted", "the", "  ", "\n", "\t", "'s", "1,304,106",
                           "日本語", "Ünïcödé", "x", ".", "..", "a.b", "ﬁnance", "ǅ"])
_TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map(" ".join)


def _pair(analyzer, starts: bool = False, **options):
    """A fast field and a Whoosh TEXT field writing the same format through Whoosh's own analysis."""
    fast, whoosh = FastText(analyzer, starts=starts, **options), fields.TEXT(analyzer=analyzer, **options)
    whoosh.format = fast.format
    return fast, whoosh


def _decoded(field, text):
    """Each term's frequency, weight, positions and (where kept) starts, as the format reads them back."""
    decode = field.format.decode_places if getattr(field.format, "starts", False) else field.format.decode_positions
    return sorted((term, frequency, weight, decode(value)) for term, frequency, weight, value in field.index(text))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_fast_index_equals_whoosh_analysis(text):
    for analyzer in (WORDS, NAMES):
        for starts in (False, True):
            fast, whoosh = _pair(analyzer, starts=starts, spelling=True)
            assert sorted(fast.index(text)) == sorted(whoosh.index(text))
            assert list(fast.spellable_words(text)) == list(whoosh.spellable_words(text))
        # What is posted is what Whoosh's own Positions and Characters formats would hold.
        assert _decoded(FastText(analyzer), text) == _decoded(fields.TEXT(analyzer=analyzer), text)
        characters = fields.TEXT(analyzer=analyzer, chars=True)
        assert _decoded(FastText(analyzer, starts=True), text) == sorted(
            (term, frequency, weight, [(position, start) for position, start, _ in
                                       characters.format.decode_characters(value)])
            for term, frequency, weight, value in characters.index(text))


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sets(st.sampled_from(["delist", "stock", "cafe", "u.s.a", "77.63", "6", "k", "wild*", "x", "the",
                                        "istanbul", "i̇stanbul", "ecol", "strass", "straße", "finance", "ǆ", "a.b"])),
       st.integers(min_value=0, max_value=3))
def test_places_are_where_the_analyzer_finds_the_terms(text, terms, reach):
    """Each word indexed as one of the terms is placed, and positions step by one more than the
    words between two places, as far as `reach` counts them."""
    found = [(token.pos, token.text, token.startchar, token.endchar)
             for token in WORDS(text, positions=True, chars=True, mode="index") if token.text in terms]
    placed = SCHEMA["body"].places(text, terms, reach)
    assert [(place.term, place.start, place.end) for place in placed] == [each[1:] for each in found]
    for (before, after), (true_before, true_after) in zip(zip(placed, placed[1:]), zip(found, found[1:])):
        assert after.position - before.position == 1 + min(true_after[0] - true_before[0] - 1, reach)


# Every suffix Porter's rules rewrite, and ones they leave, after stems of every shape.
_SUFFIXES = ("ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness "
             "ousness aliti iviti biliti logi icate ative alize iciti ical ful ness ement ment ent ion ou ism ate "
             "iti ous ive ize al ance ence er ic able ible ant sses ies ss s eed ed ing at bl iz y e ll").split()


def test_a_word_begins_with_its_terms_first_characters_but_the_stemmers_tail():
    """What lets places() look a word up by its term's first characters: the stemmer rewrites at
    most STEM_TAIL characters at the end."""
    from indexer.engines.whoosh.analysis import STEM_TAIL, _folded

    stems = ["b", "ab", "a", "r", "pr", "str", "any", "happ", "rel", "cond", "possib", "É", "İst", "Straß"]
    for stem in stems:
        for suffix in _SUFFIXES:
            for ending in ("", "s", "ly", "ed", "ing", "y", "ies", "ation"):
                word = stem + suffix + ending
                term = SCHEMA["body"].term(word)
                assert _folded(word).startswith(term[: max(1, len(term) - STEM_TAIL)].split("\u0307")[0]), word


def test_one_character_lowercases_to_two():
    """_folded keeps each character at its offset: it replaces the one character whose lowercase
    is longer, before lowercasing."""
    import sys

    assert [code for code in range(sys.maxunicode + 1) if len(chr(code).lower()) != 1] == [0x130]


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.sets(st.sampled_from(["de", "st", "ca", "u.", "77", "wi", "is", "ec", "fi", "x"]), min_size=1))
def test_the_words_a_wildcard_reads_are_every_term_it_begins(text, heads):
    body = SCHEMA["body"]
    assert body.vocabulary_from(text, heads) == {term for term in body.vocabulary(text) if term.startswith(tuple(heads))}


def test_a_writer_posts_each_spelling_once():
    field = FastText(WORDS, spelling=True)
    assert list(field.spellable_words("Delisting the stock")) == ["delisting", "stock", "the"]
    assert list(field.spellable_words("the stock was delisted")) == ["delisted", "was"]


def test_a_field_read_back_from_an_index_starts_afresh():
    field = FastText(WORDS, spelling=True)
    list(field.spellable_words("stock"))
    copy = pickle.loads(pickle.dumps(field))
    assert list(copy.spellable_words("stock")) == ["stock"]
    assert _decoded(copy, "Stocks stock") == _decoded(fields.TEXT(analyzer=WORDS), "Stocks stock")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 1 << 33), st.integers(1, 1 << 33)), min_size=1, max_size=30))
def test_a_posting_reads_back_what_was_posted_however_far_apart(gaps):
    positions = [sum(gap for gap, _ in gaps[: index + 1]) for index in range(len(gaps))]
    starts = [sum(gap for _, gap in gaps[: index + 1]) for index in range(len(gaps))]
    field = FastText(WORDS, starts=True)
    value = field.format.encode(positions, starts)
    assert field.format.decode_places(value) == list(zip(positions, starts))
    assert field.format.decode_positions(value) == positions
    assert field.format.decode_frequency(value) == len(positions)
