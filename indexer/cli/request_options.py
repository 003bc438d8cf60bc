"""The arguments of `filings search` that ask for a search, built from SearchRequest's fields: each
field's option (a facet's repeats), with the field's default, choices and description as its help."""

from collections.abc import Callable
from typing import Literal, get_args, get_origin

import click
from pydantic.fields import FieldInfo

from ..facets import EXCLUDING
from ..models import SearchRequest
from ..search.request import request_from

# The field given as the command's argument rather than as an option.
ARGUMENT = "query"
# Where an option is not the field's name with hyphens (--exhibit-type for exhibit_type).
_FLAGS = {"month_from": "--from", "month_to": "--to"}
_HELP = {"month_from": " A year alone is its first month (--from 2025 is 2025-01).",
         "month_to": " A year alone is its last month (--to 2025 is 2025-12).",
         "filed_from": " A year or a month alone is its first day (--filed-from 2025 is 2025-01-01).",
         "filed_to": " A year or a month alone is its last day (--filed-to 2025-02 is 2025-02-28).",
         "filed_within": " Not with --filed-from or --filed-to."}


def flag(name: str) -> str:
    """The option that sets the request's field `name`."""
    return _FLAGS.get(name, "--" + name.replace("_", "-"))


def _parameter(name: str, field: FieldInfo):
    if name == ARGUMENT:
        return click.argument(name, default=field.default)
    if get_origin(field.annotation) is list:
        (kind,) = get_args(field.annotation)
        if get_origin(kind) is Literal:  # facets named (--more company)
            return click.option(flag(name), name, multiple=True, type=click.Choice(get_args(kind)), metavar="FACET",
                                help=f"{field.description} Repeat for several.")
        # An exclusion's values repeat as a filter's do, but each leaves documents out.
        repeats = "(each is left out)" if name.startswith(EXCLUDING) else "(any of them matches)"
        return click.option(flag(name), name, multiple=True, help=f"{field.description} Repeat for several {repeats}.")
    if get_origin(field.annotation) is Literal:
        return click.option(flag(name), name, type=click.Choice(get_args(field.annotation)), default=field.default,
                            show_default=True, help=field.description)
    if field.annotation is int:
        # Read as text, so that the search model judges a number as the web's are judged (click's int takes "1_0").
        return click.option(flag(name), name, type=str, metavar="INTEGER", default=str(field.default),
                            show_default=True, help=field.description)
    return click.option(flag(name), name, help=(field.description or "") + _HELP.get(name, ""))


def request_options(model: type = SearchRequest, leaving_out: Callable[[str], bool] = lambda name: False):
    """A decorator giving a command the argument or option of every field of `model`, in its order,
    but those `leaving_out` names (the ones a command sets itself)."""

    def decorate(command):
        for name, field in reversed(model.model_fields.items()):
            if not leaving_out(name):
                command = _parameter(name, field)(command)
        return command

    return decorate


def request_of(asked: dict, typed: dict[str, str] | None = None) -> SearchRequest:
    """The search a command's request options ask for, or a QueryError naming the bad one (as
    `typed` names a field a command's own option sets)."""
    params = {name: list(value) if isinstance(value, tuple) else value for name, value in asked.items()}
    typed = typed or {}
    return request_from({name: value for name, value in params.items() if value not in (None, [])},
                        named=lambda name: "the query " if name == ARGUMENT else f"{typed.get(name, flag(name))} ")
