"""What kind of event an :class:`~famk_data.Event` is, and how it compares with real history.

Plain enumerations, apart from the record (:mod:`._event_record`), so that the command line
can name the categories without defining any record class.
"""

from __future__ import annotations

import enum

__all__ = ["Divergence", "EventCategory"]


class EventCategory(enum.Enum):
    """What kind of event of the show's world an :class:`Event` is."""

    #: Spaceflight: missions, landings, bases and the space race itself.
    SPACE = "space"
    #: Elections, governments, treaties, wars and public policy.
    POLITICS = "politics"
    #: Inventions and their use on Earth: cars, phones, computers, energy.
    TECHNOLOGY = "technology"
    #: Society, media, music, sport and social change.
    CULTURE = "culture"
    #: A real person's altered fate: a career, a life or a death that went otherwise.
    REAL_PERSON = "real-person"
    #: Accidents and catastrophes, on Earth or in space.
    DISASTER = "disaster"


class Divergence(enum.Enum):
    """How an :class:`Event` of the show's world compares with real history."""

    #: It differs from what really happened (``real_history`` says what did).
    DIVERGES = "diverges"
    #: It happened the same way in both: the show's anchors in real history, such as the
    #: events before the point of divergence.
    MATCHES = "matches"
    #: It has no counterpart in real history (a fictional character's life, a base that never was).
    NONE = "none"
