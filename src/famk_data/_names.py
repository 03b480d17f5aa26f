"""Finding characters and people by name: folding, aliases, surnames and close matches.

A dataset's :class:`~famk_data._indexes.Indexes` builds these indexes on first use and
:mod:`._lookup` asks them; the rules live here. A surname that several records share names
none of them ("Baldwin" is ambiguous even where the data lists it as an alias of Ed Baldwin
alone), and "did you mean" suggestions consider surnames too, words that start with the text
first.

A record is found by its name and aliases, or by the names ``names`` gives for it: a
spoiler-safe view finds a record by the names the full data finds it by (see
:mod:`._views`), though it shows fewer aliases.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import TypeAlias

    from ._models import Character, Person

    #: ``(kind, id)`` -> the names (name first) a record is found by, where not its name and aliases.
    Findable: TypeAlias = Mapping[tuple[str, str], tuple[str, ...]]

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


def _named(
    characters: Iterable[Character], people: Iterable[Person], names: Findable | None
) -> Iterable[tuple[str, Character | Person, tuple[str, ...]]]:
    """Each record with its kind and the names it is found by (name first)."""
    for kind, records in (("character", characters), ("person", people)):
        for record in records:
            found = None if names is None else names.get((kind, record.id))
            yield kind, record, (record.name, *getattr(record, "aliases", ())) if found is None else found


def surnames(
    characters: Iterable[Character], people: Iterable[Person], names: Findable | None = None
) -> dict[NameKey, tuple[str, ...]]:
    """``(kind, folded surname)`` -> the ids of the records whose names or aliases end in it."""
    found: dict[NameKey, set[str]] = defaultdict(set)
    for kind, record, record_names in _named(characters, people, names):
        for name in record_names:
            last = surname(name)
            if last is not None:
                found[kind, last].add(record.id)
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


def by_name(
    characters: Iterable[Character],
    people: Iterable[Person],
    shared: Mapping[NameKey, tuple[str, ...]],
    names: Findable | None = None,
) -> dict[NameKey, tuple[str, ...]]:
    """``(kind, folded id, name, alias or shared surname)`` -> the ids of the records it names.

    ``shared`` is :func:`surnames`' index: a surname of several records names all of them.
    """
    found: dict[NameKey, list[str]] = defaultdict(list)
    for kind, record, record_names in _named(characters, people, names):
        for name in {fold(n) for n in (record.id, *record_names)}:
            found[kind, name].append(record.id)
    for key, ids in shared.items():
        if len(ids) > 1:
            found[key] = sorted({*found.get(key, ()), *ids})
    return {key: tuple(ids) for key, ids in found.items()}


def by_exact_name(
    characters: Iterable[Character],
    people: Iterable[Person],
    folded: Mapping[NameKey, tuple[str, ...]],
    names: Findable | None = None,
) -> dict[NameKey, tuple[str, ...]]:
    """Names and aliases exactly as spelled in the data that name one record: found without folding."""
    return {
        (kind, name): ids
        for kind, _, record_names in _named(characters, people, names)
        for name in record_names
        if len(ids := folded[kind, fold(name)]) == 1
    }


def close_ids(
    kind: str, text: str, folded: Mapping[NameKey, tuple[str, ...]], shared: Mapping[NameKey, tuple[str, ...]]
) -> list[str]:
    """The ids of ``kind`` whose names, aliases or surnames are close to ``text``, best first.

    First the names with a word that starts with the text ("Kar" for "Karen Baldwin"),
    shortest first; then those most alike in spelling.
    """
    import difflib

    names = {name: ids for (k, name), ids in (*folded.items(), *shared.items()) if k == kind}
    wanted = fold(text[:200])
    starting = sorted(
        (name for name in names if len(wanted) > 1 and any(w.startswith(wanted) for w in name.split())),
        key=lambda name: (len(name), name),
    )
    close = difflib.get_close_matches(wanted, sorted(names), n=3, cutoff=0.6)
    return list(dict.fromkeys(i for name in (*starting[:3], *close) for i in names[name]))[:6]
