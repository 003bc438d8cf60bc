"""A deterministic generator of synthetic EDGAR filings, for the benchmark and the fault tests.

Filings are shaped like real ones: full SGML submissions of a 6-K cover and one to three
exhibits (plain text or HTML), standalone 6-K covers and press releases as plain text,
standalone HTML documents, and one filing in LARGE_EVERY a 20-F annual report in HTML of 0.5 to 5 MB,
the tail of multi-megabyte documents real filings have (../shared/corpus/edgar: 7 of its 60 filings
are 0.5 to 2 MB, the 10-Ks and 20-Fs); the month, registrant-name and signature layouts are those real
filers use, and the words follow the Zipf distribution of benchmarks/vocabulary.py. File
number i depends only on (seed, i), so a corpus of 4N documents begins with the corpus of N,
and one file at a time is held in memory whatever the size.

    python -m benchmarks.generate OUT --docs 20000 [--seed 1]
"""

import argparse
import html
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .vocabulary import Vocabulary

FILES_PER_FOLDER = 500
COMPANIES = 1500
MONTHS = [f"{year}-{month:02d}" for year in range(1996, 2025) for month in range(1, 13)]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
LEGAL_FORMS = ["Co., Ltd.", "Inc.", "Corporation", "N.V.", "S.A.", "plc", "AG", "Holdings Limited", "Limited",
               "Group Ltd.", "S.p.A.", "Ltd."]
FIRST_NAMES = ["Yong", "Maria", "John", "Hiroshi", "Anna", "Pieter", "Li", "Carlos", "Sophie", "David", "Min-Jun",
               "Elena", "Rahul", "Ingrid", "Thomas", "Aiko", "Lucas", "Fatima", "Olivier", "Grace"]
LAST_NAMES = ["Lee", "Kim", "Smith", "Tanaka", "de Vries", "Wang", "Garcia", "Martin", "Cohen", "Rossi", "Schmidt",
              "Park", "Nakamura", "Silva", "Dubois", "Jensen", "Okafor", "Patel", "Novak", "O'Brien"]
TITLES = ["Chief Financial Officer", "Head of IR Team", "Chief Executive Officer", "Company Secretary",
          "General Counsel", "Vice President, Finance", "Director", "Chairman of the Board"]
EXHIBITS = ["EX-99.1", "EX-99.2", "EX-99.3", "EX-4.1", "EX-10.1", "EX-23.1"]
KINDS = {"submission": 55, "release": 25, "cover": 10, "html": 10}
# Every LARGE_EVERY-th filing is an annual report, its size log-uniform in LARGE_BYTES: a fixed cadence
# rather than a draw, so that even the quick run's 1,000 files hold one. At this share they are about
# a fifth of the corpus's bytes, which keeps the full `make bench` within its time.
LARGE_EVERY = 1000
LARGE_BYTES = (500_000, 5_000_000)


@dataclass
class Written:
    files: int = 0
    documents: int = 0
    bytes: int = 0
    large_files: int = 0  # of LARGE_BYTES[0] or more
    large_bytes: int = 0

    def add(self, size: int, documents: int = 0) -> None:
        self.files += 1
        self.documents += documents
        self.bytes += size
        if size >= LARGE_BYTES[0]:
            self.large_files += 1
            self.large_bytes += size


@dataclass(frozen=True)
class _Filer:
    name: str
    cik: str
    signers: tuple[tuple[str, str], ...]


