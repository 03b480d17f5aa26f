"""Checks on the arguments of public functions, raising the library's own errors."""

from __future__ import annotations

from .exceptions import ArgumentTypeError, ArgumentValueError

__all__ = ["MAX_INT", "require_int", "require_text", "shorten"]

_MAX_SHOWN = 60


def shorten(value: object) -> str:
    """``repr(value)``, cut so an error message stays one readable line (a huge int is described)."""
    if isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
        return f"a number of about {_digits(value):,} digits"
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else f"{text[: _MAX_SHOWN - 1]}…"


#: The largest magnitude an int argument may have: far past any season, year or number in
#: the data, and far below where printing it could fail (Python's 4,300-digit limit).
MAX_INT = 10**18


def _digits(value: int) -> int:
    return int(value.bit_length() * 0.30103) + 1  # log10(2): no str() of a huge int


def require_int(value: object, what: str) -> int:
    """Return ``value`` if it is an int (a bool is not) of at most 18 digits, else raise a library error.

    Examples:
        >>> require_int(10**5000, "season")
        Traceback (most recent call last):
        ...
        famk_data.exceptions.ArgumentValueError: season is out of range: a number of about 5,001 digits
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{what} must be an int, not {type(value).__name__}")
    if not -MAX_INT <= value <= MAX_INT:
        raise ArgumentValueError(f"{what} is out of range: {shorten(value)}")
    return value


def require_text(value: object, what: str) -> str:
    """Return ``value`` if it is a non-blank str, else raise the matching library error."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{what} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise ArgumentValueError(f"{what} must not be empty")
    return value
