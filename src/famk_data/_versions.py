"""Data-version strings: parsing, and choosing a release from an exact or partial version."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, overload

from ._args import shorten
from .exceptions import ArgumentTypeError, ArgumentValueError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["parse_version", "select_version"]

_PART = r"(?:0|[1-9][0-9]{0,5})"
_VERSION = re.compile(rf"{_PART}(?:\.{_PART}){{0,2}}\Z")


@overload
def parse_version(text: str) -> tuple[int, ...]: ...
@overload
def parse_version(text: str, *, strict: Literal[False]) -> tuple[int, ...] | None: ...
def parse_version(text: str, *, strict: bool = True) -> tuple[int, ...] | None:
    """``"0.2.0"`` -> ``(0, 2, 0)``; a full MAJOR.MINOR.PATCH version only.

    With ``strict=False`` an invalid version gives ``None`` instead of an error.
    """
    if _VERSION.match(text) and text.count(".") == 2:
        return tuple(int(part) for part in text.split("."))
    if strict:
        raise ArgumentValueError(f"not a MAJOR.MINOR.PATCH version: {shorten(text)}")
    return None


def select_version(wanted: object, available: Sequence[str]) -> str:
    """The newest of ``available`` matching ``wanted`` (``None``, ``"0"``, ``"0.2"`` or ``"0.2.0"``).

    The string is checked against a strict pattern before any file is touched, so no
    version string can name a path outside the data directory.
    """
    if wanted is not None and not isinstance(wanted, str):
        raise ArgumentTypeError(f"version must be a str or None, not {type(wanted).__name__}")
    newest_first = sorted(available, key=parse_version, reverse=True)
    if wanted is None:
        return newest_first[0]
    if not _VERSION.match(wanted):
        raise ArgumentValueError(
            f"not a data version: {shorten(wanted)}; expected 'MAJOR', 'MAJOR.MINOR' or 'MAJOR.MINOR.PATCH'"
        )
    prefix = tuple(int(part) for part in wanted.split("."))
    for version in newest_first:
        if parse_version(version)[: len(prefix)] == prefix:
            return version
    raise NotFoundError("data version", wanted, f"available: {', '.join(reversed(newest_first))}")
