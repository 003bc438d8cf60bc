"""Shared fixtures: a CLI runner, the shipped seeds, the shared EDGAR corpus, small corpora in tmp_path,
the web app over a small index, and the served app."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from hypothesis import settings

from indexer.cli import cli
from indexer.engines import open_index
from indexer.models import Hit, SearchRequest, SearchResult
from indexer.settings import COMMIT_EVERY, SEARCH_BUDGET, SearchSettings
from search_web import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
EDGAR = ROOT.parent / "shared" / "corpus" / "edgar"

# Property tests draw fresh examples on a developer's machine, where a new failure is the point. Under CI
# (the CI variable, which .ci/run sets) they draw the same examples every run, so that a red build is the
# change's doing and repeats; `make fuzz` runs the long random campaign.
if os.environ.get("CI"):
    settings.register_profile("repeatable", derandomize=True, print_blob=True)
    settings.load_profile("repeatable")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def edgar() -> Path:
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    return EDGAR


def invoke(runner: CliRunner, *args: str | Path):
    return runner.invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


def parse_json(runner: CliRunner, *paths: str | Path) -> list[dict]:
    """The documents `filings parse --json` prints for `paths` (the command must succeed)."""
    result = invoke(runner, "parse", "--json", *paths)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def parse_one(runner: CliRunner, tmp_path: Path):
    """Write `content` to a file in tmp_path and return the documents parsed from it."""

    def parse(content: str | bytes, name: str = "filing.txt") -> list[dict]:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return parse_json(runner, path)

    return parse


def shown_once(parsed: list[dict]) -> list[dict]:
    """Parsed documents (`filings parse --json`) as searches show them: of a document stored twice (a
    filing as .nc and .txt, a file in two folders), the one copy searches show (engines/copies.py)."""
    from indexer.engines.copies import copy_key, shown_first
    from indexer.models import FilingDocument

    copies: dict[int, list[FilingDocument]] = {}
    for each in parsed:
        document = FilingDocument(**each)
        copies.setdefault(copy_key(document), []).append(document)
    shown = {shown_first(group)[0].id for group in copies.values()}
    return [each for each in parsed if each["id"] in shown]


def build_index(corpus: Path, index: Path, commit_every: int | None = None) -> Path:
    """A real index of `corpus`, built by the reindex job (one process: quick for small corpora). A
    small `commit_every` makes an incremental run leave a segment every so many files."""
    from indexer.index.reindex import reindex

    reindex(corpus, index, commit_every=commit_every or COMMIT_EVERY.resolve(), jobs=1)
    return index



# A module fixture's params: its corpus in a Whoosh folder, or in the session's cluster (engine_index).
FOLDER_OR_CLUSTER = ["folder", pytest.param("cluster", marks=pytest.mark.cluster)]


def engine_index(request, corpus: Path, tmp_path_factory) -> str:
    """`corpus` indexed as the fixture's param asks: a folder's path, or the session's cluster
    emptied and filled with it (its address)."""
    from indexer.index.reindex import reindex

    if request.param == "folder":
        return str(build_index(corpus, tmp_path_factory.mktemp("index") / "index"))
    running = request.getfixturevalue("sphinx_cluster")
    running.clear()
    reindex(corpus, running.address, commit_every=COMMIT_EVERY.resolve(), jobs=1)
    return running.address


def seeds_with_a_replaced_document(tmp_path: Path, added: str = "Amended.") -> tuple[Path, Path]:
    """The seeds indexed, then their first cover rewritten with `added` at its end and indexed
    again: two segments, one holding the replaced document as deleted."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = build_index(corpus, tmp_path / "index")
    cover = corpus / "000_e15dcc41c4970baf.txt"
    cover.write_text(cover.read_text() + f"\n{added}\n")
    build_index(corpus, index)
    return corpus, index

