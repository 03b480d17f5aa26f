"""Module-level shortcuts: each asks the newest packaged dataset (see :class:`Dataset`)."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

from ._load import _loaded, load

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

    from ._dataset import Dataset
    from ._dispute import Dispute
    from ._episodes import Episode
    from ._event_kinds import EventCategory
    from ._event_record import Event
    from ._indexes import Indexes
    from ._models import Casting, Character, Person
    from ._seasons import Season
    from ._tables import ExportTableName
    from ._timeline import Age

__all__ = [
    "actors_of",
    "age_in",
    "alive_in",
    "appearances_in",
    "as_of",
    "cast_for",
    "character",
    "disputes",
    "divergences",
    "episode",
    "episodes_in",
    "episodes_of",
    "episodes_set_in",
    "event",
    "events_in",
    "events_of",
    "first_appearance",
    "last_appearance",
    "person",
    "roles_of",
    "season",
    "seasons_set_in",
    "to_dataframe",
    "to_records",
]


class _Unloaded:
    """The indexes the hot lookups below read before the newest dataset is loaded: all empty."""

    seasons_by_number: Mapping[int, Season] = MappingProxyType({})
    episodes_by_code: Mapping[str, Episode] = MappingProxyType({})
    character_keys: Mapping[str, Character] = MappingProxyType({})
    person_keys: Mapping[str, Person] = MappingProxyType({})
    undisputed_by_season: Mapping[int, tuple[Casting, ...]] = MappingProxyType({})
    ages: Mapping[tuple[str, int], Age] = MappingProxyType({})


# The lookups a trivia bot repeats (a season, an episode, a character or person by a key spelled
# as in the data, a season's cast, an age already answered) first read the newest dataset's
# indexes here: a hit is one call in all. A miss, a record, a folded name or a wrong type goes to
# the Dataset method, which answers or raises. The types are checked first where an equal value
# of another type would hit (True == 1, 2012.0 == 2012).
_index: Indexes | _Unloaded = _Unloaded()


def _newest() -> Dataset:
    """The newest dataset, loaded on first use and shared; binds the indexes the hot lookups read."""
    global _index  # noqa: PLW0603 - bound once, to the shared newest dataset's indexes
    data = _loaded.get(None) or load()
    _index = data._index  # noqa: SLF001 - the dataset's own indexes, read, never changed
    return data


def season(number: int | Season) -> Season:
    """:meth:`Dataset.season` on the newest data.

    Examples:
        >>> import famk_data
        >>> famk_data.season(5).premiere
        datetime.date(2026, 3, 27)
    """
    if type(number) is int:
        try:
            return _index.seasons_by_number[number]
        except KeyError:
            pass
    return _newest().season(number)


def episodes_in(season: int | Season) -> tuple[Episode, ...]:
    """:meth:`Dataset.episodes_in` on the newest data."""
    return _newest().episodes_in(season)


@overload
def episode(code: str | Episode, number: None = None) -> Episode: ...
@overload
def episode(code: int, number: int) -> Episode: ...
def episode(code: str | int | Episode, number: int | None = None) -> Episode:
    """:meth:`Dataset.episode` on the newest data.

    Examples:
        >>> import famk_data
        >>> famk_data.episode("S01E01").release_date
        datetime.date(2019, 11, 1)
    """
    if number is None and type(code) is str:
        try:
            return _index.episodes_by_code[code]
        except KeyError:
            pass
    data: Any = _newest()  # the overloads above are checked on Dataset.episode; any misuse raises there
    result: Episode = data.episode(code, number)
    return result


def character(key: str | Character) -> Character:
    """:meth:`Dataset.character` on the newest data."""
    if type(key) is str:
        try:
            return _index.character_keys[key]
        except KeyError:
            pass
    return _newest().character(key)


def person(key: str | Person) -> Person:
    """:meth:`Dataset.person` on the newest data."""
    if type(key) is str:
        try:
            return _index.person_keys[key]
        except KeyError:
            pass
    return _newest().person(key)


def cast_for(season: int | Season, *, include_disputed: bool = False) -> tuple[Casting, ...]:
    """:meth:`Dataset.cast_for` on the newest data.

    Examples:
        >>> import famk_data
        >>> print(famk_data.cast_for(1)[0])
        Joel Kinnaman as Ed Baldwin
    """
    if type(season) is int and include_disputed is False:
        try:
            return _index.undisputed_by_season[season]
        except KeyError:
            pass
    return _newest().cast_for(season, include_disputed=include_disputed)


def roles_of(person: str | Person) -> tuple[Casting, ...]:
    """:meth:`Dataset.roles_of` on the newest data."""
    return _newest().roles_of(person)


def actors_of(character: str | Character) -> tuple[Casting, ...]:
    """:meth:`Dataset.actors_of` on the newest data."""
    return _newest().actors_of(character)


def age_in(character: str | Character, year: int) -> Age:
    """:meth:`Dataset.age_in` on the newest data: the age a character reaches during ``year``.

    It answers only for a year the data establishes the character alive in (see
    :doc:`/timeline`); otherwise it raises, saying why.

    Examples:
        >>> import famk_data
        >>> print(famk_data.age_in("Ed Baldwin", 2012))
        79–83
    """
    if type(character) is str and type(year) is int:
        try:
            return _index.ages[character, year]
        except KeyError:
            pass
    return _newest().age_in(character, year)


def alive_in(year: int) -> tuple[Character, ...]:
    """:meth:`Dataset.alive_in` on the newest data: who is established alive in ``year``."""
    return _newest().alive_in(year)


def episodes_set_in(year: int) -> tuple[Episode, ...]:
    """:meth:`Dataset.episodes_set_in` on the newest data."""
    return _newest().episodes_set_in(year)


def seasons_set_in(year: int) -> tuple[Season, ...]:
    """:meth:`Dataset.seasons_set_in` on the newest data."""
    return _newest().seasons_set_in(year)


def disputes(table: str | None = None) -> tuple[tuple[Any, Dispute], ...]:
    """:meth:`Dataset.disputes` on the newest data: every field on which sources disagree.

    Examples:
        >>> import famk_data
        >>> sorted({dispute.field for _, dispute in famk_data.disputes("people")})
        ['born']
    """
    return _newest().disputes(table)


def to_records(table: ExportTableName) -> list[dict[str, Any]]:
    """:meth:`Dataset.to_records` on the newest data.

    Examples:
        >>> import famk_data
        >>> famk_data.to_records("seasons")[0]["premiere"]
        '2019-11-01'
    """
    return _newest().to_records(table)


def to_dataframe(table: ExportTableName) -> pd.DataFrame:
    """:meth:`Dataset.to_dataframe` on the newest data (needs the ``famk-data[pandas]`` extra)."""
    return _newest().to_dataframe(table)


def as_of(episode: str | Episode) -> Dataset:
    """:meth:`Dataset.as_of` on the newest data: what a viewer up to ``episode`` knows.

    Examples:
        >>> import famk_data
        >>> view = famk_data.as_of("S02E05")
        >>> view.character("Gordo").died is None  # he dies in S02E10
        True
    """
    return _newest().as_of(episode)


def appearances_in(episode: str | Episode) -> tuple[Casting, ...]:
    """:meth:`Dataset.appearances_in` on the newest data: the castings credited in an episode."""
    return _newest().appearances_in(episode)


def episodes_of(character_or_person: str | Character | Person) -> tuple[Episode, ...]:
    """:meth:`Dataset.episodes_of` on the newest data: the episodes crediting a character or person."""
    return _newest().episodes_of(character_or_person)


def first_appearance(character: str | Character) -> Episode | None:
    """:meth:`Dataset.first_appearance` on the newest data (``None`` when coverage cannot tell)."""
    return _newest().first_appearance(character)


def last_appearance(character: str | Character) -> Episode | None:
    """:meth:`Dataset.last_appearance` on the newest data (``None`` when coverage cannot tell)."""
    return _newest().last_appearance(character)


def event(key: str | Event) -> Event:
    """:meth:`Dataset.event` on the newest data.

    Examples:
        >>> import famk_data
        >>> print(famk_data.event("soviet-first-moon-landing").when)
        1969-06-26
    """
    return _newest().event(key)


def events_in(when: int | Season | Episode | str | None = None, *, season: int | None = None) -> tuple[Event, ...]:
    """:meth:`Dataset.events_in` on the newest data."""
    return _newest().events_in(when, season=season)


def events_of(character_or_person: str | Character | Person) -> tuple[Event, ...]:
    """:meth:`Dataset.events_of` on the newest data."""
    return _newest().events_of(character_or_person)


def divergences(category: EventCategory | str | None = None) -> tuple[Event, ...]:
    """:meth:`Dataset.divergences` on the newest data."""
    return _newest().divergences(category)
