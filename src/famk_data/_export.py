"""Tables out of a :class:`~famk_data.Dataset`: plain records, CSV, JSON, JSON Lines, SQLite, pandas.

Everything here is derived from the record types (their attrs fields and type hints) and
the dataset's table registry, so a new field or a new table exports without a change here.
The rules, documented in ``docs/tables.md``:

- **Columns** (CSV, SQLite, pandas) are the record's fields in declaration order. A nested
  value (``ids``, ``years``, ``born``...) becomes one column per field, named
  ``parent_field`` (``ids_imdb``, ``born_earliest_year``). A reference to a record of another
  table (a casting's ``actor``) is that record's key (its id). A table whose key is a property,
  not a field (``Casting.key``), gets it as its first column.
- **Lists** (``directors``, ``aliases``, ``sources``...): in CSV a list of plain values is its
  items joined with ``"; "``, a list of objects the JSON text of the list in the data files'
  form; in SQLite each list is a child table; in pandas a cell holds the list.
- **Values**: dates ISO ``YYYY-MM-DD``, enumerations their string value, ``null``/empty for
  unknown.

Nothing heavy is imported at module level: cattrs, sqlite3, csv and pandas load when used.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._args import require_text, shorten
from ._protocols import is_tables
from ._tables import RECORD_TYPES
from .exceptions import ArgumentTypeError, ArgumentValueError, FamkDataError, NotFoundError

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator

    import pandas as pd

    from ._protocols import Tables

__all__ = [
    "FORMATS",
    "LIST_SEPARATOR",
    "Column",
    "columns",
    "primary_key",
    "table_text",
    "to_dataframe",
    "to_records",
    "write_sqlite",
]

#: The text formats of one table (the SQLite export holds every table).
FORMATS: Final = ("csv", "json", "jsonl")
#: How a CSV cell joins the items of a list of plain values.
LIST_SEPARATOR: Final = "; "
_SCALARS: Final = (str, int, bool, float, dt.date)


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


def _check_table(table: object) -> str:
    name = require_text(table, "table")
    if name not in RECORD_TYPES:
        raise NotFoundError("table", name, f"tables are {', '.join(RECORD_TYPES)}")
    return name


def _table_of(record_type: Any) -> str | None:
    return next((table for table, kind in RECORD_TYPES.items() if kind is record_type), None)


def primary_key(record_type: type) -> str:
    """The name of the column that identifies a record: ``id``, else a ``key`` property, else the first field."""
    names: list[str] = [field.name for field in attrs.fields(record_type)]
    if "id" in names:
        return "id"
    if isinstance(getattr(record_type, "key", None), property):
        return "key"
    return names[0]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
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
            key_type = str if key == "key" else _unwrap(typing.get_type_hints(record_type)[key])[0]
            return (table, key) if key_type is kind else None
    return None


def _reference(kind: Any) -> tuple[str, str] | None:
    table = _table_of(kind)
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
        kind, optional = _unwrap(hints[field.name])
        optional = optional or nullable
        if typing.get_origin(kind) is tuple:
            item = _unwrap(typing.get_args(kind)[0])[0]
            yield Column("_".join(path), path, item, optional, is_list=True, references=_reference(item))
        elif attrs.has(kind) and _table_of(kind) is None:
            yield from _walk(kind, path, nullable=optional)
        else:
            references = _reference(kind) or _convention_reference(field.name, kind)
            yield Column("_".join(path), path, kind, optional, is_list=False, references=references)


def _get(record: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if record is None:
            return None
        record = getattr(record, name)
    return record


def _plain(value: Any) -> Any:
    """A scalar, enum, date or reference as it is written in the data files."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if attrs.has(type(value)) and _table_of(type(value)) is not None:
        return getattr(value, primary_key(type(value)))
    return value


def _records(dataset: Tables, table: object) -> tuple[Any, ...]:
    if not is_tables(dataset):
        raise ArgumentTypeError(f"expected a Dataset, not {type(dataset).__name__}")
    records: tuple[Any, ...] = getattr(dataset, _check_table(table))
    return records


# -- records, JSON, JSON Lines, CSV ------------------------------------------------------------


def to_records(dataset: Tables, table: str) -> list[dict[str, Any]]:
    """A table's records as plain JSON-ready dicts, exactly as in the data files."""
    from ._converter import unstructure

    result: list[dict[str, Any]] = unstructure(list(_records(dataset, table)))
    return result


