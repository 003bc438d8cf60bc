"""Every command explains itself: its docstring is its --help."""

import pytest

from indexer.cli import cli

from .conftest import invoke


@pytest.mark.parametrize("name", cli.list_commands(None))
def test_every_command_has_help(runner, name):
    command = cli.get_command(None, name)
    assert command.help and len(command.help.split()) >= 5
    result = invoke(runner, name, "--help")
    first_line = " ".join(command.help.split("\n")[0].split())
    assert result.exit_code == 0 and first_line in " ".join(result.stdout.split())
    for option in command.params:
        assert option.help or option.param_type_name == "argument", f"{name} {option.name} has no help"


def test_help_lists_every_command(runner):
    listed = invoke(runner, "--help").stdout
    assert all(f"  {name} " in listed for name in ("parse", "reindex", "search", "serve", "show", "stats"))
