"""The records of who plays whom: people, characters and castings.

Frozen, slotted attrs classes, one per table (see :mod:`._tables`, which names every table's
record type); the other records have modules of their own (:mod:`._seasons`,
:mod:`._episodes`, :mod:`._appearance_record`, :mod:`._event_record`), so a first cast list
defines only the classes it needs. Every record keeps its optional fields (typed ``X | None``,
where ``None`` means *unknown*), holds its collections as tuples, and validates itself on
construction, so an object you hold is always a consistent one. The values they hold
(sources, births...) are in :mod:`._values` and :mod:`._dates`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import TYPE_CHECKING, ClassVar

import attrs

from ._by_value import ByValue
from ._dates import Birth
from ._dispute import Dispute
from ._validators import (
    check_cited,
    check_positive,
    check_slug,
    check_text,
    check_texts,
    typed,
)
from ._values import (
    Billing,
    CastingStatus,
    Death,
    Derivation,
    ExternalIds,
    Note,
    Source,
    brief,
)
from .exceptions import ArgumentValueError

if TYPE_CHECKING:
    from ._timeline import Age

__all__ = ["Casting", "Character", "Person"]


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Person(ByValue):
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


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Character(ByValue):
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


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Casting(ByValue):
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
