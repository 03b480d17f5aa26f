"""The value types most records hold: citations, spans, deaths, billing and casting status.

Small frozen attrs classes that a record holds (a :class:`Source`, a :class:`YearSpan`...),
the enumerations a cast list needs, and the short repr every record and value uses
(:func:`brief`). None of them refers to a record. The values only some records hold live
beside them: an episode's (:mod:`._episodes`), an event's (:mod:`._event_record`), and the
ages the timeline gives (:mod:`._timeline`), so a first cast list does not define them.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from ._by_value import ByValue
from ._validators import (
    EPISODE_ID,
    URL,
    check_given,
    check_inputs,
    check_positive,
    check_text,
    check_year,
    matching,
    typed,
)
from .exceptions import ArgumentValueError

__all__ = [
    "Billing",
    "CastingStatus",
    "Death",
    "Derivation",
    "ExternalIds",
    "Note",
    "Source",
    "YearSpan",
]


_AN_ADDRESS: Final = "an http or https address without spaces"
_AN_EPISODE: Final = "an episode id such as 's02e10'"

#: The longest repr of any record or value: a person reads it in a REPL, the full detail is one
#: call away (``to_records``, ``attrs.asdict``).
MAX_REPR: Final = 300


def _cut(text: str, limit: int) -> str:
    """``text``, cut to at most ``limit`` characters (ending in "…" when cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unknown(value: object) -> str:
    """``"?"`` for ``None``, else the value as text: an unknown part of a short repr."""
    return "?" if value is None else str(value)


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


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Source(ByValue):
    """A citation: where a record's facts come from.

    Attributes:
        url: The page that states the facts, or ``None`` when ``episode`` is the source.
        episode: The id of an episode that shows the facts on screen, or ``None``.
        title: A short human description of the source.
        supports: Names of the record's fields this source confirms (in a :class:`Dispute`,
            the disputed field, for which the source gives its value).
        read_via: The address of the copy that was actually read (a mirror, an archive, a
            reprint), when the original at ``url`` was not readable; ``None`` when the
            original itself was read. A copy recorded only by its site is that site's address.
    """

    url: str | None = attrs.field(validator=matching(URL, _AN_ADDRESS))
    episode: str | None = attrs.field(validator=matching(EPISODE_ID, _AN_EPISODE))
    title: str | None = attrs.field(validator=check_text)
    supports: tuple[str, ...] = attrs.field(validator=check_given)
    read_via: str | None = attrs.field(default=None, validator=matching(URL, _AN_ADDRESS))

    def __attrs_post_init__(self) -> None:
        if self.url is None and self.episode is None:
            raise ArgumentValueError("a source needs a url or an episode")
        if self.read_via is not None and (self.url is None or self.read_via == self.url):
            raise ArgumentValueError("read_via names a copy of the page at url, never the page itself")

    def __repr__(self) -> str:
        where = _cut(self.url, 100) if self.url is not None else str(self.episode)
        title = "" if self.title is None else f" {_cut(self.title, 80)!r}"
        return brief(self, f"{where}:{title} for {', '.join(self.supports)}")


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Note(ByValue):
    """A caveat on a record: a disagreement between sources, or why a value is unknown.

    Attributes:
        field: The field the note is about, or ``None`` for the record as a whole.
        text: The note, in the dataset's own words.
    """

    field: str | None
    text: str = attrs.field(validator=check_text)

    def __repr__(self) -> str:
        return brief(self, f"on {self.field}: {self.text}" if self.field is not None else f"on the record: {self.text}")


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Derivation(ByValue):
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

    field: str = attrs.field(validator=check_text)
    rule: str = attrs.field(validator=check_text)
    inputs: tuple[str, ...] = attrs.field(validator=check_inputs)

    def __repr__(self) -> str:
        count = len(self.inputs)
        return brief(self, f"{self.field} from {count} input{'s' * (count != 1)}: {self.rule}")


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class ExternalIds(ByValue):
    """Cross-reference identifiers in other databases (never facts in themselves).

    Attributes:
        imdb: IMDb id (``tt…`` for titles, ``nm…`` for people, ``ch…`` for characters).
        tvmaze: TVmaze numeric id.
        wikidata: Wikidata item id (``Q…``).
    """

    imdb: str | None = attrs.field(
        validator=matching(r"(tt|nm|ch)\d{7,10}\Z", "an IMDb id such as 'tt7772588' or 'nm1833367'")
    )
    tvmaze: int | None = attrs.field(validator=attrs.validators.optional(check_positive))
    wikidata: str | None = attrs.field(validator=matching(r"Q[1-9]\d*\Z", "a Wikidata id such as 'Q56275941'"))

    def __bool__(self) -> bool:
        return any(value is not None for value in attrs.astuple(self))


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class YearSpan(ByValue):
    """An inclusive span of in-universe years.

    Attributes:
        start: The first year.
        end: The last year, or ``None`` when it is unknown.

    Examples:
        >>> 1983 in YearSpan(1983, 1995), str(YearSpan(2012, None))
        (True, '2012–?')
    """

    start: int = attrs.field(validator=check_year)
    end: int | None = attrs.field(validator=check_year)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.start > self.end:
            raise ArgumentValueError(f"span starts after it ends: {self.start} > {self.end}")

    def __contains__(self, year: object) -> bool:
        """Whether ``year`` can lie in the span (any year from ``start`` on, if ``end`` is unknown)."""
        if isinstance(year, bool) or not isinstance(year, int):
            return False
        return self.start <= year and (self.end is None or year <= self.end)

    def __str__(self) -> str:
        if self.end is None:
            return f"{self.start}–?"
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Death(ByValue):
    """An in-universe death.

    Attributes:
        year: The in-universe year of death, or ``None`` if unknown.
        episode: The id of the episode where it happens or is revealed, or ``None``.
    """

    year: int | None = attrs.field(validator=check_year)
    episode: str | None = attrs.field(validator=matching(EPISODE_ID, _AN_EPISODE))
