"""The ``famk-data`` command: aligned tables for people, ``--json`` for programs.

This module builds the parser, runs a command (see :mod:`famk_data._cli_commands`) and
reports errors: one line on standard error, or with ``--json`` one JSON object,
``{"error": {"type": ..., "message": ...}}``. A library error exits with status 1, a
malformed command line with status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from . import _cli_commands as commands
from ._cli_events import register
from ._load import available_versions, load
from .exceptions import FamkDataError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._dataset import Dataset

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are raised, so :func:`main` reports them (as JSON with ``--json``)."""

    def error(self, message: str) -> NoReturn:
        raise commands.UsageError(message, self.format_usage(), self.prog)


class _VersionAction(argparse.Action):
    """``--version``: the package version and the newest data version it ships."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from . import __version__

        try:
            data = f"data {available_versions()[-1]}"
        except FamkDataError as error:
            data = f"no usable data: {error}"
        print(f"famk-data {__version__} ({data})")
        parser.exit()


_JSON_HELP = 'print JSON: {"data_version": ..., "as_of": ..., "result": ...} instead of a table'
_DATA_VERSION_HELP = "use this data version: exactly 0.3.0, or the newest matching 0.3 or 0 (default: newest)"
_AS_OF_HELP = "answer without spoilers, as a viewer who has watched up to this episode (S03E05, 3x05) knows"


def _add_options(parser: argparse.ArgumentParser, *, json: bool, data: bool, after_command: bool) -> None:
    """The shared options a command takes: ``--json`` and/or ``--data-version`` and ``--as-of``.

    After the command their defaults are suppressed, so an option given before it stays set.
    """

    def default(value: object) -> object:
        return argparse.SUPPRESS if after_command else value

    if json:
        parser.add_argument("--json", action="store_true", default=default(False), help=_JSON_HELP)
    if data:
        parser.add_argument("--data-version", metavar="VERSION", default=default(None), help=_DATA_VERSION_HELP)
        parser.add_argument("--as-of", metavar="EPISODE", default=default(None), help=_AS_OF_HELP)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="famk-data",
        description="Sourced facts about the TV series For All Mankind.",
        epilog="--json, --data-version and --as-of may also follow the command; "
        "`famk-data COMMAND --help` lists the options each command takes.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="print the package version and the newest data version"
    )
    _add_options(parser, json=True, data=True, after_command=False)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[..., Any], help_text: str, *, json: bool = True, data: bool = True) -> Any:
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        _add_options(sub, json=json, data=data, after_command=True)
        sub.set_defaults(run=run, takes_json=json, takes_data=data)
        return sub

    season_help = "a season number, such as 1"
    character_help = 'a character\'s id, name or alias, in any case: "ed-baldwin", "Ed Baldwin", "Ed"'
    command("cast", commands.cast, "the cast of a season, main cast first").add_argument(
        "season", type=int, help=season_help
    )
    command("episodes", commands.episodes, "the episodes of a season").add_argument(
        "season", type=int, help=season_help
    )
    command("character", commands.character, "a character and who plays them").add_argument("name", help=character_help)
    command("person", commands.person, "a cast member and the parts they play").add_argument(
        "name", help='a cast member\'s id or name, in any case: "joel-kinnaman", "Joel Kinnaman"'
    )
    age = command("age", commands.age, "the age a character reaches in a year")
    age.add_argument("name", help=character_help)
    age.add_argument("year", type=int, help="an in-universe year, such as 1969")
    command(
        "year", commands.year, "what is set in an in-universe year, its events, and who is established alive"
    ).add_argument("year", type=int, help="an in-universe year, such as 1983")
    command(
        "appearances", commands.appearances, "the credited cast of an episode, with how much of it is known"
    ).add_argument("episode", help="an episode code: S02E05, s2e5 or 2x05")
    command(
        "episodes-of", commands.episodes_of, "the episodes a character or a cast member is credited in"
    ).add_argument("name", help='a character\'s or cast member\'s id or name: "Molly Cobb", "sonya-walger"')
    register(command)  # events, event (see _cli_events.py)
    command("versions", commands.versions, "the data versions shipped in this package", data=False)
    from ._cli_disputes import disputes_command
    from ._tables import TABLES

    disputed = command("disputes", disputes_command, "the values sources disagree on: each value, the one taken, why")
    disputed.add_argument("table", nargs="?", choices=TABLES, metavar="TABLE", help="only this table")
    from ._tables import EXPORT_TABLES, TEXT_FORMATS

    export = command(
        "export", commands.export, "write a table as CSV, JSON or JSON Lines, or every table as SQLite", json=False
    )
    export.add_argument("table", nargs="?", metavar="TABLE", help=f"the table to export: {', '.join(EXPORT_TABLES)}")
    export.add_argument(
        "--format",
        choices=(*TEXT_FORMATS, "sqlite"),
        default="csv",
        help="csv (flat columns, the default), json (the data file), jsonl (a record a line) or sqlite "
        "(every table, with a Datasette metadata file FILE.metadata.json beside it)",
    )
    export.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE, replacing it (default or -: standard output; sqlite needs a FILE)",
    )
    export.add_argument(
        "--csv-safe",
        action="store_true",
        help="in csv, start a text cell that begins with = + - @ with a ' so spreadsheets show it as text",
    )
    compare = command("diff", commands.diff, "what changed between two data versions", data=False)
    compare.add_argument("old", help="the older data version, e.g. 0.1.0")
    compare.add_argument("new", nargs="?", help="the newer data version (default: newest)")
    return parser


def _report(error_type: str, message: str, *, as_json: bool, usage: str = "", prog: str = "famk-data") -> None:
    """Report an error on standard error: one line, or one JSON object with ``--json``."""
    if as_json:
        text = json.dumps({"error": {"type": error_type, "message": message}}, ensure_ascii=False)
    else:
        text = f"{usage}{prog}: error: {message}"
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr itself may be closed
        print(text, file=sys.stderr)


def _write(text: str, *, as_json: bool) -> int:
    """Print ``text``; a closed or full standard output is a one-line error, not a traceback."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`famk-data cast 1 >&-`)
        _report("OutputError", "cannot write the output: standard output is closed", as_json=as_json)
        return 1
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:  # the reader went away (`famk-data ... | head`): not an error
        _silence_stdout()
    except (OSError, ValueError) as error:  # a full disk (`> /dev/full`), a closed stream...
        _silence_stdout()
        message = f"cannot write the output: {getattr(error, 'strerror', None) or error}"
        _report("OutputError", message, as_json=as_json)
        return 1
    return 0


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's final flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line; raises :class:`UsageError` for an option the command does not take."""
    args = _parser().parse_args(argv)
    if not args.takes_data:
        for option, value in (("--data-version", args.data_version), ("--as-of", args.as_of)):
            if value is not None:
                raise commands.UsageError(f"{option} does not apply to {args.command}")
    if not args.takes_json and args.json:
        raise commands.UsageError(f"--json does not apply to {args.command}; use --format json")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 for an error, 2 for a malformed command line).

    Ctrl-C is reported on one line (one JSON object with ``--json``) and exits with status 130.
    """
    as_json = "--json" in (sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv, as_json=as_json)
    except KeyboardInterrupt:
        _report("Interrupted", "interrupted", as_json=as_json)
        return 130


def _main(argv: Sequence[str] | None, *, as_json: bool) -> int:
    try:
        args = _arguments(argv)
    except commands.UsageError as error:
        _report("UsageError", error.message, as_json=as_json, usage=error.usage, prog=error.prog)
        return 2
    data: Dataset | None = None
    try:
        data = load(args.data_version) if args.takes_data else None
        if data is not None and args.as_of is not None:
            data = data.as_of(args.as_of)
        answer = args.run(data, args)
    except commands.UsageError as error:
        _report("UsageError", error.message, as_json=as_json)
        return 2
    except FamkDataError as error:
        _report(type(error).__name__, str(error), as_json=as_json)  # a view says what it hides (_hidden.py)
        return 1
    if answer is None:  # the command wrote a file
        return 0
    document, text = answer
    if args.json:
        as_of = None if data is None or data.as_of_episode is None else data.as_of_episode.code
        envelope = {"data_version": None if data is None else data.version, "as_of": as_of, "result": document}
        text = json.dumps(envelope, indent=2, ensure_ascii=False)
    return _write(text, as_json=args.json)
