"""Turning parsed data files into records, and checking that the tables agree.

Every problem is reported as a :class:`~famk_data.DatasetError` naming the file and the JSON
path, such as ``0.2.0/episodes.json: episodes[12].release_date: ...``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from typing import TYPE_CHECKING, Any

from ._converter import References, decode_records, limited, problems_of
from ._formats import upgrade
from ._tables import CANONICAL_ORDER, FORMAT, FORMAT_TABLES, RECORD_TYPES, record_key
from ._untrusted import MAX_PROBLEMS
from .exceptions import DatasetError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from ._episodes import Episode
    from ._models import Casting
    from ._seasons import Season

__all__ = ["structure_tables"]


def _file_format(document: Any, table: str, name: str) -> int:
    """The format of one parsed data file, after checking its header."""
    if not isinstance(document, dict):
        raise DatasetError(name, [("", f"expected a JSON object, got {type(document).__name__}")])
    keys = {"format", "data_version", table}
    if set(document) != keys:
        raise DatasetError(name, [("", f"expected exactly the keys {sorted(keys)}, got {sorted(document)}")])
    file_format = document["format"]
    if type(file_format) is not int or file_format not in FORMAT_TABLES:
        known = ", ".join(map(str, FORMAT_TABLES))
        raise DatasetError(name, [("format", f"unsupported file format {file_format!r}; expected one of {known}")])
    return file_format


def _records(  # noqa: PLR0913 - the file's identity, then how to read it
    version: str, version_format: int, table: str, document: Any, name: str, *, sort: bool
) -> tuple[Any, ...]:
    file_format = _file_format(document, table, name)
    if file_format != version_format:
        raise DatasetError(name, [("format", f"format {file_format} in a version of format {version_format}")])
    if document["data_version"] != version:
        raise DatasetError(
            name, [("data_version", f"{document['data_version']!r} does not match the package version {version!r}")]
        )
    with limited() as budget:
        try:
            records = decode_records(RECORD_TYPES[table], upgrade(table, file_format, document[table]))
        except Exception as error:  # noqa: BLE001 - cattrs groups every failure; all become one DatasetError
            problems = list(problems_of(error, table))
            omitted = budget[1] + max(0, len(problems) - MAX_PROBLEMS)
            raise DatasetError(name, problems[:MAX_PROBLEMS], omitted=omitted) from None
    order = CANONICAL_ORDER[table]
    if sort:
        records = tuple(sorted(records, key=order))
    for index, (before, after) in enumerate(itertools.pairwise(records)):
        if order(before) >= order(after):
            raise DatasetError(name, [(f"{table}[{index + 1}]", "out of order or duplicated")])
    return records


def _unique(name: str, table: str, records: tuple[Any, ...], key: Callable[[Any], Any], what: str) -> None:
    counts = Counter(key(r) for r in records)
    _refuse(
        name, ((f"{table}[{i}]", f"duplicate {what} {key(r)!r}") for i, r in enumerate(records) if counts[key(r)] > 1)
    )


def _refuse(name: str, problems: Iterable[tuple[str, str]]) -> None:
    """Raise a DatasetError listing the first :data:`MAX_PROBLEMS` of ``problems`` (if any), counting the rest."""
    remaining = iter(problems)
    found = list(itertools.islice(remaining, MAX_PROBLEMS))
    if found:
        raise DatasetError(name, found, omitted=sum(1 for _ in remaining))


def _episode_in_season(path: str, episode: Episode, season: Season) -> list[tuple[str, str]]:
    problems = []
    if episode.number > season.episode_count:
        problems.append((f"{path}.number", f"Season {season.number} has {season.episode_count} episodes"))
    date = episode.release_date
    if date is not None and (date < season.premiere or (season.finale is not None and date > season.finale)):
        problems.append((f"{path}.release_date", f"{date} is outside Season {season.number}'s run"))
    if episode.years is not None and season.years is not None:
        outside = [year for year in episode.years if year not in season.years]
        if outside:
            problems.append((f"{path}.years", f"{outside} outside Season {season.number}'s {season.years}"))
    return problems


def _check_episodes(name: str, episodes: tuple[Episode, ...], seasons: Mapping[int, Season]) -> None:
    _unique(name, "episodes", episodes, lambda e: e.overall, "overall number")
    problems: list[tuple[str, str]] = []
    latest_date = dt.date.min
    before_season = {n: sum(s.episode_count for s in seasons.values() if s.number < n) for n in seasons}
    for index, episode in enumerate(episodes):
        path = f"episodes[{index}]"
        season = seasons.get(episode.season)
        if season is None:
            problems.append((f"{path}.season", f"no season {episode.season}"))
            continue
        problems.extend(_episode_in_season(path, episode, season))
        if episode.overall != before_season[episode.season] + episode.number:
            problems.append((f"{path}.overall", f"expected {before_season[episode.season] + episode.number}"))
        date = episode.release_date
        if date is not None:
            if date < latest_date:
                problems.append((f"{path}.release_date", f"{date} is before an earlier episode's release"))
            latest_date = date
    if problems:
        raise DatasetError(name, problems)


def _version_format(documents: Mapping[str, Any], label: str) -> int:
    """The file format of a version (its seasons file's), which fixes the tables it must hold."""
    seasons = documents.get("seasons.json")
    file_format = seasons.get("format") if isinstance(seasons, dict) else None
    if type(file_format) is not int or file_format not in FORMAT_TABLES:
        file_format = FORMAT  # the seasons file itself is reported when it is read
    expected = {f"{table}.json" for table in FORMAT_TABLES[file_format]}
    if set(documents) != expected:
        raise DatasetError(
            f"{label}/datapackage.json",
            [("resources", f"expected exactly {sorted(expected)}, got {sorted(documents)}")],
        )
    return file_format


def structure_tables(
    version: str, documents: Mapping[str, Any], label: str, *, sort: bool = False
) -> dict[str, tuple[Any, ...]]:
    """Structure and cross-check every table of one data version, in dependency order.

    Records must be in canonical order (so files stay diff-friendly) unless ``sort`` is set,
    as it is for the editable copy in ``data-src/``; duplicates are refused either way.
    """
    file_format = _version_format(documents, label)
    tables: dict[str, tuple[Any, ...]] = {}
    for table in FORMAT_TABLES[file_format]:
        name = f"{label}/{table}.json"
        token = References.current.set(
            {done: {record_key(record): record for record in records} for done, records in tables.items()}
        )
        try:
            tables[table] = _records(version, file_format, table, documents[f"{table}.json"], name, sort=sort)
        finally:
            References.current.reset(token)
    for table in ("seasons", "episodes"):  # every query starts from a season or an episode
        if not tables[table]:
            raise DatasetError(
                f"{label}/{table}.json", [(table, f"holds no {table}; a data version needs at least one")]
            )
    seasons = {s.number: s for s in tables["seasons"]}
    if sorted(seasons) != list(range(1, len(seasons) + 1)):
        raise DatasetError(f"{label}/seasons.json", [("seasons", "season numbers must run 1, 2, 3… without gaps")])
    _check_episodes(f"{label}/episodes.json", tables["episodes"], seasons)
    _unique(f"{label}/castings.json", "castings", tables["castings"], lambda c: c.key, "casting")
    episode_ids = {e.id for e in tables["episodes"]}
    deaths = [
        (f"characters[{i}].died.episode", f"no episode {c.died.episode!r}")
        for i, c in enumerate(tables["characters"])
        if c.died is not None and c.died.episode is not None and c.died.episode not in episode_ids
    ]
    if deaths:
        raise DatasetError(f"{label}/characters.json", deaths)
    castings = [
        (f"castings[{i}].season", f"no season {c.season}")
        for i, c in enumerate(tables["castings"])
        if c.season not in seasons
    ]
    if castings:
        raise DatasetError(f"{label}/castings.json", castings)
    _check_absent_cast(f"{label}/episodes.json", tables["episodes"], {c.key: c for c in tables["castings"]})
    if "appearances" in tables:
        _unique(f"{label}/appearances.json", "appearances", tables["appearances"], lambda a: a.key, "appearance")
    if "events" in tables:
        _unique(f"{label}/events.json", "events", tables["events"], lambda e: e.id, "event id")
    return tables


def _check_absent_cast(name: str, episodes: tuple[Episode, ...], castings: Mapping[str, Casting]) -> None:
    """An episode's ``absent_cast`` names castings of its own season."""
    problems = [
        (f"episodes[{index}].absent_cast", f"{key!r} is not a casting of Season {episode.season}")
        for index, episode in enumerate(episodes)
        for key in episode.absent_cast
        if key not in castings or castings[key].season != episode.season
    ]
    if problems:
        raise DatasetError(name, problems)
