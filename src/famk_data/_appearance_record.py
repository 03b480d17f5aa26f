"""The appearance record: a casting credited in an episode."""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._by_value import ByValue
from ._dispute import Dispute
from ._episodes import Episode
from ._models import Casting
from ._validators import check_cited, check_positive, typed
from ._values import Derivation, Note, Source, brief
from .exceptions import ArgumentValueError

__all__ = ["Appearance"]


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Appearance(ByValue):
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
