"""Spoiler-safe views: what a viewer who has watched every episode up to one knows.

A view is a :class:`~famk_data.Dataset` built from a full one in four steps (docs/spoilers.md
says the same for readers):

1. *Who has appeared.* A casting is seen once a credit of it at or before the viewer's
   episode is known (the earliest episode of the dataset's appearance index: not necessarily
   its true first appearance, but one the viewer has watched); where none is, once the viewer
   has finished its season. A character is seen when one of its castings is, or a watched
   episode's event names it; a person once one of their castings is seen and still shown.
   Uncertainty hides.
2. *What has happened.* Later episodes and seasons are absent, and so are their events (one of
   no known episode waits for the last); a death revealed later (or in an episode no source
   gives) reads as unknown; partway through a season, ``finale`` and ``years`` read as unknown.
3. *What would leak.* No string may mention a later episode (code, "season 4", title) or a
   hidden character or person (name, alias, id). Items of lists (sources, notes, derivations,
   aliases) that would leak are dropped, and so are the notes and derivations of a fact that
   reads as unknown, and the sources of a hidden story event (a death); a source of another
   hidden fact (a season's finale) only stops citing it. A single value that would leak reads
   as unknown. Aliases and character notes carry no date, so they are shown only once the
   viewer has finished every season the character is cast in, except aliases spelled from the
   character's own name.
4. *What is still cited.* A fact whose every citation was dropped reads as unknown, except
   that a credit states names: the cast lists of a shown casting cite its character's and
   actor's names, and those of a watched episode crediting it its actor and part. A record
   whose required facts (a name, a casting's actor) lose their citations is withheld with
   everything that refers to it, and the names of withheld records are hidden in turn.

What a string reveals (step 3) is decided in :mod:`._spoilers`. Records that need no change
are shared with the full dataset; changed ones are copied without re-running validators
(every change only removes information, and step 4 keeps the citation rule).
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from ._episodes import Episode
from ._models import Casting, Character, Person
from ._seasons import Season
from ._spoilers import Scanner, alias_from_name, mentions_of, names_of
from ._tables import RECORD_TYPES, TABLES
from ._values import ExternalIds, Source
from ._view_coverage import copy_record, settle_coverage

_View = TypeVar("_View")

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._appearances import AppearanceIndex
    from ._indexes import Indexes
    from ._protocols import Queries

    #: Builds a view from its tables, the view's own record of its episode, the latest
    #: in-universe year its viewer has reached and the names it finds its records by
    #: (``Dataset.as_of`` passes one making a Dataset).
    _Make = Callable[[dict[str, list[Any]], Episode, int, Mapping[tuple[str, str], tuple[str, ...]]], _View]

__all__ = ["view_of"]


_lock = threading.Lock()
_WITHHOLD: Final = object()  # a required value that cannot be shown: the record is withheld
_TABLE_TYPES: Final = tuple(RECORD_TYPES.values())
#: Hidden facts that are events of the story: a source that supports one tells it (a recap of a
#: death), so while the fact is hidden the whole source is dropped. A source of any other hidden
#: fact (a season's finale date or span of years, announced as it airs) stays for its other facts.
_STORY_EVENTS: Final = frozenset({"died"})
#: The tables whose records carry names, aliases or keys that strings can mention (see _spoilers.names_of).
_NAMED_TABLES: Final = ("characters", "people", "castings")


def view_of(
    data: Queries,
    cache: dict[str, _View],
    episode: Episode,
    index: Indexes,
    make: _Make[_View],
) -> _View:
    """The view of ``data`` (a full dataset) as of ``episode``, built once by ``make`` and kept in ``cache``.

    ``index`` holds the full dataset's own indexes, shared by all its views.
    """
    view = cache.get(episode.id)
    if view is None:
        with _lock:
            view = cache.get(episode.id)
            if view is None:
                viewer = _Viewer(data, episode, index.appearances, index.castings_by_character)
                view = cache[episode.id] = make(*viewer.view())
    return view


#: Fields that cannot read as unknown: a casting's key (blanking one would change a public
#: identifier) and an event's real counterpart. A record whose such field cannot be shown is
#: withheld instead (uncertainty hides).
_KEY_FIELDS: Final = frozenset({"character", "version", "real_history"})


def _empty(field: attrs.Attribute[Any], value: object) -> object:
    """How a field reads when its value is unknown, or _WITHHOLD when it cannot be unknown."""
    if field.name in _KEY_FIELDS:
        return _WITHHOLD
    if re.search(r"\|\s*None\b", str(field.type)):
        return None
    if isinstance(value, tuple):
        return ()
    if isinstance(value, ExternalIds):
        return ExternalIds(None, None, None)
    return _WITHHOLD


class _Viewer:
    """Builds the view of one dataset as of one episode."""

    def __init__(
        self,
        data: Queries,
        episode: Episode,
        index: AppearanceIndex,
        castings_of_character: Mapping[str, tuple[Casting, ...]],
    ) -> None:
        self.data = data
        self.episode = episode
        self.at = (episode.season, episode.number)
        current = data.season(episode.season)
        #: The last season the viewer has watched to its end (0 for none).
        self.finished = episode.season if episode.number >= current.episode_count else episode.season - 1
        watched = [e for e in data.episodes if (e.season, e.number) <= self.at]
        # The full dataset's own indexes (built once, shared by all its views): the episodes
        # crediting each casting and character, in order, and each character's castings by season.
        self.appearances_of_episode = index.by_episode
        self.appearances_of_casting = index.by_casting
        self.appearances_of_character = index.by_character
        self.castings_of_character = castings_of_character
        # By id(): the watched episodes, and None once every season is (a record of no episode waits for the end).
        self.watched = {id(e) for e in watched} | ({id(None)} if self.finished >= data.seasons[-1].number else set())
        self.met = {c.id for event in data.events if id(event.episode) in self.watched for c in event.characters}
        self.last_season_of_actor: dict[str, int] = {}
        for casting in data.castings:  # by season
            self.last_season_of_actor[casting.actor.id] = casting.season
        years = [y for e in watched for y in e.years or ()]
        years += [s.years.end for s in data.seasons if s.number <= self.finished and s.years and s.years.end]
        #: The latest in-universe year the viewer has seen (-1: none known, so every year is refused).
        self.latest_year = max(years, default=-1)
        self.scanner = Scanner(mentions_of(data), self.at, [e.title for e in watched if e.title], self.latest_year)
        self.mapped: dict[int, Any] = {}  # id() of a full record -> its view record, or None
        #: By character id: the aliases a view may find it by (see rebuild()), cited or not.
        self.findable: dict[str, tuple[str, ...]] = {}
        #: By id() of a full record: the credits in the view that state its facts (see credit()).
        self.credits: dict[int, list[tuple[tuple[Source, ...], str, tuple[str, ...]]]] = {}

    # -- step 1: who has appeared ---------------------------------------------------------

    def _appeared(self, episodes: tuple[Episode, ...] | None) -> bool:
        """Whether the earliest of ``episodes`` (known credits, in order) is at or before the viewer's."""
        return episodes is not None and (episodes[0].season, episodes[0].number) <= self.at

    def casting_seen(self, casting: Casting) -> bool:
        """A known credit at or before the viewer's episode, or the casting's season is over."""
        return self._appeared(self.appearances_of_casting.get(casting.key)) or casting.season <= self.finished

    def character_seen(self, character: Character) -> bool:
        """A known credit or a watched event naming it by the viewer's episode, or its first casting's season ended."""
        if character.id in self.met or self._appeared(self.appearances_of_character.get(character.id)):
            return True
        castings = self.castings_of_character.get(character.id)
        return castings is not None and castings[0].season <= self.finished

    def arc_finished(self, character: Character) -> bool:
        """Whether the viewer has finished every season the character is cast in (with none: every season)."""
        castings = self.castings_of_character.get(character.id)
        return (castings[-1].season if castings else self.data.seasons[-1].number) <= self.finished

    def season_of(self, record: Any) -> int | None:
        """The latest season ``record`` speaks of: its own, or a character's or person's last (None: unknown)."""
        if isinstance(record, Character):
            castings = self.castings_of_character.get(record.id)
            return castings[-1].season if castings else None
        if isinstance(record, Person):
            return self.last_season_of_actor.get(record.id)
        if isinstance(record, Season):
            return record.number
        if isinstance(record, (Episode, Casting)):
            return record.season
        episode = record.episode  # an appearance's, or an event's (None: an event of no known episode)
        return None if episode is None else int(episode.season)

    # -- step 2: what has happened --------------------------------------------------------

    def hidden_facts(self, record: Any) -> dict[str, Any]:
        """The fields of ``record`` that become known only later, as unknown values."""
        if isinstance(record, Character) and record.died is not None:
            episode = record.died.episode
            if episode is None or (int(episode[1:3]), int(episode[4:6])) > self.at:
                return {"died": None}
        if isinstance(record, Season) and record.number == self.at[0] and self.finished < record.number:
            return {"finale": None, "years": None}
        return {}

    def cited_by(self, items: tuple[Any, ...], gone: set[str], season: int | None, *, story: bool) -> tuple[Any, ...]:
        """The sources, derivations or disputes of a record that still cite a shown fact, and do not leak.

        A source of a hidden fact that is a story event (:data:`_STORY_EVENTS`) is dropped
        whole; one of another hidden fact (a season's finale or years) stays for the other
        facts it supports. A derivation works out one fact, and goes with it.
        """
        kept = []
        for item in items:
            if self.scanner.item_leaks(item, season, story=story):
                continue
            if isinstance(item, Source):
                if gone.intersection(item.supports):
                    if not _STORY_EVENTS.isdisjoint(gone.intersection(item.supports)):
                        continue
                    supports = tuple(fact for fact in item.supports if fact not in gone)
                    if not supports:
                        continue
                    item = copy_record(item, {"supports": supports})  # noqa: PLW2901 - the trimmed copy is kept
            elif item.field in gone:
                continue
            kept.append(item)
        return tuple(kept)

    # -- steps 3 and 4: what would leak, what is still cited -------------------------------

    def rebuild(self, record: Any) -> Any:  # noqa: C901, PLR0912 - one pass over the fields
        """The view's copy of ``record`` (the record itself if nothing changes), or None to withhold it."""
        changes = self.hidden_facts(record)
        gone = set(changes)
        season = self.season_of(record)
        story = not isinstance(record, Person)  # a cast member's years are of the real world

        def leaks(text: str) -> bool:
            return self.scanner.leaks(text, season, story=story)

        character = record if isinstance(record, Character) else None
        arc_done = character is not None and self.arc_finished(character)
        for field in attrs.fields(type(record)):
            name = field.name
            if name in changes:
                continue
            value = getattr(record, name)
            if isinstance(value, _TABLE_TYPES):
                kept = self.mapped.get(id(value))
                if kept is None:
                    return None
            elif isinstance(value, tuple) and value and isinstance(value[0], _TABLE_TYPES):
                kept = tuple(self.mapped.get(id(item)) for item in value)
                if None in kept:
                    return None
            elif name in {"sources", "derivations", "disputes"}:
                kept = self.cited_by(value, gone, season, story=story)
            elif name == "notes":
                kept = tuple(
                    note
                    for note in value
                    if (character is None or arc_done) and note.field not in gone and not leaks(note.text)
                )
            elif name == "aliases" and character is not None:
                kept = self.findable[character.id] = tuple(
                    alias
                    for alias in value
                    if (arc_done or alias_from_name(character.name, alias)) and not leaks(alias)
                )
            elif isinstance(value, tuple) and all(isinstance(item, str) for item in value):
                kept = tuple(item for item in value if not leaks(item))
            elif self.scanner.item_leaks(value, season, story=story):
                kept = _empty(field, value)
                if kept is _WITHHOLD:
                    return None
            else:
                continue
            if kept is not value and (isinstance(value, _TABLE_TYPES) or kept != value):
                changes[name] = kept
        sources = changes.get("sources", record.sources)
        credited = self.credits.get(id(record))
        if credited is not None:
            stated = self.stated_by_credits(credited, {f for source in sources for f in source.supports}, season)
            if stated:
                sources = changes["sources"] = (*sources, *stated)
        derivations = changes.get("derivations", record.derivations)
        if not sources and not derivations:
            return None
        cited = {n for source in sources for n in source.supports} | {d.field for d in derivations}
        fields = attrs.fields_dict(type(record))
        for name in record.FACT_FIELDS:
            value = changes.get(name, getattr(record, name))
            if value and name not in cited:
                empty = _empty(fields[name], value)
                if empty is _WITHHOLD:
                    return None
                changes[name] = empty
        return copy_record(record, changes) if changes else record

    def stated_by_credits(
        self, credited: list[tuple[tuple[Source, ...], str, tuple[str, ...]]], cited: set[str], season: int | None
    ) -> list[Source]:
        """Sources of the view's credits of a record, as sources of the facts they state that ``cited`` lacks.

        A record's own sources may all be withheld (the cast list of a later episode) while
        the cast list of a watched episode that credits it, which states those facts, is not.
        """
        found: dict[tuple[str | None, str | None, tuple[str, ...]], Source] = {}
        for sources, supports, states in credited:
            missing = tuple(fact for fact in states if fact not in cited)
            if not missing:
                continue
            for source in sources:
                if supports in source.supports and not self.scanner.item_leaks(source, season):
                    found.setdefault((source.url, source.episode, missing), copy_record(source, {"supports": missing}))
        return list(found.values())

    def credit(self, record: object, sources: tuple[Source, ...], supports: str, states: tuple[str, ...]) -> None:
        """Note that ``sources``, where they support ``supports``, state the facts ``states`` of ``record``."""
        self.credits.setdefault(id(record), []).append((sources, supports, states))

    def view(self) -> tuple[dict[str, list[Any]], Episode, int, dict[tuple[str, str], tuple[str, ...]]]:
        """The view's tables, its own record of its episode, the latest year its viewer has seen, and its names.

        The names: a view finds a character by every alias it may show, even where the
        citation rule (step 4) leaves it out of the record: the name was typed by the
        caller, so finding the record by it tells nothing the record does not show.
        """
        data = self.data
        at = self.at
        candidates: dict[str, list[Any]] = {
            "seasons": [s for s in data.seasons if s.number <= at[0]],
            "episodes": [e for e in data.episodes if (e.season, e.number) <= at],
            "characters": [c for c in data.characters if self.character_seen(c)],
            "castings": [c for c in data.castings if self.casting_seen(c)],
        }
        seen_people = {id(c.actor) for c in candidates["castings"]}
        candidates["people"] = [p for p in data.people if id(p) in seen_people]
        for table in (table for table in TABLES if table not in candidates):
            candidates[table] = [r for r in getattr(data, table) if id(r.episode) in self.watched]
        # Withholding a record hides its names too (a person goes with their last casting), so
        # repeat until no record that carries a name is withheld: every name the strings were
        # scanned against as shown is then the name of a record the view shows.
        while True:
            self._set_names(candidates)
            self.mapped = {}
            tables: dict[str, list[Any]] = {}
            for table in TABLES:  # in order: a table refers only to the tables before it
                tables[table] = []
                for record in candidates[table]:
                    rebuilt = self.rebuild(record)
                    self.mapped[id(record)] = rebuilt
                    if rebuilt is not None:
                        tables[table].append(rebuilt)
            cast = {id(casting.actor) for casting in tables["castings"]}
            tables["people"] = [person for person in tables["people"] if id(person) in cast]
            for person in candidates["people"]:
                if id(self.mapped[id(person)]) not in cast:
                    self.mapped[id(person)] = None
            if all(len(tables[t]) == len(candidates[t]) for t in _NAMED_TABLES):
                break
            candidates = {t: [r for r in candidates[t] if self.mapped[id(r)] is not None] for t in TABLES}
        settle_coverage(tables, self.appearances_of_episode)
        # The view's own record of its episode: a copy where the view changes it (a note on a later one).
        episode = next((e for e in tables["episodes"] if e.id == self.episode.id), self.episode)
        findable = {("character", c.id): (c.name, *self.findable.get(c.id, ())) for c in tables["characters"]}
        return tables, episode, self.latest_year, findable

    def _set_names(self, candidates: dict[str, list[Any]]) -> None:
        # A credit states names: a casting's cast lists name its actor and its part, and the
        # cast list of an episode crediting a casting names both too.
        self.credits = {}
        for casting in candidates["castings"]:
            self.credit(casting.actor, casting.sources, "actor", ("name",))
            if casting.character is not None:
                self.credit(casting.character, casting.sources, "character", ("name",))
        for appearance in candidates["appearances"]:
            self.credit(appearance.casting, appearance.sources, "casting", ("actor", "character"))
        shown: list[str] = []
        for character in candidates["characters"]:
            arc_done = self.arc_finished(character)
            shown += [character.name, character.id]
            shown += [a for a in character.aliases if arc_done or alias_from_name(character.name, a)]
        for record in (*candidates["people"], *candidates["castings"]):
            shown += names_of(record)
        self.scanner.set_shown(shown)
