"""Bulk archives in the corpus: each member searched, parsed and served as a file would be, and an
unchanged archive never read again."""

import gzip
import io
import json
import os
import shutil
import signal
import tarfile
import zipfile
from pathlib import Path

import pytest

from indexer.parse import document_id
from search_web import create_app

from .conftest import SEEDS, build_index, filings, indexed, invoke, wait_for
from .test_reindex import _documents_committed

SEED_FILES = sorted(SEEDS.iterdir())
FEED = "feed/20021114.nc.tar.gz"


def nc(accession: str, company: str, words: str) -> bytes:
    """An .nc submission, as EDGAR's daily feed holds them: a 6-K and its press release."""
    documents = "".join(f"<DOCUMENT><TYPE>{kind}<SEQUENCE>{number}<FILENAME>d{number}.txt<TEXT>\n{company} {text}\n"
                        "</TEXT></DOCUMENT>\n"
                        for number, (kind, text) in enumerate([("6-K", f"reports {words}."),
                                                               ("EX-99.1", f"announces {words}.")], 1))
    return (f"<SUBMISSION>\n<ACCESSION-NUMBER>{accession}<TYPE>6-K<PUBLIC-DOCUMENT-COUNT>2<FILING-DATE>20021114"
            f"<FILER><COMPANY-DATA><CONFORMED-NAME>{company}<CIK>0001104223</COMPANY-DATA></FILER>\n"
            f"{documents}</SUBMISSION>\n").encode()


FILINGS = {f"0000950103-02-00999{number}.nc": nc(f"0000950103-02-00999{number}", "KOREA THRUNET CO LTD", words)
           for number, words in enumerate(["a reverse split", "a delisting notice", "new broadband subscribers"])}


def write_tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1037232000
            archive.addfile(info, io.BytesIO(data))
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_gz(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=1037232000) as stream:
        stream.write(data)
    return path


def reindex(runner, corpus: Path, index: Path, *extra):
    return invoke(runner, "reindex", "--corpus", corpus, "--index", index, "--jobs", "1", *extra)


def summary(result) -> str:
    return result.stderr.strip().splitlines()[-1].split(";")[0]


def search(runner, index: Path, query: str, *extra) -> dict:
    return json.loads(invoke(runner, "search", query, "--json", "--index", index, *extra).stdout)


def sources(index: Path) -> list[str]:
    return sorted(fields["source"] for fields in indexed(index).values())


@pytest.mark.parametrize("query, jobs", [("", "1"), ("thrunet", "1"), ("reverse split", "2"),
                                         ("nasdaq OR hanaro", "1")])
def test_a_tar_gz_of_the_seeds_searches_as_the_seeds_do(runner, tmp_path, query, jobs):
    write_tar(tmp_path / "archived" / "seeds.tar.gz", {seed.name: seed.read_bytes() for seed in SEED_FILES})
    reindex(runner, SEEDS, tmp_path / "plain-index")
    # Two jobs: the members go to worker processes, as the archive is read here.
    assert reindex(runner, tmp_path / "archived", tmp_path / "archive-index", "--jobs", jobs).exit_code == 0
    plain, archived = search(runner, tmp_path / "plain-index", query), search(runner, tmp_path / "archive-index", query)
    assert (archived["total"], archived["facets"]) == (plain["total"], plain["facets"])
    assert [hit["source"] for hit in archived["hits"]] == [f"seeds.tar.gz!{hit['source']}" for hit in plain["hits"]]
    assert [hit["id"] for hit in archived["hits"]] == [document_id(hit["source"]) for hit in archived["hits"]]


@pytest.mark.parametrize("write, name", [
    (lambda path: write_tar(path, FILINGS), FEED),
    (lambda path: write_tar(path, FILINGS, "w"), "feed/20021114.nc.tar"),
    (lambda path: write_zip(path, FILINGS), "feed/20021114.zip"),
])
def test_each_kind_of_archive_of_nc_files_is_indexed_member_by_member(runner, tmp_path, write, name):
    write(tmp_path / "corpus" / name)
    result = reindex(runner, tmp_path / "corpus", tmp_path / "index")
    assert (result.exit_code, summary(result)) == (0, "reindex (full): 1 files seen, 3 added, 0 updated, 0 deleted, "
                                                      "0 failed")
    assert sources(tmp_path / "index") == [f"{name}!{member}#{number}" for member in FILINGS for number in (1, 2)]
    [hit] = search(runner, tmp_path / "index", "delisting", "--exhibit-type", "EX-99.1")["hits"]
    assert (hit["source"], hit["accession"]) == (f"{name}!0000950103-02-009991.nc#2", "0000950103-02-009991")


def test_a_gz_holds_one_member_named_as_the_gz_without_gz(runner, tmp_path):
    write_gz(tmp_path / "corpus" / "0000950103-02-009990.nc.gz", FILINGS["0000950103-02-009990.nc"])
    assert reindex(runner, tmp_path / "corpus", tmp_path / "index").exit_code == 0
    assert sources(tmp_path / "index") == ["0000950103-02-009990.nc.gz!0000950103-02-009990.nc#1",
                                           "0000950103-02-009990.nc.gz!0000950103-02-009990.nc#2"]