@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of the five shipped seeds."""
    return build_index(SEEDS, tmp_path_factory.mktemp("seed-index") / "index")


@pytest.fixture(scope="session")
def edgar_index(tmp_path_factory) -> Path:
    if not EDGAR.is_dir():
        pytest.skip(f"the shared EDGAR corpus is not at {EDGAR} (it lives beside the repo in ../shared)")
    return build_index(EDGAR, tmp_path_factory.mktemp("edgar-index") / "index")


# The web tests' corpus: the seeds, plus one complete submission with an accession and CIK, two
# documents, and markup in its text and title (tests/data/acme).
WEB_DATA = ROOT / "tests" / "data"


def web_corpus(folder: Path) -> Path:
    """The web tests' corpus, copied into `folder`."""
    shutil.copytree(SEEDS, folder)
    shutil.copytree(WEB_DATA, folder, dirs_exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def web_index(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus, index) of the web tests' corpus, shared by every test that only reads it."""
    root = tmp_path_factory.mktemp("web")
    return web_corpus(root / "corpus"), build_index(root / "corpus", root / "index")


@pytest.fixture
def app(web_index):
    corpus, index = web_index
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index})


@pytest.fixture
def client(app):
    return app.test_client()


def page_of(response, status: int = 200) -> lxml.html.HtmlElement:
    """A test-client response's HTML as a tree for XPath, once its status is checked."""
    assert response.status_code == status, response.get_data(as_text=True)
    return lxml.html.document_fromstring(response.get_data(as_text=True))


def texts(tree, xpath: str) -> list[str]:
    """The text of each element `xpath` finds, whitespace collapsed."""
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]


def links(tree, xpath: str) -> list[tuple[str, str]]:
    """(text, href) of each link `xpath` finds."""
    return [(" ".join(link.text_content().split()), link.get("href")) for link in tree.xpath(xpath)]


def _answers(base: str) -> bool:
    """Whether the server at `base` answers now (a 503 for no index is an answer)."""
    try:
        urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
    except urllib.error.HTTPError as answer:
        answer.close()
    except OSError:
        return False
    return True


@contextmanager
def serving(index: Path, corpus: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`filings serve OPTIONS` in a process of its own on a free port: yields its base URL and the
    process, stops it after (if the test has not)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "indexer", "serve", "--port", str(port), "--index", str(index),
                                "--corpus", str(corpus), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: process.poll() is not None or _answers(base), what=f"`filings serve` answering at {base}")
        if process.returncode is not None:
            pytest.fail(f"`filings serve` exited before it answered: {process.communicate()[1]}")
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
        if not process.stderr.closed:
            process.communicate(timeout=DEADLINE_SECONDS)


@contextmanager
def served(index: Path, corpus: Path, *options: str) -> Iterator[str]:
    """The base URL of `filings serve OPTIONS`, running in a process of its own (serving())."""
    with serving(index, corpus, *options) as (base, _):
        yield base


