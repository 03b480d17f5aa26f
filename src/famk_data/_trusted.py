"""Records from a verified packaged snapshot, built without validating them a second time.

A packaged data version was fully validated (converter, attrs validators, cross-checks) when
it was released, is pinned by sha256 in the package manifest, and is validated again by the
test suite. Once the loader has checked those hashes, repeating that validation on every
user's first query is repeated work, so this path builds the same frozen records directly:
no cattrs, no attrs validators or ``__attrs_post_init__`` checks, no cross-checks.

Value records that repeat across a snapshot (a :class:`~famk_data.Source` cited by many
records, the same :class:`~famk_data.Note`, :class:`~famk_data.Derivation` or
:class:`~famk_data.ExternalIds`) are built once each and shared: every attrs class that is
not a table's record type is interned by its field values.

Everything is generic: the plan for each class comes from its attrs fields and their type
hints, and a field typed as another table's record type is a reference by
:func:`~famk_data._tables.record_key`. Anything else (a user's directory, data-src/) goes
through :mod:`famk_data._integrity`, which reports every problem with its JSON path.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Union

import attrs

from ._tables import FORMAT, RECORD_TYPES, record_key, table_of
from ._validators import field_types

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TypeAlias

    from ._rows import ParsedRows, Rows

    #: Turns one JSON value into its Python value; ``None`` where the JSON value is that already.
    _Hook: TypeAlias = Callable[[Any], Any] | None

__all__ = ["TrustedTables", "references"]

_PLAIN: typing.Final = (str, int, bool, type(None))


def _create(cls: type[Any], names: tuple[str, ...]) -> Callable[[Sequence[Any]], Any]:
    """A function making an instance of the slotted attrs ``cls`` from field values, unchecked."""
    new = object.__new__
    # The slots' own setters: what attrs' __init__ does for a frozen class, less the checks.
    setters = tuple(getattr(cls, name).__set__ for name in names)

    def create(values: Sequence[Any]) -> Any:
        record = new(cls)
        for set_field, value in zip(setters, values, strict=True):
            set_field(record, value)
        return record

    return create


def _with_defaults(
    get: Callable[[dict[str, Any]], tuple[Any, ...]], names: tuple[str, ...], defaults: dict[str, Any]
) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """``get``, falling back to the attrs defaults of the fields that ``raw`` lacks."""

    def get_or_default(raw: dict[str, Any]) -> tuple[Any, ...]:
        try:
            return get(raw)
        except KeyError:
            return tuple(raw[name] if name in raw else _default(defaults[name]) for name in names)

    return get_or_default


def _default(default: Any) -> Any:
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()
    return default


class _Builder:
    """Structures one snapshot's tables; holds its interned values and its references."""

    def __init__(self) -> None:
        self._hooks: dict[Any, _Hook] = {}
        # Records by key, per table record type, for the fields that refer to them.
        self.by_key: dict[type[Any], _Keyed] = {}

    def hook(self, type_: Any) -> _Hook:
        if type_ not in self._hooks:
            self._hooks[type_] = self._make_hook(type_)
        return self._hooks[type_]

    def _make_hook(self, type_: Any) -> _Hook:  # noqa: PLR0911 - one return per kind of type
        origin, args = typing.get_origin(type_), typing.get_args(type_)
        if type_ in _PLAIN:
            return None
        if type_ is dt.date:
            return dt.date.fromisoformat
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return {member.value: member for member in type_}.__getitem__
        if origin in (Union, types.UnionType):
            (inner_type,) = (arg for arg in args if arg is not type(None))
            inner = self.hook(inner_type)
            return None if inner is None else lambda value: None if value is None else inner(value)
        if origin is tuple:
            item = self.hook(args[0])
            return tuple if item is None else lambda value: tuple(map(item, value))
        if table_of(type_) is not None:
            return self.by_key.setdefault(type_, _Keyed()).__getitem__
        if attrs.has(type_):
            return self.class_hook(type_)
        raise TypeError(f"no trusted structuring for {type_!r}")  # pragma: no cover - a new kind of field

    def class_hook(self, cls: type[Any]) -> Callable[[Any], Any]:
        """Build records of the attrs class ``cls`` from JSON objects; values are interned."""
        fields = field_types(cls)
        names = tuple(name for name, _ in fields)
        create = _create(cls, names)
        # The JSON values of every field at once; then the hooks of the fields that need one.
        get = itemgetter(*names) if len(names) > 1 else lambda raw: (raw[names[0]],)
        defaults = {field.name: field.default for field in attrs.fields(cls) if field.default is not attrs.NOTHING}
        if defaults:  # a file written before a field with a default existed may lack it
            get = _with_defaults(get, names, defaults)
        hooked = tuple((index, hook) for index, (_, type_) in enumerate(fields) if (hook := self.hook(type_)))

        def converted(raw: dict[str, Any]) -> tuple[Any, ...]:
            found = list(get(raw))
            for index, hook in hooked:
                found[index] = hook(found[index])
            return tuple(found)

        values: Callable[[dict[str, Any]], tuple[Any, ...]] = converted if hooked else get

        if table_of(cls) is not None:
            return lambda raw: create(values(raw))
        interned: dict[tuple[Any, ...], Any] = {}

        def build(raw: dict[str, Any]) -> Any:
            key = values(raw)
            found = interned.get(key)
            if found is None:
                found = interned[key] = create(key)
            return found

        return build


