"""The records of the dataset: seasons, episodes, characters, people, castings, appearances.

Frozen, slotted attrs classes, one per table (see :mod:`._tables`); the seasons and episodes
are defined in :mod:`._episodes`, and every record is imported from here. Every record keeps its
optional fields (typed ``X | None``, where ``None`` means *unknown*), holds its collections as
tuples, and validates itself on construction, so an object you hold is always a consistent
one. The values they hold (sources, births, ages...) are in :mod:`._values`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import ClassVar

import attrs

from ._dates import Birth, PartialDate
from ._dispute import Dispute
from ._episodes import Episode, Season
from ._validators import (
    check_cited,
    check_positive,
    check_slug,
    check_text,
    check_texts,
    typed,
)
from ._values import (
    Age,
    Billing,
    CastingStatus,
    Death,
    Derivation,
    Divergence,
    EventCategory,
    ExternalIds,
    Note,
    Source,
    brief,
)
from .exceptions import ArgumentValueError

__all__ = ["Appearance", "Casting", "Character", "Episode", "Event", "Person", "Season"]


@attrs.frozen(field_transformer=typed)
class Person:
    """A real person: a member of the cast.

    Attributes:
        id: Identifier such as ``"joel-kinnaman"``.
        name: Name as credited.
        born: Real birth date, or ``None`` if no reliable source gives it.
        ids: Cross-references to other databases.
        sources: Where the facts come from.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
        disputes: Fields on which sources disagree: each value, the one taken, and why.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "born", "ids")

    id: str = attrs.field(validator=check_slug)
    name: str = attrs.field(validator=check_text)
    born: dt.date | None
    ids: ExternalIds
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()

    def __attrs_post_init__(self) -> None:
        check_cited(self)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return brief(self, f"{self.id}: {self}")


@attrs.frozen(field_transformer=typed)
class Character:
    """A character of the show, fictional or a portrayal of a real historical person.

    Attributes:
        id: Identifier such as ``"ed-baldwin"``.
        name: The name the show mostly uses.
        aliases: Other names and nicknames ("Edward Baldwin", "Ed").
        real_person: ``True`` when the character portrays a real historical person, ``False``
            for an invented character, ``None`` when no source read settles it.
        born: The in-universe birth with its precision (for a real person, the real birth),
            or ``None`` when no source establishes it.
        died: The in-universe death, or ``None`` if the character is not known to die.
        ids: Cross-references to other databases.
        sources: Where the facts come from.
        notes: Caveats, evidence and disagreements between sources.
        derivations: How the values no source states were worked out.
        disputes: Fields on which sources disagree: each value, the one taken, and why.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "aliases", "real_person", "born", "died", "ids")

    id: str = attrs.field(validator=check_slug)
    name: str = attrs.field(validator=check_text)
    aliases: tuple[str, ...] = attrs.field(validator=check_texts)
    real_person: bool | None
    born: Birth | None
    died: Death | None
    ids: ExternalIds
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (
            self.born is not None
            and self.died is not None
            and self.died.year is not None
            and self.died.year < self.born.earliest_year
        ):
            raise ArgumentValueError("died before being born")
        check_cited(self)

    def age_in(self, year: int) -> Age:
        """Deprecated: the age the character reaches during ``year``, judged on this record alone.

        .. deprecated:: 0.6.0
           Ask :meth:`Dataset.age_in <famk_data.Dataset.age_in>` or :func:`famk_data.age_in`,
           which also weigh the seasons the character appears in. This method warns with a
           :class:`DeprecationWarning` and will be removed in famk-data 0.7.0.

        A record on its own holds only two pieces of evidence of life: the birth and a death
        whose year is known. So this answers for the years from a birth to a known death, and
        refuses the years after the birth of a character who is not known to die (most of
        them), where :meth:`Dataset.age_in <famk_data.Dataset.age_in>` answers.

        Raises:
            ArgumentTypeError: ``year`` is not an int.
            ArgumentValueError: ``year`` is before the earliest possible birth, or after the death.
            UnknownFactError: no source establishes the birth, the character may not be born
                yet in ``year``, or the record does not establish them alive in ``year``.

        Examples:
            >>> import warnings, famk_data
            >>> with warnings.catch_warnings(record=True) as caught:
            ...     warnings.simplefilter("always")
            ...     age = famk_data.character("Deke Slayton").age_in(1974)
            >>> str(age), caught[0].category.__name__
            ('50', 'DeprecationWarning')
            >>> famk_data.age_in("Ed Baldwin", 2012)  # the spelling to use instead
            Age(low=79, high=83)
        """
        warnings.warn(
            "Character.age_in is deprecated and will be removed in famk-data 0.7.0: use Dataset.age_in or"
            " famk_data.age_in, which also weigh the seasons the character appears in",
            DeprecationWarning,
            stacklevel=2,
        )
        from ._timeline import record_age_in

        return record_age_in(self, year)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return brief(self, f"{self.id}: {self}")


@attrs.frozen(field_transformer=typed)
class Casting:
    """Who plays a character in a season.

    Attributes:
        actor: The :class:`Person` playing the part.
        character: The :class:`Character` played, or ``None`` when the actor's casting is
            known but no source names the part.
        season: The season number.
        billing: How the part is credited that season, or ``None`` when no source says
            whether a part outside the series regulars is recurring or a guest role.
        order: Position in the season's credits (main cast first), from 1.
        version: Which version of a character recast by age this is ("child", "teen",
            "adult"...), or ``None`` where the show does not recast.
        status: How the casting is known (credited, announced or disputed), or ``None`` when
            the data does not say (data format 1).
        sources: Where the facts come from.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
        disputes: Fields on which sources disagree: each value, the one taken, and why.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("actor", "character", "billing", "version", "status")

    actor: Person
    character: Character | None
    season: int = attrs.field(validator=check_positive)
    billing: Billing | None
    order: int = attrs.field(validator=check_positive)
    version: str | None = attrs.field(validator=check_text)
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    status: CastingStatus | None = None

    def __attrs_post_init__(self) -> None:
        check_cited(self)

    @property
    def disputed(self) -> bool:
        """Whether the casting is disputed: reported, but omitted or contradicted by a later or better source."""
        return self.status is CastingStatus.DISPUTED

    @property
    def part(self) -> str:
        """The part as people read it: the character's name (with the version), or ``"part not named"``.

        Examples:
            >>> import famk_data
            >>> famk_data.cast_for(1)[0].part
            'Ed Baldwin'
        """
        if self.character is None:
            return "part not named"
        return self.character.name + (f" ({self.version})" if self.version else "")

    @property
    def key(self) -> str:
        """The casting's stable identifier, such as ``"s5/alex-poletov/adult"``.

        It is the season, the character's id and the version, if any. A part no source names
        is keyed by the actor instead: ``"s5/actor:costa-ronin"``. A character id never holds
        a colon, so the two forms cannot collide.
        """
        part = f"actor:{self.actor.id}" if self.character is None else self.character.id
        key = f"s{self.season}/{part}"
        return key if self.version is None else f"{key}/{self.version}"

    def __str__(self) -> str:
        if self.character is None:
            return f"{self.actor.name} (part not named)"
        version = f" ({self.version})" if self.version else ""
        return f"{self.actor.name} as {self.character.name}{version}"

    def __repr__(self) -> str:
        """``<Casting key: who as whom>``, marked when disputed.

        Examples:
            >>> import famk_data
            >>> famk_data.cast_for(1)[0]
            <Casting s1/ed-baldwin: Joel Kinnaman as Ed Baldwin>
        """
        return brief(self, f"{self.key}: {self}" + (" (disputed)" if self.disputed else ""))