@pytest.fixture
def public_dir():
    """A scratch folder every user can enter (pytest's own are private to their owner), for tests
    that run a command as a user who cannot read everything."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="filings-test-"))
    folder.chmod(0o777)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o777)
    shutil.rmtree(folder)


def unprivileged_script(*args) -> str:
    """A script running `filings ARGS` as a user that permissions apply to: root reads every file
    whatever its mode, so as root it drops to `nobody` once the interpreter has loaded the code.
    The interpreter's own library, and the checkout itself (a clone inside a private temporary
    folder), may be out of nobody's reach, so every module the command could load lazily is loaded
    before the switch."""
    return ("import os, sys\n"
            "import importlib, pkgutil, indexer, indexer.cli, whoosh\n"
            "import encodings.cp1252, encodings.latin_1, encodings.utf_16, encodings.utf_32\n"
            "for module in pkgutil.walk_packages(indexer.__path__, 'indexer.'):\n"
            "    if module.name != 'indexer.__main__':  # that one runs the command\n"
            "        importlib.import_module(module.name)\n"
            # Whoosh loads parts of itself when first used (its writer, its codecs).
            "import warnings\n"
            "with warnings.catch_warnings():  # an old Whoosh's compile-time warnings are not the command's\n"
            "    warnings.simplefilter('ignore')\n"
            "    for module in pkgutil.walk_packages(whoosh.__path__, 'whoosh.'):\n"
            "        try:\n"
            "            importlib.import_module(module.name)\n"
            "        except ImportError:  # leftovers of older versions and optional parts no command uses\n"
            "            pass\n"
            "if os.geteuid() == 0:\n"
            "    os.setgid(65534)\n"
            "    os.setuid(65534)\n"
            f"sys.argv = ['filings', *{[str(arg) for arg in args]!r}]\n"
            "indexer.cli.main()\n")


def filings_unprivileged(*args) -> subprocess.CompletedProcess:
    """`filings ARGS` run by unprivileged_script, to its end."""
    return subprocess.run([sys.executable, "-c", unprivileged_script(*args)], capture_output=True, text=True, cwd="/")


# Waiting on other processes without timing them: poll for what must happen, up to a deadline
# only a hang reaches (60 s, on a 2-core machine with both cores busy), and fail there.
DEADLINE_SECONDS = 60

# A test that is not about the search budget must not depend on the machine's speed: every search
# the tests run, in this process and in the commands and apps they start, gets a budget only a hang
# runs out of (the product's default is 3 s). The budget's own tests set theirs.
os.environ[SEARCH_BUDGET.envvar] = str(DEADLINE_SECONDS)
# A suite started in the background of a script inherits Ctrl-C ignored, and so would every command
# it starts (Python installs no KeyboardInterrupt for an ignored SIGINT). The Ctrl-C tests play a
# terminal, which leaves it as it is by default: so does this process, for the commands it starts.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def search(index_root: Path, request: SearchRequest, budget: float = DEADLINE_SECONDS) -> SearchResult:
    """`request` answered by the index at `index_root` through the library's interface, within `budget`."""
    with open_index(index_root, SearchSettings(budget=budget)) as opened:
        return opened.search(request)


def export(index_root: Path, request: SearchRequest, budget: float = DEADLINE_SECONDS) -> list[Hit]:
    """Every hit of `request` in its order, as `filings search --csv --all` writes them."""
    with open_index(index_root, SearchSettings(budget=budget)) as opened:
        return list(opened.export(request))


def waited_for(condition, deadline: float = DEADLINE_SECONDS):
    """`condition()`'s first true value, asked again and again, or its last false one once
    `deadline` seconds have passed: the one place the tests pause between two looks."""
    give_up = time.monotonic() + deadline
    while not (value := condition()) and time.monotonic() < give_up:
        time.sleep(0.02)
    return value


def wait_for(condition, deadline: float = DEADLINE_SECONDS, what: str = "the condition"):
    """`condition()`'s first true value; the test fails, naming `what`, if none comes within
    `deadline` seconds."""
    if not (value := waited_for(condition, deadline)):
        pytest.fail(f"{what} did not happen within {deadline:g} s")
    return value


