"""Every command explains itself: its docstring is its --help."""

import pytest

from indexer.cli import cli

from .conftest import invoke


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help(runner, name):
    command = cli.commands[name]
    assert command.help and len(command.help.split()) >= 5
    result = invoke(runner, name, "--help")
    first_line = " ".join(command.help.split("\n")[0].split())
    assert result.exit_code == 0 and first_line in " ".join(result.stdout.split())
    for option in command.params:
        assert option.help or option.param_type_name == "argument", f"{name} {option.name} has no help"
