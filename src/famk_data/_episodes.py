"""The episode record, and the values only an episode holds: its writing credits and cast coverage."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

import attrs

from ._by_value import ByValue
from ._dispute import Dispute
from ._validators import (
    EPISODE_ID,
    check_casting_keys,
    check_cited,
    check_positive,
    check_runtime,
    check_text,
    check_texts,
    check_years,
    matching,
    typed,
)
from ._values import Derivation, ExternalIds, Note, Source, _clipped, brief
from .exceptions import ArgumentValueError

__all__ = ["CastCoverage", "Episode", "WritingCredit", "WritingRole"]


class CastCoverage(enum.Enum):
    """How much of an episode's credited cast the dataset knows."""

    #: A list of the episode's whole credited cast was read.
    COMPLETE = "complete"
    #: Only some of the credited cast is known (recaps and reviews, or a list that may leave people out).
    PARTIAL = "partial"


class WritingRole(enum.Enum):
    """The form of a writing credit, as the episode's credits give it."""

    WRITTEN_BY = "written by"
    STORY_BY = "story by"
    TELEPLAY_BY = "teleplay by"


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class WritingCredit(ByValue):
    """One writer's credit on an episode.

    Attributes:
        name: The writer's name as credited.
        role: The form of the credit: written by, story by or teleplay by.
    """

    name: str = attrs.field(validator=check_text, repr=_clipped)
    role: WritingRole

    def __str__(self) -> str:
        return self.name if self.role is WritingRole.WRITTEN_BY else f"{self.name} ({self.role.value})"


def _derived(record: Any, field: str) -> bool:
    return any(derivation.field == field for derivation in record.derivations)


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Episode(ByValue):
    """An episode.

    Attributes:
        id: ``"s02e10"`` for Season 2, episode 10.
        season: The season number.
        number: The episode's number within its season.
        overall: The episode's number within the whole series.
        title: The title as credited, or ``None`` if no source gives it.
        release_date: US release date on Apple TV+, or ``None`` if unknown.
        directors: Directors in credit order, or ``None`` if unknown.
        writers: Writing credits in credit order, or ``None`` if unknown.
        runtime_minutes: Running time in minutes, or ``None`` if unknown.
        years: In-universe years the episode is set in, ascending, or ``None`` if unknown.
        ids: Cross-references to other databases.
        cast_coverage: How much of the episode's credited cast the ``appearances`` table holds:
            complete, partial, or ``None`` when no page listing its cast was read.
        absent_cast: Keys of castings of the season whose character a source says does not
            appear in the episode (so a complete cast list that lacks them is still complete).
        sources: Where the facts come from.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
        disputes: Fields on which sources disagree: each value, the one taken, and why.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "release_date",
        "directors",
        "writers",
        "runtime_minutes",
        "years",
        "ids",
        "cast_coverage",
        "absent_cast",
    )

    id: str = attrs.field(validator=matching(EPISODE_ID, "an episode id such as 's02e10'"))
    season: int = attrs.field(validator=check_positive)
    number: int = attrs.field(validator=check_positive)
    overall: int = attrs.field(validator=check_positive)
    title: str | None = attrs.field(validator=check_text)
    release_date: dt.date | None
    directors: tuple[str, ...] | None = attrs.field(validator=check_texts)
    writers: tuple[WritingCredit, ...] | None
    runtime_minutes: int | None = attrs.field(validator=check_runtime)
    years: tuple[int, ...] | None = attrs.field(validator=check_years)
    ids: ExternalIds
    cast_coverage: CastCoverage | None = attrs.field(default=None, kw_only=True)
    absent_cast: tuple[str, ...] = attrs.field(default=(), kw_only=True, validator=check_casting_keys)
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.id != f"s{self.season:02d}e{self.number:02d}":
            raise ArgumentValueError(f"id {self.id!r} does not match season {self.season}, number {self.number}")
        if self.years is not None and (not self.years or list(self.years) != sorted(set(self.years))):
            raise ArgumentValueError("years must be ascending, unique and non-empty (or None)")
        check_cited(self)

    @property
    def release_date_derived(self) -> bool:
        """Whether ``release_date`` is derived (from an announced schedule) rather than stated.

        Kept for compatibility with data format 1, which had only this flag; it is computed
        from :attr:`derivations`.
        """
        return _derived(self, "release_date")

    @property
    def code(self) -> str:
        """The episode's code as people write it, such as ``"S01E01"``.

        Examples:
            >>> import famk_data
            >>> famk_data.episode(2, 10).code
            'S02E10'
            >>> famk_data.episode("S01E01")
            <Episode S01E01 'Red Moon' (2019-11-01)>
        """
        return f"S{self.season:02d}E{self.number:02d}"

    def __str__(self) -> str:
        return f"{self.code} {self.title or '(title unknown)'}"

    def __repr__(self) -> str:
        title = "(title unknown)" if self.title is None else repr(self.title)
        released = "release date unknown" if self.release_date is None else str(self.release_date)
        return brief(self, f"{self.code} {title} ({released})")