class _Keyed(dict[str, Any]):
    """One table's records by :func:`~famk_data._tables.record_key`; one not built yet is built when referred to."""

    table: _Table | None = None

    def __missing__(self, key: str) -> Any:
        if self.table is None:  # the table's file has not been taken: an unknown reference
            raise KeyError(key)
        return self.table.by_key(key)


class _Table:
    """One table's rows (see :mod:`._rows`) and its records, each built once, when first asked for."""

    def __init__(self, rows: Rows | ParsedRows, shape: Callable[[Any], Any], keyed: _Keyed) -> None:
        self._rows: Rows | ParsedRows | None = rows
        self._records: list[Any] = [None] * len(rows)
        self._shape = shape  # a row, upgraded to the current file format, to its record
        self._keyed = keyed
        self._positions: dict[str, int] | None = None

    def _at(self, position: int) -> Any:
        record = self._records[position]
        if record is None:
            record = self._records[position] = self._shape(self._rows[position])  # type: ignore[index]
            self._keyed[record_key(record)] = record
        return record

    def all(self) -> tuple[Any, ...]:
        if self._rows is not None:
            for position in range(len(self._records)):
                self._at(position)
            self._rows = None  # every record is built: the rows can go
        return tuple(self._records)

    def where(self, field: str, value: object) -> tuple[Any, ...]:
        rows = self._rows
        if rows is None:
            return tuple(record for record in self._records if getattr(record, field) == value)
        return tuple(self._at(i) for i, found in enumerate(rows.column(field)) if found == value)

    def by_key(self, key: str) -> Any:
        """The record with this key: found by its row's ``id`` where rows have one, else after building all."""
        rows = self._rows
        if rows is not None and self._positions is None:
            ids = rows.column("id")
            self._positions = {} if None in ids else {found: position for position, found in enumerate(ids)}
        if rows is not None and self._positions:
            position = self._positions.get(key)
            if position is not None:
                return self._at(position)
        self.all()
        found = self._keyed.get(key)  # (get: a missing key must not come back here)
        if found is None:
            raise KeyError(key)
        return found


class TrustedTables:
    """Builds the records of one verified snapshot on demand, sharing interned values and references.

    :meth:`add` takes a table's rows; :meth:`build` gives all its records and :meth:`select`
    some of them, each record built once (the same object however it is reached). A record
    that refers to another table's record builds that one when it is built itself, so
    :meth:`add` needs the tables a table refers to (:func:`references`) added first; they
    need not be built.
    """

    def __init__(self) -> None:
        self._builder = _Builder()
        self._tables: dict[str, _Table] = {}

    def add(self, table: str, file_format: int, rows: Rows | ParsedRows) -> None:
        """Take the rows of ``table``, in ``file_format`` (any this package reads)."""
        record_type = RECORD_TYPES[table]
        build = self._builder.class_hook(record_type)
        if file_format == FORMAT:
            shape = build
        else:  # an older file format: each row upgraded first
            from ._formats import upgrade

            def shape(row: Any) -> Any:
                return build(upgrade(table, file_format, [row])[0])

        keyed = self._builder.by_key.setdefault(record_type, _Keyed())
        keyed.table = self._tables[table] = _Table(rows, shape, keyed)

    def build(self, table: str) -> tuple[Any, ...]:
        """Every record of an added table, in file order."""
        return self._tables[table].all()

    def select(self, table: str, field: str, value: object) -> tuple[Any, ...]:
        """The records of an added table whose ``field`` is ``value`` (JSON values compared), in file order."""
        return self._tables[table].where(field, value)


def references(table: str) -> tuple[str, ...]:
    """The tables whose records the records of ``table`` refer to (a casting's person and character).

    Examples:
        >>> references("castings"), references("seasons")
        (('people', 'characters'), ())
    """
    found: list[str] = []
    for _, type_ in field_types(RECORD_TYPES[table]):
        for inner in (type_, *typing.get_args(type_)):
            referred = table_of(inner)
            if referred is not None and referred not in found:
                found.append(referred)
    return tuple(found)
