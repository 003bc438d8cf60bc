"""A generated hostile corpus: every kind of file a real folder of filings can hold that a filing
parser should survive, each beside the documents it must still give (or the reason it gives none),
and a way to run `filings` over it as an unprivileged user while measuring its memory."""

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .conftest import SEEDS

HUGE_BYTES = 200 * 1024 * 1024
LONG_LINE_BYTES = 10 * 1024 * 1024
MANY_DOCUMENTS = 2000
DEPTH = 200
SEED_TEXTS = [path.read_text() for path in sorted(SEEDS.iterdir())]


@dataclass
class HostileCorpus:
    root: Path
    sources: set[str] = field(default_factory=set)  # the source of every document the good files give
    failures: dict[str, str] = field(default_factory=dict)  # corpus-relative path -> reason reported
    files: list[Path] = field(default_factory=list)

    def good(self, relative: str, content: bytes, numbers: range | list[int] | None = None) -> Path:
        """A file that must be indexed: a single document, or a submission's documents `numbers` ("path#N")."""
        path = self._write(relative, content)
        self.sources |= {relative} if numbers is None else {f"{relative}#{number}" for number in numbers}
        return path

    def bad(self, relative: str, content: bytes, reason: str) -> Path:
        path = self._write(relative, content)
        self.failures[relative] = reason
        return path

    def _write(self, relative: str, content: bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.files.append(path)
        return path


def _submission(documents: list[tuple[str, str]], *, close: bool = True) -> bytes:
    """An EDGAR submission of (type, text) documents; `close=False` leaves the last one unterminated."""
    header = ("<SEC-DOCUMENT>0000950103-02-000001.txt : 20021201\n<SEC-HEADER>\n"
              "ACCESSION NUMBER:\t0000950103-02-000001\nCONFORMED SUBMISSION TYPE:\t6-K\n"
              "FILED AS OF DATE:\t20021201\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tKOREA THRUNET CO LTD\n"
              "\t\tCENTRAL INDEX KEY:\t0001104223\n</SEC-HEADER>\n")
    blocks = [f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{number}\n<TEXT>\n{text}\n</TEXT>\n</DOCUMENT>\n"
              for number, (kind, text) in enumerate(documents, 1)]
    if not close:
        blocks[-1] = blocks[-1].split("</TEXT>")[0]
    return (header + "".join(blocks) + ("</SEC-DOCUMENT>\n" if close else "")).encode()


def _uuencoded(data: bytes) -> str:
    import binascii

    lines = [binascii.b2a_uu(data[start:start + 45]).decode().rstrip("\n") for start in range(0, len(data), 45)]
    return "begin 644 chart.jpg\n" + "\n".join(lines) + "\n`\nend\n"


def write_hostile_corpus(root: Path) -> HostileCorpus:
    """Write the hostile corpus into `root` (which must not exist yet)."""
    corpus = HostileCorpus(root)
    seed = SEED_TEXTS[0].encode()
    release = SEED_TEXTS[4]

    # Good files, however odd.
    corpus.good("plain.txt", seed)
    corpus.good("names/annual report 2002 – Thrunet été.txt", SEED_TEXTS[1].encode())
    corpus.good("invalid-utf8.txt", SEED_TEXTS[2].encode().replace(b"Thrunet", b"Thrun\xe9t \xff\xfe\xc3(", 3))
    # NULs past the first 8 KB (where the binary test looks) reach the parser inside the text.
    corpus.good("late-nuls.txt", seed + b"\n" + b"padding line\n" * 1000 + b"\x00\x00 stray NULs \x00\n")
    line = (" ".join(["revenue", "growth", "dividend", "thrunet", "market"]) + " ").encode()
    corpus.good("long-line.txt", SEED_TEXTS[3].encode() + b"\n" + line * (LONG_LINE_BYTES // len(line)) + b"\n")
    corpus.good("sgml/unterminated.txt", _submission([("6-K", release), ("EX-99.1", release)], close=False), [1, 2])
    # An inner <DOCUMENT> starts a document of its own; the outer one, left with no text, gives none.
    corpus.good("sgml/nested.txt", _submission([("6-K", f"<DOCUMENT>\n<TYPE>EX-99.9\n<TEXT>\n{release}"),
                                                ("EX-99.1", release)]), [2, 3])
    corpus.good("sgml/thousands.txt", _submission([("EX-99.1", f"EXHIBIT 99.1\n\nPart {n} of a long release: "
                                                    "Korea Thrunet Co., Ltd. reports.\n")
                                                   for n in range(MANY_DOCUMENTS)]), range(1, MANY_DOCUMENTS + 1))
    graphic = _uuencoded(bytes(range(256)) * 40)
    corpus.good("sgml/uuencoded.txt", _submission([("6-K", release), ("GRAPHIC", graphic)]), [1])
    corpus.good("/".join(["deep"] * DEPTH) + "/filing.txt", SEED_TEXTS[1].encode())

    # Bad files: each is reported once, with its reason, and the run goes on.
    corpus.bad("empty.txt", b"", "empty file")
    corpus.bad("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64, "binary file, not text")
    corpus.bad("early-nuls.txt", b"\x00" * 16 + seed, "binary file, not text")
    corpus.bad("prose.txt", b"Shopping list: eggs, milk, flour.\n" * 50,
               "not an EDGAR filing (no SEC header, form, exhibit or registrant heading)")
    huge = corpus.bad("huge.txt", b"", "larger than 32 MB")
    with huge.open("wb") as out:  # real text, a filing all the way through, written in large blocks
        block = release.encode() * (8 * 1024 * 1024 // len(release))
        out.write(seed)
        while out.tell() < HUGE_BYTES:
            out.write(block)
    corpus.bad("locked.txt", seed, "permission denied").chmod(0)
    (root / "names" / "around").symlink_to("..", target_is_directory=True)  # a loop: read once, not reported
    latin1_name = os.fsdecode(b"caf\xe9.txt")
    corpus._write(latin1_name, seed)
    # Reported as stderr shows an undecodable name: the byte escaped.
    corpus.failures[latin1_name.encode("ascii", "backslashreplace").decode()] = "file name is not valid UTF-8; rename it"
    return corpus


def open_to_everyone(root: Path) -> None:
    """Let `nobody` read the corpus, except the file made unreadable on purpose (mode 000)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o777)
        elif path.stat().st_mode & 0o777:
            path.chmod(0o666)


def unprivileged(*args) -> subprocess.Popen:
    """`filings ARGS` as `nobody` (conftest's filings_unprivileged, as a process to watch while it runs).

    The interpreter's own library may be out of nobody's reach (under /root), so everything the
    command loads lazily is loaded before the switch, and it runs in one process (--jobs 1)."""
    script = ("import os, sys\n"
              "import indexer.cli, indexer.index.reindex, indexer.parse.document, indexer.engines.whoosh.stats\n"
              "import encodings.cp1252, encodings.latin_1, encodings.utf_16, encodings.utf_32\n"
              "if os.geteuid() == 0:\n"
              "    os.setgid(65534)\n"
              "    os.setuid(65534)\n"
              f"sys.argv = ['filings', *{[str(arg) for arg in args]!r}]\n"
              "indexer.cli.main()\n")
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd="/")
