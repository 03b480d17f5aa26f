"""Finding one record by key: a season by number, an episode by code, a character or person by name.

The accessors of :class:`~famk_data.Dataset` ask these functions, with the dataset's
:class:`~famk_data._indexes.Indexes`. Not found has one rule: a :class:`NotFoundError`
(also a :class:`LookupError`) whose message lists or hints at the valid values.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, TypeVar

from ._args import require_int, require_text, shorten
from ._models import Character, Person
from ._seasons import Season
from .exceptions import AmbiguousNameError, ArgumentTypeError, ArgumentValueError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._episodes import Episode
    from ._indexes import Indexes

__all__ = ["find_character", "find_episode", "find_person", "find_season"]

# Compiled on first use, through re's cache: a code spelled as in the data never needs it.
_CODE: Final = r"\s*(?:[sS](\d{1,4})\s*[eE](\d{1,4})|(\d{1,4})[xX](\d{1,4}))\s*\Z"
_PLURAL: Final = {"character": "characters", "person": "people"}
_Named = TypeVar("_Named", Character, Person)


def find_season(index: Indexes, number: int | Season) -> Season:
    """:meth:`Dataset.season <famk_data.Dataset.season>`."""
    if type(number) is int:
        found = index.seasons_by_number.get(number)
        if found is not None:
            return found
    if isinstance(number, Season):
        return find_season(index, number.number)
    require_int(number, "season")
    seasons = index.data.seasons
    raise NotFoundError("season", number, f"seasons are {seasons[0].number}–{seasons[-1].number}")


def find_episode(index: Indexes, code: str | int | Episode, number: int | None = None) -> Episode:
    """:meth:`Dataset.episode <famk_data.Dataset.episode>`."""
    if number is None and type(code) is str:
        found = index.episodes_by_code.get(code)
        if found is not None:
            return found
    if number is None and not isinstance(code, (str, int)):
        from ._episodes import Episode  # not before a record may be given: a cast list needs no episodes

        if isinstance(code, Episode):
            code = code.id
    if number is None:
        if not isinstance(code, str):
            raise ArgumentTypeError(
                f"give an episode code such as 'S02E10', or a season and a number; got {shorten(code)}"
            )
        match = re.match(_CODE, code)
        if match is None:
            raise ArgumentValueError(f"not an episode code: {shorten(code)}; expected the form 'S02E10'")
        season_text, number_text = (match[1], match[2]) if match[1] else (match[3], match[4])
        season, number = int(season_text), int(number_text)
    else:
        season = require_int(code, "season")
        require_int(number, "episode number")
    record = find_season(index, season)
    try:
        return index.episodes_by_key[season, number]
    except KeyError:
        known = index.episodes_by_season.get(season, ())
        hint = f"Season {season} has episodes 1–{record.episode_count}" + (
            "" if len(known) == record.episode_count else f"; this data version has {len(known)} of them"
        )
        raise NotFoundError("episode", f"S{season:02d}E{number:02d}", hint) from None


def find_character(index: Indexes, key: str | Character) -> Character:
    """:meth:`Dataset.character <famk_data.Dataset.character>`."""
    if type(key) is str:  # an id, or a name spelled as in the data: one dict lookup
        found = index.character_keys.get(key)
        if found is not None:
            return found
    return _find(index, "character", key, index.characters_by_id, Character)


def find_person(index: Indexes, key: str | Person) -> Person:
    """:meth:`Dataset.person <famk_data.Dataset.person>`."""
    if type(key) is str:
        found = index.person_keys.get(key)
        if found is not None:
            return found
    return _find(index, "person", key, index.people_by_id, Person)


def _find(index: Indexes, kind: str, key: object, by_id: Mapping[str, _Named], record_type: type[_Named]) -> _Named:
    if type(key) is str:
        found = by_id.get(key)
        if found is not None:
            return found
        ids = index.by_exact_name.get((kind, key))
        if ids is not None:
            return by_id[ids[0]]
    if isinstance(key, record_type):
        key = key.id
    from ._names import fold

    text = require_text(key, kind)
    found = by_id.get(text)
    if found is not None:
        return found
    ids = index.by_name.get((kind, fold(text)), ())
    if len(ids) == 1:
        return by_id[ids[0]]
    if ids:
        raise AmbiguousNameError(kind, text, ids)
    raise NotFoundError(kind, text if len(text) <= 60 else f"{text[:59]}…", _not_found_hint(index, kind, text))


def _not_found_hint(index: Indexes, kind: str, text: str) -> str:
    """Close names and surnames of ``kind``, or what else the text names; worded for any caller."""
    from ._names import close_ids, fold

    folded = fold(text[:200])
    by_id: Mapping[str, Character | Person] = index.characters_by_id if kind == "character" else index.people_by_id
    if kind == "character":
        people = [index.people_by_id[i] for i in index.by_name.get(("person", folded), ())]
        parts = {
            p.name: dict.fromkeys(
                c.character.name for c in index.castings_by_actor.get(p.id, ()) if c.character is not None
            )
            for p in people
        }
        if any(parts.values()):
            return "; ".join(f"{name} is a cast member, who plays {', '.join(of)}" for name, of in parts.items() if of)
    else:
        characters = [index.characters_by_id[i] for i in index.by_name.get(("character", folded), ())]
        actors = {
            c.name: dict.fromkeys(k.actor.name for k in index.castings_by_character.get(c.id, ())) for c in characters
        }
        if any(actors.values()):
            return "; ".join(f"{name} is a character, played by {', '.join(by)}" for name, by in actors.items() if by)
    suggestions = dict.fromkeys(by_id[i].name for i in close_ids(kind, text, index.by_name, index.surnames))
    if suggestions:
        return f"did you mean {', '.join(map(repr, suggestions))}?"
    return f"it is not the id, name or alias of any of the {len(by_id)} {_PLURAL[kind]}"
