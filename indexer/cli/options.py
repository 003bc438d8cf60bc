"""Options several commands share, each declared from its setting (default, environment variable, help)."""

import os
from pathlib import Path

import click

from ..locations import is_cluster
from ..errors import quoted
from ..settings import CORPUS, INDEX, Setting


class _Folder(click.Path):
    """A folder path the system can look up (it need not exist yet): one too long, one that runs
    through a file or holds a NUL, is refused here, by name, rather than wherever it is first used."""

    def __init__(self):
        super().__init__(file_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        try:
            os.stat(value)  # before click's own look-up, which lets a NUL's ValueError through
        except FileNotFoundError:
            pass
        except OSError as error:
            self.fail(f"{quoted(str(value))}: {error.strerror or error}", param, ctx)
        except ValueError:
            self.fail(f"{quoted(str(value))}: a path cannot hold a NUL character", param, ctx)
        return super().convert(value, param, ctx)


class _Location(_Folder):
    """An index's location: a folder as _Folder takes it, or a cluster's address, kept as written."""

    name = "folder|sphinx://HOST:PORT/TABLE"

    def convert(self, value, param, ctx):
        return value if is_cluster(value) else super().convert(value, param, ctx)


def _path_option(setting: Setting, kind: click.ParamType | None = None):
    return click.option(
        f"--{setting.name}", envvar=setting.envvar, default=setting.default, show_default=True,
        show_envvar=True, type=kind or _Folder(), help=setting.help,
    )


def count_option(setting: Setting):
    """An option for a whole number above 0 (and at most the setting's maximum) from its setting:
    click names the option or the variable when a value is not one."""
    maximum = None if setting.maximum is None else int(setting.maximum)
    return click.option(
        f"--{setting.name.replace('_', '-')}", envvar=setting.envvar, default=setting.kind(setting.default),
        show_default=True, show_envvar=True, type=click.IntRange(min=1, max=maximum), help=setting.help,
    )


corpus_option = _path_option(CORPUS)
index_option = _path_option(INDEX, _Location())
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