def _csv_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.is_list:
        if column.type in _SCALARS or (isinstance(column.type, type) and issubclass(column.type, enum.Enum)):
            return LIST_SEPARATOR.join(str(_plain(item)) for item in value)
        import json

        from ._converter import unstructure

        return json.dumps(unstructure(list(value)), ensure_ascii=False)
    value = _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _as_of(dataset: Tables) -> str | None:
    """The code of the episode a spoiler-safe view is as of, or None for the full data."""
    return None if dataset.as_of_episode is None else dataset.as_of_episode.code


def table_text(dataset: Tables, table: str, form: str) -> str:
    """One table as text: ``csv`` (flat columns), ``json`` (the data file itself) or ``jsonl``.

    A view's text says so on its first line: a ``"as_of"`` key in the JSON header, a header
    object line in JSON Lines, a ``#`` comment line in CSV (see :doc:`/tables`).
    """
    records = _records(dataset, table)
    if form not in FORMATS:
        raise ArgumentValueError(f"format must be one of {', '.join(FORMATS)}, not {form!r}")
    as_of = _as_of(dataset)
    if form == "json":
        from ._converter import encode_table

        return encode_table(table, dataset.version, records, as_of=as_of).decode()
    if form == "jsonl":
        import json

        header = "" if as_of is None else json.dumps({"data_version": dataset.version, "as_of": as_of}) + "\n"
        return header + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_records(dataset, table))
    import csv
    import io

    plan = columns(RECORD_TYPES[table])
    buffer = io.StringIO()
    if as_of is not None:
        buffer.write(f"# famk-data {dataset.version} as of {as_of}: a spoiler-safe view\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in plan])
    writer.writerows([_csv_cell(_get(record, column.path), column) for column in plan] for record in records)
    return buffer.getvalue()


# -- SQLite ----------------------------------------------------------------------------------


@attrs.frozen
class _SqlTable:
    name: str
    columns: tuple[tuple[str, str, bool], ...]  # name, SQL type, NOT NULL
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]
    rows: list[tuple[Any, ...]]

    def create(self) -> str:
        parts = [f'"{name}" {kind}{" NOT NULL" if not_null else ""}' for name, kind, not_null in self.columns]
        parts.append(f"PRIMARY KEY ({_names(self.primary_key)})")
        parts.extend(
            f'FOREIGN KEY ({_names(own)}) REFERENCES "{table}" ({_names(theirs)})'
            for own, table, theirs in self.foreign_keys
        )
        return f'CREATE TABLE "{self.name}" (\n  ' + ",\n  ".join(parts) + "\n)"

    def insert(self) -> str:
        return f'INSERT INTO "{self.name}" VALUES ({", ".join("?" * len(self.columns))})'  # noqa: S608 - our names


