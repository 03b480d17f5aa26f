"""Finding characters and people by name: folding, aliases, surnames and close matches.

A dataset's :class:`~famk_data._indexes.Indexes` builds these indexes on first use and
:mod:`._lookup` asks them; the rules live here. A surname that several records share names
none of them ("Baldwin" is ambiguous even where the data lists it as an alias of Ed Baldwin
alone), and "did you mean" suggestions consider surnames too.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._models import Character, Person

__all__ = ["NameKey", "by_exact_name", "by_name", "close_ids", "fold", "surname", "surnames"]

#: ``(kind, folded name)``, kind being ``"character"`` or ``"person"``.
NameKey = tuple[str, str]

_SUFFIXES: Final = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def fold(text: str) -> str:
    """Normalise a name for matching: Unicode NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def surname(name: str) -> str | None:
    """The folded last word of a name of two or more words, generational suffixes skipped.

    Examples:
        >>> surname("Albert Gore Jr."), surname("Ed Baldwin"), surname("Ed")
        ('gore', 'baldwin', None)
    """
    words = [word for word in fold(name).split() if word not in _SUFFIXES]
    return words[-1] if len(words) > 1 else None


def _named(characters: Iterable[Character], people: Iterable[Person]) -> Iterable[tuple[str, Character | Person]]:
    for kind, records in (("character", characters), ("person", people)):
        for record in records:
            yield kind, record


def _names(record: Character | Person) -> tuple[str, ...]:
    return (record.name, *getattr(record, "aliases", ()))


def surnames(characters: Iterable[Character], people: Iterable[Person]) -> dict[NameKey, tuple[str, ...]]:
    """``(kind, folded surname)`` -> the ids of the records whose names or aliases end in it."""
    found: dict[NameKey, set[str]] = defaultdict(set)
    for kind, record in _named(characters, people):
        for name in _names(record):
            last = surname(name)
            if last is not None:
                found[kind, last].add(record.id)
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


def by_name(
    characters: Iterable[Character], people: Iterable[Person], shared: Mapping[NameKey, tuple[str, ...]]
) -> dict[NameKey, tuple[str, ...]]:
    """``(kind, folded id, name, alias or shared surname)`` -> the ids of the records it names.

    ``shared`` is :func:`surnames`' index: a surname of several records names all of them.
    """
    found: dict[NameKey, list[str]] = defaultdict(list)
    for kind, record in _named(characters, people):
        for name in {fold(n) for n in (record.id, *_names(record))}:
            found[kind, name].append(record.id)
    for key, ids in shared.items():
        if len(ids) > 1:
            found[key] = sorted({*found.get(key, ()), *ids})
    return {key: tuple(ids) for key, ids in found.items()}


def by_exact_name(
    characters: Iterable[Character], people: Iterable[Person], folded: Mapping[NameKey, tuple[str, ...]]
) -> dict[NameKey, tuple[str, ...]]:
    """Names and aliases exactly as spelled in the data that name one record: found without folding."""
    return {
        (kind, name): ids
        for kind, record in _named(characters, people)
        for name in _names(record)
        if len(ids := folded[kind, fold(name)]) == 1
    }


def close_ids(
    kind: str, text: str, folded: Mapping[NameKey, tuple[str, ...]], shared: Mapping[NameKey, tuple[str, ...]]
) -> list[str]:
    """The ids of ``kind`` whose names, aliases or surnames are close to ``text``, best first."""
    import difflib

    names = {name: ids for (k, name), ids in (*folded.items(), *shared.items()) if k == kind}
    close = difflib.get_close_matches(fold(text[:200]), sorted(names), n=3, cutoff=0.6)
    return list(dict.fromkeys(i for name in close for i in names[name]))
