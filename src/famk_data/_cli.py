"""The ``famk-data`` command: aligned tables for people, ``--json`` for programs."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from ._load import available_versions, load
from .exceptions import ArgumentValueError, FamkDataError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._dataset import Dataset
    from ._models import Casting, Character, Episode, Person

__all__ = ["main"]

Rows = list[list[str]]


def _table(header: Sequence[str], rows: Rows) -> str:
    widths = [max(len(row[i]) for row in [list(header), *rows]) for i in range(len(header))]
    lines = [list(header), ["-" * w for w in widths], *rows]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)).rstrip() for line in lines)


def _mark(record: Any, field: str) -> str:
    """``*`` when the record's ``field`` is derived by the dataset rather than stated by a source."""
    return "*" if any(derivation.field == field for derivation in record.derivations) else ""


def _derivations_json(record: Any) -> list[dict[str, Any]]:
    return [{"field": d.field, "rule": d.rule, "inputs": list(d.inputs)} for d in record.derivations]


def _casting_json(casting: Casting) -> dict[str, Any]:
    return {
        "season": casting.season,
        "billing": None if casting.billing is None else casting.billing.value,
        "order": casting.order,
        "actor": {"id": casting.actor.id, "name": casting.actor.name},
        "character": None
        if casting.character is None
        else {"id": casting.character.id, "name": casting.character.name},
        "version": casting.version,
        "status": None if casting.status is None else casting.status.value,
        "derivations": _derivations_json(casting),
    }


def _cast_rows(castings: Sequence[Casting]) -> Rows:
    return [
        [
            ("?" if c.billing is None else c.billing.value) + _mark(c, "billing"),
            c.actor.name,
            "part not named" if c.character is None else c.character.name,
            c.version or "",
            "?" if c.status is None else c.status.value,
        ]
        for c in castings
    ]