def _names(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _sql_type(kind: Any) -> str:
    if kind in {int, bool}:
        return "INTEGER"
    return "REAL" if kind is float else "TEXT"


def _sql_value(value: Any) -> Any:
    value = _plain(value)
    return int(value) if isinstance(value, bool) else value


def _sql_tables(
    name: str,
    record_type: Any,
    owner_columns: tuple[tuple[str, str], ...],
    parent: tuple[str, tuple[str, ...]] | None,
    owners: Iterable[tuple[tuple[Any, ...], Any]],
) -> Iterator[_SqlTable]:
    """The SQL table ``name`` of ``record_type`` records, then the child tables of its lists.

    ``owners`` pairs each record with the values of ``owner_columns``: nothing for a table of
    the dataset; for a child table, the owning row's key and the item's position (from 1).
    ``parent`` is the owning table and its key columns.
    """
    owners = list(owners)
    plan = columns(record_type)
    flat = [c for c in plan if not c.is_list]
    lists = [c for c in plan if c.is_list]
    counts = [c for c in lists if c.nullable]  # an unknown list is a NULL count, not merely no rows
    own_names = tuple(n for n, _ in owner_columns)
    key = (primary_key(record_type),) if parent is None else own_names
    foreign: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = [
        ((c.name,), c.references[0], (c.references[1],)) for c in flat if c.references is not None
    ]
    if parent is not None:
        foreign.insert(0, (own_names[:-1], parent[0], parent[1]))
    table = _SqlTable(
        name,
        (
            *((n, t, True) for n, t in owner_columns),
            *((c.name, _sql_type(_stored_type(c.type)), not c.nullable) for c in flat),
            *((f"{c.name}_count", "INTEGER", False) for c in counts),
        ),
        key,
        tuple(foreign),
        [
            (
                *owner,
                *(_sql_value(_get(record, c.path)) for c in flat),
                *(None if (items := _get(record, c.path)) is None else len(items) for c in counts),
            )
            for owner, record in owners
        ],
    )
    yield table
    singular = record_type.__name__.lower()
    if parent is None:
        key_type = next(t for n, t, _ in table.columns if n == key[0])
        child_keys: tuple[tuple[str, str], ...] = ((f"{singular}_{key[0]}", key_type),)
    else:
        child_keys = (*owner_columns[:-1], (f"{singular}_position", "INTEGER"))
    child_columns = (*child_keys, ("position", "INTEGER"))
    for column in lists:
        child_owners = [
            ((*(owner if parent is not None else (_sql_value(_get(record, key)),)), position), item)
            for owner, record in owners
            for position, item in enumerate(_get(record, column.path) or (), start=1)
        ]
        child = f"{name}_{column.name}"
        if attrs.has(column.type) and _table_of(column.type) is None:
            yield from _sql_tables(child, column.type, child_columns, (name, key), child_owners)
            continue
        child_foreign = [(tuple(n for n, _ in child_keys), name, key)]
        if column.references is not None:
            child_foreign.append((("value",), column.references[0], (column.references[1],)))
        yield _SqlTable(
            child,
            (*((n, t, True) for n, t in child_columns), ("value", _sql_type(_stored_type(column.type)), True)),
            tuple(n for n, _ in child_columns),
            tuple(child_foreign),
            [(*owner, _sql_value(item)) for owner, item in child_owners],
        )


def _stored_type(kind: Any) -> Any:
    """The type a value is stored as: a reference stores the referenced key, an enum its value."""
    if _table_of(kind) is not None:
        key = primary_key(kind)
        return str if key == "key" else _stored_type(_unwrap(typing.get_type_hints(kind)[key])[0])
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return str
    return kind


def write_sqlite(dataset: Tables, path: str | os.PathLike[str]) -> None:
    """Write every table of ``dataset`` to a new SQLite database file (replacing ``path``)."""
    import os
    import sqlite3
    from pathlib import Path

    from . import __version__

    if not is_tables(dataset):
        raise ArgumentTypeError(f"expected a Dataset, not {type(dataset).__name__}")
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentTypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    specs = [
        spec
        for table, record_type in RECORD_TYPES.items()
        for spec in _sql_tables(table, record_type, (), None, (((), r) for r in getattr(dataset, table)))
    ]
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        connection = sqlite3.connect(temporary)
        try:
            with connection:
                connection.execute('CREATE TABLE "metadata" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT)')
                connection.executemany(
                    'INSERT INTO "metadata" VALUES (?, ?)',
                    [("data_version", dataset.version), ("famk_data_version", __version__), ("as_of", _as_of(dataset))],
                )
                for spec in specs:
                    connection.execute(spec.create())
                    connection.executemany(spec.insert(), spec.rows)
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            connection.close()
        if broken:
            raise FamkDataError(f"the export has dangling references, first in table {broken[0][0]!r}")
        temporary.replace(target)
    except (OSError, sqlite3.Error) as error:
        raise ArgumentValueError(f"cannot write {shorten(str(path))}: {error}") from None
    finally:
        temporary.unlink(missing_ok=True)


# -- pandas ----------------------------------------------------------------------------------


def to_dataframe(dataset: Tables, table: str) -> pd.DataFrame:
    """A table as a typed pandas DataFrame: flat columns, lists in cells (needs the ``pandas`` extra)."""
    records = _records(dataset, table)
    try:
        import pandas as pd
    except ImportError:
        raise FamkDataError("to_dataframe needs pandas: pip install 'famk-data[pandas]' (or install pandas)") from None
    data: dict[str, Any] = {}
    for column in columns(RECORD_TYPES[table]):
        values = [_get(record, column.path) for record in records]
        data[column.name] = _series(pd, column, values)
    return pd.DataFrame(data)


def _series(pd: Any, column: Column, values: list[Any]) -> Any:
    kind = column.type
    if column.is_list:
        if attrs.has(kind) and _table_of(kind) is None:
            from ._converter import unstructure

            return pd.Series([None if v is None else unstructure(list(v)) for v in values], dtype=object)
        return pd.Series([None if v is None else [_plain(i) for i in v] for v in values], dtype=object)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        categories = pd.CategoricalDtype([member.value for member in kind])
        return pd.Series([_plain(v) for v in values], dtype=categories)
    if kind is dt.date:
        return pd.to_datetime(pd.Series([_plain(v) for v in values], dtype=object), format="ISO8601")
    dtype = {int: "Int64", bool: "boolean", float: "Float64"}.get(kind, "string")
    return pd.Series([_plain(v) for v in values], dtype=dtype)
