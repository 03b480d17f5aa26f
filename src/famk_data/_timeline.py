"""The timeline's life rule: in which years the evidence establishes a character alive.

The rule (documented for users in ``docs/timeline.md``): a character is established alive
in year Y when some evidence shows them alive at or before Y, some evidence shows them alive
at or after Y, and no death precedes Y. :class:`Life` is that rule, weighing a character's
birth and death with further evidence (:class:`Sighting`); :mod:`._timeline_queries` gathers the
evidence a whole dataset holds and answers the year queries. The rule reads only a
character's id, name, birth and death (:class:`Lived`), so it needs no record type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from ._args import require_int
from ._by_value import ByValue
from ._validators import typed
from .exceptions import ArgumentValueError, UnknownFactError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._dates import Birth
    from ._values import Death

__all__ = ["Age", "Life", "Lived", "Sighting", "record_age_in"]


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Age(ByValue):
    """An age reached during a year, as a range ``low``–``high`` (equal when exact).

    Attributes:
        low: The youngest the character can be in that year.
        high: The oldest the character can be in that year.

    Examples:
        >>> Age(41, 42)
        Age(low=41, high=42)
        >>> str(Age(41, 42)), str(Age(40, 40)), Age(40, 40).exact
        ('41–42', '40', True)
    """

    low: int
    high: int

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.low <= self.high:
            raise ArgumentValueError(f"impossible age range {self.low}–{self.high}")

    @property
    def exact(self) -> bool:
        """Whether the age is known to the year."""
        return self.low == self.high

    def __str__(self) -> str:
        return str(self.low) if self.exact else f"{self.low}–{self.high}"


class Lived(Protocol):
    """What the life rule reads of a character."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def born(self) -> Birth | None: ...
    @property
    def died(self) -> Death | None: ...


_RECORD_ONLY = (
    " (Character.age_in weighs only the record's birth and death; famk_data.age_in and"
    " Dataset.age_in also weigh the seasons the character appears in)"
)


@attrs.frozen
class Sighting:
    """Evidence that a character is alive at some time in the years ``earliest``–``latest``.

    A birth, a death, an appearance in a season or in an episode: each shows the character
    alive at *some* point of its years, not at every one. ``latest`` is ``None`` when the
    evidence has no known last year (a season whose end is unknown); ``what`` says where the
    evidence comes from, in words that fit after "the latest evidence of life is".
    """

    earliest: int
    latest: int | None
    what: str


@attrs.frozen
class Life:
    """The years the evidence establishes a character alive in (the rule of :doc:`/timeline`).

    A character is established alive in year Y when some evidence shows them alive at or
    before Y (its ``latest`` year is at most Y), some evidence shows them alive at or after Y
    (its ``earliest`` year is at least Y) and no death precedes Y. So the years form one
    span, ``first``–``last``.

    Attributes:
        character: Whose life it is.
        first: The smallest ``latest`` year of the evidence, or ``None`` if there is none.
        last: The largest ``earliest`` year of the evidence, leaving out flashbacks (evidence
            that starts after the death), or ``None`` if there is none.
        last_what: What that last evidence is.
        dead_after: The year after which the character is certainly dead, or ``None``.
        death: How ``dead_after`` is known ("died in 1983"), or ``""``.
    """

    character: Lived = attrs.field(repr=lambda character: repr(character.id))
    first: int | None
    last: int | None
    last_what: str
    dead_after: int | None
    death: str

    @classmethod
    def build(cls, character: Lived, sightings: Iterable[Sighting], death_bound: tuple[int, str] | None = None) -> Life:
        """Weigh the record's own birth and death with further ``sightings``.

        ``death_bound`` is the latest year a death of unknown year can be in, with how that
        is known; the year of a death that the record gives overrides it.
        """
        evidence = list(sightings)
        born, died = character.born, character.died
        if born is not None:
            evidence.append(Sighting(born.earliest_year, born.latest_year, f"being born in {born}"))
        if died is not None and died.year is not None:
            evidence.append(Sighting(died.year, died.year, f"dying in {died.year}"))
            death_bound = (died.year, f"died in {died.year}")
        dead_after, death = death_bound if death_bound is not None else (None, "")
        # Evidence that starts after the death can only be a flashback: it shows no life then.
        alive = [s for s in evidence if dead_after is None or s.earliest <= dead_after]
        last = max(alive, key=lambda s: s.earliest, default=None)
        return cls(
            character,
            first=min((s.latest for s in alive if s.latest is not None), default=None),
            last=None if last is None else last.earliest,
            last_what="" if last is None else last.what,
            dead_after=dead_after,
            death=death,
        )

    def includes(self, year: int) -> bool:
        """Whether the evidence establishes the character alive in ``year``."""
        return self.first is not None and self.last is not None and self.first <= year <= self.last

    def age_in(self, year: int, hint: str = "") -> Age:
        """The age reached during ``year``, if the evidence establishes the character alive then.

        ``hint`` is added to the refusal that more evidence of life could lift.
        """
        name, born = self.character.name, self.character.born
        if born is not None and year < born.earliest_year:
            raise ArgumentValueError(f"{name} was not born yet in {year} (born {born})")
        if self.dead_after is not None and year > self.dead_after:
            raise ArgumentValueError(f"{name} {self.death}, before {year}")
        if born is None:
            raise UnknownFactError(f"the dataset does not know when {name} was born")
        # The birth is evidence, so `first` is at most its latest year.
        if self.first is None or year < self.first:
            raise UnknownFactError(f"{name} may not be born yet in {year} (born {born})")
        if self.last is None or year > self.last:
            raise UnknownFactError(
                f"{name} is not established alive in {year}: the latest evidence of life is {self.last_what},"
                f" which establishes life only up to {self.last}{hint}"
            )
        return Age(max(0, year - born.latest_year), year - born.earliest_year)


def record_age_in(character: Lived, year: int) -> Age:
    """The age ``character`` reaches during ``year``, weighing only its own birth and death.

    What the deprecated :meth:`Character.age_in <famk_data.Character.age_in>` answers.
    """
    require_int(year, "year")
    return Life.build(character, ()).age_in(year, _RECORD_ONLY)
