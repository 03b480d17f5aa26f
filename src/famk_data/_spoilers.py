"""Deciding what a string reveals to a viewer: the later episodes and seasons it mentions, and the names.

Step 3 of a spoiler-safe view (see :mod:`._views`): no string a view shows may mention a
later episode (its code in any common spelling, "season 4", its title) or a hidden
character or person (name, alias, id, casting key). :class:`Mentions` reads, once per full
dataset, what each string mentions; a :class:`Scanner` says, for one viewer, whether it leaks.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from ._models import Casting
from ._tables import RECORD_TYPES, record_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ._models import Character, Person
    from ._protocols import Tables

__all__ = ["Mentions", "Scanner", "alias_from_name", "mentions_of", "names_of"]

_TABLE_TYPES: Final = tuple(RECORD_TYPES.values())

_NUMBER_WORDS: Final = {
    word: number
    for number, words in enumerate(
        [
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
        ],
        start=1,
    )
    for word in words
}
_WORD_NUMBER: Final = "|".join(_NUMBER_WORDS)
# Episode codes: s04e02, S4E2, S04 E02, 4x02, "season 4 episode 2", "season-4-episode-2".
_EPISODE_CODES: Final = (
    re.compile(r"(?<![a-z0-9])s0*(\d{1,3})[\s._-]*e0*(\d{1,3})(?![0-9])", re.IGNORECASE),
    re.compile(r"(?<![a-z0-9.])(\d{1,2})x0*(\d{1,3})(?![0-9])", re.IGNORECASE),
    re.compile(r"\bseason[\s_,-]*(\d{1,3})[\s_,-]*(?:episode|ep\.?)[\s_-]*(\d{1,3})(?![0-9])", re.IGNORECASE),
)
# "Episode 3.06", a review of "3.06", "for-all-mankind-306-review": real episodes only (not decimals).
_DOTTED_CODES: Final = (
    re.compile(r"(?<![\d.])(\d)\.(\d\d)(?![\d])"),
    re.compile(r"mankind[\s_-]+(\d)[._-]?(\d\d)(?![\d])", re.IGNORECASE),
)
# Seasons: "Season 4", "seasons 1–4", "season four", "fourth season", "S4", "s4/ed-baldwin".
_SEASON_LISTS: Final = re.compile(
    rf"\bseasons?[\s_-]*((?:(?:\d{{1,3}}|{_WORD_NUMBER})\s*(?:[–,&/-]|and|to|through)?\s*)+)", re.IGNORECASE
)
_SEASON_ORDINAL: Final = re.compile(rf"\b({_WORD_NUMBER})[\s_-]+seasons?\b", re.IGNORECASE)
_SEASON_CODE: Final = re.compile(r"(?<![a-z0-9])s0*(\d{1,3})(?![a-z0-9])", re.IGNORECASE)
_NUMBER_OR_WORD: Final = re.compile(rf"\d+|{_WORD_NUMBER}", re.IGNORECASE)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("'", "").replace("’", "")).strip("-")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def alias_from_name(name: str, alias: str) -> bool:
    """Whether every word of ``alias`` is a word of ``name``, or a shortening or lengthening of one."""
    names = _words(name)
    return all(any(a.startswith(n) or n.startswith(a) for n in names) for a in _words(alias))


#: Fields that form a casting's key: blanking one would change a public identifier, so a
def _strings(value: object) -> Iterator[str]:
    """Every string inside a value (not inside the records of other tables it refers to)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)
    elif attrs.has(type(value)) and not isinstance(value, _TABLE_TYPES):
        for field in attrs.fields(cast("Any", type(value))):
            yield from _strings(getattr(value, field.name))