def filings(*args, env: dict | None = None) -> subprocess.Popen:
    """`filings ARGS` in a process of its own; read it with `.communicate()`, which also closes its pipes."""
    return subprocess.Popen([sys.executable, "-m", "indexer", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def indexed(index_dir, when: bool = False) -> dict[str, dict]:
    """id -> stored fields of every document in the current index, but when it was indexed unless
    `when`: two indexes built at different times from the same files compare equal
    (tests/test_indexed.py checks `indexed` itself)."""
    from indexer.engines.whoosh.store import Store

    with Store(index_dir).open().searcher() as searcher:
        return {fields["id"]: {name: value for name, value in fields.items() if when or name != "indexed"}
                for fields in searcher.all_stored_fields()}


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(path for path in corpus.rglob("*") if path.is_file())


def documents_committed(index_root: Path) -> int:
    """What the index's last commit holds, asked while a reindex may be writing (0 until it can say)."""
    from indexer.engines.whoosh.store import Store

    try:
        return Store(index_root).open().doc_count()
    except Exception:  # noqa: BLE001 - the writer may be swapping files under us; ask again
        return 0


# A 6-K cover report, each part replaceable, for the parser's tests of one field's layouts.
SIGNED = ("SIGNATURES\n\nPursuant to the requirements of the Securities Exchange Act of 1934, the registrant has "
          "duly caused this report to be signed on its behalf by the undersigned, thereunto duly authorized.\n\n")


def cover(month_line: str = "For the month of May 2004", name_block: str = "ACME HOLDINGS CO., LTD.\n(Name of Registrant)",
          signature: str = "ACME HOLDINGS CO., LTD.\n\nBy: /s/ Jane Q. Public\nName: Jane Q. Public\nTitle: Director",
          form: str = "FORM 6-K") -> str:
    return (f"{form}\n\nSECURITIES AND EXCHANGE COMMISSION\nWashington, D.C. 20549\n\n{month_line}\n\n"
            f"{name_block}\n\n123 Main Street, Seoul\n(Address of principal executive offices)\n\n"
            f"<PAGE>\n\n{SIGNED}{signature}\n")


def submission(accession: str, filed: str | None, company: str = "ACME WIDGETS CO LTD", cik: str = "0001234567",
               form: str = "10-K", text: str = "Annual report of the company.\n") -> str:
    """A complete EDGAR submission of one document: its header (accession, form type, filing date
    as YYYY-MM-DD, or none, and the filer) and the document's text."""
    stamp = filed.replace("-", "") if filed else None
    dated = f"FILED AS OF DATE:\t\t{stamp}\n" if stamp else ""
    return (f"<SEC-DOCUMENT>{accession}.txt : {stamp or ''}\n<SEC-HEADER>{accession}.hdr.sgml\n"
            f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t{form}\nPUBLIC DOCUMENT COUNT:\t\t1\n"
            f"{dated}\nFILER:\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\t{company}\n"
            f"\t\tCENTRAL INDEX KEY:\t\t\t{cik}\n\n\tFILING VALUES:\n\t\tFORM TYPE:\t\t{form}\n</SEC-HEADER>\n"
            f"<DOCUMENT>\n<TYPE>{form}\n<SEQUENCE>1\n<FILENAME>{accession}.txt\n<TEXT>\n{text}</TEXT>\n"
            "</DOCUMENT>\n</SEC-DOCUMENT>\n")


# The 2-node cluster the cluster tests share (`cluster` marker): real searchd processes on free
# loopback ports, started once a session and stopped at its end.
SEARCHD = shutil.which(os.environ.get("FILINGS_SEARCHD", "searchd"))


def free_ports(count: int) -> int:
    """The first of `count` consecutive loopback ports no one listens on now."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count >= 65535:
            continue
        taken = False
        for port in range(first, first + count):
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    taken = True
                    break
        if not taken:
            return first
    raise RuntimeError("no run of free loopback ports")


@dataclass
class RunningCluster:
    """A cluster folder and its address; `clear()` empties its tables for the next test."""

    root: Path
    address: str

    def clear(self) -> None:
        from indexer.engines.sphinx.cluster import Cluster
        from indexer.engines.sphinx.connection import Client

        cluster = Cluster.read(self.root)
        for node in cluster.nodes:
            client = Client(node.host, node.sphinxql)
            tables = [f"{cluster.table}_docs", f"{cluster.table}_text"] + ([f"{cluster.table}_meta"] if node.number == 1 else [])
            client.execute([f"TRUNCATE RTINDEX {table}" for table in tables])
            client.close()

@pytest.fixture(scope="session")
def sphinx_cluster(tmp_path_factory) -> Iterator[RunningCluster]:
    """A running 2-node cluster for the session (skipped, saying why, where searchd is missing)."""
    if SEARCHD is None:
        pytest.skip("searchd is not installed (apt-get install sphinxsearch): the cluster tests need a real cluster")
    from indexer.engines.sphinx import cluster

    root = tmp_path_factory.mktemp("cluster")
    made = cluster.init(root, 2, free_ports(4))
    cluster.start(root)
    try:
        yield RunningCluster(root, str(made.address))
    finally:
        cluster.stop(root)


@pytest.fixture
def empty_cluster(sphinx_cluster) -> RunningCluster:
    """The session's cluster, emptied for this test."""
    sphinx_cluster.clear()
    return sphinx_cluster
