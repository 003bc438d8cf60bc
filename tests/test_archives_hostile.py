"""Archives that are damaged or built to hurt: each reported in one line naming the archive or the
member, the reindex going on with the rest, and nothing already indexed lost."""

import gzip
import io
import os
import shutil
import tarfile
from pathlib import Path

from indexer.parse.archives import NESTED
from indexer.parse.limits import MAX_ARCHIVE_GIB, MAX_RATIO

from .conftest import SEEDS, indexed, invoke
from .test_archives import FEED, FILINGS, reindex, sources, summary, write_tar, write_zip

SEED = sorted(SEEDS.iterdir())[0]
ZEROS = bytes(20 * 1024 * 1024)  # a thousandth of it compressed
BOMB = f"expands to more than {MAX_RATIO} times its size (a decompression bomb?): read no further"


def corpus_with(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    return corpus


def errors(result) -> list[str]:
    return result.stderr.strip().splitlines()[:-1]


def test_a_corrupt_archive_is_reported_and_the_rest_indexed(runner, tmp_path):
    corpus = corpus_with(tmp_path)
    (corpus / "bundle.zip").write_bytes(b"not a zip at all" * 10)
    (corpus / "bundle.tgz").write_bytes(b"not a gzip at all" * 10)
    result = reindex(runner, corpus, tmp_path / "index")
    assert (result.exit_code, errors(result)) == (1, [
        f"error: {corpus}/bundle.tgz: corrupt or truncated archive (Not a gzipped file (b'no'))",
        f"error: {corpus}/bundle.zip: corrupt or truncated archive (File is not a zip file)"])
    assert summary(result) == "reindex (full): 3 files seen, 1 added, 0 updated, 0 deleted, 2 failed"


def test_a_truncated_archive_keeps_what_it_held_and_is_not_read_again_until_it_changes(runner, tmp_path):
    corpus, index = corpus_with(tmp_path), tmp_path / "index"
    archive = write_tar(corpus / FEED, FILINGS)
    reindex(runner, corpus, index)
    archive.write_bytes(archive.read_bytes()[:-200])
    for run in range(2):
        result = reindex(runner, corpus, index)
        assert (result.exit_code, errors(result)) == (1, [
            f"error: {corpus}/{FEED}: corrupt or truncated archive (Compressed file ended before the "
            "end-of-stream marker was reached)"])
        # Same size and mtime, no gzip at all: the second run says what the first found, unread.
        info = archive.stat()
        archive.write_bytes(bytes(info.st_size))
        os.utime(archive, ns=(info.st_atime_ns, info.st_mtime_ns))
    write_tar(corpus / FEED, FILINGS)  # repaired: a size of its own again
    assert reindex(runner, corpus, index).exit_code == 0
    assert sources(index) == sorted([SEED.name, *(f"{FEED}!{member}#{number}" for member in FILINGS
                                                  for number in (1, 2))])


def test_members_named_out_of_the_archive_are_not_read(runner, tmp_path):
    corpus = corpus_with(tmp_path)
    write_zip(corpus / "climb.zip", {"../0000950103-02-009990.nc": FILINGS["0000950103-02-009990.nc"],
                                     "/etc/0000950103-02-009991.nc": FILINGS["0000950103-02-009991.nc"],
                                     "ok/../../0000950103-02-009992.nc": FILINGS["0000950103-02-009992.nc"]})
    result = reindex(runner, corpus, tmp_path / "index")
    assert (result.exit_code, errors(result)) == (1, [
        f"error: {corpus}/climb.zip!../0000950103-02-009990.nc: member name leads out of the archive: not read",
        f"error: {corpus}/climb.zip!/etc/0000950103-02-009991.nc: member name leads out of the archive: not read",
        f"error: {corpus}/climb.zip!ok/../../0000950103-02-009992.nc: member name leads out of the archive: not read"])
    assert sources(tmp_path / "index") == [SEED.name]


def test_a_zip_bomb_is_read_no_further_than_its_bounds(runner, tmp_path):
    corpus = corpus_with(tmp_path)
    write_zip(corpus / "bomb.zip", {"0000950103-02-009990.nc": FILINGS["0000950103-02-009990.nc"],
                                    "zeros-1.nc": ZEROS, "zeros-2.nc": ZEROS,
                                    "after.nc": FILINGS["0000950103-02-009991.nc"]})
    result = reindex(runner, corpus, tmp_path / "index")
    assert (result.exit_code, errors(result)) == (1, [f"error: {corpus}/bomb.zip: {BOMB}",
                                                      f"error: {corpus}/bomb.zip!zeros-1.nc: binary file, not text"])
    assert sources(tmp_path / "index") == [SEED.name, "bomb.zip!0000950103-02-009990.nc#1",
                                           "bomb.zip!0000950103-02-009990.nc#2"]


def test_a_tar_bomb_is_refused_by_its_headers_before_it_is_decompressed(runner, tmp_path):
    corpus = corpus_with(tmp_path)
    write_tar(corpus / "bomb.tar.gz", {"zeros-1.nc": ZEROS, "zeros-2.nc": ZEROS})
    # A header alone that declares more than any archive may expand to, its data never written.
    huge = tarfile.TarInfo("huge.nc")
    huge.size = (MAX_ARCHIVE_GIB + 1) * 2**30
    (corpus / "huge.tar.gz").write_bytes(gzip.compress(huge.tobuf(tarfile.PAX_FORMAT)))
    result = reindex(runner, corpus, tmp_path / "index")
    assert (result.exit_code, errors(result)) == (1, [
        f"error: {corpus}/bomb.tar.gz: {BOMB}",
        f"error: {corpus}/bomb.tar.gz!zeros-1.nc: binary file, not text",
        f"error: {corpus}/huge.tar.gz: expands to more than {MAX_ARCHIVE_GIB} GiB: read no further"])


def test_a_member_larger_than_a_file_may_be_is_not_read(runner, tmp_path):
    corpus = corpus_with(tmp_path)
    write_zip(corpus / "large.zip", {"large.nc": bytes(33 * 1024 * 1024), **FILINGS})
    result = reindex(runner, corpus, tmp_path / "index")
    assert (result.exit_code, errors(result)) == (1, [f"error: {corpus}/large.zip!large.nc: larger than 32 MB"])
    assert summary(result) == "reindex (full): 2 files seen, 4 added, 0 updated, 0 deleted, 1 failed"


def test_nested_archives_binary_members_and_repeated_names_are_reported_not_read(runner, tmp_path):
    corpus = corpus_with(tmp_path)
    inner = write_tar(tmp_path / "inner.tar.gz", FILINGS).read_bytes()
    (corpus / "feed").mkdir()
    with tarfile.open(corpus / FEED, "w:gz") as archive:
        for name, data in [("inner.tar.gz", inner), ("0000950103-02-009990.nc", FILINGS["0000950103-02-009990.nc"]),
                           ("logo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200)),
                           ("0000950103-02-009990.nc", FILINGS["0000950103-02-009991.nc"])]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    result = reindex(runner, corpus, tmp_path / "index")
    assert (result.exit_code, errors(result)) == (1, [
        f"error: {corpus}/{FEED}!0000950103-02-009990.nc: a member of this name comes earlier in the archive: "
        "not read",
        f"error: {corpus}/{FEED}!inner.tar.gz: {NESTED}",
        f"error: {corpus}/{FEED}!logo.jpg: binary file, not text"])
    assert {fields.get("accession") for fields in indexed(tmp_path / "index").values()} == {None, "0000950103-02-009990"}


def test_links_and_devices_in_a_tar_are_reported_not_read(runner, tmp_path):
    corpus = corpus_with(tmp_path)
    with tarfile.open(corpus / "links.tar", "w") as archive:
        for name, kind in [("symlink.nc", tarfile.SYMTYPE), ("hardlink.nc", tarfile.LNKTYPE),
                           ("device.nc", tarfile.CHRTYPE), ("fifo.nc", tarfile.FIFOTYPE)]:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "/etc/passwd"
            archive.addfile(info)
    result = invoke(runner, "parse", corpus / "links.tar")
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        f"error: {corpus}/links.tar!symlink.nc: not a regular file (symlink in the archive): not read",
        f"error: {corpus}/links.tar!hardlink.nc: not a regular file (hard link in the archive): not read",
        f"error: {corpus}/links.tar!device.nc: not a regular file (device or fifo in the archive): not read",
        f"error: {corpus}/links.tar!fifo.nc: not a regular file (device or fifo in the archive): not read",
        "0 files parsed, 0 documents, 0 payloads skipped, 4 failed"])
