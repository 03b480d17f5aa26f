"""The Dataset: one loaded data version, a façade over its tables, indexes and capabilities.

Every query is a one-line delegation: finding a record to :mod:`._lookup`, indexes to
:mod:`._indexes`, the timeline to :mod:`._timeline_queries`, appearances to
:mod:`._appearances`, views to :mod:`._views`, tables out to :mod:`._export`. Those modules
take the tables and indexes they need (or a protocol of :mod:`._protocols`), never the
Dataset, so no import points back here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn, overload

from ._dataset_appearances import AppearanceQueries
from ._dataset_events import EventQueries
from ._disputes import disputes_in
from ._indexes import Indexes
from ._lookup import find_character, find_episode, find_person, find_season
from ._tables import TABLES, ordered_table
from .exceptions import ArgumentTypeError, FrozenDatasetError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from ._appearance_record import Appearance
    from ._episodes import Episode
    from ._event_record import Event
    from ._models import Casting, Character, Person
    from ._names import Findable
    from ._protocols import Select, TableSource
    from ._seasons import Season
    from ._tables import ExportTableName
    from ._timeline import Age

__all__ = ["Dataset"]


class Dataset(AppearanceQueries, EventQueries):
    """One version of the data, with indexes for fast lookups.

    Get one from :func:`famk_data.load`; the module-level functions of ``famk_data`` act on
    the newest. Every record is frozen, and so is the dataset: assigning or deleting an
    attribute raises :class:`~famk_data.FrozenDatasetError`. A dataset can be shared freely
    between threads.

    Lookups follow one rule: an accessor such as :meth:`season` or :meth:`character` raises
    :class:`~famk_data.NotFoundError` (a :class:`LookupError`) for an unknown key, naming
    the valid ones; a query over a valid key with no results returns an empty tuple.
    """

    __slots__ = (
        "__weakref__",
        "_index",
        "_latest_year",
        "_root",
        "_source",
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
    #: The episode a spoiler-safe view is as of (see :meth:`as_of`), or ``None`` for the full data.
    as_of_episode: Episode | None
    _root: Dataset
    #: For a view, the latest in-universe year its viewer has reached; None for the full data.
    _latest_year: int | None
    _views: dict[str, Dataset]
    #: Gives a table's records on first use (a packaged snapshot), or None when all are given.
    _source: TableSource | None

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
        events: Iterable[Event] = (),
        _view_of: tuple[Dataset, Episode, int, Findable] | None = None,
    ) -> None:
        if not isinstance(version, str):
            raise ArgumentTypeError(f"version must be a str, not {type(version).__name__}")
        object.__setattr__(self, "_source", None)
        given = (seasons, episodes, characters, people, castings, appearances, events)
        for name, records in zip(TABLES, given, strict=True):
            object.__setattr__(self, name, ordered_table(name, records))
        self._start(version, _view_of)

    @classmethod
    def _on_first_use(cls, version: str, source: TableSource) -> Dataset:
        """A dataset whose tables ``source`` gives, each when first read (by the loader).

        Its indexes may ask ``source`` for part of a table not built yet (a season's castings).
        """
        data = object.__new__(cls)
        object.__setattr__(data, "_source", source)
        data._start(version, None, source.select)
        return data

    def _start(
        self, version: str, of: tuple[Dataset, Episode, int, Findable] | None, select: Select | None = None
    ) -> None:
        # A view (see _views.py) keeps its full dataset, the episode it is as of, the last
        # in-universe year its viewer has reached and the names it finds its records by; it
        # shares the full dataset's cache.
        root, as_of, latest_year, findable = (self, None, None, None) if of is None else of
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "as_of_episode", as_of)
        object.__setattr__(self, "_views", {} if root is self else root._views)  # noqa: SLF001 - the same class
        object.__setattr__(self, "_latest_year", latest_year)
        object.__setattr__(self, "_index", Indexes(self, findable, select))

    if not TYPE_CHECKING:  # hidden from type checkers, which would accept any attribute name

        def __getattr__(self, name: str) -> Any:
            """A table not read yet: its records from the source, built on first use."""
            source = object.__getattribute__(self, "_source") if name in TABLES else None
            if source is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            records = ordered_table(name, source(name))
            object.__setattr__(self, name, records)
            return records

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise FrozenDatasetError(f"a Dataset never changes: cannot assign {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise FrozenDatasetError(f"a Dataset never changes: cannot delete {name!r}")

    def _not_found(self, error: NotFoundError) -> NotFoundError:
        """The error a lookup raises: a view's says what it hides (see :mod:`._hidden`)."""
        if self.as_of_episode is None:
            return error
        from ._hidden import view_error

        return view_error(error, self, self._root)

    def __repr__(self) -> str:
        as_of = "" if self.as_of_episode is None else f" as of {self.as_of_episode.code}"
        return (
            f"<Dataset {self.version}{as_of}: {len(self.seasons)} seasons, {len(self.episodes)} episodes, "
            f"{len(self.characters)} characters, {len(self.people)} people, {len(self.castings)} castings, "
            f"{len(self.appearances)} appearances, {len(self.events)} events>"
        )

    def season(self, number: int | Season) -> Season:
        """The season with this number (or this dataset's record of a :class:`Season`).

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.1.0").season(1).premiere
            datetime.date(2019, 11, 1)
        """
        try:
            return find_season(self._index, number)
        except NotFoundError as error:
            raise self._not_found(error) from None

    def episodes_in(self, season: int | Season) -> tuple[Episode, ...]:
        """The episodes of a season, in order (empty if the dataset has none for it yet)."""
        return self._index.episodes_by_season.get(self.season(season).number, ())

    @overload
    def episode(self, code: str | Episode, number: None = None) -> Episode: ...
    @overload
    def episode(self, code: int, number: int) -> Episode: ...
    def episode(self, code: str | int | Episode, number: int | None = None) -> Episode:
        """An episode, by code (``"S02E10"``, ``"s2e10"``, ``"2x10"``) or by season and number.

        An :class:`Episode` gives this dataset's record; ``episode(1)`` alone fails type checks.

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.1.0").episode(1, 1).title
            'Red Moon'
        """
        try:
            return find_episode(self._index, code, number)
        except NotFoundError as error:
            raise self._not_found(error) from None

    def character(self, key: str | Character) -> Character:
        """A character by id (``"ed-baldwin"``), full name or unique alias, ignoring case.

        Raises:
            AmbiguousNameError: the name fits several characters (the error lists their ids).

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.1.0").character("ed baldwin").id
            'ed-baldwin'
        """
        try:
            return find_character(self._index, key)
        except NotFoundError as error:
            raise self._not_found(error) from None

    def person(self, key: str | Person) -> Person:
        """A cast member by id (``"joel-kinnaman"``) or name, ignoring case."""
        try:
            return find_person(self._index, key)
        except NotFoundError as error:
            raise self._not_found(error) from None

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
        by_season = self._index.castings_by_season if include_disputed else self._index.undisputed_by_season
        if type(season) is int:
            try:
                return by_season[season]  # gathered on first use
            except KeyError:
                pass
        return by_season[self.season(season).number]

    def roles_of(self, person: str | Person) -> tuple[Casting, ...]:
        """Every casting of a person, by season, disputed ones included (see :attr:`Casting.status`)."""
        return self._index.castings_by_actor.get(self.person(person).id, ())

    def actors_of(self, character: str | Character) -> tuple[Casting, ...]:
        """Every casting of a character (each says the season, actor, version and status), by season.

        Disputed castings are included; :attr:`Casting.disputed` tells them apart.
        """
        return self._index.castings_by_character.get(self.character(character).id, ())

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
            HiddenFactError: in a view, the full data would answer (see :doc:`/spoilers`).

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
        if self._latest_year is None:
            return self._index.timeline.age_in(character, year)
        asks = (self._index.timeline.age_in, self._root._index.timeline.age_in)  # noqa: SLF001 - the same class
        from ._hidden import age_in_view

        return age_in_view(self, self._root, asks, character, year, latest=self._latest_year)

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
        return self._index.timeline.alive_in(year)

    def episodes_set_in(self, year: int) -> tuple[Episode, ...]:
        """The episodes whose known in-universe years include ``year``, in order.

        An episode whose years are unknown is never listed, whatever its neighbours.

        Examples:
            >>> import famk_data
            >>> [e.id for e in famk_data.load("0.4.0").episodes_set_in(1995)]
            ['s02e10', 's03e05', 's03e06', 's03e07', 's03e08', 's03e09', 's03e10']
        """
        return self._index.timeline.episodes_set_in(year)

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
        return self._index.timeline.seasons_set_in(year)

    disputes = disputes_in  # every (record, dispute): the docstring is disputes_in's

    # -- tables out ----------------------------------------------------------------------

    def to_records(self, table: ExportTableName) -> list[dict[str, Any]]:
        """A table's records as plain JSON-ready dicts, in the data files' form (``credits``: flat rows).

        Dates ``YYYY-MM-DD``, enumerations their values, references ids, ``None`` if unknown (:doc:`/tables`).

        Raises:
            NotFoundError: ``table`` is not a table name (:data:`~famk_data.ExportTableName`).

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.3.0").to_records("episodes")[0]["release_date"]
            '2019-11-01'
        """
        from ._export import to_records

        return to_records(self, table)

    def to_dataframe(self, table: ExportTableName) -> pd.DataFrame:
        """A table as a typed pandas DataFrame; needs the ``famk-data[pandas]`` extra.

        Flat columns (``ids_imdb``), ``datetime64`` dates, ``Int64`` integers, categoricals, lists in cells.

        Raises:
            NotFoundError: ``table`` is not a table name (:data:`~famk_data.ExportTableName`).
            FamkDataError: pandas is not installed.
        """
        from ._export import to_dataframe

        return to_dataframe(self, table)

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

        root = self._root
        return view_of(root, self._views, self.episode(episode), root._index, root._view)  # noqa: SLF001

    def _view(self, tables: dict[str, list[Any]], episode: Episode, latest_year: int, findable: Findable) -> Dataset:
        """A view of this (full) dataset, from what :mod:`._views` gives."""
        return Dataset(self.version, **tables, _view_of=(self, episode, latest_year, findable))
