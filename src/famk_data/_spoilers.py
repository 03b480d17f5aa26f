"""Deciding what a string reveals to a viewer: the later episodes and seasons it mentions, and the names.

Step 3 of a spoiler-safe view (see :mod:`._views`): no string a view shows may mention a
later episode (its code in any common spelling, "season 4", its title) or a hidden
character or person (name, alias, id, casting key). :class:`Mentions` reads, once per full
dataset, what each string mentions; a :class:`Scanner` says, for one viewer, whether it leaks.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any, Final, NamedTuple, cast

import attrs

from ._models import Casting
from ._tables import RECORD_TYPES, record_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ._models import Character, Person
    from ._protocols import Tables

__all__ = ["Mention", "Mentions", "Scanner", "alias_from_name", "mentions_of", "names_of"]

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
_SEASON: Final = r"(?:season|series)"  # "Series 3 Episode 3": the British word
# Episode codes: s04e02, S4E2, S04 E02, 4x02, "season 4 episode 2", "season-4-episode-2".
_EPISODE_CODES: Final = (
    re.compile(r"(?<![a-z0-9])s0*(\d{1,3})[\s._-]*e0*(\d{1,3})(?![0-9])", re.IGNORECASE),
    re.compile(r"(?<![a-z0-9.])(\d{1,2})x0*(\d{1,3})(?![0-9])", re.IGNORECASE),
    re.compile(rf"\b{_SEASON}[\s_,-]*(\d{{1,3}})[\s_,-]*(?:episode|ep\.?)[\s_-]*(\d{{1,3}})(?![0-9])", re.IGNORECASE),
)
# "Episode 3.06", a review of "3.06", "for-all-mankind-306-review", "episode 403": real episodes only.
_DOTTED_CODES: Final = (
    re.compile(r"(?<![\d.])(\d)\.(\d\d)(?![\d])"),
    re.compile(r"(?:mankind|episode)[\s_-]+(\d)[._-]?(\d\d)(?![\d])", re.IGNORECASE),
)
# Seasons: "Season 4", "seasons 1–4", "season four", "fourth season", "S4", "s4/ed-baldwin".
_SEASON_LISTS: Final = re.compile(
    rf"\b{_SEASON}s?[\s_-]*((?:(?:\d{{1,2}}(?!\d)|{_WORD_NUMBER})\s*(?:[–,&/-]|and|to|through)?\s*)+)",
    re.IGNORECASE,
)
_SEASON_ORDINAL: Final = re.compile(rf"\b({_WORD_NUMBER})[\s_-]+(?:and[\s_-]+final[\s_-]+)?seasons?\b", re.IGNORECASE)
_SEASON_CODE: Final = re.compile(r"(?<![a-z0-9])s0*(\d{1,3})(?![a-z0-9])", re.IGNORECASE)
_NUMBER_OR_WORD: Final = re.compile(rf"\d+|{_WORD_NUMBER}", re.IGNORECASE)
# Words that point past a viewer without a code (see Mention). The site "TV Series Finale" is a name.
_SITE_NAMES: Final = re.compile(r"tv[\s_-]*series[\s_-]*finale", re.IGNORECASE)
_FINALE: Final = r"(?:finale|final[\s_-]+episode|last[\s_-]+episode|ending)"
_SEASON_FINALE: Final = re.compile(
    rf"(?:\b{_SEASON}[\s_-]*0*(\d{{1,3}}|{_WORD_NUMBER})|(?<![a-z0-9])s0*(\d{{1,3}})|\b({_WORD_NUMBER})[\s_-]+season)"
    rf"(?:['’]s)?[\s_-]+{_FINALE}\b",
    re.IGNORECASE,
)
# A date of the release schedule: "finale on 20 December 2019", "episode 10 on Dec. 20", "finale August 12".
_MONTH: Final = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_SCHEDULE: Final = re.compile(
    rf"(?:{_FINALE}\b|\b(?:episodes?|eps?\.?)[\s_-]*\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?)"
    rf"(?=[\s(,:]*(?:(?:is|airs|on|drops)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s*\d{{1,2}}(?!\d)))",
    re.IGNORECASE,
)
_BARE_FINALE: Final = re.compile(r"\b(?:finale|final[\s_-]+episode|last[\s_-]+episode)s?\b", re.IGNORECASE)
_PENULTIMATE: Final = re.compile(r"\bpenultimate\b", re.IGNORECASE)
_BARE_EPISODES: Final = re.compile(
    r"\b(?:episodes?|eps?\.?)[\s_-]*(\d{1,2}(?:\s*(?:[–,&-]|and|to|through)\s*\d{1,2})*)(?![\d])"
    r"|(?<![a-z0-9])e0*(\d{1,2})(?![0-9a-z])",
    re.IGNORECASE,
)
_LATER_SEASON: Final = re.compile(r"\b(?:next|following|later|subsequent|final)[\s_-]+seasons?\b", re.IGNORECASE)
_YEAR: Final = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
# "1969 to 1974", "1969–74", "from 2003 to 2012": a season's span names it whole, to its finale.
_SPAN: Final = re.compile(r"(?<!\d)(\d{4})\s*(?:[–-]|to|through|until)\s*(\d{4}|\d\d)(?!\d)", re.IGNORECASE)
_DIGITS: Final = re.compile(r"\d+")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("'", "").replace("’", "")).strip("-")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def alias_from_name(name: str, alias: str) -> bool:
    """Whether every word of ``alias`` is a word of ``name``, or a shortening or lengthening of one."""
    names = _words(name)
    return all(any(a.startswith(n) or n.startswith(a) for n in names) for a in _words(alias))


#: Fields that hold names of a record's fields ("finale", "years"), not words a viewer reads.
_FIELD_NAMES: Final = frozenset({"supports", "field"})


def _strings(value: object) -> Iterator[str]:
    """Every string inside a value (not inside the records of other tables it refers to, nor field names)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)
    elif attrs.has(type(value)) and not isinstance(value, _TABLE_TYPES):
        for field in attrs.fields(cast("Any", type(value))):
            if field.name not in _FIELD_NAMES:
                yield from _strings(getattr(value, field.name))


