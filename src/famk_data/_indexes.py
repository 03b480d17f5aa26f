"""The indexes of one dataset: built on first use, each from the tables or other indexes.

A :class:`~famk_data.Dataset` holds one :class:`Indexes`; a first query pays only for the
indexes it reads, and later ones read plain slots. Two threads may both build an index on
first use; they build equal ones, and either is kept.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, TypeVar

from ._tables import CANONICAL_ORDER

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._appearances import AppearanceIndex
    from ._episodes import Episode
    from ._events import EventIndex
    from ._models import Casting, Character, Person
    from ._protocols import Queries, Select
    from ._seasons import Season
    from ._timeline import Age
    from ._timeline_queries import Timeline

__all__ = ["Indexes"]


class Indexes:
    """The lazily built indexes of one dataset's tables (slot ``x`` is built by ``_build_x``)."""

    __slots__ = (
        "ages",
        "appearances",
        "by_exact_name",
        "by_name",
        "castings_by_actor",
        "castings_by_character",
        "castings_by_season",
        "character_keys",
        "characters_by_id",
        "data",
        "episodes_by_code",
        "episodes_by_key",
        "episodes_by_season",
        "events",
        "findable",
        "people_by_id",
        "person_keys",
        "seasons_by_number",
        "select",
        "surnames",
        "timeline",
        "undisputed_by_season",
    )

    data: Queries
    #: The timeline's answers of ``age_in`` so far (see :class:`~famk_data._timeline_queries.Timeline`).
    ages: dict[tuple[str, int], Age]
    #: The names a view finds its records by, where not their own (see :mod:`._names`), or None.
    findable: Mapping[tuple[str, str], tuple[str, ...]] | None
    seasons_by_number: dict[int, Season]
    episodes_by_key: dict[tuple[int, int], Episode]
    episodes_by_season: dict[int, tuple[Episode, ...]]
    episodes_by_code: dict[str, Episode]
    characters_by_id: dict[str, Character]
    people_by_id: dict[str, Person]
    surnames: dict[tuple[str, str], tuple[str, ...]]
    by_name: dict[tuple[str, str], tuple[str, ...]]
    by_exact_name: dict[tuple[str, str], tuple[str, ...]]
    character_keys: dict[str, Character]
    person_keys: dict[str, Person]
    castings_by_season: dict[int, tuple[Casting, ...]]
    undisputed_by_season: dict[int, tuple[Casting, ...]]
    castings_by_actor: dict[str, tuple[Casting, ...]]
    castings_by_character: dict[str, tuple[Casting, ...]]
    appearances: AppearanceIndex
    events: EventIndex
    timeline: Timeline

    def __init__(
        self,
        data: Queries,
        findable: Mapping[tuple[str, str], tuple[str, ...]] | None = None,
        select: Select | None = None,
    ) -> None:
        self.data = data
        self.findable = findable
        #: Gives part of a table not built yet (a packaged snapshot's, see :mod:`._snapshot`), or None.
        self.select = select

    if not TYPE_CHECKING:  # hidden from type checkers, which would accept any attribute name

        def __getattr__(self, name: str) -> Any:
            build = getattr(type(self), f"_build_{name}", None)
            if build is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            value = build(self)
            setattr(self, name, value)
            return value

    def _build_seasons_by_number(self) -> dict[int, Season]:
        return {s.number: s for s in self.data.seasons}

    def _build_episodes_by_key(self) -> dict[tuple[int, int], Episode]:
        return {(e.season, e.number): e for e in self.data.episodes}

    def _build_episodes_by_season(self) -> dict[int, tuple[Episode, ...]]:
        by_season: dict[int, list[Episode]] = defaultdict(list)
        for episode in self.data.episodes:
            by_season[episode.season].append(episode)
        return {number: tuple(episodes) for number, episodes in by_season.items()}

    def _build_episodes_by_code(self) -> dict[str, Episode]:
        """Common spellings of each episode code, for a lookup without parsing."""
        return {
            code: e
            for e in self.data.episodes
            for code in (
                e.id,
                e.code,
                f"s{e.season}e{e.number}",
                f"S{e.season}E{e.number}",
                f"{e.season}x{e.number:02d}",
            )
        }

    def _build_characters_by_id(self) -> dict[str, Character]:
        return {c.id: c for c in self.data.characters}

    def _build_people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.data.people}

    # The name rules (_names.py) are imported when a name index is first built: a cast list needs none.
    def _build_surnames(self) -> dict[tuple[str, str], tuple[str, ...]]:
        from ._names import surnames

        return surnames(self.data.characters, self.data.people, self.findable)

    def _build_by_name(self) -> dict[tuple[str, str], tuple[str, ...]]:
        from ._names import by_name

        return by_name(self.data.characters, self.data.people, self.surnames, self.findable)

    def _build_by_exact_name(self) -> dict[tuple[str, str], tuple[str, ...]]:
        from ._names import by_exact_name

        return by_exact_name(self.data.characters, self.data.people, self.by_name, self.findable)

    def _build_character_keys(self) -> dict[str, Character]:
        """Each character by id and by every name or alias spelled as in the data that names it alone."""
        return _keys("character", self.characters_by_id, self.by_exact_name)

    def _build_person_keys(self) -> dict[str, Person]:
        """Each person by id and by every name spelled as in the data that names them alone."""
        return _keys("person", self.people_by_id, self.by_exact_name)

    # A season's cast is gathered when first asked for: from a snapshot, only that season's
    # castings (and the people and characters they name) are built.
    def _build_castings_by_season(self) -> dict[int, tuple[Casting, ...]]:
        return _BySeason(self._castings_in)

    def _castings_in(self, number: int) -> tuple[Casting, ...] | None:
        if number not in self.seasons_by_number:
            return None
        if self.select is None:
            return tuple(c for c in self.data.castings if c.season == number)
        return tuple(sorted(self.select("castings", "season", number), key=CANONICAL_ORDER["castings"]))

    def _build_undisputed_by_season(self) -> dict[int, tuple[Casting, ...]]:
        return _BySeason(self._undisputed_in)

    def _undisputed_in(self, number: int) -> tuple[Casting, ...] | None:
        castings = self.castings_by_season[number]  # no season of the data: a KeyError
        return tuple(c for c in castings if not c.disputed)

    def _build_castings_by_actor(self) -> dict[str, tuple[Casting, ...]]:
        by_actor: dict[str, list[Casting]] = defaultdict(list)
        for casting in self.data.castings:
            by_actor[casting.actor.id].append(casting)
        return {k: tuple(v) for k, v in by_actor.items()}

    def _build_castings_by_character(self) -> dict[str, tuple[Casting, ...]]:
        by_character: dict[str, list[Casting]] = defaultdict(list)
        for casting in self.data.castings:
            if casting.character is not None:
                by_character[casting.character.id].append(casting)
        return {k: tuple(sorted(v, key=lambda c: (c.season, c.version or ""))) for k, v in by_character.items()}

    # The appearances and the timeline are imported when first needed: a first cast list needs neither.
    def _build_appearances(self) -> AppearanceIndex:
        from ._appearances import AppearanceIndex

        return AppearanceIndex(self.data.appearances)

    def _build_events(self) -> EventIndex:
        from ._events import EventIndex

        return EventIndex(self.data.events)

    def _build_timeline(self) -> Timeline:
        from ._timeline_queries import Timeline

        return Timeline(self.data)

    def _build_ages(self) -> dict[tuple[str, int], Age]:
        return self.timeline.ages


class _BySeason(dict[int, "tuple[Casting, ...]"]):
    """Castings by season number, each season's gathered when first asked for (``[number]``).

    ``gather(number)`` gives the season's castings, or None for no season of the data (a
    ``KeyError`` then, as from a plain dict).
    """

    __slots__ = ("_gather",)

    def __init__(self, gather: Callable[[int], tuple[Casting, ...] | None]) -> None:
        super().__init__()
        self._gather = gather

    def __missing__(self, number: int) -> tuple[Casting, ...]:
        found = self._gather(number) if type(number) is int else None
        if found is None:
            raise KeyError(number)
        self[number] = found
        return found


_Record = TypeVar("_Record", "Character", "Person")


def _keys(kind: str, by_id: dict[str, _Record], exact: dict[tuple[str, str], tuple[str, ...]]) -> dict[str, _Record]:
    """The records of ``kind`` by exact name, then by id (an id wins over a name spelled the same)."""
    found = {name: by_id[ids[0]] for (k, name), ids in exact.items() if k == kind}
    found.update(by_id)
    return found
