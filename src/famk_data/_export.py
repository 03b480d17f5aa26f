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
from ._tables import RECORD_TYPES, TABLES, ExportTableName
from .exceptions import ArgumentTypeError, ArgumentValueError, FamkDataError, NotFoundError

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    import pandas as pd

    from ._dataset import Dataset

__all__ = [
    "EXPORT_TABLES",
    "FORMATS",
    "LIST_SEPARATOR",
    "Column",
    "columns",
    "metadata_path",
    "primary_key",
    "table_text",
    "to_dataframe",
    "to_records",
    "write_sqlite",
]

#: The text formats of one table (the SQLite export holds every table).
FORMATS: Final = ("csv", "json", "jsonl")
#: The joined table every export has besides the dataset's own (see ``_credits.py``).
CREDITS: Final = "credits"
#: Every table an export can hold: the dataset's tables, then ``credits``.
EXPORT_TABLES: Final[tuple[str, ...]] = (*TABLES, CREDITS)
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


def _check_table(table: object, tables: tuple[str, ...] = EXPORT_TABLES) -> str:
    name = require_text(table, "table")
    if name not in tables:
        raise NotFoundError("table", name, f"tables are {', '.join(tables)}")
    return name


def _export_types() -> Mapping[str, type]:
    """The record type of every table an export can hold."""
    from ._credits import Credit

    return {**RECORD_TYPES, CREDITS: Credit}


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
            references = field.metadata.get("references") or _reference(kind) or _convention_reference(field.name, kind)
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


def _records(dataset: Dataset, table: object) -> tuple[Any, ...]:
    from ._dataset import Dataset

    if not isinstance(dataset, Dataset):
        raise ArgumentTypeError(f"expected a Dataset, not {type(dataset).__name__}")
    name = _check_table(table)
    if name == CREDITS:
        from ._credits import credit_rows

        return credit_rows(dataset.appearances)
    records: tuple[Any, ...] = getattr(dataset, name)
    return records


# -- records, JSON, JSON Lines, CSV ------------------------------------------------------------


def to_records(dataset: Dataset, table: ExportTableName) -> list[dict[str, Any]]:
    """A table's records as plain JSON-ready dicts, exactly as in the data files (``credits``: its flat columns)."""
    records = _records(dataset, table)
    if table == CREDITS:
        plan = columns(_export_types()[CREDITS])
        return [{column.name: _plain(_get(record, column.path)) for column in plan} for record in records]
    from ._converter import unstructure

    result: list[dict[str, Any]] = unstructure(list(records))
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


def table_text(dataset: Dataset, table: ExportTableName, form: str) -> str:
    """One table as text: ``csv`` (flat columns), ``json`` (the data file itself) or ``jsonl``.

    The ``credits`` table is no data file: its JSON is ``{"data_version": ..., "credits": [...]}``.
    """
    records = _records(dataset, table)
    if form not in FORMATS:
        raise ArgumentValueError(f"format must be one of {', '.join(FORMATS)}, not {form!r}")
    if form == "json" and table == CREDITS:
        import json

        document = {"data_version": dataset.version, CREDITS: to_records(dataset, table)}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if form == "json":
        from ._converter import encode_table

        return encode_table(table, dataset.version, records).decode()
    if form == "jsonl":
        import json

        return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in to_records(dataset, table))
    import csv
    import io

    plan = columns(_export_types()[table])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in plan])
    writer.writerows([_csv_cell(_get(record, column.path), column) for column in plan] for record in records)
    return buffer.getvalue()


# -- SQLite ----------------------------------------------------------------------------------


def _stored_type(kind: Any) -> Any:
    """The type a value is stored as: a reference stores the referenced key, an enum its value."""
    if _table_of(kind) is not None:
        key = primary_key(kind)
        return str if key == "key" else _stored_type(_unwrap(typing.get_type_hints(kind)[key])[0])
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return str
    return kind


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata of the database at ``path`` goes: ``famk.db`` -> ``famk.metadata.json``."""
    from pathlib import Path

    target = Path(path)
    return target.with_name(f"{target.stem}.metadata.json")


def write_sqlite(
    dataset: Dataset, path: str | os.PathLike[str], *, metadata: str | os.PathLike[str] | None = None
) -> None:
    """Write every table of ``dataset`` to a new SQLite database file (replacing ``path``).

    What the database holds is planned in ``_sqlite.py``; this writes it to a temporary file
    beside ``path`` and renames it into place. With ``metadata``, the Datasette metadata of
    the database (titles, licence, descriptions of every table and column) is written there
    as JSON too.
    """
    import json
    import os
    import sqlite3
    from pathlib import Path

    from ._dataset import Dataset
    from ._sqlite import build

    if not isinstance(dataset, Dataset):
        raise ArgumentTypeError(f"expected a Dataset, not {type(dataset).__name__}")
    for value, name in ((path, "path"), (metadata, "metadata")):
        if not isinstance(value, (str, os.PathLike)) and not (name == "metadata" and value is None):
            raise ArgumentTypeError(f"{name} must be a str or os.PathLike, not {type(value).__name__}")
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        connection = sqlite3.connect(temporary)
        try:
            build(connection, dataset)
        finally:
            connection.close()
        temporary.replace(target)
        if metadata is not None:
            from ._datasette import datasette_metadata

            text = json.dumps(datasette_metadata(dataset, target.stem), indent=2, ensure_ascii=False)
            Path(metadata).write_text(text + "\n", encoding="utf-8")
    except (OSError, sqlite3.Error) as error:
        raise ArgumentValueError(f"cannot write {shorten(str(path))}: {error}") from None
    finally:
        temporary.unlink(missing_ok=True)


# -- pandas ----------------------------------------------------------------------------------


def to_dataframe(dataset: Dataset, table: ExportTableName) -> pd.DataFrame:
    """A table as a typed pandas DataFrame: flat columns, lists in cells (needs the ``pandas`` extra)."""
    records = _records(dataset, table)
    try:
        import pandas as pd
    except ImportError:
        raise FamkDataError("to_dataframe needs pandas: pip install 'famk-data[pandas]' (or install pandas)") from None
    data: dict[str, Any] = {}
    for column in columns(_export_types()[table]):
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
