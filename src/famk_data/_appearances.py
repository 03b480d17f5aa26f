"""Appearances: who is credited in each episode, and the episodes of a character or a person.

What the data knows about an episode's cast depends on its :attr:`Episode.cast_coverage`:
``complete`` (a list of its whole credited cast was read), ``partial`` or ``None`` (nothing
read). Every answer here is what the data knows; where coverage cannot settle a question,
the answer says so (``None``) rather than guess.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Final

from ._args import require_text
from ._episodes import CastCoverage, Episode
from ._models import Character, Person
from ._values import Billing
from .exceptions import AmbiguousNameError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from ._appearance_record import Appearance
    from ._models import Casting
    from ._protocols import Queries

__all__ = [
    "BILLING_RULE",
    "AppearanceIndex",
    "appearances_in",
    "billing_from_appearances",
    "episodes_of",
    "first_appearance",
    "last_appearance",
]

#: The rule by which a casting's billing is derived from the appearances, when no source states it.
BILLING_RULE: Final = (
    "Billing counted from the episode credits: credited in two or more episodes of the season (the inputs) "
    "is recurring; credited in exactly one, when every episode of the season has its complete credited cast "
    "in the data, is a guest role."
)


class AppearanceIndex:
    """The appearances of one dataset, indexed by episode, character and person (built once)."""

    __slots__ = ("by_casting", "by_character", "by_episode", "by_person")

    def __init__(self, appearances: Iterable[Appearance]) -> None:
        by_episode: dict[str, list[Casting]] = defaultdict(list)
        by_casting: dict[str, list[Episode]] = defaultdict(list)
        by_character: dict[str, dict[str, Episode]] = defaultdict(dict)
        by_person: dict[str, dict[str, Episode]] = defaultdict(dict)
        for appearance in appearances:  # in canonical order: by episode, then credit order
            episode, casting = appearance.episode, appearance.casting
            by_episode[episode.id].append(casting)
            by_casting[casting.key].append(episode)
            if casting.character is not None:
                by_character[casting.character.id][episode.id] = episode
            by_person[casting.actor.id][episode.id] = episode
        self.by_episode: Mapping[str, tuple[Casting, ...]] = {k: tuple(v) for k, v in by_episode.items()}
        self.by_casting: Mapping[str, tuple[Episode, ...]] = {k: tuple(v) for k, v in by_casting.items()}
        self.by_character: Mapping[str, tuple[Episode, ...]] = {k: tuple(v.values()) for k, v in by_character.items()}
        self.by_person: Mapping[str, tuple[Episode, ...]] = {k: tuple(v.values()) for k, v in by_person.items()}


def appearances_in(data: Queries, index: AppearanceIndex, episode: str | Episode) -> tuple[Casting, ...]:
    """The castings credited in an episode: in credit order where the page read gives one.

    Where the episode's :attr:`~Episode.cast_coverage` is partial, this is the part of its
    cast the data knows; where it is ``None``, nothing is known and the tuple is empty.
    """
    return index.by_episode.get(data.episode(episode).id, ())


def _lookup(find: Callable[[str], Character | Person], text: str) -> Character | Person | NotFoundError:
    try:
        return find(text)
    except NotFoundError as error:
        return error


def _character_or_person(data: Queries, who: str | Character | Person) -> Character | Person:
    """A Character or Person as given, or the one a name or id names; both at once is an error."""
    if isinstance(who, Character):
        return data.character(who)
    if isinstance(who, Person):
        return data.person(who)
    text = require_text(who, "character or person")
    answers = [_lookup(data.character, text), _lookup(data.person, text)]
    found = [answer for answer in answers if not isinstance(answer, NotFoundError)]
    misses = [answer for answer in answers if isinstance(answer, NotFoundError)]
    if len(found) == 2:
        character, person = found
        raise AmbiguousNameError(
            "character or person",
            text,
            [f"the character {character.id!r}", f"the person {person.id!r}"],
            "pass the Character or the Person (Dataset.character(...) or Dataset.person(...))",
        )
    if found:
        return found[0]
    hints = dict.fromkeys(error.hint for error in misses)
    raise NotFoundError("character or person", text if len(text) <= 60 else f"{text[:59]}…", "; ".join(hints))


def episodes_of(data: Queries, index: AppearanceIndex, who: str | Character | Person) -> tuple[Episode, ...]:
    """The episodes a character or a person is credited in, in order (as far as coverage goes)."""
    found = _character_or_person(data, who)
    table = index.by_character if isinstance(found, Character) else index.by_person
    return table.get(found.id, ())


def _settled(data: Queries, seasons: Iterable[int], keep: Callable[[int, int], bool]) -> bool:
    """Whether every episode (season, number) of ``seasons`` that ``keep`` selects has a complete cast."""
    for number in seasons:
        for episode_number in range(1, data.season(number).episode_count + 1):
            if not keep(number, episode_number):
                continue
            try:
                coverage = data.episode(number, episode_number).cast_coverage
            except NotFoundError:
                return False
            if coverage is not CastCoverage.COMPLETE:
                return False
    return True


def _holds_the_end(data: Queries, final: Episode) -> bool:
    """Whether ``data`` holds ``final``, its full dataset's last episode (a full dataset, or a view as of it)."""
    as_of = data.as_of_episode
    return as_of is None or as_of.id == final.id


def first_appearance(data: Queries, index: AppearanceIndex, character: str | Character) -> Episode | None:
    """The first episode crediting a character, or ``None`` when the data cannot tell.

    The earliest known appearance is the first only if every earlier episode of the seasons
    the character is cast in has a complete credited cast (an episode can credit a character
    only in a season with a casting of them).
    """
    found = data.character(character)
    episodes = index.by_character.get(found.id, ())
    if not episodes:
        return None
    first = episodes[0]
    seasons = {casting.season for casting in data.actors_of(found) if casting.season <= first.season}
    earlier = _settled(data, seasons, lambda season, number: (season, number) < (first.season, first.number))
    return first if earlier else None


def last_appearance(
    data: Queries, index: AppearanceIndex, character: str | Character, final: Episode
) -> Episode | None:
    """The last episode crediting a character, or ``None`` when the data cannot tell.

    The latest known appearance is the last only if every later episode of the seasons the
    character is cast in has a complete credited cast. A spoiler-safe view as of any episode
    but the dataset's last (``final``) cannot tell: what follows its episode is hidden from it.
    """
    found = data.character(character)
    episodes = index.by_character.get(found.id, ())
    if not episodes or not _holds_the_end(data, final):
        return None
    last = episodes[-1]
    seasons = {casting.season for casting in data.actors_of(found) if casting.season >= last.season}
    later = _settled(data, seasons, lambda season, number: (season, number) > (last.season, last.number))
    return last if later else None


def billing_from_appearances(
    data: Queries, index: AppearanceIndex, casting: Casting
) -> tuple[Billing | None, tuple[str, ...]]:
    """The billing :data:`BILLING_RULE` gives a casting, and the episode ids it counts.

    ``None`` when the appearances cannot settle it: one known episode in a season whose
    credits are not all known, or none.
    """
    episodes = tuple(e.id for e in index.by_casting.get(casting.key, ()))
    if len(episodes) >= 2:
        return Billing.RECURRING, episodes
    if len(episodes) == 1 and _settled(data, [casting.season], lambda _season, _number: True):
        return Billing.GUEST, episodes
    return None, episodes
