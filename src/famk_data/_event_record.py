"""The event record: a step of the show's alternate history beside real history."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._by_value import ByValue
from ._dates import PartialDate
from ._dispute import Dispute
from ._episodes import Episode
from ._event_kinds import Divergence, EventCategory
from ._models import Character
from ._validators import check_cited, check_slug, check_text, typed
from ._values import Derivation, Note, Source, brief

__all__ = ["Event"]


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Event(ByValue):
    """An event of the show's world, dated in-universe, beside what really happened.

    *For All Mankind* is an alternate history: the Soviets land on the Moon first and
    everything after bends. An event is one step of that history, with its real-world
    counterpart where there is one. Each side is cited: a source's ``supports`` names the
    fields it states, and a year taken from an episode's setting is a derivation.
    ``category`` and ``divergence`` are the dataset's classification of the cited facts, as
    ``id`` is its name for them: no source is needed for them.

    Attributes:
        id: A public slug describing the event, such as ``"soviet-first-moon-landing"``.
        summary: What happens in the show's world, in one sentence in the dataset's own words.
        when: The in-universe date, with the precision the evidence supports (a range of
            years, a year, a month or a day), or ``None`` when nothing dates it.
        episode: The :class:`Episode` that shows the event or first states it, or ``None``
            when no source says which.
        category: What kind of event it is (:class:`EventCategory`).
        characters: The :class:`Character` records (real or fictional) it involves, as the
            sources name them; empty when it involves none that the data holds.
        real_history: What really happened instead, in the dataset's own words (for an event
            that matches real history, what happened); ``None`` when there is no counterpart.
        real_when: The date of the real counterpart, with its precision, or ``None`` when
            there is no counterpart or no source dates it.
        divergence: Whether the event diverges from real history, matches it, or has no
            counterpart (:class:`Divergence`).
        sources: Where the facts come from.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
        disputes: Fields on which sources disagree: each value, the one taken, and why.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("summary", "when", "episode", "characters", "real_history", "real_when")

    id: str = attrs.field(validator=check_slug)
    summary: str = attrs.field(validator=check_text)
    when: PartialDate | None
    episode: Episode | None
    category: EventCategory
    characters: tuple[Character, ...]
    real_history: str | None = attrs.field(validator=check_text)
    real_when: PartialDate | None
    divergence: Divergence
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.divergence is Divergence.NONE:
            if self.real_history is not None or self.real_when is not None:
                raise ValueError("an event with no real counterpart (divergence 'none') has no real_history, real_when")
        elif self.real_history is None:
            raise ValueError(f"an event that {self.divergence.value} real history needs its real_history")
        ids = [character.id for character in self.characters]
        if len(set(ids)) != len(ids):
            raise ValueError(f"characters names a character twice: {ids}")
        check_cited(self)

    def __str__(self) -> str:
        when = "date unknown" if self.when is None else str(self.when)
        return f"{when}: {self.summary}"

    def __repr__(self) -> str:
        """``<Event id: when, divergence: summary>``.

        Examples:
            >>> import famk_data
            >>> famk_data.event("soviet-first-moon-landing")  # doctest: +ELLIPSIS
            <Event soviet-first-moon-landing: 1969-..., diverges: ...>
        """
        when = "date unknown" if self.when is None else str(self.when)
        return brief(self, f"{self.id}: {when}, {self.divergence.value}: {self.summary}")
