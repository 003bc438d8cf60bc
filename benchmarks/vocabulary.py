"""The benchmark corpus's words: learned from real filings, drawn with a Zipf distribution.

Real filings give the head of the vocabulary in its real order ("the", "of", "company" ...)
and the Zipf exponent, fitted to their rank-frequency curve; made-up words extend it into the
long tail a corpus of many filers has (names, places, coined terms), so that term dictionaries,
postings and wildcard expansions grow as a real index's do. On the EDGAR fixtures the fit gives
about 1.3, and 100,000 drawn words hold some 6,600 distinct ones (the fixtures: 5,200).
"""

import itertools
import math
import random
import re
from bisect import bisect
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where the words are learned from: the shared EDGAR fixtures when present, the shipped seeds always.
EDGAR, SEEDS = ROOT.parent / "shared" / "corpus" / "edgar", ROOT / "corpus"
SOURCES = (EDGAR, SEEDS)
# What in those folders is a filing (the EDGAR folder also holds its README and manifest).
FILING_SUFFIXES = (".txt", ".nc", ".html", ".htm")
TAIL_SIZE = 50_000
# Ranks the exponent is fitted over: past the few commonest words, before the sample's own tail.
FIT_RANKS = range(10, 5000)
DEFAULT_EXPONENT = 1.3  # when too few real words are at hand to fit one

_WORD = re.compile(r"[A-Za-z][a-z]{1,20}\b")
_MARKUP = re.compile(r"<[^>]*>|&[#\w]+;")
_SYLLABLES = ("ka", "ro", "mi", "tan", "vel", "sor", "qu", "en", "dra", "lo", "pex", "ta", "bri", "un", "cor",
              "zen", "fa", "lis", "mo", "gar", "thu", "nel", "vi", "os")


def learned_words(sources=SOURCES) -> tuple[list[tuple[str, int]], list[str]]:
    """The words of the real filings with their counts, most frequent first, and the folders they came from."""
    counts: Counter = Counter()
    used = []
    for source in sources:
        if not source.is_dir():
            continue
        used.append(str(source))
        for path in sorted(source.iterdir()):
            if path.suffix in FILING_SUFFIXES:
                text = _MARKUP.sub(" ", path.read_text("latin-1"))
                counts.update(word.lower() for word in _WORD.findall(text))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0])), used


def fitted_exponent(counts: list[int]) -> float:
    """The slope of log frequency against log rank, by least squares."""
    if len(counts) < FIT_RANKS.stop:
        return DEFAULT_EXPONENT
    xs = [math.log(rank) for rank in FIT_RANKS]
    ys = [math.log(counts[rank - 1]) for rank in FIT_RANKS]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return -sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs)


def _coined(count: int, known: set[str]) -> list[str]:
    """`count` pronounceable words that are in no real filing, in a fixed order."""
    words = []
    for length in itertools.count(2):
        for parts in itertools.product(_SYLLABLES, repeat=length):
            word = "".join(parts)
            if word not in known:
                words.append(word)
                if len(words) == count:
                    return words


class Vocabulary:
    """Draws words with probability proportional to 1 / rank ** exponent."""

    def __init__(self, sources=SOURCES, tail: int = TAIL_SIZE):
        learned, self.sources = learned_words(sources)
        head = [word for word, _ in learned]
        self.exponent = fitted_exponent([count for _, count in learned])
        self.words = head + _coined(tail, set(head))
        weights = (1 / rank**self.exponent for rank in range(1, len(self.words) + 1))
        self._cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self._cumulative, k=count)

    def rank_of(self, fraction: float) -> str:
        """The word at a given point of the cumulative distribution: 0.5 is a common word, 0.999 a rare one."""
        return self.words[bisect(self._cumulative, fraction * self._cumulative[-1])]