class Generator:
    """Makes filing number i of a corpus from (seed, i) alone."""

    def __init__(self, seed: int = 1, vocabulary: Vocabulary | None = None):
        self.seed = seed
        self.words = vocabulary or Vocabulary()
        rng = random.Random(f"filers:{seed}")
        self.filers = [self._filer(rng, number) for number in range(COMPANIES)]
        self._filer_weights = [1 / (rank + 1) ** 0.8 for rank in range(COMPANIES)]

    def _filer(self, rng: random.Random, number: int) -> _Filer:
        stem = " ".join(word.capitalize() for word in rng.sample(self.words.words[300:20000], rng.choice((1, 2, 2))))
        signers = tuple((f"{rng.choice(FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(LAST_NAMES)}",
                         rng.choice(TITLES)) for _ in range(rng.randint(1, 3)))
        return _Filer(f"{stem} {rng.choice(LEGAL_FORMS)}", f"{1_000_000 + number * 37:010d}", signers)

    def filing(self, number: int) -> tuple[str, bytes, int]:
        """File name, content and number of documents of filing `number`."""
        rng = random.Random(f"{self.seed}:{number}")
        filer = rng.choices(self.filers, weights=self._filer_weights)[0]
        month = rng.choice(MONTHS)
        if number % LARGE_EVERY == LARGE_EVERY - 1:
            return f"{number:07d}.txt", self._annual(rng, filer, month, number).encode(), 1
        kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        if kind == "submission":
            text = self._submission(rng, filer, month, number)
            return f"{number:07d}.txt", text.encode(), text.count("<DOCUMENT>")
        if kind == "cover":
            return f"{number:07d}.txt", self._cover(rng, filer, month, []).encode(), 1
        if kind == "release":
            return f"{number:07d}.txt", self._release(rng, filer, month, "EXHIBIT 99.1").encode(), 1
        return f"{number:07d}.htm", self._html(self._release(rng, filer, month, "EXHIBIT 99.1")).encode(), 1

    def filings(self, docs: int) -> Iterator[tuple[str, bytes, int]]:
        """Filings in order until they hold at least `docs` documents."""
        made, number = 0, 0
        while made < docs:
            name, content, documents = self.filing(number)
            yield f"{number // FILES_PER_FOLDER:04d}/{name}", content, documents
            made += documents
            number += 1

    # The pieces of a filing.

    def _prose(self, rng: random.Random, words: int, filer: _Filer) -> str:
        """Paragraphs of sentences drawn from the vocabulary, with figures and the filer's name."""
        drawn = self.words.draw(rng, words)
        paragraphs, sentence, lines, line = [], [], [], ""
        for position, word in enumerate(drawn):
            if not sentence:
                word = word.capitalize()
            sentence.append(word)
            if rng.random() < 0.02:
                sentence.append(rng.choice((f"${rng.randint(1, 999)}.{rng.randint(0, 9)} million",
                                            f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%", filer.name)))
            if len(sentence) >= rng.randint(8, 28) or position == len(drawn) - 1:
                for piece in " ".join(sentence).split(" "):
                    if len(line) + len(piece) > 76:
                        lines.append(line)
                        line = ""
                    line = f"{line} {piece}" if line else piece
                line += "."
                sentence = []
                if rng.random() < 0.2:
                    lines.append(line)
                    paragraphs.append("\n".join(lines))
                    lines, line = [], ""
        paragraphs.append("\n".join(lines + [line]))
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

    def _body_words(self, rng: random.Random) -> int:
        return min(15_000, int(rng.lognormvariate(6.4, 0.8)))

    @staticmethod
    def _month_line(rng: random.Random, month: str) -> str:
        year, number = month.split("-")
        name = MONTH_NAMES[int(number) - 1]
        return rng.choice((f"For the month of {name} {year}", f"For the month of: {name}, {year}",
                           f"For the month of {name}, {year}", f"For the month ended {name} 28, {year}"))

    def _signature(self, rng: random.Random, filer: _Filer, month: str) -> str:
        signer, title = rng.choice(filer.signers)
        year, number = month.split("-")
        date = f"{MONTH_NAMES[int(number) - 1]} {rng.randint(1, 28)}, {year}"
        preamble = ("Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly\n"
                    "caused this report to be signed on its behalf by the undersigned, thereunto duly authorized.")
        layout = rng.randrange(3)
        if layout == 0:
            block = (f"{' ' * 40}{filer.name}\n\n{' ' * 40}By: /s/ {signer}\n{' ' * 44}{'-' * 22}\n"
                     f"Date: {date}{' ' * 22}Name: {signer}\n{' ' * 40}Title: {title}")
        elif layout == 1:
            block = f"{filer.name}\n(Registrant)\n\nDate: {date}\n\n/s/ {signer}\n{'-' * 26}\n{signer}\n{title}"
        else:
            block = f"{filer.name.upper()}\n\nBy:   /s/ {signer.upper()}\n      Name: {signer}\n      Title: {title}\n\n{date}"
        return f"\n\n{' ' * 30}SIGNATURES\n\n{preamble}\n\n{block}\n"

    def _cover(self, rng: random.Random, filer: _Filer, month: str, exhibits: list[str]) -> str:
        caption = rng.choice(("(Name of the Registrant)", "(Translation of registrant's name into English)",
                              "(Exact name of registrant as specified in its charter)"))
        listed = "\n".join(f"Exhibit {exhibit[3:]}: {self._prose(rng, 14, filer)}" for exhibit in exhibits)
        return (f"FORM 6-K\n\n{' ' * 20}SECURITIES AND EXCHANGE COMMISSION\n{' ' * 26}Washington, D.C. 20549\n\n"
                f"{' ' * 22}Report of Foreign Private Issuer\n{' ' * 18}Pursuant to Rule 13a-16 or 15d-16 of\n"
                f"{' ' * 20}the Securities Exchange Act of 1934\n\n{' ' * 20}{self._month_line(rng, month)}\n\n"
                f"{' ' * 24}{filer.name.upper()}\n{' ' * 22}{caption}\n\n"
                f"Commission File Number: 000-{rng.randint(10000, 99999)}\n\n"
                "(Indicate by check mark whether the registrant files or will file annual reports\n"
                "under cover of Form 20-F or Form 40-F.)\n\n        Form 20-F X  Form 40-F\n\n<PAGE>\n\n"
                f"{filer.name} (the \"Company\") is furnishing under cover of Form 6-K:\n\n{listed}\n\n"
                f"{self._prose(rng, rng.randint(40, 250), filer)}\n\n<PAGE>\n{self._signature(rng, filer, month)}")

    def _release(self, rng: random.Random, filer: _Filer, month: str, heading: str) -> str:
        year, number = month.split("-")
        headline = " ".join(word.capitalize() for word in self.words.draw(rng, rng.randint(4, 9)))
        signer, title = filer.signers[0]
        return (f"{heading}\n\n{' ' * 30}FOR IMMEDIATE RELEASE\n\nCONTACT:\n{signer}\n{title}\n\n"
                f"{' ' * 10}{filer.name} Announces {headline}\n\n"
                f"Seoul and New York, {MONTH_NAMES[int(number) - 1]} {rng.randint(1, 28)}, {year} - {filer.name} "
                f"(the \"Company\") today announced {self._prose(rng, self._body_words(rng), filer)}\n")

    @staticmethod
    def _html(text: str) -> str:
        heading, _, rest = text.partition("\n\n")
        paragraphs = "\n".join(f"<p style=\"margin:0\">{html.escape(paragraph).replace(chr(10), ' ')}</p>"
                               for paragraph in rest.split("\n\n"))
        return (f"<html><head><title>{html.escape(heading)}</title></head>\n<body>\n"
                f"<p align=\"right\"><b>{html.escape(heading)}</b></p>\n{paragraphs}\n</body></html>\n")

    def _submission(self, rng: random.Random, filer: _Filer, month: str, number: int) -> str:
        exhibits = sorted(rng.sample(EXHIBITS, rng.choice((1, 1, 2, 3))))
        filed = f"{month.replace('-', '')}{rng.randint(1, 28):02d}"
        documents = [("6-K", "d6k.txt", "FORM 6-K", self._cover(rng, filer, month, exhibits))]
        for exhibit in exhibits:
            text = self._release(rng, filer, month, f"EXHIBIT {exhibit[3:]}")
            if rng.random() < 0.5:
                documents.append((exhibit, f"d{exhibit[3:].replace('.', '')}.htm", "PRESS RELEASE", self._html(text)))
            else:
                documents.append((exhibit, f"d{exhibit[3:].replace('.', '')}.txt", "PRESS RELEASE", text))
        return self._envelope(filer, month, number, filed, "6-K", documents)

    def _annual(self, rng: random.Random, filer: _Filer, month: str, number: int) -> str:
        """A 20-F as one HTML document of about a size drawn from LARGE_BYTES, its prose written a
        chunk at a time until it is that large."""
        low, high = LARGE_BYTES
        size = math.exp(rng.uniform(math.log(low), math.log(high)))
        year = month[:4]
        filed = f"{month.replace('-', '')}{rng.randint(1, 28):02d}"
        chunks = [f"FORM 20-F\n\nANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT "
                  f"OF 1934\n\nFor the fiscal year ended December 31, {year}\n\n{filer.name.upper()}\n\n"
                  "(Exact name of Registrant as specified in its charter)"]
        written = len(chunks[0])
        while written < size:
            chunks.append(self._prose(rng, 20_000, filer))
            written += len(chunks[-1]) + 2
        text = "\n\n".join(chunks) + self._signature(rng, filer, month)
        return self._envelope(filer, month, number, filed, "20-F",
                              [("20-F", "d20f.htm", "ANNUAL REPORT", self._html(text))])

    @staticmethod
    def _envelope(filer: _Filer, month: str, number: int, filed: str, form: str,
                  documents: list[tuple[str, str, str, str]]) -> str:
        """The SGML submission around `documents`, each (type, file name, description, text)."""
        accession = f"{int(filer.cik) % 10**10:010d}-{month[2:4]}-{number:06d}"
        parts = [f"<SEC-DOCUMENT>{accession}.txt : {filed}\n<SEC-HEADER>{accession}.hdr.sgml : {filed}\n"
                 f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t{form}\n"
                 f"PUBLIC DOCUMENT COUNT:\t\t{len(documents)}\nCONFORMED PERIOD OF REPORT:\t{filed}\n"
                 f"FILED AS OF DATE:\t\t{filed}\n\nFILER:\n\n\tCOMPANY DATA:\n"
                 f"\t\tCOMPANY CONFORMED NAME:\t\t\t{filer.name.upper().replace(',', '').replace('.', '')}\n"
                 f"\t\tCENTRAL INDEX KEY:\t\t\t{filer.cik}\n\n\tFILING VALUES:\n\t\tFORM TYPE:\t\t{form}\n"
                 "</SEC-HEADER>\n"]
        for sequence, (kind, name, description, text) in enumerate(documents, 1):
            parts.append(f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{sequence}\n<FILENAME>{name}\n"
                         f"<DESCRIPTION>{description}\n<TEXT>\n{text}</TEXT>\n</DOCUMENT>\n")
        parts.append("</SEC-DOCUMENT>\n")
        return "".join(parts)


def write_corpus(folder: Path, docs: int, seed: int = 1, vocabulary: Vocabulary | None = None) -> Written:
    """Write filings holding at least `docs` documents into `folder`, one file at a time."""
    written = Written()
    for name, content, documents in Generator(seed, vocabulary).filings(docs):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.add(len(content), documents)
    return written


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folder", type=Path)
    options.add_argument("--docs", type=int, default=20_000)
    options.add_argument("--seed", type=int, default=1)
    arguments = options.parse_args()
    written = write_corpus(arguments.folder, arguments.docs, arguments.seed)
    print(f"{written.files} files, {written.documents} documents, {written.bytes / 1e6:.1f} MB in {arguments.folder}")


if __name__ == "__main__":
    main()
