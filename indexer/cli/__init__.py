"""The `filings` command: thin click commands over the library, one module per command."""

import importlib
import sys

import click

from ..errors import INTERRUPTED, USAGE_ERROR, FilingsError, InterruptedByUserError
from .output import fail_line
from .stdout import ReaderGoneError, take_over_stdout

# Each command's module is imported when that command runs (or help lists it): `filings search`
# from a shell does not wait for the parser, the worker pool or the web server to load.
_COMMANDS = {"cluster": "cluster", "facets": "facets", "parse": "parse", "reindex": "reindex", "search": "search", "serve": "serve", "show": "search",
             "similar": "similar", "stats": "stats", "watch": "watch"}


class _Filings(click.Group):
    """Every usage error becomes one line on stderr and exit code 2, never click's usage block."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in _COMMANDS:
            return None
        return getattr(importlib.import_module(f"{__name__}.{_COMMANDS[name]}"), name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Ctrl-C in a command that reads: one line saying so (a reindex and an export say more).
            raise InterruptedByUserError(f"{ctx.invoked_subcommand or 'filings'}: interrupted; nothing was "
                                         "changed") from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        take_over_stdout()
        try:
            try:
                return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            finally:
                sys.stdout.flush()  # here, where a failed write is reported, rather than at exit
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            name = getattr(error, "option_name", "") or ""
            if name.startswith("-") and not name.startswith("--"):
                hint = " (to exclude a word with a leading -, end the options first: filings search -- -word)"
            fail_line(f"{error.format_message().rstrip('.')}{hint}")
            sys.exit(USAGE_ERROR)
        except InterruptedByUserError as error:
            # What a stopped command left, not a mistake: a status line, as a reindex's summary is.
            click.echo(str(error), err=True)
            sys.exit(error.exit_code)
        except FilingsError as error:
            fail_line(str(error))
            sys.exit(error.exit_code)
        except click.ClickException as error:
            fail_line(error.format_message())
            sys.exit(error.exit_code)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.Abort:
            sys.exit(INTERRUPTED)
        except ReaderGoneError:
            # Output piped into `head` and the like: the reader has what it wanted, so this is
            # success, and a pipeline under `set -o pipefail` goes on.
            sys.exit(0)


@click.group(cls=_Filings, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="filings-search")
def cli() -> None:
    """Full-text, faceted search over a folder of SEC EDGAR filings.

    Output that cannot be written (a full disk, a closed stdout) is one line on stderr and exit code
    74. A reader that stops early (`filings search the | head -1`) ends a command with 0: it has what
    it asked for.

    Examples:

    \b
        filings reindex --corpus /data/edgar --index /data/edgar-index
        filings search delisting --from 2002-11 --to 2003-01
        filings serve --index /data/edgar-index --corpus /data/edgar
    
    """


main = cli
