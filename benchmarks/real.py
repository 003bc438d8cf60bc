"""The real filings the query mix also runs over: the seeds and ../shared/corpus/edgar, whose
10-Ks and 20-Fs carry megabytes of text where the generated documents carry kilobytes.

The product walks no symlink out of its corpus, so the filings are copied into a scratch folder.
"""

import shutil
from pathlib import Path

from .generate import Written
from .vocabulary import EDGAR, FILING_SUFFIXES, SEEDS


def copy_real(folder: Path) -> Written | None:
    """Copy the seeds and the EDGAR fixtures' filings into `folder`; None when the fixtures are absent."""
    if not EDGAR.is_dir():
        return None
    written = Written()
    for source, into in ((SEEDS, folder / "seeds"), (EDGAR, folder / "edgar")):
        into.mkdir(parents=True)
        for path in sorted(source.iterdir()):
            if path.is_file() and path.suffix in FILING_SUFFIXES:
                shutil.copyfile(path, into / path.name)
                written.add(path.stat().st_size)
    return written
