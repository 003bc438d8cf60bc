"""Which files a corpus folder holds: the one walk `filings parse` and `filings reindex` share, so that
a folder parses to the documents a reindex of it indexes.

Hidden files and folders are left out. A folder reached twice through symlinks is read once, and a
symlink leading out of the corpus is not followed but reported: the index, and the raw files the web
serves, hold only what is inside it.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Corpus:
    """What a walk of the corpus found: each file's "size:mtime", and what could not be walked."""

    files: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)  # folders whose files are unknown this time

    def hides(self, path: str) -> bool:
        """Whether a file not seen may just be inside a folder that could not be read."""
        return any(path.startswith(folder + "/") for folder in self.unreadable)


def walk(root: Path, skip: Path | None = None) -> Corpus:
    """Every non-hidden file below `root`, by corpus-relative path in sorted order, but none in `skip`
    (the index, should it live there)."""
    found = Corpus()
    real_root, skip = os.path.realpath(root), skip.resolve() if skip else None
    folders, seen = [root], set()
    while folders:
        folder = folders.pop()
        relative_folder = folder.relative_to(root).as_posix()
        try:
            identity = (folder.stat().st_dev, folder.stat().st_ino)
            if identity in seen or folder.resolve() == skip:
                continue
            seen.add(identity)
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue  # removed while we walked
        except OSError as error:
            found.problems[relative_folder] = f"folder cannot be read ({error.strerror or error})"
            found.unreadable.append(relative_folder)
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = Path(entry.path).relative_to(root).as_posix()
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.commonpath([real_root, target]) != real_root:
                    found.problems[relative] = f"symlink to {target}, outside the corpus: not followed"
                    continue
            try:
                is_folder = entry.is_dir(follow_symlinks=True)
            except OSError as error:  # a loop of symlinks between files
                found.problems[relative] = error.strerror or str(error)
                continue
            if is_folder:
                folders.append(Path(entry.path))
                continue
            try:
                info = entry.stat(follow_symlinks=True)
                found.files[relative] = f"{info.st_size}:{info.st_mtime_ns}"
            except OSError:
                found.files[relative] = "missing"
    found.files = dict(sorted(found.files.items()))
    return found
