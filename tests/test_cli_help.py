"""Every command explains itself: its docstring is its --help, ending with examples that run."""

import shlex

import pytest

from indexer.cli import cli

from .conftest import ROOT, SEEDS, invoke

NAMES = cli.list_commands(None)
# The commands whose examples run here, against the seed index: the others write an index or serve.
RUNNABLE = {"facets", "parse", "search", "show", "stats"}


@pytest.mark.parametrize("name", NAMES)
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
    assert all(f"  {name} " in listed for name in ("facets", "parse", "reindex", "search", "serve", "show", "stats"))


def _command(name: str):
    return cli.get_command(None, name) if name else cli


def _examples(help_text: str) -> list[str]:
    """The lines of the paragraph after "Examples:", as written (click's \\b marker left out)."""
    lines = help_text.splitlines()
    heading = next((number for number, line in enumerate(lines) if line.strip() == "Examples:"), None)
    if heading is None:
        return []
    start = heading + 1
    while lines[start].strip() in ("", "\b"):
        start += 1
    paragraph = []
    for line in lines[start:]:
        if not line.strip():
            break
        paragraph.append(line.strip())
    return paragraph


@pytest.mark.parametrize("name", ["", *NAMES])
def test_every_help_ends_with_examples_kept_verbatim(runner, name):
    written = _examples(_command(name).help)
    assert len(written) >= 2
    assert all(line.startswith(" ".join(["filings", name]).rstrip() + " ") for line in written), written
    assert _command(name).help.rstrip().endswith(written[-1])  # the last paragraph of the text
    printed = invoke(runner, *([name] if name else []), "--help").stdout
    assert _examples(printed) == written  # not rewrapped, however long a line


def _runnable_examples() -> list[str]:
    examples = (line for name in ["", *NAMES] for line in _examples(_command(name).help))
    return [line for line in examples if shlex.split(line)[1] in RUNNABLE]


def _against(args: list[str], index) -> list[str]:
    """The example's arguments with the seed index and corpus in place of the folders it names."""
    folders = {"--index": str(index), "--corpus": str(SEEDS)}
    return [folders.get(args[number - 1], arg) if number else arg for number, arg in enumerate(args)]


@pytest.mark.parametrize("example", _runnable_examples())
def test_every_example_runs(runner, seed_index, monkeypatch, example):
    monkeypatch.chdir(ROOT)  # where the examples' relative paths (corpus/...) are
    args = _against(shlex.split(example)[1:], seed_index)
    env = {"FILINGS_INDEX": str(seed_index), "FILINGS_CORPUS": str(SEEDS)}
    result = runner.invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