def _cast(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    castings = data.cast_for(args.season)
    disputed = [c for c in data.cast_for(args.season, include_disputed=True) if c.disputed]
    header = ["billing", "actor", "character", "version", "status"]
    text = _table(header, _cast_rows(castings))
    if any(c.billing is None for c in castings):
        text += "\nbilling ?: not a series regular; no source says whether recurring or guest"
    if any(_mark(c, "billing") for c in (*castings, *disputed)):
        text += "\nbilling *: derived (counted from episode cast lists), not stated by a source; --json gives the rule"
    if any(c.status is None for c in (*castings, *disputed)):
        text += "\nstatus ?: this data version does not record how the casting is known"
    if data.as_of_episode is not None:
        text += f"\nas of {data.as_of_episode.code}: parts not yet credited by then are not shown (spoiler-safe)"
    if disputed:
        text += (
            "\n\nDisputed: reported, but a later or better source leaves them out"
            " (not part of the cast above)\n" + _table(header, _cast_rows(disputed))
        )
    document = {"cast": [_casting_json(c) for c in castings], "disputed": [_casting_json(c) for c in disputed]}
    return document, text


def _unknown(value: object) -> str:
    return "?" if value is None else str(value)


def _episode_row(episode: Episode) -> list[str]:
    released = _unknown(episode.release_date) + _mark(episode, "release_date")
    return [
        episode.code,
        str(episode.overall),
        _unknown(episode.title),
        released,
        "?" if episode.directors is None else ", ".join(episode.directors),
        "?" if episode.writers is None else ", ".join(map(str, episode.writers)),
    ]


def _episodes(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    from ._converter import unstructure

    episodes = data.episodes_in(args.season)
    text = _table(
        ["episode", "#", "title", "released", "directed by", "written by"], [_episode_row(e) for e in episodes]
    )
    if any(_mark(e, "release_date") for e in episodes):
        text += "\n* date from the announced weekly schedule, not confirmed for the episode"
    return unstructure(episodes), text


def _death(year: int | None, episode: str | None) -> str:
    when = "year unknown" if year is None else str(year)
    return when if episode is None else f"{when} (in {episode.upper()})"


def _card(found: Character | Person, rows: Rows, roles: tuple[Casting, ...]) -> tuple[Any, str]:
    """A character's or person's card: key/value rows, then the rule of each value marked ``*``.

    The JSON form is the record as stored, with its castings.
    """
    from ._converter import unstructure

    document = {**unstructure(found), "castings": [_casting_json(c) for c in roles]}
    text = "\n".join(f"{key:<12} {value}".rstrip() for key, value in rows)
    # * marks a value the dataset derived; the legend gives each rule, in the dataset's words.
    legend = [f"* {d.field.replace('_', ' ')}: {d.rule}" for d in found.derivations]
    return document, "\n".join([text, *legend])


def _character(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.character(args.name)
    roles = data.actors_of(found)
    rows = [
        ["id", found.id],
        ["name", found.name],
        ["aliases", ", ".join(found.aliases)],
        ["real person", {True: "yes", False: "no", None: "unknown"}[found.real_person] + _mark(found, "real_person")],
        [
            "born",
            "unknown" if found.born is None else f"{found.born} ({found.born.precision.value}){_mark(found, 'born')}",
        ],
        ["died", "" if found.died is None else _death(found.died.year, found.died.episode) + _mark(found, "died")],
        *[
            [
                f"season {c.season}",
                str(c.actor) + (f" ({c.version})" if c.version else "") + (", disputed" if c.disputed else ""),
            ]
            for c in roles
        ],
    ]
    return _card(found, rows, roles)


def _age(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.character(args.name)
    age = data.age_in(found, args.year)
    document = {"character": found.id, "year": args.year, "low": age.low, "high": age.high}
    text = (
        f"{found.name} turns {age} in {args.year}"
        if age.exact
        else f"{found.name} turns {age} in {args.year} (birth known to {found.born})"
    )
    return document, text


def _year(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    import attrs

    year = args.year
    seasons, episodes, alive = data.seasons_set_in(year), data.episodes_set_in(year), data.alive_in(year)
    # Everyone established alive has an age, unless their birth is unknown.
    ages = {c.id: None if c.born is None else data.age_in(c, year) for c in alive}
    document = {
        "year": year,
        "seasons": [{"number": s.number, "years": None if s.years is None else attrs.asdict(s.years)} for s in seasons],
        "episodes": [{"id": e.id, "title": e.title, "years": list(e.years or ())} for e in episodes],
        "alive": [
            {
                "id": c.id,
                "name": c.name,
                "age": None if (age := ages[c.id]) is None else {"low": age.low, "high": age.high},
            }
            for c in alive
        ],
    }
    unknown_years = "years unknown" if data.as_of_episode is None else "years not yet known"
    set_in = (
        ", ".join(f"Season {s.number} ({s.years or unknown_years})" for s in seasons)
        or "no season or episode, as far as the data knows"
    )
    parts = [f"Set in {year}: {set_in}"]
    if episodes:
        rows = [[e.code, _unknown(e.title), ", ".join(map(str, e.years or ()))] for e in episodes]
        parts.append(_table(["episode", "title", "years"], rows))
    if alive:
        rows = [[c.name, _unknown(c.born), _unknown(ages[c.id])] for c in alive]
        parts.append(f"Established alive in {year} ({len(alive)}):\n" + _table(["character", "born", "age"], rows))
    else:
        parts.append(f"No character is established alive in {year}.")
    return document, "\n\n".join(parts)


def _diff(_data: Dataset | None, args: argparse.Namespace) -> tuple[Any, str]:
    from ._diff import diff

    changes = diff(args.old, args.new)
    document = {
        "old": changes.old,
        "new": changes.new,
        "changes": [
            {
                "table": c.table,
                "id": c.id,
                "kind": c.kind.value,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
            }
            for c in changes.changes
        ],
    }
    return document, str(changes)


_COVERAGE_TEXT = {
    "complete": "complete: the episode's whole credited cast, in credit order",
    "partial": "partial: only part of the episode's credited cast is known",
    None: "unknown: no cast list of this episode was read",
}


def _appearances(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    episode = data.episode(args.episode)
    castings = data.appearances_in(episode)
    coverage = _coverage(episode)
    ordered = coverage == "complete"
    rows = [
        [
            str(number) if ordered else "-",
            c.actor.name,
            "?" if c.character is None else c.character.name,
            c.version or "",
        ]
        for number, c in enumerate(castings, 1)
    ]
    text = f"{episode}\ncast: {_COVERAGE_TEXT[coverage]}"
    if castings:
        text += "\n" + _table(["#", "actor", "character", "version"], rows)
    document = {
        "episode": episode.id,
        "title": episode.title,
        "cast_coverage": coverage,
        "castings": [
            {**_casting_json(c), "credit_order": number if ordered else None} for number, c in enumerate(castings, 1)
        ],
    }
    return document, text


def _coverage(episode: Episode) -> str | None:
    return None if episode.cast_coverage is None else episode.cast_coverage.value


def _episodes_of(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.episodes_of(args.name)
    rows = [[e.id.upper(), _unknown(e.title), _coverage(e) or "unknown"] for e in found]
    text = _table(["episode", "title", "cast known"], rows) if found else "no episode known to credit them"
    unsettled = sum(1 for e in data.episodes if _coverage(e) != "complete")
    if unsettled:
        text += f"\n{unsettled} of {len(data.episodes)} episodes have a partly known or unknown cast: there may be more"
    document = [{"episode": e.id, "title": e.title, "cast_coverage": _coverage(e)} for e in found]
    return document, text


def _versions(_data: Dataset | None, _args: argparse.Namespace) -> tuple[Any, str]:
    versions = available_versions()
    return list(versions), "\n".join(f"{v} (newest)" if v == versions[-1] else v for v in versions)


def _person(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.person(args.name)
    roles = data.roles_of(found)
    rows = [
        ["id", found.id],
        ["name", found.name],
        ["born", "unknown" if found.born is None else found.born.isoformat()],
        *[
            [
                f"season {c.season}",
                c.part
                + ", "
                + ("billing unknown" if c.billing is None else c.billing.value)
                + (", disputed" if c.disputed else ""),
            ]
            for c in roles
        ],
    ]
    return _card(found, rows, roles)


def _export(data: Dataset, args: argparse.Namespace) -> tuple[Any, str] | None:
    from ._export import table_text, write_sqlite

    if args.format == "sqlite":
        if args.table is not None:
            raise ArgumentValueError("the sqlite format writes every table; leave out TABLE")
        if args.output is None:
            raise ArgumentValueError("the sqlite format needs --output FILE")
        write_sqlite(data, args.output)
        return None
    if args.table is None:
        raise ArgumentValueError(f"name the TABLE to export as {args.format}, or use --format sqlite for every table")
    text = table_text(data, args.table, args.format)
    if args.output is None:
        return None, text.removesuffix("\n")
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as stream:  # noqa: PTH123
            stream.write(text)
    except OSError as error:
        raise ArgumentValueError(f"cannot write {args.output}: {error.strerror or error}") from None
    return None


# Commands that read no single data version: --data-version does not apply to them, and
# their JSON envelope says "data_version": null.
_VERSIONLESS = frozenset({"versions", "diff"})


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


def _add_global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    """The options every command takes, before or after the command name.

    After the command their defaults are suppressed, so an option given before it stays set.
    """

    def default(value: object) -> object:
        return argparse.SUPPRESS if after_command else value

    parser.add_argument(
        "--json",
        action="store_true",
        default=default(False),
        help='print JSON: {"data_version": ..., "as_of": ..., "result": ...} instead of a table',
    )
    parser.add_argument(
        "--data-version",
        metavar="VERSION",
        default=default(None),
        help="use this data version: exactly 0.3.0, or the newest matching 0.3 or 0 (default: newest)",
    )
    parser.add_argument(
        "--as-of",
        metavar="EPISODE",
        default=default(None),
        help="answer without spoilers, as a viewer who has watched up to this episode (S03E05, 3x05) knows",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="famk-data", description="Sourced facts about the TV series For All Mankind.")
    parser.add_argument(
        "--version", action=_VersionAction, help="print the package version and the newest data version"
    )
    _add_global_options(parser, after_command=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[..., tuple[Any, str] | None], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _add_global_options(sub, after_command=True)
        sub.set_defaults(run=run)
        return sub

    season_help = "a season number, such as 1"
    character_help = 'a character\'s id, name or alias, in any case: "ed-baldwin", "Ed Baldwin", "Ed"'
    command("cast", _cast, "the cast of a season, main cast first").add_argument("season", type=int, help=season_help)
    command("episodes", _episodes, "the episodes of a season").add_argument("season", type=int, help=season_help)
    command("character", _character, "a character and who plays them").add_argument("name", help=character_help)
    command("person", _person, "a cast member and the parts they play").add_argument(
        "name", help='a cast member\'s id or name, in any case: "joel-kinnaman", "Joel Kinnaman"'
    )
    age = command("age", _age, "the age a character reaches in a year")
    age.add_argument("name", help=character_help)
    age.add_argument("year", type=int, help="an in-universe year, such as 1969")
    command("year", _year, "what is set in an in-universe year, and who is established alive").add_argument(
        "year", type=int, help="an in-universe year, such as 1983"
    )
    command("appearances", _appearances, "the credited cast of an episode, with how much of it is known").add_argument(
        "episode", help="an episode code: S02E05, s2e5 or 2x05"
    )
    command("episodes-of", _episodes_of, "the episodes a character or a cast member is credited in").add_argument(
        "name", help='a character\'s or cast member\'s id or name: "Molly Cobb", "sonya-walger"'
    )
    command("versions", _versions, "the data versions shipped in this package")
    from ._export import FORMATS
    from ._tables import TABLES

    export = command("export", _export, "write a table as CSV, JSON or JSON Lines, or every table as SQLite")
    export.add_argument(
        "table", nargs="?", choices=TABLES, metavar="TABLE", help=f"the table to export: {', '.join(TABLES)}"
    )
    export.add_argument(
        "--format",
        choices=(*FORMATS, "sqlite"),
        default="csv",
        help="csv (flat columns, the default), json (the data file), jsonl (a record a line) or sqlite",
    )
    export.add_argument("--output", metavar="FILE", help="write to FILE (default: standard output; sqlite needs one)")
    compare = command("diff", _diff, "what changed between two data versions")
    compare.add_argument("old", help="the older data version, e.g. 0.1.0")
    compare.add_argument("new", nargs="?", help="the newer data version (default: newest)")
    return parser


def _error(message: str) -> int:
    """Report an error on one line of standard error; the exit status is 1."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr itself may be closed
        print(f"famk-data: error: {message}", file=sys.stderr)
    return 1


def _write(text: str) -> int:
    """Print ``text``; a closed or full standard output is a one-line error, not a traceback."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`famk-data cast 1 >&-`)
        return _error("cannot write the output: standard output is closed")
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:  # the reader went away (`famk-data ... | head`): not an error
        _silence_stdout()
    except (OSError, ValueError) as error:  # a full disk (`> /dev/full`), a closed stream...
        _silence_stdout()
        return _error(f"cannot write the output: {getattr(error, 'strerror', None) or error}")
    return 0


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's final flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    versionless = args.command in _VERSIONLESS
    for option, value in (("--data-version", args.data_version), ("--as-of", args.as_of)):
        if value is not None and versionless:
            return _error(f"{option} does not apply to {args.command}")
    if args.json and args.command == "export":
        return _error("--json does not apply to export; use --format json")
    data: Dataset | None = None
    try:
        data = None if versionless else load(args.data_version)
        if data is not None and args.as_of is not None:
            data = data.as_of(args.as_of)
        answer = args.run(data, args)
    except FamkDataError as error:
        return _error(str(error))  # a view says what it hides (see _hidden.py)
    if answer is None:  # the command wrote a file
        return 0
    document, text = answer
    if args.json:
        as_of = None if data is None or data.as_of_episode is None else data.as_of_episode.code
        envelope = {"data_version": None if data is None else data.version, "as_of": as_of, "result": document}
        text = json.dumps(envelope, indent=2, ensure_ascii=False)
    return _write(text)
