"""The ``famk-data`` command: aligned tables for people, ``--json`` for programs."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from ._load import available_versions, load
from .exceptions import FamkDataError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._dataset import Dataset
    from ._models import Casting, Episode

__all__ = ["main"]

Rows = list[list[str]]


def _table(header: Sequence[str], rows: Rows) -> str:
    widths = [max(len(row[i]) for row in [list(header), *rows]) for i in range(len(header))]
    lines = [list(header), ["-" * w for w in widths], *rows]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)).rstrip() for line in lines)


def _casting_json(casting: Casting) -> dict[str, Any]:
    return {
        "season": casting.season,
        "billing": None if casting.billing is None else casting.billing.value,
        "order": casting.order,
        "actor": {"id": casting.actor.id, "name": casting.actor.name},
        "character": {"id": casting.character.id, "name": casting.character.name},
        "version": casting.version,
    }


def _cast(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    castings = data.cast_for(args.season)
    rows = [
        ["?" if c.billing is None else c.billing.value, c.actor.name, c.character.name, c.version or ""]
        for c in castings
    ]
    text = _table(["billing", "actor", "character", "version"], rows)
    if any(c.billing is None for c in castings):
        text += "\n? not a series regular; no source says whether recurring or guest"
    return [_casting_json(c) for c in castings], text


def _unknown(value: object) -> str:
    return "?" if value is None else str(value)


def _episode_row(episode: Episode) -> list[str]:
    released = _unknown(episode.release_date) + ("*" if episode.release_date_derived else "")
    return [
        episode.id.upper(),
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
    if any(e.release_date_derived for e in episodes):
        text += "\n* date from the announced weekly schedule, not confirmed for the episode"
    return unstructure(episodes), text


def _death(year: int | None, episode: str | None) -> str:
    when = "year unknown" if year is None else str(year)
    return when if episode is None else f"{when} (in {episode.upper()})"


def _character(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    from ._converter import unstructure

    found = data.character(args.name)
    roles = data.actors_of(found)
    rows = [
        ["id", found.id],
        ["name", found.name],
        ["aliases", ", ".join(found.aliases)],
        ["real person", {True: "yes", False: "no", None: "unknown"}[found.real_person]],
        ["born", "unknown" if found.born is None else f"{found.born} ({found.born.precision.value})"],
        ["died", "" if found.died is None else _death(found.died.year, found.died.episode)],
        *[[f"season {c.season}", str(c.actor) + (f" ({c.version})" if c.version else "")] for c in roles],
    ]
    document = {**unstructure(found), "castings": [_casting_json(c) for c in roles]}
    return document, "\n".join(f"{key:<12} {value}".rstrip() for key, value in rows)


def _age(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.character(args.name)
    age = found.age_in(args.year)
    document = {"character": found.id, "year": args.year, "low": age.low, "high": age.high}
    text = (
        f"{found.name} turns {age} in {args.year}"
        if age.exact
        else f"{found.name} turns {age} in {args.year} (birth known to {found.born})"
    )
    return document, text


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


def _versions(_data: Dataset | None, _args: argparse.Namespace) -> tuple[Any, str]:
    versions = available_versions()
    return list(versions), "\n".join(f"{v} (newest)" if v == versions[-1] else v for v in versions)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="famk-data", description="Sourced facts about the TV series For All Mankind.")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--data-version", metavar="VERSION", help="use this data version (default: newest)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[..., tuple[Any, str]], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    command("cast", _cast, "the cast of a season, main cast first").add_argument("season", type=int)
    command("episodes", _episodes, "the episodes of a season").add_argument("season", type=int)
    command("character", _character, "a character and who plays them").add_argument("name")
    age = command("age", _age, "the age a character reaches in a year")
    age.add_argument("name")
    age.add_argument("year", type=int)
    command("versions", _versions, "the data versions shipped in this package")
    compare = command("diff", _diff, "what changed between two data versions")
    compare.add_argument("old", help="the older data version, e.g. 0.1.0")
    compare.add_argument("new", nargs="?", help="the newer data version (default: newest)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.data_version is not None and args.run in {_versions, _diff}:
        print(f"famk-data: error: --data-version does not apply to {args.command}", file=sys.stderr)
        return 1
    try:
        data = None if args.run in {_versions, _diff} else load(args.data_version)
        document, text = args.run(data, args)
    except FamkDataError as error:
        print(f"famk-data: error: {error}", file=sys.stderr)
        return 1
    try:
        print(json.dumps(document, indent=2, ensure_ascii=False) if args.json else text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`famk-data ... | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
