"""Checks on the arguments of public functions, raising the library's own errors."""

from __future__ import annotations

from .exceptions import ArgumentTypeError, ArgumentValueError

__all__ = ["require_int", "require_text", "shorten"]

_MAX_SHOWN = 60


def shorten(value: object) -> str:
    """``repr(value)``, cut so an error message stays one readable line."""
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else f"{text[: _MAX_SHOWN - 1]}…"


def require_int(value: object, what: str) -> int:
    """Return ``value`` if it is an int (a bool is not), else raise ArgumentTypeError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{what} must be an int, not {type(value).__name__}")
    return value


def require_text(value: object, what: str) -> str:
    """Return ``value`` if it is a non-blank str, else raise the matching library error."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{what} must be a str, not {type(value).__name__}")
    if not value.strip():
        raise ArgumentValueError(f"{what} must not be empty")
    return value
