"""The commands of ``famk-data``: each takes the dataset and its arguments, returns (JSON, text).

A command returns the document ``--json`` prints as the result and the text printed
otherwise, or ``None`` when it wrote a file. :mod:`famk_data._cli` builds the parser and runs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._cli_disputes import LEGEND, dispute_legend, flag
from ._cli_events import year_events
from ._cli_text import aligned
from ._load import available_versions

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from ._dataset import Dataset
    from ._episodes import Episode
    from ._models import Casting, Character, Person

__all__ = [
    "UsageError",
    "age",
    "appearances",
    "cast",
    "character",
    "diff",
    "episodes",
    "episodes_of",
    "export",
    "person",
    "versions",
    "year",
]


class UsageError(Exception):
    """A malformed command line: reported with the usage line, if any, and exit status 2."""

    def __init__(self, message: str, usage: str = "", prog: str = "famk-data") -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage
        self.prog = prog


Rows = list[list[str]]


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
            ("?" if c.billing is None else c.billing.value) + _mark(c, "billing") + flag(c, "billing"),
            c.actor.name,
            "part not named" if c.character is None else c.character.name,
            c.version or "",
            "?" if c.status is None else c.status.value,
        ]
        for c in castings
    ]


def cast(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    castings = data.cast_for(args.season)
    disputed = [c for c in data.cast_for(args.season, include_disputed=True) if c.disputed]
    header = ["billing", "actor", "character", "version", "status"]
    text = aligned(header, _cast_rows(castings))
    if any(c.billing is None for c in castings):
        text += "\nbilling ?: not a series regular; no source says whether recurring or guest"
    if any(_mark(c, "billing") for c in (*castings, *disputed)):
        text += "\nbilling *: derived (counted from episode cast lists), not stated by a source; --json gives the rule"
    if any(flag(c, "billing") for c in (*castings, *disputed)):
        text += f"\nbilling {LEGEND}"
    if any(c.status is None for c in (*castings, *disputed)):
        text += "\nstatus ?: this data version does not record how the casting is known"
    if data.as_of_episode is not None:
        text += f"\nas of {data.as_of_episode.code}: parts not yet credited by then are not shown (spoiler-safe)"
    if disputed:
        text += (
            "\n\nDisputed: reported, but a later or better source leaves them out"
            " (not part of the cast above)\n" + aligned(header, _cast_rows(disputed))
        )
    document = {"cast": [_casting_json(c) for c in castings], "disputed": [_casting_json(c) for c in disputed]}
    return document, text


def _unknown(value: object) -> str:
    return "?" if value is None else str(value)


def _episode_row(episode: Episode) -> list[str]:
    released = _unknown(episode.release_date) + _mark(episode, "release_date") + flag(episode, "release_date")
    return [
        episode.code,
        str(episode.overall),
        _unknown(episode.title) + flag(episode, "title"),
        released,
        ("?" if episode.directors is None else ", ".join(episode.directors)) + flag(episode, "directors"),
        ("?" if episode.writers is None else ", ".join(map(str, episode.writers))) + flag(episode, "writers"),
    ]


def episodes(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    from ._converter import unstructure

    episodes = data.episodes_in(args.season)
    text = aligned(
        ["episode", "#", "title", "released", "directed by", "written by"], [_episode_row(e) for e in episodes]
    )
    if any(_mark(e, "release_date") for e in episodes):
        text += "\n* date from the announced weekly schedule, not confirmed for the episode"
    if any(e.disputes for e in episodes):
        text += f"\n{LEGEND}"
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
    # † marks a value sources disagree on: the value taken, the others, and why.
    legend = [f"* {d.field.replace('_', ' ')}: {d.rule}" for d in found.derivations]
    return document, "\n".join([text, *legend, *dispute_legend(found)])


def character(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.character(args.name)
    roles = data.actors_of(found)
    rows = [
        ["id", found.id],
        ["name", found.name + flag(found, "name")],
        ["aliases", ", ".join(found.aliases)],
        ["real person", {True: "yes", False: "no", None: "unknown"}[found.real_person] + _mark(found, "real_person")],
        [
            "born",
            ("unknown" if found.born is None else f"{found.born} ({found.born.precision.value}){_mark(found, 'born')}")
            + flag(found, "born"),
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


def age(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.character(args.name)
    age = data.age_in(found, args.year)
    document = {"character": found.id, "year": args.year, "low": age.low, "high": age.high}
    text = (
        f"{found.name} turns {age} in {args.year}"
        if age.exact
        else f"{found.name} turns {age} in {args.year} (birth known to {found.born})"
    )
    return document, text


def year(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
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
        parts.append(aligned(["episode", "title", "years"], rows))
    if alive:
        rows = [[c.name, _unknown(c.born), _unknown(ages[c.id])] for c in alive]
        parts.append(f"Established alive in {year} ({len(alive)}):\n" + aligned(["character", "born", "age"], rows))
    else:
        parts.append(f"No character is established alive in {year}.")
    document["events"], events = year_events(data, year)
    if events:  # a data version without the events table (before 0.6.0) says nothing of them
        parts.insert(1, events)
    return document, "\n\n".join(parts)


def diff(_data: Dataset | None, args: argparse.Namespace) -> tuple[Any, str]:
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


def appearances(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
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
        text += "\n" + aligned(["#", "actor", "character", "version"], rows)
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


def episodes_of(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.episodes_of(args.name)
    rows = [[e.id.upper(), _unknown(e.title), _coverage(e) or "unknown"] for e in found]
    text = aligned(["episode", "title", "cast known"], rows) if found else "no episode known to credit them"
    unsettled = sum(1 for e in data.episodes if _coverage(e) != "complete")
    if unsettled:
        text += f"\n{unsettled} of {len(data.episodes)} episodes have a partly known or unknown cast: there may be more"
    document = [{"episode": e.id, "title": e.title, "cast_coverage": _coverage(e)} for e in found]
    return document, text


def versions(_data: Dataset | None, _args: argparse.Namespace) -> tuple[Any, str]:
    versions = available_versions()
    return list(versions), "\n".join(f"{v} (newest)" if v == versions[-1] else v for v in versions)


def person(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.person(args.name)
    roles = data.roles_of(found)
    rows = [
        ["id", found.id],
        ["name", found.name],
        ["born", ("unknown" if found.born is None else found.born.isoformat()) + flag(found, "born")],
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


def export(data: Dataset, args: argparse.Namespace) -> tuple[Any, str] | None:
    from ._export import metadata_path, table_text, write_sqlite, write_table
    from ._tables import EXPORT_TABLES

    to_stdout = args.output in {None, "-"}  # "-" is standard output, as for most commands
    if args.format == "sqlite":
        if args.table is not None:
            raise UsageError("the sqlite format writes every table; leave out TABLE")
        if to_stdout:
            raise UsageError("the sqlite format needs --output FILE (not standard output)")
        write_sqlite(data, args.output, metadata=metadata_path(args.output))
        return None
    if args.table is None:
        raise UsageError(f"name the TABLE to export as {args.format}, or use --format sqlite for every table")
    if args.table not in EXPORT_TABLES:
        raise UsageError(f"no table {args.table!r}; tables are {', '.join(EXPORT_TABLES)}")
    if to_stdout:
        return None, table_text(data, args.table, args.format, csv_safe=args.csv_safe).removesuffix("\n")
    write_table(data, args.table, args.format, args.output, csv_safe=args.csv_safe)
    return None
