"""The timeline's queries over a dataset: what is set when, and who the data establishes alive when.

The rule itself (documented for users in ``docs/timeline.md``) is :class:`._timeline.Life`;
this module gathers the evidence a whole dataset holds, weighs it once per character, and
answers the year queries.

Evidence comes from the evidence sources in :data:`EVIDENCE`, each a small function from a
dataset to ``(character id, Sighting)`` pairs: castings (a season's span) and credited
appearances (an episode's years).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._args import require_int
from ._timeline import Life, Sighting

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from ._episodes import Episode
    from ._models import Character
    from ._protocols import Queries, Tables
    from ._seasons import Season
    from ._timeline import Age

__all__ = ["EVIDENCE", "Timeline"]


def _span(years: tuple[int, ...]) -> str:
    return ", ".join(map(str, years))


def season_sightings(data: Tables) -> Iterator[tuple[str, Sighting]]:
    """A casting in a season shows the character alive at some year of the season's span.

    Only at *some* year: so a season is evidence of life at or before Y when its whole span
    is (its last year is at most Y), and of life at or after Y when its first year is at
    least Y. A season whose span is unknown is no evidence; one whose last year is unknown
    (Season 5, "2012–?") is evidence of life at or after its first year only. A disputed
    casting is no evidence, and neither is a part no source names.
    """
    seasons = {season.number: season for season in data.seasons}
    for casting in data.castings:
        if casting.character is None or casting.disputed:
            continue
        season = seasons.get(casting.season)
        span = None if season is None else season.years
        if span is not None:
            what = f"appearing in Season {casting.season} (set in {span})"
            yield casting.character.id, Sighting(span.start, span.end, what)


def appearance_sightings(data: Tables) -> Iterator[tuple[str, Sighting]]:
    """A credit in an episode whose in-universe years are known shows the character alive then.

    Sharper than a season's span: Season 2 spans 1983–1995 because of its finale's
    flash-forward, but a part credited in S02E01 (set in 1983) is seen in 1983. An episode set
    in several years is evidence of life at some year among them, like a season. A disputed
    casting or an unnamed part is no evidence, as for seasons.
    """
    for appearance in data.appearances:
        casting, years = appearance.casting, appearance.episode.years
        if casting.character is None or casting.disputed or years is None:
            continue
        what = f"appearing in {appearance.episode.code} (set in {_span(years)})"
        yield casting.character.id, Sighting(years[0], years[-1], what)


#: Where evidence of life comes from, besides a character's own birth and death.
EVIDENCE: Final[tuple[Callable[[Tables], Iterator[tuple[str, Sighting]]], ...]] = (
    season_sightings,
    appearance_sightings,
)


def death_bound(
    character: Character, episodes: Mapping[str, Episode], seasons: Mapping[int, Season]
) -> tuple[int, str] | None:
    """The latest year a death of unknown year can be in, from the episode that shows it.

    A death happens or is revealed in its episode, so it is no later than the episode's last
    year (or, when the episode's years are unknown, its season's last year). Only an upper
    bound: a death revealed later may have happened earlier.
    """
    died = character.died
    if died is None or died.year is not None or died.episode is None:
        return None
    episode = episodes.get(died.episode)
    if episode is None:
        return None
    if episode.years is not None:
        latest = episode.years[-1]
        return latest, f"dies by {latest} (in {episode.code}, set in {_span(episode.years)})"
    span = seasons[episode.season].years if episode.season in seasons else None
    if span is None or span.end is None:
        return None
    return span.end, f"dies by {span.end} (in {episode.code}, in Season {episode.season}, set in {span})"


def _season_set_in(season: Season, episodes: tuple[Episode, ...], year: int) -> bool:
    if any(e.years is not None and year in e.years for e in episodes):
        return True
    span = season.years
    # Of a span with an unknown end, only the first year is known to be in it.
    if span is None or not span.start <= year <= (span.start if span.end is None else span.end):
        return False
    # A span can run over years nothing is set in (Season 2: 1983, then a flash-forward to
    # 1995). When every episode's years are known, the episodes decide.
    return not (len(episodes) == season.episode_count and all(e.years is not None for e in episodes))


class Timeline:
    """The timeline queries of one dataset; each character's life is weighed once."""

    __slots__ = ("_data", "_lives", "ages")

    def __init__(self, data: Queries) -> None:
        self._data = data
        self._lives: dict[str, Life] | None = None
        #: The answers of :meth:`age_in` so far, by (the key as given, year); only keys that
        #: are a character's id, name or alias as spelled in the data, so it stays small.
        self.ages: dict[tuple[str, int], Age] = {}

    def lives(self) -> dict[str, Life]:
        """Every character's established life, by character id (weighed on first use)."""
        lives = self._lives
        if lives is None:
            data = self._data
            sightings: dict[str, list[Sighting]] = {c.id: [] for c in data.characters}
            for source in EVIDENCE:
                for character_id, sighting in source(data):
                    sightings.setdefault(character_id, []).append(sighting)
            episodes = {e.id: e for e in data.episodes}
            seasons = {s.number: s for s in data.seasons}
            lives = self._lives = {
                c.id: Life.build(c, sightings[c.id], death_bound(c, episodes, seasons)) for c in data.characters
            }
        return lives

    def age_in(self, character: str | Character, year: int) -> Age:
        """:meth:`Dataset.age_in`."""
        if type(character) is str and type(year) is int:
            age = self.ages.get((character, year))
            if age is not None:
                return age
        found = self._data.character(character)
        require_int(year, "year")
        age = self.lives()[found.id].age_in(year)
        if type(character) is str and (character in (found.id, found.name) or character in found.aliases):
            self.ages[character, year] = age
        return age

    def alive_in(self, year: int) -> tuple[Character, ...]:
        """:meth:`Dataset.alive_in`."""
        require_int(year, "year")
        lives = self.lives()
        return tuple(c for c in self._data.characters if lives[c.id].includes(year))

    def episodes_set_in(self, year: int) -> tuple[Episode, ...]:
        """:meth:`Dataset.episodes_set_in`."""
        require_int(year, "year")
        return tuple(e for e in self._data.episodes if e.years is not None and year in e.years)

    def seasons_set_in(self, year: int) -> tuple[Season, ...]:
        """:meth:`Dataset.seasons_set_in`."""
        require_int(year, "year")
        data = self._data
        return tuple(s for s in data.seasons if _season_set_in(s, data.episodes_in(s), year))
