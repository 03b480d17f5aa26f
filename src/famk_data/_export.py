"""Tables out of a :class:`~famk_data.Dataset`: plain records, CSV, JSON, JSON Lines, SQLite, pandas.

Everything here is derived from the record types (their attrs fields and type hints) and
the dataset's table registry, so a new field or a new table exports without a change here.
The rules, documented in ``docs/tables.md``:

- **Columns** (CSV, SQLite, pandas) are the record's flat columns (see ``_columns.py``).
- **Lists** (``directors``, ``aliases``, ``sources``...): in CSV a list of plain values is its
  items joined with ``"; "``, a list of objects the JSON text of the list in the data files'
  form; in SQLite see ``_sqlite.py``; in pandas a cell holds the list.
- **Tables**: the dataset's, plus ``credits`` (``_credits.py``): each appearance joined with
  its episode, casting, actor and character.
- **Values**: dates ISO ``YYYY-MM-DD``, enumerations their string value, ``null``/empty for
  unknown.

Nothing heavy is imported at module level: cattrs, sqlite3, csv and pandas load when used.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._args import require_text, shorten
from ._columns import Column, columns, get, plain, stored_type, table_of
from ._protocols import is_tables
from ._tables import CREDITS, EXPORT_TABLES, RECORD_TYPES, TEXT_FORMATS, ExportTableName
from .exceptions import ArgumentTypeError, ArgumentValueError, FamkDataError, NotFoundError

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping
    from pathlib import Path

    import pandas as pd

    from ._protocols import Tables
    from ._sqlite import Dataset as Exportable

__all__ = [
    "FORMULA_STARTS",
    "LIST_SEPARATOR",
    "metadata_path",
    "table_text",
    "to_dataframe",
    "to_records",
    "write_sqlite",
    "write_table",
]

#: How a CSV cell joins the items of a list of plain values.
LIST_SEPARATOR: Final = "; "
_SCALARS: Final = (str, int, bool, float, dt.date)
#: What a CSV text cell starts with when a spreadsheet would run it as a formula.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _check_table(table: object, tables: tuple[str, ...] = EXPORT_TABLES) -> str:
    name = require_text(table, "table")
    if name not in tables:
        raise NotFoundError("table", name, f"tables are {', '.join(tables)}")
    return name


def _export_types() -> Mapping[str, type]:
    """The record type of every table an export can hold."""
    from ._credits import Credit

    return {**RECORD_TYPES, CREDITS: Credit}


def _records(dataset: Tables, table: object) -> tuple[Any, ...]:
    if not is_tables(dataset):
        raise ArgumentTypeError(f"expected a Dataset, not {type(dataset).__name__}")
    name = _check_table(table)
    if name == CREDITS:
        from ._credits import credit_rows

        return credit_rows(dataset.appearances)
    records: tuple[Any, ...] = getattr(dataset, name)
    return records


# -- records, JSON, JSON Lines, CSV ------------------------------------------------------------


def to_records(dataset: Tables, table: ExportTableName) -> list[dict[str, Any]]:
    """A table's records as plain JSON-ready dicts, exactly as in the data files (``credits``: its flat columns)."""
    records = _records(dataset, table)
    if table == CREDITS:
        plan = columns(_export_types()[CREDITS])
        return [{column.name: plain(get(record, column.path)) for column in plan} for record in records]
    from ._converter import unstructure

    result: list[dict[str, Any]] = unstructure(list(records))
    return result


def _csv_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.is_list:
        listed = column.type in _SCALARS or column.references is not None  # a reference is its key
        if listed or (isinstance(column.type, type) and issubclass(column.type, enum.Enum)):
            return LIST_SEPARATOR.join(str(plain(item)) for item in value)
        import json

        from ._converter import unstructure

        return json.dumps(unstructure(list(value)), ensure_ascii=False)
    value = plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _formula_safe(value: Any, column: Column) -> str:
    """A CSV cell that a spreadsheet shows as text: a text starting like a formula gets a ``'``."""
    text = _csv_cell(value, column)
    textual = column.is_list or stored_type(column.type) is str
    return f"'{text}" if textual and text.startswith(FORMULA_STARTS) else text


def _as_of(dataset: Tables) -> str | None:
    """The code of the episode a spoiler-safe view is as of, or None for the full data."""
    return None if dataset.as_of_episode is None else dataset.as_of_episode.code