def test_parse_lists_an_archives_members_as_reindex_indexes_them(runner, tmp_path):
    corpus = tmp_path / "corpus"
    write_tar(corpus / FEED, FILINGS)
    shutil.copy(SEED_FILES[0], corpus / SEED_FILES[0].name)
    reindex(runner, corpus, tmp_path / "index")
    of_folder = json.loads(invoke(runner, "parse", "--json", corpus).stdout)
    assert sorted(document["source"] for document in of_folder) == sources(tmp_path / "index")
    named = invoke(runner, "parse", "--json", corpus / FEED)
    assert [document["source"] for document in json.loads(named.stdout)] == [
        f"20021114.nc.tar.gz!{member}#{number}" for member in FILINGS for number in (1, 2)]
    assert named.stderr == "3 files parsed, 6 documents, 0 payloads skipped, 0 failed\n"


def test_an_unchanged_archive_is_not_read_again(runner, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    archive = write_tar(corpus / FEED, FILINGS)
    reindex(runner, corpus, index)
    before, info = indexed(index), archive.stat()
    # Same size and mtime, bytes no archive reader could read: a run that read it would say so.
    archive.write_bytes(bytes(info.st_size))
    os.utime(archive, ns=(info.st_atime_ns, info.st_mtime_ns))
    result = reindex(runner, corpus, index)
    assert (result.exit_code, summary(result)) == (0, "reindex: 1 files seen, 0 added, 0 updated, 0 deleted, 0 failed")
    assert indexed(index) == before


def test_a_changed_archive_reindexes_only_its_changed_members(runner, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_tar(corpus / FEED, FILINGS)
    write_zip(corpus / "kept.zip", {"0000950103-02-009990.nc": FILINGS["0000950103-02-009990.nc"]})
    reindex(runner, corpus, index)
    before = indexed(index)
    changed = dict(FILINGS)
    changed["0000950103-02-009991.nc"] = nc("0000950103-02-009991", "KOREA THRUNET CO LTD", "a corrected notice")
    del changed["0000950103-02-009992.nc"]
    changed["0000950103-02-009993.nc"] = nc("0000950103-02-009993", "KOREA THRUNET CO LTD", "a new filing")
    write_tar(corpus / FEED, changed)
    result = reindex(runner, corpus, index)
    assert (result.exit_code, summary(result)) == (0, "reindex: 2 files seen, 1 added, 1 updated, 1 deleted, 0 failed")
    after = indexed(index)
    unchanged_member = [id for id, fields in before.items() if "009990" in fields["file"]]
    assert {id: after[id] for id in unchanged_member} == {id: before[id] for id in unchanged_member}
    assert sources(index) == sorted(["kept.zip!0000950103-02-009990.nc#1", "kept.zip!0000950103-02-009990.nc#2",
                                     *(f"{FEED}!{member}#{number}" for member in changed for number in (1, 2))])
    assert search(runner, index, "corrected")["total"] == 2
    assert search(runner, index, "subscribers")["total"] == 0


def test_a_deleted_archive_loses_its_documents(runner, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_tar(corpus / FEED, FILINGS)
    shutil.copy(SEED_FILES[0], corpus / SEED_FILES[0].name)
    reindex(runner, corpus, index)
    (corpus / FEED).unlink()
    result = reindex(runner, corpus, index)
    assert (result.exit_code, summary(result)) == (0, "reindex: 1 files seen, 0 added, 0 updated, 3 deleted, 0 failed")
    assert sources(index) == [SEED_FILES[0].name]


def test_raw_serves_a_members_text(runner, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_tar(corpus / FEED, FILINGS)
    write_zip(corpus / "bundle!1.zip", {"a!b.nc": FILINGS["0000950103-02-009992.nc"]})
    build_index(corpus, index)
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    for source, data in [(f"{FEED}!0000950103-02-009991.nc#2", FILINGS["0000950103-02-009991.nc"]),
                         ("bundle!1.zip!a!b.nc#1", FILINGS["0000950103-02-009992.nc"])]:
        with client.get(f"/raw/{document_id(source)}") as response:
            assert (response.status_code, response.content_type, response.data) == (
                200, "text/plain; charset=utf-8", data)
    (corpus / FEED).unlink()
    assert client.get(f"/raw/{document_id(f'{FEED}!0000950103-02-009991.nc#2')}").status_code == 404


def test_a_reindex_killed_mid_archive_keeps_its_commits_and_the_next_run_converges(runner, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(SEED_FILES[0], corpus / SEED_FILES[0].name)
    reindex(runner, corpus, index)
    accessions = [f"0000950103-02-{number:06d}" for number in range(600)]
    write_tar(corpus / FEED, {f"{accession}.nc": nc(accession, "KOREA THRUNET CO LTD", f"filing {accession}")
                              for accession in accessions})
    process = filings("reindex", "--jobs", "1", "--corpus", corpus, "--index", index,
                      env={"FILINGS_COMMIT_EVERY": "40"})

    def committed_some() -> bool:
        assert process.poll() is None, "the reindex finished before it could be killed"
        return _documents_committed(index) >= 1 + 2 * 40

    wait_for(committed_some, what="a commit of the reindex mid-archive")
    process.send_signal(signal.SIGKILL)
    process.communicate()
    survivors = len(indexed(index))
    assert 81 <= survivors < 1201
    assert search(runner, index, "")["total"] == survivors
    result = reindex(runner, corpus, index)
    assert result.exit_code == 0 and summary(result).startswith("reindex: 2 files seen, ")
    assert reindex(runner, corpus, tmp_path / "clean", "--full").exit_code == 0
    assert indexed(index) == indexed(tmp_path / "clean")
