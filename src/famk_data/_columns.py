"""The flat columns of a record type, found by walking its attrs fields and type hints.

Every export (CSV, SQLite, pandas) lays a record out by these rules, documented in
``docs/tables.md``: a nested value becomes one column per field (``ids_imdb``), a reference
to another table's record is that record's key, a table whose key is a property gets it as
its first column; a list stays one column (``is_list``) for each export to lay out its way.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import TYPE_CHECKING, Any

import attrs

from ._tables import RECORD_TYPES

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Column", "columns", "get", "plain", "primary_key", "stored_type", "table_of", "unwrap"]


@attrs.frozen
class Column:
    """One flat column of a table, found by walking the record type's attrs fields.

    Attributes:
        name: The column's name: the field path joined with ``_`` (``ids_imdb``).
        path: The attribute names from the record to the value (``("ids", "imdb")``).
        type: The value's type: a scalar (``str``, ``int``, ``bool``, ``date``), an enum, a
            record type of another table (a reference), or for a list the type of its items.
        nullable: Whether the value can be ``None`` (unknown), here or in a parent.
        is_list: Whether the value is a tuple of ``type`` items.
        references: ``(table, column)`` the value refers to, or ``None``.
    """

    name: str
    path: tuple[str, ...]
    type: Any
    nullable: bool
    is_list: bool
    references: tuple[str, str] | None


def table_of(record_type: Any) -> str | None:
    return next((table for table, kind in RECORD_TYPES.items() if kind is record_type), None)


def primary_key(record_type: type) -> str:
    """The name of the column that identifies a record: ``id``, else a ``key`` property, else the first field."""
    names: list[str] = [field.name for field in attrs.fields(record_type)]
    if "id" in names:
        return "id"
    if isinstance(getattr(record_type, "key", None), property):
        return "key"
    return names[0]


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; anything else -> ``(annotation, False)``."""
    if typing.get_origin(annotation) in {typing.Union, types.UnionType}:
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _convention_reference(name: str, kind: Any) -> tuple[str, str] | None:
    """A field named after a table's record type (``season``, ``episode``) refers to that table's key."""
    for table, record_type in RECORD_TYPES.items():
        if record_type.__name__.lower() == name:
            key = primary_key(record_type)
            key_type = str if key == "key" else unwrap(typing.get_type_hints(record_type)[key])[0]
            return (table, key) if key_type is kind else None
    return None


def _reference(kind: Any) -> tuple[str, str] | None:
    table = table_of(kind)
    return None if table is None else (table, primary_key(kind))


def columns(record_type: type) -> tuple[Column, ...]:
    """The flat columns of a record type (see the module's rules), key property first.

    Examples:
        >>> from famk_data import Season
        >>> [c.name for c in columns(Season)][:6]
        ['number', 'premiere', 'finale', 'episode_count', 'years_start', 'years_end']
    """
    cached = _COLUMNS.get(record_type)
    if cached is not None:
        return cached
    found = list(_walk(record_type, (), nullable=False))
    key = primary_key(record_type)
    if key not in {column.name for column in found}:
        found.insert(0, Column(key, (key,), str, nullable=False, is_list=False, references=None))
    names = [column.name for column in found]
    if len(set(names)) != len(names):
        raise TypeError(f"{record_type.__name__}: flattened column names collide: {names}")
    result = _COLUMNS[record_type] = tuple(found)
    return result


_COLUMNS: dict[type, tuple[Column, ...]] = {}


def _walk(record_type: type, prefix: tuple[str, ...], *, nullable: bool) -> Iterator[Column]:
    hints = typing.get_type_hints(record_type)
    for field in attrs.fields(record_type):
        path = (*prefix, field.name)
        kind, optional = unwrap(hints[field.name])
        optional = optional or nullable
        if typing.get_origin(kind) is tuple:
            item = unwrap(typing.get_args(kind)[0])[0]
            yield Column("_".join(path), path, item, optional, is_list=True, references=_reference(item))
        elif attrs.has(kind) and table_of(kind) is None:
            yield from _walk(kind, path, nullable=optional)
        else:
            references = field.metadata.get("references") or _reference(kind) or _convention_reference(field.name, kind)
            yield Column("_".join(path), path, kind, optional, is_list=False, references=references)


def get(record: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if record is None:
            return None
        record = getattr(record, name)
    return record


def plain(value: Any) -> Any:
    """A scalar, enum, date or reference as it is written in the data files."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if attrs.has(type(value)) and table_of(type(value)) is not None:
        return getattr(value, primary_key(type(value)))
    return value


def stored_type(kind: Any) -> Any:
    """The type a value is stored as: a reference stores the referenced key, an enum its value."""
    if table_of(kind) is not None:
        key = primary_key(kind)
        return str if key == "key" else stored_type(unwrap(typing.get_type_hints(kind)[key])[0])
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return str
    return kind