class Mention(NamedTuple):
    """What one string mentions (see :class:`Mentions`)."""

    #: The latest ``(season, episode)`` it names outright: ``(0, 0)`` for none, ``(4, 0)`` for
    #: "Season 4", ``(4, 10)`` for "the Season 4 finale" (a season's last episode).
    time: tuple[int, int]
    #: The names, aliases, ids and casting keys it holds.
    forms: frozenset[str]
    #: The latest season it names (0 for none): the season its bare words speak of, if any.
    season: int
    #: The latest episode number it gives without a season ("episode 5", "E05", "ep. 5"; 0 for none).
    bare_episode: int
    #: Whether it speaks of a finale (or a penultimate episode) without naming the season.
    bare_finale: bool
    #: Whether it speaks of a later season without a number ("next season", "the final season").
    later_season: bool
    #: The latest year it gives that may be an in-universe one (0 for none).
    year: int


class Mentions:
    """What each string of one full dataset mentions: the latest episode, the names, the years.

    Built once per dataset and shared by its views (it holds strings only). A string's
    *time* is the latest ``(season, episode)`` it names: a season alone counts as
    ``(season, 0)``, so it is later than a viewer's episode exactly when the season is. Its
    *forms* are the names, aliases, record ids and casting keys it holds (longest first, so
    "Tim McKiernan" is one form, not a mention of "Tim"). Words that point past a viewer
    without a code ("the finale", "episode 5", a year) are kept apart: what they point at
    depends on the record the string belongs to (see :meth:`Scanner.leaks`).
    """

    def __init__(self, data: Tables) -> None:
        self.episodes = {(e.season, e.number) for e in data.episodes}
        #: Each season's last episode (its finale), by season number.
        self.finales = {s.number: s.episode_count for s in data.seasons}
        self.last_season = max((s.number for s in data.seasons), default=0)
        # A year may be an in-universe one from the first in-universe year the data knows to
        # the last: other years (release dates, articles) are taken for the real world's.
        known = [y for s in data.seasons if s.years for y in (s.years.start, s.years.end) if y is not None]
        known += [y for e in data.episodes for y in e.years or ()]
        self.years = range(min(known, default=0), max(known, default=-1) + 1)
        self.spans = {
            (s.years.start, s.years.end): (s.number, s.episode_count) for s in data.seasons if s.years and s.years.end
        }
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
        self.cache: dict[str, Mention] = {}
        # By id(): the dataset's own sources, notes and other parts, which live as long as it.
        self.items: dict[int, Mention] = {}

    def of(self, text: str) -> Mention:
        """What ``text`` mentions."""
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = self._read(text)
        return found

    def of_item(self, item: object) -> Mention:
        """What the strings inside ``item`` (a source, a note...) mention, together."""
        found = self.items.get(id(item))
        if found is None:
            found = self.items[id(item)] = _together([self.of(text) for text in _strings(item)])
        return found

    def _read(self, text: str) -> Mention:
        times = [(0, 0)]
        coded = text
        for pattern in _EPISODE_CODES:
            times += [(int(m[1]), int(m[2])) for m in pattern.finditer(text)]
            coded = pattern.sub(" ", coded)
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
        for match in _SPAN.finditer(text):
            start, end = int(match[1]), int(match[2])
            span = (start, end if end >= 100 else start // 100 * 100 + end)
            times += [self.spans[span]] if span in self.spans else []
        words = _SCHEDULE.sub(" ", _SITE_NAMES.sub(" ", coded))
        for match in _SEASON_FINALE.finditer(words):
            season = _number(next(group for group in match.groups() if group))
            times.append((season, self.finales.get(season, 99)))
        bare = [int(n) for m in _BARE_EPISODES.finditer(words) for n in _DIGITS.findall(m[1] or m[2])]
        years = [year for m in _YEAR.finditer(text) if (year := int(m[0])) in self.years]
        return Mention(
            time=max(times),
            forms=self._forms(text),
            season=max(season for season, _ in times),
            bare_episode=max(bare, default=0),
            bare_finale=bool(_BARE_FINALE.search(_SEASON_FINALE.sub(" ", words)) or _PENULTIMATE.search(words)),
            later_season=bool(_LATER_SEASON.search(words)),
            year=max(years, default=0),
        )

    def _forms(self, text: str) -> frozenset[str]:
        found: set[str] = set()
        if self.form_pattern is not None:
            found.update(m[0] for m in self.form_pattern.finditer(text))
        if self.slug_pattern is not None:
            found.update(m[0] for m in self.slug_pattern.finditer(text.casefold()))
        return frozenset(found)


def _together(mentions: list[Mention]) -> Mention:
    """What several strings (the parts of one item) mention, as one."""
    return Mention(
        time=max((m.time for m in mentions), default=(0, 0)),
        forms=frozenset().union(*(m.forms for m in mentions)),
        season=max((m.season for m in mentions), default=0),
        bare_episode=max((m.bare_episode for m in mentions), default=0),
        bare_finale=any(m.bare_finale for m in mentions),
        later_season=any(m.later_season for m in mentions),
        year=max((m.year for m in mentions), default=0),
    )


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
    """Says whether a string points past one viewer, or mentions a hidden name or id.

    Args:
        mentions: What the full dataset's strings mention.
        at: The viewer's episode, as ``(season, episode)``.
        watched_titles: The titles of the episodes watched (the names in them are known).
        latest_year: The latest in-universe year the viewer has seen (-1: none).
    """

    def __init__(
        self, mentions: Mentions, at: tuple[int, int], watched_titles: Iterable[str], latest_year: int
    ) -> None:
        self.mentions = mentions
        self.at = at
        self.latest_year = latest_year
        self.known = frozenset().union(*(mentions.of(title).forms for title in watched_titles))
        self.hidden: set[str] = set()

    def set_shown(self, shown: Iterable[str]) -> None:
        """Names, aliases and ids the view shows; every other one is hidden.

        A hidden name in the title of a watched episode is known to the viewer, so it may be
        mentioned ("Nixon's Women").
        """
        shown_forms = set(shown) | {_slug(name) for name in shown if " " in name}
        self.hidden = self.mentions.forms - shown_forms - self.known

    def leaks(self, text: str, season: int | None, *, story: bool = True) -> bool:
        """Whether ``text``, a string of a record of ``season``, points past the viewer or names a hidden record.

        ``season`` is the latest season the record speaks of (``None``: any, so the last);
        ``story`` is false for a record of the real world (a cast member), whose years are not
        in-universe ones.
        """
        return self._leaks(self.mentions.of(text), season, story=story)

    def item_leaks(self, item: object, season: int | None, *, story: bool = True) -> bool:
        """Whether any string inside ``item`` (a source, a note...) of a record of ``season`` leaks."""
        return self._leaks(self.mentions.of_item(item), season, story=story)

    def _leaks(self, mention: Mention, season: int | None, *, story: bool) -> bool:
        """Rules 4 and 5 of docs/spoilers.md: every mention must be at or before the viewer.

        Bare words speak of the later of the latest season the string names and the record's
        own season: "the finale" is that season's last episode, "episode 5" its fifth, "next
        season" the one after it.
        """
        if mention.time > self.at or (story and mention.year > max(self.latest_year, 0)):
            return True
        if mention.bare_finale or mention.bare_episode or mention.later_season:
            of = max(mention.season, self.mentions.last_season if season is None else season)
            if mention.later_season and (of + 1, 0) > self.at:
                return True
            if mention.bare_finale and (of, self.mentions.finales.get(of, 99)) > self.at:
                return True
            if (of, mention.bare_episode) > self.at:
                return True
        return not self.hidden.isdisjoint(mention.forms)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.casefold()]
