"""What the capability modules read of a dataset: small protocols that :class:`Dataset` satisfies.

The capability modules (appearances, the timeline, views, exports, the diff) take a dataset
typed by these protocols, never :class:`~famk_data.Dataset` itself, so the imports point one
way: files → loader → records → Dataset → capabilities → callers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeGuard, overload

from ._tables import TABLES

if TYPE_CHECKING:
    from ._appearance_record import Appearance
    from ._episodes import Episode
    from ._event_record import Event
    from ._models import Casting, Character, Person
    from ._seasons import Season

__all__ = ["Queries", "Select", "TableSource", "Tables", "is_tables"]


class Tables(Protocol):
    """The tables of one data version (a full dataset or a spoiler-safe view)."""

    @property
    def version(self) -> str: ...
    @property
    def seasons(self) -> tuple[Season, ...]: ...
    @property
    def episodes(self) -> tuple[Episode, ...]: ...
    @property
    def characters(self) -> tuple[Character, ...]: ...
    @property
    def people(self) -> tuple[Person, ...]: ...
    @property
    def castings(self) -> tuple[Casting, ...]: ...
    @property
    def appearances(self) -> tuple[Appearance, ...]: ...
    @property
    def events(self) -> tuple[Event, ...]: ...
    @property
    def as_of_episode(self) -> Episode | None: ...


class Queries(Tables, Protocol):
    """The tables and the accessors (each raising :class:`~famk_data.NotFoundError` for an unknown key)."""

    def season(self, number: int | Season) -> Season: ...
    def episodes_in(self, season: int | Season) -> tuple[Episode, ...]: ...
    @overload
    def episode(self, code: str | Episode, number: None = None) -> Episode: ...
    @overload
    def episode(self, code: int, number: int) -> Episode: ...
    def character(self, key: str | Character) -> Character: ...
    def person(self, key: str | Person) -> Person: ...
    def actors_of(self, character: str | Character) -> tuple[Casting, ...]: ...


class Select(Protocol):
    """Part of a table: its records whose ``field`` is ``value``, in file order (see :mod:`._snapshot`)."""

    def __call__(self, table: str, field: str, value: object, /) -> tuple[Any, ...]: ...


class TableSource(Protocol):
    """Where a dataset's tables come from on first use: a whole table, or part of one."""

    def __call__(self, table: str, /) -> tuple[Any, ...]: ...
    def select(self, table: str, field: str, value: object, /) -> tuple[Any, ...]: ...


def is_tables(value: Any) -> TypeGuard[Tables]:
    """Whether ``value``'s class has every table (looked up on the class: no lazy table is loaded)."""
    return all(hasattr(type(value), name) for name in ("version", *TABLES))
