"""The event queries of :class:`~famk_data.Dataset`: one-line delegations to :mod:`._events`.

The capability module is imported by the first event query, not with the Dataset.

A mixin, so the Dataset's own module stays a short façade; the rules live in :mod:`._events`
(and docs/alternate-history.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._episodes import Episode
    from ._event_kinds import EventCategory
    from ._event_record import Event
    from ._indexes import Indexes
    from ._models import Character, Person
    from ._seasons import Season

__all__ = ["EventQueries"]


class EventQueries:
    """The alternate history: the show's dated events, beside what really happened."""

    __slots__ = ("events",)

    _index: Indexes
    #: The events of the show's world, in chronological order (see :doc:`/alternate-history`).
    events: tuple[Event, ...]

    def event(self, key: str | Event) -> Event:
        """The event with this id (or this dataset's record of an :class:`Event`).

        Raises:
            NotFoundError: no event has the id; the message suggests the closest ids.

        Examples:
            >>> import famk_data
            >>> famk_data.load("0.6.0").event("soviet-first-moon-landing").divergence
            <Divergence.DIVERGES: 'diverges'>
        """
        from ._events import event

        return event(self._index.events, key)

    def events_in(
        self, when: int | Season | Episode | str | None = None, *, season: int | None = None
    ) -> tuple[Event, ...]:
        """The events of a year, a season or an episode, in chronological order.

        A year (an ``int``) gives the events that *can* fall in it (an event dated 1994–1995 is
        in both years). A season (a :class:`Season`, or ``season=2``) gives the events shown in
        its episodes, and those no source places in an episode whose date lies wholly within
        the season's years. An episode (an :class:`Episode` or a code such as ``"S02E01"``)
        gives the events it shows or first states. See :doc:`/alternate-history`.

        Raises:
            ArgumentValueError: both or neither of ``when`` and ``season`` are given.
            ArgumentTypeError: ``when`` is not a year, a Season, an Episode or a code.
            NotFoundError: no such season or episode.

        Examples:
            >>> import famk_data
            >>> data = famk_data.load("0.6.0")
            >>> [e.id for e in data.events_in(1969)][:2]  # doctest: +SKIP
            >>> all(1983 in e.when for e in data.events_in(1983))
            True
        """
        from ._events import events_in

        return events_in(self._index.data, self._index.events, when, season=season)

    def events_of(self, character_or_person: str | Character | Person) -> tuple[Event, ...]:
        """The events a character is involved in; for a person, those of the characters they play.

        A name that names both a character and a person raises
        :class:`~famk_data.AmbiguousNameError`, as in :meth:`episodes_of`.
        """
        from ._events import events_of

        return events_of(self._index.data, self._index.events, character_or_person)

    def divergences(self, category: EventCategory | str | None = None) -> tuple[Event, ...]:
        """The events that diverge from real history, in chronological order, of one category if given.

        Raises:
            ArgumentValueError: ``category`` is not an :class:`EventCategory` value (the message lists them).
        """
        from ._events import divergences

        return divergences(self._index.events, category)
