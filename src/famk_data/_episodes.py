"""The show's records: its seasons and episodes (re-exported by :mod:`._models` with the others)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from ._dispute import Dispute
from ._validators import EPISODE_ID, check_casting_keys, check_cited, check_positive, check_text, check_texts
from ._values import CastCoverage, Derivation, ExternalIds, Note, Source, WritingCredit, YearSpan, brief

__all__ = ["Episode", "Season"]


def _unknown(value: object) -> str:
    return "?" if value is None else str(value)


def _derived(record: Any, field: str) -> bool:
    return any(derivation.field == field for derivation in record.derivations)


@attrs.frozen
class Season:
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
            raise ValueError("the finale is before the premiere")
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
        return brief(self, f"{self.number} ({self.premiere} – {_unknown(self.finale)})")


@attrs.frozen
class Episode:
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

    id: str = attrs.field(validator=attrs.validators.matches_re(EPISODE_ID))
    season: int = attrs.field(validator=check_positive)
    number: int = attrs.field(validator=check_positive)
    overall: int = attrs.field(validator=check_positive)
    title: str | None = attrs.field(validator=check_text)
    release_date: dt.date | None
    directors: tuple[str, ...] | None = attrs.field(validator=check_texts)
    writers: tuple[WritingCredit, ...] | None
    runtime_minutes: int | None = attrs.field(validator=attrs.validators.optional(check_positive))
    years: tuple[int, ...] | None
    ids: ExternalIds
    cast_coverage: CastCoverage | None = attrs.field(default=None, kw_only=True)
    absent_cast: tuple[str, ...] = attrs.field(default=(), kw_only=True, validator=check_casting_keys)
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    disputes: tuple[Dispute, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.id != f"s{self.season:02d}e{self.number:02d}":
            raise ValueError(f"id {self.id!r} does not match season {self.season}, number {self.number}")
        if self.years is not None and (not self.years or list(self.years) != sorted(set(self.years))):
            raise ValueError("years must be ascending, unique and non-empty (or None)")
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
