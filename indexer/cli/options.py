"""Options several commands share, each declared from its setting (default, environment variable, help)."""

from pathlib import Path

import click

from ..settings import CORPUS, INDEX, Setting


def _path_option(setting: Setting):
    return click.option(
        f"--{setting.name}", envvar=setting.envvar, default=setting.default, show_default=True,
        show_envvar=True, type=click.Path(file_okay=False, path_type=Path), help=setting.help,
    )


corpus_option = _path_option(CORPUS)
index_option = _path_option(INDEX)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
