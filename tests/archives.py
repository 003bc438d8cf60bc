"""Archives built for the archive tests: EDGAR feed-like .nc submissions, tar/zip/gz writers, and
the commands and look-ups those tests share."""

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

from .conftest import SEEDS, indexed, invoke

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
