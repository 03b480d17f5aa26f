"""The season record: a season's dates, episode count and in-universe years."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from ._by_value import ByValue
from ._dispute import Dispute
from ._validators import check_cited, check_positive, typed
from ._values import Derivation, Note, Source, YearSpan, brief, unknown
from .exceptions import ArgumentValueError

__all__ = ["Season"]


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Season(ByValue):
    """A season of the show.

    Attributes:
        number: 1 for the first season.
        premiere: US release date of the first episode on Apple TV+.
        finale: US release date of the last episode, or ``None`` if unknown.
        episode_count: Number of episodes.
        years: The in-universe years the season spans, or ``None`` if unknown.
        sources: Where the facts come from.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
        disputes: Fields on which sources disagree: each value, the one taken, and why.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("premiere", "finale", "episode_count", "years")

    number: int = attrs.field(validator=check_positive)
    premiere: dt.date
    finale: dt.date | None
    episode_count: int = attrs.field(validator=check_positive)
    years: YearSpan | None
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.finale is not None and self.finale < self.premiere:
            raise ArgumentValueError("the finale is before the premiere")
        check_cited(self)

    @property
    def id(self) -> str:
        """The season's identifier, such as ``"s01"``."""
        return f"s{self.number:02d}"

    def __str__(self) -> str:
        """The season, its premiere's year and the years it is set in, if known.

        Examples:
            >>> import famk_data
            >>> print(famk_data.season(1))
            Season 1 (2019, set in 1969–1974)
            >>> famk_data.season(1)
            <Season 1 (2019-11-01 – 2019-12-20)>
        """
        setting = "" if self.years is None else f", set in {self.years}"
        return f"Season {self.number} ({self.premiere.year}{setting})"

    def __repr__(self) -> str:
        return brief(self, f"{self.number} ({self.premiere} – {unknown(self.finale)})")