def table_text(dataset: Tables, table: ExportTableName, form: str, *, csv_safe: bool = False) -> str:
    """One table as text: ``csv`` (flat columns), ``json`` (the data file itself) or ``jsonl``.

    The ``credits`` table is no data file: its JSON is ``{"data_version": ..., "credits": [...]}``.
    A view's text says so on its first line: a ``"as_of"`` key in the JSON header, a header
    object line in JSON Lines, a ``#`` comment line in CSV (see :doc:`/tables`). CSV cells are
    written as they are, even one a spreadsheet would run as a formula; with ``csv_safe`` a
    text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    ``'`` in front (see ``docs/tables.md``).
    """
    records = _records(dataset, table)
    if form not in TEXT_FORMATS:
        raise ArgumentValueError(f"format must be one of {', '.join(TEXT_FORMATS)}, not {form!r}")
    as_of = _as_of(dataset)
    if form == "json" and table == CREDITS:
        import json

        top = {"data_version": dataset.version} | ({} if as_of is None else {"as_of": as_of})
        document = {**top, CREDITS: to_records(dataset, table)}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if form == "json":
        from ._converter import encode_table

        return encode_table(table, dataset.version, records, as_of=as_of).decode()
    if form == "jsonl":
        import json

        header = "" if as_of is None else json.dumps({"data_version": dataset.version, "as_of": as_of}) + "\n"
        return header + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_records(dataset, table))
    import csv
    import io

    plan = columns(_export_types()[table])
    buffer = io.StringIO()
    if as_of is not None:
        buffer.write(f"# famk-data {dataset.version} as of {as_of}: a spoiler-safe view\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in plan])
    cell = _formula_safe if csv_safe else _csv_cell
    writer.writerows([cell(get(record, column.path), column) for column in plan] for record in records)
    return buffer.getvalue()


# -- SQLite ----------------------------------------------------------------------------------


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata of the database at ``path`` goes: ``famk.db`` -> ``famk.metadata.json``.

    Raises:
        ArgumentTypeError, ArgumentValueError: ``path`` cannot be an export's output (see
            :func:`write_sqlite`).
    """
    from pathlib import Path

    from ._files import check_target

    check_target(path)
    target = Path(path)
    return target.with_name(f"{target.stem}.metadata.json")


def write_sqlite(
    dataset: Exportable, path: str | os.PathLike[str], *, metadata: str | os.PathLike[str] | None = None
) -> None:
    """Write every table of ``dataset`` to a new SQLite database file (replacing ``path``).

    What the database holds is planned in ``_sqlite.py``. ``path`` is replaced atomically, as
    :mod:`famk_data._files` describes: a regular file (or the one a symbolic link points to)
    keeps its permissions, anything else is refused, and nothing is left behind on failure or
    interruption. With ``metadata``, the Datasette metadata of the database (titles, licence,
    descriptions of every table and column) is written there as JSON too, the same way.
    """
    import json
    import sqlite3
    from pathlib import Path

    from ._files import replacing, write_bytes
    from ._sqlite_build import build

    if not is_tables(dataset):
        raise ArgumentTypeError(f"expected a Dataset, not {type(dataset).__name__}")
    with replacing(path) as (_, temporary):
        try:
            connection = sqlite3.connect(temporary)
            try:
                build(connection, dataset)
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise ArgumentValueError(f"cannot write {shorten(str(path))}: {error}") from None
    if metadata is not None:
        from ._datasette import datasette_metadata

        text = json.dumps(datasette_metadata(dataset, Path(path).stem), indent=2, ensure_ascii=False)
        with replacing(metadata) as (descriptor, _):
            write_bytes(descriptor, (text + "\n").encode("utf-8"))


def write_table(
    dataset: Tables, table: ExportTableName, form: str, path: str | os.PathLike[str], *, csv_safe: bool = False
) -> None:
    """Write one table as text (see :func:`table_text`) to ``path``, replacing it atomically.

    The same guarantees as :func:`write_sqlite`: a full disk or an interruption leaves the old
    file as it was. For standard output, print :func:`table_text` instead.
    """
    from ._files import replacing, write_bytes

    content = table_text(dataset, table, form, csv_safe=csv_safe).encode("utf-8")
    with replacing(path) as (descriptor, _):
        write_bytes(descriptor, content)


# -- pandas ----------------------------------------------------------------------------------


def to_dataframe(dataset: Tables, table: ExportTableName) -> pd.DataFrame:
    """A table as a typed pandas DataFrame: flat columns, lists in cells (needs the ``pandas`` extra)."""
    records = _records(dataset, table)
    try:
        import pandas as pd
    except ImportError:
        raise FamkDataError("to_dataframe needs pandas: pip install 'famk-data[pandas]' (or install pandas)") from None
    data: dict[str, Any] = {}
    for column in columns(_export_types()[table]):
        values = [get(record, column.path) for record in records]
        data[column.name] = _series(pd, column, values)
    return pd.DataFrame(data)


def _series(pd: Any, column: Column, values: list[Any]) -> Any:
    kind = column.type
    if column.is_list:
        if attrs.has(kind) and table_of(kind) is None:
            from ._converter import unstructure

            return pd.Series([None if v is None else unstructure(list(v)) for v in values], dtype=object)
        return pd.Series([None if v is None else [plain(i) for i in v] for v in values], dtype=object)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        categories = pd.CategoricalDtype([member.value for member in kind])
        return pd.Series([plain(v) for v in values], dtype=categories)
    if kind is dt.date:
        return pd.to_datetime(pd.Series([plain(v) for v in values], dtype=object), format="ISO8601")
    dtype = {int: "Int64", bool: "boolean", float: "Float64"}.get(kind, "string")
    return pd.Series([plain(v) for v in values], dtype=dtype)