@attrs.frozen(repr=False, field_transformer=typed)
class Appearance:
    """A casting credited in an episode: who plays whom in that episode.

    Attributes:
        episode: The :class:`Episode`.
        casting: The :class:`Casting` credited (its season is the episode's).
        order: Position in the episode's credits, from 1, or ``None`` where the page read
            does not give credit order (a recap naming actors as they come up).
        sources: The pages that list the episode's cast with this casting in it.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
        disputes: Fields on which sources disagree: each value, the one taken, and why.

    Examples:
        >>> import famk_data
        >>> data = famk_data.load("0.4.0")
        >>> cited = Source(None, "s01e01", "the episode's credits", ("casting", "order"))
        >>> first = Appearance(data.episode("S01E01"), data.cast_for(1)[0], 1, (cited,), ())
        >>> first
        <Appearance s01e01/s1/ed-baldwin: Joel Kinnaman as Ed Baldwin, credited #1>
        >>> first.key
        's01e01/s1/ed-baldwin'
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("casting", "order")

    episode: Episode
    casting: Casting
    order: int | None = attrs.field(validator=attrs.validators.optional(check_positive))
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.casting.season != self.episode.season:
            raise ArgumentValueError(
                f"casting {self.casting.key!r} is of Season {self.casting.season}, "
                f"not of {self.episode.id}'s Season {self.episode.season}"
            )
        check_cited(self)

    @property
    def key(self) -> str:
        """The appearance's stable identifier: episode id and casting key, such as ``"s02e05/s2/molly-cobb"``."""
        return f"{self.episode.id}/{self.casting.key}"

    def __repr__(self) -> str:
        """``<Appearance key: who as whom, credit number>``."""
        order = "" if self.order is None else f", credited #{self.order}"
        return brief(self, f"{self.key}: {self.casting}{order}")


@attrs.frozen(repr=False)
class Event:
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
