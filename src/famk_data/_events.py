"""The alternate history: the show's dated events, and what really happened instead.

The queries take the tables and indexes they need (a :class:`EventIndex` and a dataset seen
through :class:`~famk_data._protocols.Queries`), never :class:`~famk_data.Dataset` itself.
Every answer is a tuple of :class:`~famk_data.Event` records in chronological order: by the
in-universe date (earliest year, latest year, month, day; an unknown part sorts first), then
by id; events whose date is unknown come last.

What ``events_in`` means (docs/alternate-history.md says the same for readers):

- a **year** (an ``int``): the events that *can* fall in it, so an event dated 1994–1995 is
  in both 1994 and 1995; an event whose date is unknown is in no year;
- a **season** (a :class:`~famk_data.Season`, or ``season=N``): the events shown or first
  stated in its episodes, and the events that no source places in an episode but whose
  date lies wholly within the season's in-universe years;
- an **episode** (an :class:`~famk_data.Episode` or a code such as ``"S02E01"``): the
  events it shows or first states.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING

from ._appearances import _character_or_person
from ._args import require_int, require_text, shorten
from ._episodes import Episode
from ._event_kinds import Divergence, EventCategory
from ._event_record import Event
from ._models import Character
from ._seasons import Season
from .exceptions import ArgumentTypeError, ArgumentValueError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._models import Person
    from ._protocols import Queries

__all__ = ["EventIndex", "divergences", "event", "event_category", "events_in", "events_of"]


class EventIndex:
    """The events of one dataset by id, by episode and by character (built once)."""

    __slots__ = ("by_character", "by_episode", "by_id", "events")

    def __init__(self, events: Iterable[Event]) -> None:
        self.events = tuple(events)  # in canonical (chronological) order
        by_episode: dict[str, list[Event]] = defaultdict(list)
        by_character: dict[str, list[Event]] = defaultdict(list)
        for record in self.events:
            if record.episode is not None:
                by_episode[record.episode.id].append(record)
            for character in record.characters:
                by_character[character.id].append(record)
        self.by_id: Mapping[str, Event] = {record.id: record for record in self.events}
        self.by_episode: Mapping[str, tuple[Event, ...]] = {k: tuple(v) for k, v in by_episode.items()}
        self.by_character: Mapping[str, tuple[Event, ...]] = {k: tuple(v) for k, v in by_character.items()}


def event(index: EventIndex, key: str | Event) -> Event:
    """The event with this id (or this dataset's record of an :class:`Event`).

    Raises:
        NotFoundError: no event has the id; the message names the closest ids.
        ArgumentTypeError: ``key`` is not a str or an Event.
    """
    if isinstance(key, Event):
        key = key.id
    text = require_text(key, "event id")
    found = index.by_id.get(text) or index.by_id.get(text.strip().casefold())
    if found is not None:
        return found
    close = difflib.get_close_matches(text.casefold(), index.by_id, n=3, cutoff=0.5)
    if close:
        hint = f"did you mean {', '.join(map(repr, close))}?"
    elif index.by_id:
        hint = f"ids are slugs such as {next(iter(index.by_id))!r}; famk_data.events lists all {len(index.by_id)}"
    else:
        hint = "this data version has no events table (it starts with data 0.6.0)"
    raise NotFoundError("event", text if len(text) <= 60 else f"{text[:59]}…", hint)


def events_in(
    data: Queries, index: EventIndex, when: int | Season | Episode | str | None = None, *, season: int | None = None
) -> tuple[Event, ...]:
    """The events of a year, a season or an episode (see the module's rules), in chronological order.

    Raises:
        ArgumentValueError: both or neither of ``when`` and ``season`` are given.
        ArgumentTypeError: ``when`` is none of the kinds above, or ``season`` is not an int.
        NotFoundError: no such season or episode.
    """
    if (when is None) == (season is None):
        raise ArgumentValueError(
            "give one of: a year (events_in(1983)), a season (events_in(season=2) or a Season), "
            "or an episode (events_in('S02E01') or an Episode)"
        )
    if season is not None:
        require_int(season, "season")
        return _in_season(data, index, data.season(season))
    if isinstance(when, Season):
        return _in_season(data, index, data.season(when))
    if isinstance(when, (Episode, str)):
        return index.by_episode.get(data.episode(when).id, ())
    if type(when) is not int:
        raise ArgumentTypeError(
            f"give a year (int), a Season, an Episode or an episode code such as 'S02E01', not {type(when).__name__}"
        )
    return tuple(record for record in index.events if record.when is not None and when in record.when)


def _in_season(data: Queries, index: EventIndex, season: Season) -> tuple[Event, ...]:
    shown = {record.id for e in data.episodes_in(season) for record in index.by_episode.get(e.id, ())}
    years = season.years
    return tuple(
        record
        for record in index.events
        if record.id in shown
        or (
            record.episode is None
            and record.when is not None
            and years is not None
            and record.when.earliest_year in years
            and record.when.latest_year in years
        )
    )


def events_of(data: Queries, index: EventIndex, who: str | Character | Person) -> tuple[Event, ...]:
    """The events a character is involved in; for a person, those of every character they play.

    A name or id may name a character or a person (see :meth:`Dataset.episodes_of
    <famk_data.Dataset.episodes_of>` for one that names both).
    """
    found = _character_or_person(data, who)
    if isinstance(found, Character):
        return index.by_character.get(found.id, ())
    played = {c.character.id for c in data.castings if c.actor.id == found.id and c.character is not None}
    return tuple(record for record in index.events if any(c.id in played for c in record.characters))


def divergences(index: EventIndex, category: EventCategory | str | None = None) -> tuple[Event, ...]:
    """The events that diverge from real history, of one :class:`EventCategory` if given.

    Raises:
        ArgumentValueError: ``category`` is not a category's value (the message lists them).
        ArgumentTypeError: ``category`` is not an EventCategory, a str or None.
    """
    wanted = None if category is None else event_category(category)
    return tuple(
        record
        for record in index.events
        if record.divergence is Divergence.DIVERGES and (wanted is None or record.category is wanted)
    )


def event_category(category: object) -> EventCategory:
    """The :class:`EventCategory` ``category`` names (a member or its value, in any case).

    Raises:
        ArgumentValueError: no category has the value (the message lists them).
        ArgumentTypeError: ``category`` is not an EventCategory or a str.
    """
    if isinstance(category, EventCategory):
        return category
    if not isinstance(category, str):
        raise ArgumentTypeError(f"category must be an EventCategory or its value, not {type(category).__name__}")
    try:
        return EventCategory(category.strip().casefold())
    except ValueError:
        valid = ", ".join(member.value for member in EventCategory)
        raise ArgumentValueError(f"no event category {shorten(category)}; categories are {valid}") from None