class Mentions:
    """What each string of one full dataset mentions: the latest episode, and the names.

    Built once per dataset and shared by its views (it holds strings only). A string's
    *time* is the latest ``(season, episode)`` it names: a season alone counts as
    ``(season, 0)``, so it is later than a viewer's episode exactly when the season is. Its
    *forms* are the names, aliases, record ids and casting keys it holds (longest first, so
    "Tim McKiernan" is one form, not a mention of "Tim").
    """

    def __init__(self, data: Tables) -> None:
        self.episodes = {(e.season, e.number) for e in data.episodes}
        titled = {e.title: (e.season, e.number) for e in data.episodes if e.title}
        self.titles = {**titled, **{_slug(t): at for t, at in titled.items()}}
        self.title_pattern = _alternation(titled, r"(?<!\w)", r"(?!\w)")
        self.title_slug_pattern = _alternation({_slug(t) for t in titled}, "(?<![a-z0-9])", "(?![a-z0-9])")
        forms: set[str] = set()
        records: tuple[Character | Person | Casting, ...] = (*data.characters, *data.people, *data.castings)
        for record in records:
            for name in names_of(record):
                forms.add(name)
                if " " in name:  # as in a URL: "danny-stevens", "Danny_Stevens"
                    forms.add(_slug(name))
        self.forms = forms
        self.form_pattern = _alternation(forms, r"(?<![\w-])", r"(?![\w-])")
        self.slug_pattern = _alternation(
            {f for f in forms if f == _slug(f) and "-" in f}, "(?<![a-z0-9])", "(?![a-z0-9])"
        )
        self.cache: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}
        # By id(): the dataset's own sources, notes and other parts, which live as long as it.
        self.items: dict[int, tuple[tuple[int, int], frozenset[str]]] = {}

    def of(self, text: str) -> tuple[tuple[int, int], frozenset[str]]:
        """The time and the forms ``text`` mentions (``(0, 0)`` for no time)."""
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = (self._time(text), self._forms(text))
        return found

    def of_item(self, item: object) -> tuple[tuple[int, int], frozenset[str]]:
        """The latest time and every form that the strings inside ``item`` mention."""
        found = self.items.get(id(item))
        if found is None:
            mentions = [self.of(text) for text in _strings(item)]
            found = (max((t for t, _ in mentions), default=(0, 0)), frozenset().union(*(f for _, f in mentions)))
            self.items[id(item)] = found
        return found

    def _time(self, text: str) -> tuple[int, int]:
        times = [(0, 0)]
        for pattern in _EPISODE_CODES:
            times += [(int(m[1]), int(m[2])) for m in pattern.finditer(text)]
        for pattern in _DOTTED_CODES:
            times += [key for m in pattern.finditer(text) if (key := (int(m[1]), int(m[2]))) in self.episodes]
        for match in _SEASON_LISTS.finditer(text):
            times += [(_number(n), 0) for n in _NUMBER_OR_WORD.findall(match[1])]
        times += [(_number(m[1]), 0) for m in _SEASON_ORDINAL.finditer(text)]
        times += [(int(m[1]), 0) for m in _SEASON_CODE.finditer(text)]
        if self.title_pattern is not None:
            times += [self.titles[m[0]] for m in self.title_pattern.finditer(text)]
        if self.title_slug_pattern is not None:
            times += [self.titles[m[0]] for m in self.title_slug_pattern.finditer(text.casefold())]
        return max(times)

    def _forms(self, text: str) -> frozenset[str]:
        found: set[str] = set()
        if self.form_pattern is not None:
            found.update(m[0] for m in self.form_pattern.finditer(text))
        if self.slug_pattern is not None:
            found.update(m[0] for m in self.slug_pattern.finditer(text.casefold()))
        return frozenset(found)


def _alternation(items: Iterable[str], before: str, after: str) -> re.Pattern[str] | None:
    ordered = sorted(items, key=lambda item: (-len(item), item))
    return re.compile(before + "(?:" + "|".join(map(re.escape, ordered)) + ")" + after) if ordered else None


def names_of(record: Character | Person | Casting) -> list[str]:
    """The names, aliases and key of a character, person or casting."""
    if isinstance(record, Casting):
        return [record.key]
    return [record.name, record_key(record), *getattr(record, "aliases", ())]


_mentions: weakref.WeakKeyDictionary[Any, Mentions] = weakref.WeakKeyDictionary()


def mentions_of(data: Tables) -> Mentions:
    found = _mentions.get(data)
    if found is None:
        found = _mentions[data] = Mentions(data)
    return found


class Scanner:
    """Says whether a string mentions a later episode or season, or a hidden name or id."""

    def __init__(self, mentions: Mentions, at: tuple[int, int], watched_titles: Iterable[str]) -> None:
        self.mentions = mentions
        self.at = at
        self.known = frozenset().union(*(mentions.of(title)[1] for title in watched_titles))
        self.hidden: set[str] = set()

    def set_shown(self, shown: Iterable[str]) -> None:
        """Names, aliases and ids the view shows; every other one is hidden.

        A hidden name in the title of a watched episode is known to the viewer, so it may be
        mentioned ("Nixon's Women").
        """
        shown_forms = set(shown) | {_slug(name) for name in shown if " " in name}
        self.hidden = self.mentions.forms - shown_forms - self.known

    def leaks(self, text: str) -> bool:
        """Whether ``text`` mentions a later episode or season, or a hidden name."""
        time, forms = self.mentions.of(text)
        return time > self.at or not self.hidden.isdisjoint(forms)

    def item_leaks(self, item: object) -> bool:
        """Whether any string inside ``item`` (a source, a note...) leaks."""
        time, forms = self.mentions.of_item(item)
        return time > self.at or not self.hidden.isdisjoint(forms)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.casefold()]
