"""The typed records of the dataset: frozen, slotted attrs classes.

Every record keeps its optional fields (typed ``X | None``, where ``None`` means *unknown*),
holds its collections as tuples, and validates itself on construction, so an object you hold
is always a consistent one.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from ._args import require_int
from .exceptions import ArgumentValueError, UnknownFactError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Age",
    "Appearance",
    "Billing",
    "Birth",
    "CastCoverage",
    "Casting",
    "CastingStatus",
    "Character",
    "Death",
    "Derivation",
    "Episode",
    "ExternalIds",
    "Note",
    "Person",
    "Precision",
    "Season",
    "Source",
    "WritingCredit",
    "WritingRole",
    "YearSpan",
]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_EPISODE_ID = re.compile(r"s(\d\d)e(\d\d)\Z")
_URL = re.compile(r"https?://\S+\Z")
# A record id, an episode id or a casting key ("s1/danny-stevens/young", "s5/actor:costa-ronin").
_INPUT_ID = re.compile(r"[a-z0-9]+(?:(?:-|/|/actor:)[a-z0-9]+)*\Z")
_CASTING_KEY = re.compile(r"s[1-9]\d*/(?:actor:)?[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?\Z")


#: The longest repr of any record or value: a person reads it in a REPL, the full detail is one
#: call away (``to_records``, ``attrs.asdict``).
MAX_REPR: Final = 300


def _cut(text: str, limit: int) -> str:
    """``text``, cut to at most ``limit`` characters (ending in "…" when cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def brief(value: object, text: str) -> str:
    """The short repr of ``value``: ``<Type text>``, cut to at most :data:`MAX_REPR` characters.

    Every record's ``__repr__`` is this, with the record's key and what it is in ``text``
    (``"s1/ed-baldwin: Joel Kinnaman as Ed Baldwin"``); sources, notes and derivations stay out.

    Examples:
        >>> brief(YearSpan(1983, 1995), "x" * 400)[-5:], len(brief(YearSpan(1983, 1995), "x" * 400))
        ('xxx…>', 300)
    """
    name = type(value).__name__
    return f"<{name} {_cut(text, MAX_REPR - len(name) - 3)}>"


def _clipped(value: str) -> str:
    """The repr of a text field, cut to 100 characters (for the attrs repr of a small value)."""
    return repr(_cut(value, 100))


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be at least 1, got {value}")


def _slug(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _SLUG.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not a lowercase-hyphenated id")


def _text(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and (not value.strip() or value != value.strip()):
        raise ValueError(f"{attribute.name} must be non-empty text without outer spaces")


def _texts(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...] | None) -> None:
    for item in value or ():
        if not item.strip() or item != item.strip():
            raise ValueError(f"{attribute.name} must hold non-empty texts without outer spaces")


class Billing(enum.Enum):
    """How a casting is credited in a season."""

    #: A series regular, credited in the main titles.
    MAIN = "main"
    #: A character who appears in several episodes without main billing.
    RECURRING = "recurring"
    #: A guest appearance.
    GUEST = "guest"


def billing_rank(billing: Billing | None) -> int:
    """Sort rank: main first, then recurring, then guest, then unknown billing."""
    return _BILLING_RANK[billing]


_BILLING_RANK = {Billing.MAIN: 0, Billing.RECURRING: 1, Billing.GUEST: 2, None: 3}


class CastingStatus(enum.Enum):
    """How a casting is known: from the credits, from an announcement, or only from a disputed report."""

    #: Seen in the credits or cast lists of the season's episodes.
    CREDITED = "credited"
    #: Named in the network's or a trade's casting announcement; no episode credits read.
    ANNOUNCED = "announced"
    #: Reported, but a later or better source omits or contradicts it.
    DISPUTED = "disputed"


class CastCoverage(enum.Enum):
    """How much of an episode's credited cast the dataset knows."""

    #: A list of the episode's whole credited cast was read.
    COMPLETE = "complete"
    #: Only some of the credited cast is known (recaps and reviews, or a list that may leave people out).
    PARTIAL = "partial"


class WritingRole(enum.Enum):
    """The form of a writing credit, as the episode's credits give it."""

    WRITTEN_BY = "written by"
    STORY_BY = "story by"
    TELEPLAY_BY = "teleplay by"


class Precision(enum.Enum):
    """How precisely a birth is known."""

    #: The exact date.
    DATE = "date"
    #: The year only.
    YEAR = "year"
    #: A range of possible years (for example from a stated age in a known year).
    YEARS = "years"


@attrs.frozen
class Source:
    """A citation: where a record's facts come from.

    Attributes:
        url: The page that states the facts, or ``None`` when ``episode`` is the source.
        episode: The id of an episode that shows the facts on screen, or ``None``.
        title: A short human description of the source.
        supports: Names of the record's fields this source confirms.
    """

    url: str | None = attrs.field(validator=attrs.validators.optional(attrs.validators.matches_re(_URL)))
    episode: str | None = attrs.field(validator=attrs.validators.optional(attrs.validators.matches_re(_EPISODE_ID)))
    title: str | None = attrs.field(validator=_text)
    supports: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))

    def __attrs_post_init__(self) -> None:
        if self.url is None and self.episode is None:
            raise ValueError("a source needs a url or an episode")

    def __repr__(self) -> str:
        where = _cut(self.url, 100) if self.url is not None else str(self.episode)
        title = "" if self.title is None else f" {_cut(self.title, 80)!r}"
        return brief(self, f"{where}:{title} for {', '.join(self.supports)}")


