"""The Dataset: one loaded data version, its indexes and its queries."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, TypeVar

from ._appearances import (
    AppearanceIndex,
    appearances_in,
    episodes_of,
    first_appearance,
    last_appearance,
)
from ._args import require_int, require_text, shorten
from ._models import Age, Appearance, Casting, Character, Episode, Person, Season
from ._names import by_exact_name, by_name, close_ids, fold, surnames
from ._tables import CANONICAL_ORDER, RECORD_TYPES
from ._timeline import Timeline
from .exceptions import AmbiguousNameError, ArgumentTypeError, ArgumentValueError, NotFoundError, UnknownFactError

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

    from ._tables import ExportTableName

__all__ = ["Dataset"]

_CODE: Final = re.compile(r"\s*(?:[sS](\d{1,4})\s*[eE](\d{1,4})|(\d{1,4})[xX](\d{1,4}))\s*\Z")
_Named = TypeVar("_Named", Character, Person)


def _table(name: str, records: Iterable[Any]) -> tuple[Any, ...]:
    """The records of one table, checked for type and put in canonical order."""
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise ArgumentTypeError(f"{name} must be an iterable of records, not {type(records).__name__}")
    records = tuple(records)
    record_type = RECORD_TYPES[name]
    for record in records:
        if not isinstance(record, record_type):
            raise ArgumentTypeError(f"{name} must hold {record_type.__name__} records, not {type(record).__name__}")
    return tuple(sorted(records, key=CANONICAL_ORDER[name]))


class Dataset:
    """One version of the data, with indexes for fast lookups.

    Get one from :func:`famk_data.load`; the module-level functions of ``famk_data`` act on
    the newest. Every record is frozen, so a dataset can be shared freely between threads.

    Lookups follow one rule: an accessor such as :meth:`season` or :meth:`character` raises
    :class:`~famk_data.NotFoundError` (a :class:`LookupError`) for an unknown key, naming
    the valid ones; a query over a valid key with no results returns an empty tuple.
    """

    __slots__ = (
        "__weakref__",
        "_appearance_index",
        "_by_exact_name",
        "_by_name",
        "_castings_by_actor",
        "_castings_by_character",
        "_castings_by_season",
        "_characters_by_id",
        "_episodes_by_code",
        "_episodes_by_key",
        "_episodes_by_season",
        "_latest_year",
        "_people_by_id",
        "_root",
        "_seasons_by_number",
        "_surnames",
        "_timeline",
        "_undisputed_by_season",
        "_views",
        "appearances",
        "as_of_episode",
        "castings",
        "characters",
        "episodes",
        "people",
        "seasons",
        "version",
    )

    version: str
    seasons: tuple[Season, ...]
    episodes: tuple[Episode, ...]
    characters: tuple[Character, ...]
    people: tuple[Person, ...]
    castings: tuple[Casting, ...]
    appearances: tuple[Appearance, ...]
    # Indexes built on first use, each by the method _build<slot name>.
    _episodes_by_key: dict[tuple[int, int], Episode]
    _episodes_by_season: dict[int, tuple[Episode, ...]]
    _episodes_by_code: dict[str, Episode]
    _characters_by_id: dict[str, Character]
    _people_by_id: dict[str, Person]
    _surnames: dict[tuple[str, str], tuple[str, ...]]
    _by_name: dict[tuple[str, str], tuple[str, ...]]
    _by_exact_name: dict[tuple[str, str], tuple[str, ...]]
    _castings_by_season: dict[int, tuple[Casting, ...]]
    _undisputed_by_season: dict[int, tuple[Casting, ...]]
    _castings_by_actor: dict[str, tuple[Casting, ...]]
    _castings_by_character: dict[str, tuple[Casting, ...]]
    #: The episode a spoiler-safe view is as of (see :meth:`as_of`), or ``None`` for the full data.
    as_of_episode: Episode | None
    _appearance_index: AppearanceIndex

    def __init__(  # noqa: PLR0913 - one argument per table
        self,
        version: str,
        *,
        seasons: Iterable[Season],
        episodes: Iterable[Episode],
        characters: Iterable[Character],
        people: Iterable[Person],
        castings: Iterable[Casting],
        appearances: Iterable[Appearance] = (),
        _view_of: tuple[Dataset, Episode, int | None] | None = None,
    ) -> None:
        if not isinstance(version, str):
            raise ArgumentTypeError(f"version must be a str, not {type(version).__name__}")
        self.version = version
        self.seasons = _table("seasons", seasons)
        self.episodes = _table("episodes", episodes)
        self.characters = _table("characters", characters)
        self.people = _table("people", people)
        self.castings = _table("castings", castings)
        self.appearances = _table("appearances", appearances)
        # A view (see _views.py) keeps its full dataset, the episode it is as of, and the
        # last in-universe year its viewer has reached; it shares the full dataset's cache.
        self._root, self.as_of_episode, self._latest_year = self, None, None
        self._views: dict[str, Dataset] = {}
        if _view_of is not None:
            self._root, self.as_of_episode, self._latest_year = _view_of
            self._views = self._root._views  # noqa: SLF001 - the same class
        self._seasons_by_number = {s.number: s for s in self.seasons}
        self._timeline = Timeline(self)
        # Every other index is built on first use (see __getattr__): a first query pays only
        # for the indexes it reads, and later ones read plain slots as before.

    if not TYPE_CHECKING:  # hidden from type checkers, which would accept any attribute name

        def __getattr__(self, name: str) -> Any:
            """Build a lazy index (slot ``_x``, built by ``_build_x``) on first use."""
            build = getattr(type(self), f"_build{name}", None) if name.startswith("_") else None
            if build is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            # Two threads may both build an index; they build equal ones, and either is kept.
            value = build(self)
            setattr(self, name, value)
            return value

    def _build_episodes_by_key(self) -> dict[tuple[int, int], Episode]:
        return {(e.season, e.number): e for e in self.episodes}

    def _build_episodes_by_season(self) -> dict[int, tuple[Episode, ...]]:
        by_season: dict[int, list[Episode]] = defaultdict(list)
        for episode in self.episodes:
            by_season[episode.season].append(episode)
        return {number: tuple(episodes) for number, episodes in by_season.items()}

    def _build_episodes_by_code(self) -> dict[str, Episode]:
        """Common spellings of each episode code, for a lookup without parsing."""
        return {
            code: e
            for e in self.episodes
            for code in (
                e.id,
                e.code,
                f"s{e.season}e{e.number}",
                f"S{e.season}E{e.number}",
                f"{e.season}x{e.number:02d}",
            )
        }

    def _build_characters_by_id(self) -> dict[str, Character]:
        return {c.id: c for c in self.characters}

    def _build_people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    def _build_surnames(self) -> dict[tuple[str, str], tuple[str, ...]]:
        return surnames(self.characters, self.people)

    def _build_by_name(self) -> dict[tuple[str, str], tuple[str, ...]]:
        return by_name(self.characters, self.people, self._surnames)

    def _build_by_exact_name(self) -> dict[tuple[str, str], tuple[str, ...]]:
        return by_exact_name(self.characters, self.people, self._by_name)

    def _build_castings_by_season(self) -> dict[int, tuple[Casting, ...]]:
        by_season: dict[int, list[Casting]] = defaultdict(list)
        for casting in self.castings:
            by_season[casting.season].append(casting)
        return {s.number: tuple(by_season.get(s.number, ())) for s in self.seasons}

    def _build_undisputed_by_season(self) -> dict[int, tuple[Casting, ...]]:
        return {
            number: tuple(c for c in castings if not c.disputed)
            for number, castings in self._castings_by_season.items()
        }

    def _build_castings_by_actor(self) -> dict[str, tuple[Casting, ...]]:
        by_actor: dict[str, list[Casting]] = defaultdict(list)
        for casting in self.castings:
            by_actor[casting.actor.id].append(casting)
        return {k: tuple(v) for k, v in by_actor.items()}

    def _build_castings_by_character(self) -> dict[str, tuple[Casting, ...]]:
        by_character: dict[str, list[Casting]] = defaultdict(list)
        for casting in self.castings:
            if casting.character is not None:
                by_character[casting.character.id].append(casting)
        return {k: tuple(sorted(v, key=lambda c: (c.season, c.version or ""))) for k, v in by_character.items()}

    def __repr__(self) -> str:
        as_of = "" if self.as_of_episode is None else f" as of {self.as_of_episode.code}"
        return (
            f"<Dataset {self.version}{as_of}: {len(self.seasons)} seasons, {len(self.episodes)} episodes, "
            f"{len(self.characters)} characters, {len(self.people)} people, {len(self.castings)} castings, "
            f"{len(self.appearances)} appearances>"
        )

    # -- seasons and episodes ------------------------------------------------------------

    def season(self, number: int | Season) -> Season:
        """The season with this number (or this dataset's record of a :class:`Season`).

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.1.0").season(1).premiere
            datetime.date(2019, 11, 1)
        """
        if type(number) is int:
            found = self._seasons_by_number.get(number)
            if found is not None:
                return found
        if isinstance(number, Season):
            return self.season(number.number)
        require_int(number, "season")
        raise NotFoundError("season", number, f"seasons are {self._season_range()}")

    def _season_range(self) -> str:
        return f"{self.seasons[0].number}–{self.seasons[-1].number}"

    def _season_number(self, season: int | Season) -> int:
        return self.season(season).number

    def episodes_in(self, season: int | Season) -> tuple[Episode, ...]:
        """The episodes of a season, in order (empty if the dataset has none for it yet)."""
        return self._episodes_by_season.get(self._season_number(season), ())

    def episode(self, code: str | int | Episode, number: int | None = None) -> Episode:
        """An episode, by code (``"S02E10"``, ``"s2e10"``, ``"2x10"``) or by season and number.

        An :class:`Episode` gives this dataset's record of that episode.

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.1.0").episode(1, 1).title
            'Red Moon'
        """
        if number is None and type(code) is str:
            found = self._episodes_by_code.get(code)
            if found is not None:
                return found
        if number is None and isinstance(code, Episode):
            code = code.id
        if number is None:
            if not isinstance(code, str):
                raise ArgumentTypeError(
                    f"give an episode code such as 'S02E10', or a season and a number; got {shorten(code)}"
                )
            match = _CODE.match(code)
            if match is None:
                raise ArgumentValueError(f"not an episode code: {shorten(code)}; expected the form 'S02E10'")
            season_text, number_text = (match[1], match[2]) if match[1] else (match[3], match[4])
            season, number = int(season_text), int(number_text)
        else:
            season = require_int(code, "season")
            require_int(number, "episode number")
        record = self.season(season)
        try:
            return self._episodes_by_key[season, number]
        except KeyError:
            known = [e.number for e in self.episodes_in(season)]
            hint = f"Season {season} has episodes 1–{record.episode_count}" + (
                "" if len(known) == record.episode_count else f"; this data version has {len(known)} of them"
            )
            raise NotFoundError("episode", f"S{season:02d}E{number:02d}", hint) from None

    # -- characters and people -----------------------------------------------------------

    def _find(self, kind: str, key: object, by_id: Mapping[str, _Named], record_type: type[_Named]) -> _Named:
        if type(key) is str:
            found = by_id.get(key)
            if found is not None:
                return found
            ids = self._by_exact_name.get((kind, key))
            if ids is not None:
                return by_id[ids[0]]
        if isinstance(key, record_type):
            key = key.id
        text = require_text(key, kind)
        found = by_id.get(text)
        if found is not None:
            return found
        ids = self._by_name.get((kind, fold(text)), ())
        if len(ids) == 1:
            return by_id[ids[0]]
        if ids:
            raise AmbiguousNameError(kind, text, ids)
        raise NotFoundError(kind, text if len(text) <= 60 else f"{text[:59]}…", self._not_found_hint(kind, text))

    def _not_found_hint(self, kind: str, text: str) -> str:
        """Close names and surnames of ``kind``, or what else the text names; worded for any caller."""
        folded = fold(text[:200])
        by_id: Mapping[str, Character | Person] = self._characters_by_id if kind == "character" else self._people_by_id
        if kind == "character":
            people = [self._people_by_id[i] for i in self._by_name.get(("person", folded), ())]
            parts = {
                p.name: dict.fromkeys(
                    c.character.name for c in self._castings_by_actor.get(p.id, ()) if c.character is not None
                )
                for p in people
            }
            if any(parts.values()):
                return "; ".join(
                    f"{name} is a cast member, who plays {', '.join(of)}" for name, of in parts.items() if of
                )
        else:
            characters = [self._characters_by_id[i] for i in self._by_name.get(("character", folded), ())]
            actors = {
                c.name: dict.fromkeys(k.actor.name for k in self._castings_by_character.get(c.id, ()))
                for c in characters
            }
            if any(actors.values()):
                return "; ".join(
                    f"{name} is a character, played by {', '.join(by)}" for name, by in actors.items() if by
                )
        suggestions = dict.fromkeys(by_id[i].name for i in close_ids(kind, text, self._by_name, self._surnames))
        if suggestions:
            return f"did you mean {', '.join(map(repr, suggestions))}?"
        return f"it is not the id, name or alias of any of the {len(by_id)} {_PLURAL[kind]}"

    def character(self, key: str | Character) -> Character:
        """A character by id (``"ed-baldwin"``), full name or unique alias, ignoring case.

        Raises:
            AmbiguousNameError: the name fits several characters (the error lists their ids).

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.1.0").character("ed baldwin").id
            'ed-baldwin'
        """
        return self._find("character", key, self._characters_by_id, Character)

    def person(self, key: str | Person) -> Person:
        """A cast member by id (``"joel-kinnaman"``) or name, ignoring case."""
        return self._find("person", key, self._people_by_id, Person)

    # -- castings ------------------------------------------------------------------------

    def cast_for(self, season: int | Season, *, include_disputed: bool = False) -> tuple[Casting, ...]:
        """Who plays whom in a season: main cast first, each billing group in credit order.

        Disputed castings (:attr:`CastingStatus.DISPUTED <famk_data.CastingStatus.DISPUTED>`:
        reported, but a later or better source omits or contradicts them) are left out unless
        ``include_disputed`` is true; every other casting (credited, announced, or of unknown
        status) is returned. A casting whose part no source names has ``character`` ``None``.

        Raises:
            ArgumentTypeError: ``include_disputed`` is not a bool.

        Examples:
            >>> import famk_data
            >>> first = famk_data.load("0.1.0").cast_for(1)[0]
            >>> (first.actor.name, first.character.name)
            ('Joel Kinnaman', 'Ed Baldwin')
            >>> old = famk_data.load("0.4.0")  # format 1: no casting has a status, none is disputed
            >>> old.cast_for(5) == old.cast_for(5, include_disputed=True)
            True
        """
        if type(include_disputed) is not bool:
            raise ArgumentTypeError(f"include_disputed must be a bool, not {type(include_disputed).__name__}")
        by_season = self._castings_by_season if include_disputed else self._undisputed_by_season
        found = by_season.get(season) if type(season) is int else None
        return found if found is not None else by_season[self._season_number(season)]

    def roles_of(self, person: str | Person) -> tuple[Casting, ...]:
        """Every casting of a person, by season, disputed ones included (see :attr:`Casting.status`)."""
        return self._castings_by_actor.get(self.person(person).id, ())

    def actors_of(self, character: str | Character) -> tuple[Casting, ...]:
        """Every casting of a character (each says the season, actor, version and status), by season.

        Disputed castings are included; :attr:`Casting.disputed` tells them apart.
        """
        return self._castings_by_character.get(self.character(character).id, ())

    # -- the in-universe timeline (see docs/timeline.md) --------------------------------

    def age_in(self, character: str | Character, year: int) -> Age:
        """The age a character reaches during ``year``, if the data establishes them alive then.

        Ages never outrun the evidence: the answer comes only for a year in which the
        character is established alive (see :meth:`alive_in`), as a range that carries the
        precision of the birth.

        Raises:
            NotFoundError: no such character.
            ArgumentTypeError: ``year`` is not an int.
            ArgumentValueError: ``year`` is before the earliest possible birth, or after the death.
            UnknownFactError: no source establishes the birth; the character may not be born
                yet in ``year``; or nothing in the data shows them still alive in ``year``
                (the message says what the latest evidence is).

        Examples:
            >>> import famk_data
            >>> data = famk_data.load("0.4.0")
            >>> data.age_in("Danielle Poole", 2003)
            Age(low=57, high=60)
            >>> data.age_in("Shorty Powers", 2012)
            Traceback (most recent call last):
            famk_data.exceptions.UnknownFactError: Shorty Powers is not established alive in 2012: \
the latest evidence of life is appearing in Season 1 (set in 1969–1974), which establishes life only up to 1969
        """
        if self._latest_year is not None and type(year) is int and year > self._latest_year:
            self.character(character)  # an unknown character is still a NotFoundError
            raise UnknownFactError(
                f"a viewer as of {self.as_of_episode} has not reached {year}: the latest in-universe year "
                f"they have seen is {self._latest_year}"
            )
        return self._timeline.age_in(character, year)

    def alive_in(self, year: int) -> tuple[Character, ...]:
        """The characters the data establishes alive in ``year``, by id.

        Established alive means: born for certain by ``year`` or seen in a season set wholly
        in or before it; seen in a season starting in or after it, or dying in or after it;
        and not dead before it. See :doc:`/timeline` for the rule and its evidence.

        Examples:
            >>> import famk_data
            >>> data = famk_data.load("0.4.0")
            >>> [c.name for c in data.alive_in(1990)][:3]
            ['Aleida Rosales', 'Bill Strausser', 'Danielle Poole']
            >>> data.alive_in(1900)
            ()
        """
        return self._timeline.alive_in(year)

    def episodes_set_in(self, year: int) -> tuple[Episode, ...]:
        """The episodes whose known in-universe years include ``year``, in order.

        An episode whose years are unknown is never listed, whatever its neighbours.

        Examples:
            >>> import famk_data
            >>> [e.id for e in famk_data.load("0.4.0").episodes_set_in(1995)]
            ['s02e10', 's03e05', 's03e06', 's03e07', 's03e08', 's03e09', 's03e10']
        """
        return self._timeline.episodes_set_in(year)

    def seasons_set_in(self, year: int) -> tuple[Season, ...]:
        """The seasons set (at least partly) in ``year``; a flash-forward makes them overlap.

        A season counts when ``year`` is in its span of years, except that the episodes
        decide when the dataset has them all with their years (Season 2 spans 1983–1995 but
        nothing in it is set in 1990), and a span with an unknown end counts for its first
        year only.

        Examples:
            >>> import famk_data
            >>> [s.number for s in famk_data.load("0.4.0").seasons_set_in(1995)]
            [2, 3]
        """
        return self._timeline.seasons_set_in(year)

    # -- tables out ----------------------------------------------------------------------

    def to_records(self, table: ExportTableName) -> list[dict[str, Any]]:
        """A table's records as plain JSON-ready dicts, in the data files' form.

        Dates are ``YYYY-MM-DD`` strings, enumerations their values, references ids; every
        field is present, ``None`` where unknown. See :doc:`/tables`.

        Raises:
            NotFoundError: ``table`` is not one of the dataset's tables.

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.3.0").to_records("episodes")[0]["release_date"]
            '2019-11-01'
        """
        from ._export import to_records

        return to_records(self, table)

    def to_dataframe(self, table: ExportTableName) -> pd.DataFrame:
        """A table as a typed pandas DataFrame; needs the ``famk-data[pandas]`` extra.

        One column per field, nested values flattened (``ids_imdb``), dates as ``datetime64``,
        integers as ``Int64``, enumerations as categoricals, lists in cells. See :doc:`/tables`.

        Raises:
            NotFoundError: ``table`` is not one of the dataset's tables.
            FamkDataError: pandas is not installed.
        """
        from ._export import to_dataframe

        return to_dataframe(self, table)

    # -- spoiler-safe views --------------------------------------------------------------

    def as_of(self, episode: str | Episode) -> Dataset:
        """What a viewer who has watched every episode up to ``episode`` knows; see :doc:`/spoilers`.

        The view is a :class:`Dataset` itself, built once per episode and shared.

        Raises:
            NotFoundError: no such episode in this dataset (or view).
            ArgumentTypeError, ArgumentValueError: ``episode`` is not an episode code or record.

        Examples:
            >>> import famk_data
            >>> view = famk_data.load("0.4.0").as_of("S02E05")
            >>> view.as_of("s2e5") is view, len(view.seasons), view.episodes[-1].id
            (True, 2, 's02e05')
        """
        from ._views import view_of

        return view_of(self._root, self._views, self.episode(episode))

    # -- appearances (see _appearances.py) -----------------------------------------------

    def _build_appearance_index(self) -> AppearanceIndex:
        return AppearanceIndex(self.appearances)

    def appearances_in(self, episode: str | Episode) -> tuple[Casting, ...]:
        """The castings credited in an episode, in credit order where known.

        Only as much as the episode's :attr:`~Episode.cast_coverage` allows: all of them
        (``complete``), some (``partial``) or none known (``None``).

        Examples:
            >>> import famk_data
            >>> data = famk_data.load("0.4.0")  # before appearances were recorded
            >>> data.appearances_in("S01E01"), data.episode("S01E01").cast_coverage
            ((), None)
        """
        return appearances_in(self, self._appearance_index, episode)

    def episodes_of(self, character_or_person: str | Character | Person) -> tuple[Episode, ...]:
        """The episodes a character or a person is credited in, in order, as far as coverage goes.

        A name or id may name a character or a person; one that names both (a real person
        who plays themselves) raises :class:`~famk_data.AmbiguousNameError`: pass the
        :class:`Character` or :class:`Person` instead.
        """
        return episodes_of(self, self._appearance_index, character_or_person)

    def first_appearance(self, character: str | Character) -> Episode | None:
        """The first episode crediting a character, or ``None`` when coverage cannot tell.

        The earliest known appearance counts only when every earlier episode of the seasons
        the character is cast in has its complete credited cast in the data.
        """
        return first_appearance(self, self._appearance_index, character)

    def last_appearance(self, character: str | Character) -> Episode | None:
        """The last episode crediting a character, or ``None`` when coverage cannot tell.

        The latest known appearance counts only when every later episode of the seasons the
        character is cast in has its complete credited cast in the data.
        """
        return last_appearance(self, self._appearance_index, character)


_PLURAL: Final = {"character": "characters", "person": "people"}
