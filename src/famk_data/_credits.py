"""The ``credits`` table: each appearance joined with its episode, casting, actor and character.

It is what an analyst would otherwise build with three merges (appearances, castings,
episodes), with one column per fact and no name used twice. It is derived from the
dataset's records, never stored: every export (records, pandas, CSV, JSON, JSON Lines,
SQLite) builds it the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._episodes import CastCoverage
from ._values import Billing, CastingStatus

if TYPE_CHECKING:
    from ._appearance_record import Appearance

__all__ = ["Credit", "credit_rows"]

#: The name of the joined table in every export.


def _references(table: str, column: str) -> dict[str, tuple[str, str]]:
    return {"references": (table, column)}


@attrs.frozen
class Credit:
    """One credited appearance of a cast member in an episode, with the facts around it.

    Attributes:
        key: The appearance's key, such as ``"s02e05/s2/molly-cobb"``.
        episode_id: The episode's id, such as ``"s02e05"``.
        episode_code: The episode's code as people write it, such as ``"S02E05"``.
        episode_title: The episode's title, or ``None`` if no source gives it.
        season: The season number.
        episode_number: The episode's number within its season.
        casting_key: The key of the casting credited, such as ``"s2/molly-cobb"``.
        actor_id: The cast member's id.
        actor_name: The cast member's name as credited.
        character_id: The character's id, or ``None`` when no source names the part.
        character_name: The character's name, or ``None`` when no source names the part.
        version: The age version of a character the show recasts by age, or ``None``.
        credit_order: Position in the episode's credits, from 1, or ``None`` where the page
            read does not give credit order.
        billing: How the part is billed that season, or ``None`` when no source says.
        status: How the casting is known (credited, announced or disputed), or ``None``.
        cast_coverage: How much of the episode's credited cast is known: complete, partial,
            or ``None`` when no page listing its cast was read.
    """

    key: str = attrs.field(metadata=_references("appearances", "key"))
    episode_id: str = attrs.field(metadata=_references("episodes", "id"))
    episode_code: str
    episode_title: str | None
    season: int
    episode_number: int
    casting_key: str = attrs.field(metadata=_references("castings", "key"))
    actor_id: str = attrs.field(metadata=_references("people", "id"))
    actor_name: str
    character_id: str | None = attrs.field(metadata=_references("characters", "id"))
    character_name: str | None
    version: str | None
    credit_order: int | None
    billing: Billing | None
    status: CastingStatus | None
    cast_coverage: CastCoverage | None

    @classmethod
    def of(cls, appearance: Appearance) -> Credit:
        """The credit row of one appearance."""
        episode, casting = appearance.episode, appearance.casting
        character = casting.character
        return cls(
            key=appearance.key,
            episode_id=episode.id,
            episode_code=episode.code,
            episode_title=episode.title,
            season=episode.season,
            episode_number=episode.number,
            casting_key=casting.key,
            actor_id=casting.actor.id,
            actor_name=casting.actor.name,
            character_id=None if character is None else character.id,
            character_name=None if character is None else character.name,
            version=casting.version,
            credit_order=appearance.order,
            billing=casting.billing,
            status=casting.status,
            cast_coverage=episode.cast_coverage,
        )

    def __repr__(self) -> str:
        return f"<Credit {self.key}>"


def credit_rows(appearances: tuple[Appearance, ...]) -> tuple[Credit, ...]:
    """The credit rows of ``appearances``, in their (canonical) order."""
    return tuple(Credit.of(appearance) for appearance in appearances)