@attrs.frozen
class Note:
    """A caveat on a record: a disagreement between sources, or why a value is unknown.

    Attributes:
        field: The field the note is about, or ``None`` for the record as a whole.
        text: The note, in the dataset's own words.
    """

    field: str | None
    text: str = attrs.field(validator=_text)

    def __repr__(self) -> str:
        return brief(self, f"on {self.field}: {self.text}" if self.field is not None else f"on the record: {self.text}")


def _inputs(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must name at least one record id or source URL")
    for item in value:
        if not (_URL.match(item) or _INPUT_ID.match(item)):
            raise ValueError(f"{attribute.name} holds {item!r}, which is neither a URL nor a record id")


@attrs.frozen
class Derivation:
    """How the dataset worked out a value that no single source states.

    A known fact is either *stated* (a :class:`Source` whose ``supports`` names the field
    states the value) or *derived*: counted, subtracted or inferred by the dataset from other
    records or sources, by the rule given here.

    Attributes:
        field: The record's field the derivation gives.
        rule: The rule, in the dataset's own words (with the arithmetic, where there is some).
        inputs: What the value was derived from: record ids (``"s02e05"``, ``"ed-baldwin"``,
            a casting key such as ``"s1/ed-baldwin"``) and/or source URLs.

    Examples:
        >>> import famk_data
        >>> derived = famk_data.episode("S05E02").derivations[0]
        >>> derived.field
        'release_date'
        >>> derived  # doctest: +ELLIPSIS
        <Derivation release_date from ...>
    """

    field: str = attrs.field(validator=_text)
    rule: str = attrs.field(validator=_text)
    inputs: tuple[str, ...] = attrs.field(validator=_inputs)

    def __repr__(self) -> str:
        count = len(self.inputs)
        return brief(self, f"{self.field} from {count} input{'s' * (count != 1)}: {self.rule}")


@attrs.frozen
class ExternalIds:
    """Cross-reference identifiers in other databases (never facts in themselves).

    Attributes:
        imdb: IMDb id (``tt…`` for titles, ``nm…`` for people, ``ch…`` for characters).
        tvmaze: TVmaze numeric id.
        wikidata: Wikidata item id (``Q…``).
    """

    imdb: str | None = attrs.field(
        validator=attrs.validators.optional(attrs.validators.matches_re(r"(tt|nm|ch)\d{7,10}\Z"))
    )
    tvmaze: int | None = attrs.field(validator=attrs.validators.optional(_positive))
    wikidata: str | None = attrs.field(validator=attrs.validators.optional(attrs.validators.matches_re(r"Q[1-9]\d*\Z")))

    def __bool__(self) -> bool:
        return any(value is not None for value in attrs.astuple(self))


@attrs.frozen
class YearSpan:
    """An inclusive span of in-universe years.

    Attributes:
        start: The first year.
        end: The last year, or ``None`` when it is unknown.

    Examples:
        >>> 1983 in YearSpan(1983, 1995), str(YearSpan(2012, None))
        (True, '2012–?')
    """

    start: int
    end: int | None

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.start > self.end:
            raise ValueError(f"span starts after it ends: {self.start} > {self.end}")

    def __contains__(self, year: object) -> bool:
        """Whether ``year`` can lie in the span (any year from ``start`` on, if ``end`` is unknown)."""
        if isinstance(year, bool) or not isinstance(year, int):
            return False
        return self.start <= year and (self.end is None or year <= self.end)

    def __str__(self) -> str:
        if self.end is None:
            return f"{self.start}–?"
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


@attrs.frozen
class WritingCredit:
    """One writer's credit on an episode.

    Attributes:
        name: The writer's name as credited.
        role: The form of the credit: written by, story by or teleplay by.
    """

    name: str = attrs.field(validator=_text, repr=_clipped)
    role: WritingRole

    def __str__(self) -> str:
        return self.name if self.role is WritingRole.WRITTEN_BY else f"{self.name} ({self.role.value})"


@attrs.frozen
class Age:
    """An age reached during a year, as a range ``low``–``high`` (equal when exact).

    Attributes:
        low: The youngest the character can be in that year.
        high: The oldest the character can be in that year.

    Examples:
        >>> Age(41, 42)
        Age(low=41, high=42)
        >>> str(Age(41, 42)), str(Age(40, 40)), Age(40, 40).exact
        ('41–42', '40', True)
    """

    low: int
    high: int

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.low <= self.high:
            raise ValueError(f"impossible age range {self.low}–{self.high}")

    @property
    def exact(self) -> bool:
        """Whether the age is known to the year."""
        return self.low == self.high

    def __str__(self) -> str:
        return str(self.low) if self.exact else f"{self.low}–{self.high}"


@attrs.frozen
class Birth:
    """An in-universe (or real) birth, with the precision the evidence supports.

    Attributes:
        earliest_year: The earliest possible birth year.
        latest_year: The latest possible birth year (equal to ``earliest_year`` when the year
            is known).
        date: The exact date, or ``None`` when only the year(s) are known.

    Examples:
        >>> Birth(earliest_year=1931, latest_year=1932, date=None).precision
        <Precision.YEARS: 'years'>
    """

    earliest_year: int
    latest_year: int
    date: dt.date | None

    def __attrs_post_init__(self) -> None:
        if self.earliest_year > self.latest_year:
            raise ValueError("earliest_year is after latest_year")
        if self.date is not None and not self.earliest_year == self.latest_year == self.date.year:
            raise ValueError("an exact date needs earliest_year == latest_year == its year")

    @property
    def precision(self) -> Precision:
        """How precisely the birth is known."""
        if self.date is not None:
            return Precision.DATE
        return Precision.YEAR if self.earliest_year == self.latest_year else Precision.YEARS

    def __str__(self) -> str:
        if self.date is not None:
            return self.date.isoformat()
        if self.earliest_year == self.latest_year:
            return str(self.earliest_year)
        return f"{self.earliest_year}–{self.latest_year}"


@attrs.frozen
class Death:
    """An in-universe death.

    Attributes:
        year: The in-universe year of death, or ``None`` if unknown.
        episode: The id of the episode where it happens or is revealed, or ``None``.
    """

    year: int | None
    episode: str | None = attrs.field(validator=attrs.validators.optional(attrs.validators.matches_re(_EPISODE_ID)))


def _cited(record: Any) -> None:
    """Check that every known fact of ``record`` is stated by a source or derived by a rule."""
    facts: tuple[str, ...] = record.FACT_FIELDS
    if not record.sources and not record.derivations:
        raise ValueError("a record needs at least one source or derivation")
    known: set[str] = set()
    for source in record.sources:
        unknown = set(source.supports) - set(facts)
        if unknown:
            raise ValueError(f"a source supports unknown field(s) {sorted(unknown)}; valid: {', '.join(facts)}")
        known.update(source.supports)
    for derivation in record.derivations:
        if derivation.field not in facts:
            raise ValueError(f"a derivation gives unknown field {derivation.field!r}; valid: {', '.join(facts)}")
        known.add(derivation.field)
    for note in record.notes:
        if note.field is not None and not hasattr(record, note.field):
            raise ValueError(f"a note is about unknown field {note.field!r}")
    missing = [name for name in facts if getattr(record, name) and name not in known]
    if missing:
        raise ValueError(f"no source states and no derivation gives {', '.join(missing)}")


def _unknown(value: object) -> str:
    return "?" if value is None else str(value)


def _casting_keys(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not _CASTING_KEY.match(item):
            raise ValueError(f"{attribute.name} holds {item!r}, which is not a casting key such as 's1/ed-baldwin'")


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
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("premiere", "finale", "episode_count", "years")

    number: int = attrs.field(validator=_positive)
    premiere: dt.date
    finale: dt.date | None
    episode_count: int = attrs.field(validator=_positive)
    years: YearSpan | None
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.finale is not None and self.finale < self.premiere:
            raise ValueError("the finale is before the premiere")
        _cited(self)

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

    id: str = attrs.field(validator=attrs.validators.matches_re(_EPISODE_ID))
    season: int = attrs.field(validator=_positive)
    number: int = attrs.field(validator=_positive)
    overall: int = attrs.field(validator=_positive)
    title: str | None = attrs.field(validator=_text)
    release_date: dt.date | None
    directors: tuple[str, ...] | None = attrs.field(validator=_texts)
    writers: tuple[WritingCredit, ...] | None
    runtime_minutes: int | None = attrs.field(validator=attrs.validators.optional(_positive))
    years: tuple[int, ...] | None
    ids: ExternalIds
    cast_coverage: CastCoverage | None = attrs.field(default=None, kw_only=True)
    absent_cast: tuple[str, ...] = attrs.field(default=(), kw_only=True, validator=_casting_keys)
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.id != f"s{self.season:02d}e{self.number:02d}":
            raise ValueError(f"id {self.id!r} does not match season {self.season}, number {self.number}")
        if self.years is not None and (not self.years or list(self.years) != sorted(set(self.years))):
            raise ValueError("years must be ascending, unique and non-empty (or None)")
        _cited(self)

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


@attrs.frozen
class Person:
    """A real person: a member of the cast.

    Attributes:
        id: Identifier such as ``"joel-kinnaman"``.
        name: Name as credited.
        born: Real birth date, or ``None`` if no reliable source gives it.
        ids: Cross-references to other databases.
        sources: Where the facts come from.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "born", "ids")

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    born: dt.date | None
    ids: ExternalIds
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()

    def __attrs_post_init__(self) -> None:
        _cited(self)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return brief(self, f"{self.id}: {self}")


@attrs.frozen
class Character:
    """A character of the show, fictional or a portrayal of a real historical person.

    Attributes:
        id: Identifier such as ``"ed-baldwin"``.
        name: The name the show mostly uses.
        aliases: Other names and nicknames ("Edward Baldwin", "Ed").
        real_person: ``True`` when the character portrays a real historical person, ``False``
            for an invented character, ``None`` when no source read settles it.
        born: The in-universe birth with its precision (for a real person, the real birth),
            or ``None`` when no source establishes it.
        died: The in-universe death, or ``None`` if the character is not known to die.
        ids: Cross-references to other databases.
        sources: Where the facts come from.
        notes: Caveats, evidence and disagreements between sources.
        derivations: How the values no source states were worked out.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "aliases", "real_person", "born", "died", "ids")

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(validator=_texts)
    real_person: bool | None
    born: Birth | None
    died: Death | None
    ids: ExternalIds
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (
            self.born is not None
            and self.died is not None
            and self.died.year is not None
            and self.died.year < self.born.earliest_year
        ):
            raise ValueError("died before being born")
        _cited(self)

    def age_in(self, year: int) -> Age:
        """The age the character reaches during ``year``, judged on this record alone.

        This applies the same rule as :meth:`Dataset.age_in` (see :doc:`/timeline`), but a
        record on its own holds only two pieces of evidence of life: the birth and a death
        whose year is known. So it answers for the years from a birth to a known death, and
        refuses the years after the birth of a character who is not known to die: nothing in
        the record shows them still alive then. Ask :meth:`Dataset.age_in` (or
        :func:`famk_data.age_in`), which also weighs the seasons the character appears in.

        Raises:
            ArgumentTypeError: ``year`` is not an int.
            ArgumentValueError: ``year`` is before the earliest possible birth, or after the death.
            UnknownFactError: no source establishes the birth, the character may not be born
                yet in ``year``, or the record does not establish them alive in ``year``.

        Examples:
            >>> import famk_data
            >>> print(famk_data.character("Deke Slayton").age_in(1974))
            50
            >>> famk_data.character("Ed Baldwin").age_in(2012)
            Traceback (most recent call last):
            famk_data.exceptions.UnknownFactError: Ed Baldwin is not established alive in 2012: \
the latest evidence of life is being born in 1929–1933, which establishes life only up to 1929 \
(Character.age_in weighs only the record's birth and death; famk_data.age_in and \
Dataset.age_in also weigh the seasons the character appears in)
        """
        require_int(year, "year")
        return Life.build(self, ()).age_in(year, _RECORD_ONLY)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return brief(self, f"{self.id}: {self}")


_RECORD_ONLY = (
    " (Character.age_in weighs only the record's birth and death; famk_data.age_in and"
    " Dataset.age_in also weigh the seasons the character appears in)"
)


@attrs.frozen
class Sighting:
    """Evidence that a character is alive at some time in the years ``earliest``–``latest``.

    A birth, a death, an appearance in a season or in an episode: each shows the character
    alive at *some* point of its years, not at every one. ``latest`` is ``None`` when the
    evidence has no known last year (a season whose end is unknown); ``what`` says where the
    evidence comes from, in words that fit after "the latest evidence of life is".
    """

    earliest: int
    latest: int | None
    what: str


@attrs.frozen
class Life:
    """The years the evidence establishes a character alive in (the rule of :doc:`/timeline`).

    A character is established alive in year Y when some evidence shows them alive at or
    before Y (its ``latest`` year is at most Y), some evidence shows them alive at or after Y
    (its ``earliest`` year is at least Y) and no death precedes Y. So the years form one
    span, ``first``–``last``.

    Attributes:
        character: Whose life it is.
        first: The smallest ``latest`` year of the evidence, or ``None`` if there is none.
        last: The largest ``earliest`` year of the evidence, leaving out flashbacks (evidence
            that starts after the death), or ``None`` if there is none.
        last_what: What that last evidence is.
        dead_after: The year after which the character is certainly dead, or ``None``.
        death: How ``dead_after`` is known ("died in 1983"), or ``""``.
    """

    character: Character = attrs.field(repr=lambda character: repr(character.id))
    first: int | None
    last: int | None
    last_what: str
    dead_after: int | None
    death: str

    @classmethod
    def build(
        cls, character: Character, sightings: Iterable[Sighting], death_bound: tuple[int, str] | None = None
    ) -> Life:
        """Weigh the record's own birth and death with further ``sightings``.

        ``death_bound`` is the latest year a death of unknown year can be in, with how that
        is known; the year of a death that the record gives overrides it.
        """
        evidence = list(sightings)
        born, died = character.born, character.died
        if born is not None:
            evidence.append(Sighting(born.earliest_year, born.latest_year, f"being born in {born}"))
        if died is not None and died.year is not None:
            evidence.append(Sighting(died.year, died.year, f"dying in {died.year}"))
            death_bound = (died.year, f"died in {died.year}")
        dead_after, death = death_bound if death_bound is not None else (None, "")
        # Evidence that starts after the death can only be a flashback: it shows no life then.
        alive = [s for s in evidence if dead_after is None or s.earliest <= dead_after]
        last = max(alive, key=lambda s: s.earliest, default=None)
        return cls(
            character,
            first=min((s.latest for s in alive if s.latest is not None), default=None),
            last=None if last is None else last.earliest,
            last_what="" if last is None else last.what,
            dead_after=dead_after,
            death=death,
        )

    def includes(self, year: int) -> bool:
        """Whether the evidence establishes the character alive in ``year``."""
        return self.first is not None and self.last is not None and self.first <= year <= self.last

    def age_in(self, year: int, hint: str = "") -> Age:
        """The age reached during ``year``, if the evidence establishes the character alive then.

        ``hint`` is added to the refusal that more evidence of life could lift.
        """
        name, born = self.character.name, self.character.born
        if born is not None and year < born.earliest_year:
            raise ArgumentValueError(f"{name} was not born yet in {year} (born {born})")
        if self.dead_after is not None and year > self.dead_after:
            raise ArgumentValueError(f"{name} {self.death}, before {year}")
        if born is None:
            raise UnknownFactError(f"the dataset does not know when {name} was born")
        # The birth is evidence, so `first` is at most its latest year.
        if self.first is None or year < self.first:
            raise UnknownFactError(f"{name} may not be born yet in {year} (born {born})")
        if self.last is None or year > self.last:
            raise UnknownFactError(
                f"{name} is not established alive in {year}: the latest evidence of life is {self.last_what},"
                f" which establishes life only up to {self.last}{hint}"
            )
        return Age(max(0, year - born.latest_year), year - born.earliest_year)


@attrs.frozen
class Casting:
    """Who plays a character in a season.

    Attributes:
        actor: The :class:`Person` playing the part.
        character: The :class:`Character` played, or ``None`` when the actor's casting is
            known but no source names the part.
        season: The season number.
        billing: How the part is credited that season, or ``None`` when no source says
            whether a part outside the series regulars is recurring or a guest role.
        order: Position in the season's credits (main cast first), from 1.
        version: Which version of a character recast by age this is ("child", "teen",
            "adult"...), or ``None`` where the show does not recast.
        status: How the casting is known (credited, announced or disputed), or ``None`` when
            the data does not say (data format 1).
        sources: Where the facts come from.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("actor", "character", "billing", "version", "status")

    actor: Person
    character: Character | None
    season: int = attrs.field(validator=_positive)
    billing: Billing | None
    order: int = attrs.field(validator=_positive)
    version: str | None = attrs.field(validator=_text)
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()
    status: CastingStatus | None = None

    def __attrs_post_init__(self) -> None:
        _cited(self)

    @property
    def disputed(self) -> bool:
        """Whether the casting is disputed: reported, but omitted or contradicted by a later or better source."""
        return self.status is CastingStatus.DISPUTED

    @property
    def part(self) -> str:
        """The part as people read it: the character's name (with the version), or ``"part not named"``.

        Examples:
            >>> import famk_data
            >>> famk_data.cast_for(1)[0].part
            'Ed Baldwin'
        """
        if self.character is None:
            return "part not named"
        return self.character.name + (f" ({self.version})" if self.version else "")

    @property
    def key(self) -> str:
        """The casting's stable identifier, such as ``"s5/alex-poletov/adult"``.

        It is the season, the character's id and the version, if any. A part no source names
        is keyed by the actor instead: ``"s5/actor:costa-ronin"``. A character id never holds
        a colon, so the two forms cannot collide.
        """
        part = f"actor:{self.actor.id}" if self.character is None else self.character.id
        key = f"s{self.season}/{part}"
        return key if self.version is None else f"{key}/{self.version}"

    def __str__(self) -> str:
        if self.character is None:
            return f"{self.actor.name} (part not named)"
        version = f" ({self.version})" if self.version else ""
        return f"{self.actor.name} as {self.character.name}{version}"

    def __repr__(self) -> str:
        """``<Casting key: who as whom>``, marked when disputed.

        Examples:
            >>> import famk_data
            >>> famk_data.cast_for(1)[0]
            <Casting s1/ed-baldwin: Joel Kinnaman as Ed Baldwin>
        """
        return brief(self, f"{self.key}: {self}" + (" (disputed)" if self.disputed else ""))


@attrs.frozen(repr=False)
class Appearance:
    """A casting credited in an episode: who plays whom in that episode.

    Attributes:
        episode: The :class:`Episode`.
        casting: The :class:`Casting` credited (its season is the episode's).
        order: Position in the episode's credits, from 1, or ``None`` where the page read
            does not give credit order (a recap naming actors as they come up).
        sources: The pages that list the episode's cast with this casting in it.
        notes: Caveats and disagreements between sources.
        derivations: How the values no source states were worked out.

    Examples:
        >>> import famk_data
        >>> data = famk_data.load("0.4.0")
        >>> cited = Source(None, "s01e01", "the episode's credits", ("casting", "order"))
        >>> first = Appearance(data.episode("S01E01"), data.cast_for(1)[0], 1, (cited,), ())
        >>> first
        <Appearance s01e01/s1/ed-baldwin: Joel Kinnaman as Ed Baldwin, credited #1>
        >>> first.key
        's01e01/s1/ed-baldwin'
    """

    FACT_FIELDS: ClassVar[tuple[str, ...]] = ("casting", "order")

    episode: Episode
    casting: Casting
    order: int | None = attrs.field(validator=attrs.validators.optional(_positive))
    sources: tuple[Source, ...]
    notes: tuple[Note, ...]
    derivations: tuple[Derivation, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.casting.season != self.episode.season:
            raise ValueError(
                f"casting {self.casting.key!r} is of Season {self.casting.season}, "
                f"not of {self.episode.id}'s Season {self.episode.season}"
            )
        _cited(self)

    @property
    def key(self) -> str:
        """The appearance's stable identifier: episode id and casting key, such as ``"s02e05/s2/molly-cobb"``."""
        return f"{self.episode.id}/{self.casting.key}"

    def __repr__(self) -> str:
        """``<Appearance key: who as whom, credit number>``."""
        order = "" if self.order is None else f", credited #{self.order}"
        return brief(self, f"{self.key}: {self.casting}{order}")
