"""Dates known to the precision the evidence supports: a :class:`PartialDate`, a :class:`Birth`.

Both are a range of years that may narrow to one year, a month or a day, and share their
behaviour (precision, ``year in date``, text, chronological order) through one base class.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ._by_value import ByValue
from ._validators import check_year, typed
from .exceptions import ArgumentValueError

__all__ = ["Birth", "PartialDate", "Precision"]


class Precision(enum.Enum):
    """How precisely a date (a birth, an event) is known."""

    #: The exact date.
    DATE = "date"
    #: The year and the month, not the day.
    MONTH = "month"
    #: The year only.
    YEAR = "year"
    #: A range of possible years (for example from a stated age in a known year).
    YEARS = "years"


class _Dating:
    """What :class:`Birth` and :class:`PartialDate` share: a date known to a range of years, a year, a month or a day.

    A subclass stores either ``date`` (a :class:`Birth`) or ``month`` and ``day`` (a
    :class:`PartialDate`); each reads the other from what it stores.
    """

    __slots__ = ()

    earliest_year: int
    latest_year: int

    @property
    def date(self) -> dt.date | None:
        """The exact date, or ``None`` when the day is not known."""
        raise NotImplementedError  # pragma: no cover - every subclass stores or computes it

    @property
    def month(self) -> int | None:
        """The month (1–12), or ``None`` when it is not known."""
        return None if self.date is None else self.date.month

    @property
    def day(self) -> int | None:
        """The day of the month, or ``None`` when it is not known."""
        return None if self.date is None else self.date.day

    def _check_years(self) -> None:
        if self.earliest_year > self.latest_year:
            raise ArgumentValueError("earliest_year is after latest_year")

    @property
    def precision(self) -> Precision:
        """How precisely the date is known."""
        if self.day is not None:
            return Precision.DATE
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR if self.earliest_year == self.latest_year else Precision.YEARS

    def __contains__(self, year: object) -> bool:
        """Whether the date can fall in ``year``: ``earliest_year <= year <= latest_year``."""
        if isinstance(year, bool) or not isinstance(year, int):
            return False
        return self.earliest_year <= year <= self.latest_year

    def sort_key(self) -> tuple[int, int, int, int]:
        """Earliest year, latest year, month and day (0 when unknown): chronological order."""
        return self.earliest_year, self.latest_year, self.month or 0, self.day or 0

    def __str__(self) -> str:
        if self.date is not None:
            return self.date.isoformat()
        if self.month is not None:
            return f"{self.earliest_year}-{self.month:02d}"
        if self.earliest_year == self.latest_year:
            return str(self.earliest_year)
        return f"{self.earliest_year}–{self.latest_year}"


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class PartialDate(ByValue, _Dating):
    """A date known to the precision the evidence supports: a range of years, a year, a month or a day.

    The date of an :class:`Event`, in the show's world or in ours. :class:`Birth` shares its
    behaviour (precision, ``in``, text) and stores an exact date instead of a month and a day.

    Attributes:
        earliest_year: The earliest year the date can be in.
        latest_year: The latest year the date can be in (equal to ``earliest_year`` when the
            year is known).
        month: The month (1–12), or ``None`` when no source gives it.
        day: The day of the month, or ``None`` when no source gives it (only with a month).

    Examples:
        >>> landing = PartialDate(1969, 1969, 6, 26)
        >>> str(landing), landing.precision, 1969 in landing
        ('1969-06-26', <Precision.DATE: 'date'>, True)
        >>> str(PartialDate(1994, 1995, None, None)), 1996 in PartialDate(1994, 1995, None, None)
        ('1994–1995', False)
    """

    earliest_year: int = attrs.field(validator=check_year)
    latest_year: int = attrs.field(validator=check_year)
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        self._check_years()
        if self.month is None:
            if self.day is not None:
                raise ArgumentValueError("a day needs a month")
            return
        if self.earliest_year != self.latest_year:
            raise ArgumentValueError("a month needs earliest_year == latest_year")
        try:
            dt.date(self.earliest_year, self.month, self.day or 1)
        except ValueError as error:  # month 13, 31 February
            raise ArgumentValueError(f"no such date: {error}") from None

    @property
    def date(self) -> dt.date | None:
        """The exact date, or ``None`` when the day is not known."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.earliest_year, self.month, self.day)


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Birth(ByValue, _Dating):
    """An in-universe (or real) birth, with the precision the evidence supports.

    A :class:`PartialDate` in all but its stored form: it stores an exact ``date`` (its
    ``month`` and ``day`` are read from it), as the data files always have.

    Attributes:
        earliest_year: The earliest possible birth year.
        latest_year: The latest possible birth year (equal to ``earliest_year`` when the year
            is known).
        date: The exact date, or ``None`` when only the year(s) are known.

    Examples:
        >>> Birth(earliest_year=1931, latest_year=1932, date=None).precision
        <Precision.YEARS: 'years'>
        >>> import datetime
        >>> born = Birth(earliest_year=1932, latest_year=1932, date=datetime.date(1932, 5, 1))
        >>> str(born), born.month, 1932 in born
        ('1932-05-01', 5, True)
    """

    earliest_year: int = attrs.field(validator=check_year)
    latest_year: int = attrs.field(validator=check_year)
    date: dt.date | None

    def __attrs_post_init__(self) -> None:
        self._check_years()
        if self.date is not None and not self.earliest_year == self.latest_year == self.date.year:
            raise ArgumentValueError("an exact date needs earliest_year == latest_year == its year")
