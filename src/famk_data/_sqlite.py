"""What the SQLite export holds: tables, keys, full-text search, views and their descriptions.

Every table is planned from the table registry and the record types, so a new table or field
exports without a change here (the rules are documented in ``docs/tables.md``):

- **One table per dataset table** plus ``credits``, with the flat columns of the CSV export;
  SQL keywords are renamed (``order`` is ``credit_order``), booleans are ``0``/``1``.
- **A list of plain values** (``directors``, ``aliases``, an episode's ``years``) is a JSON
  array column (``NULL`` when unknown); a list of references (``absent_cast``) or of objects
  (``writers``) is a child table ``TABLE_FIELD`` keyed by the owner's key and ``position``.
- **A list of objects that several tables have** (``sources``, ``notes``, ``derivations``) is
  one shared table, keyed by ``table_name``, ``record_key`` and ``position``, with one
  foreign-key column per table (``episode_id``, ``casting_key``...), exactly one of them set.
- **Full-text search** in the form sqlite-utils writes and Datasette detects: a ``TABLE_fts``
  FTS5 table with ``content=[TABLE]`` over the names, aliases, titles and texts.
"""

from __future__ import annotations

import enum
import json
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final

import attrs

from ._columns import Column, columns, get, plain, primary_key, stored_type, unwrap
from ._credits import Credit, credit_rows
from ._dictionary import attribute_docs, description, plain_text
from ._tables import CREDITS, RECORD_TYPES, record_key

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Protocol

    from ._episodes import Episode
    from ._models import Character
    from ._protocols import Tables

    class Dataset(Tables, Protocol):
        """What the export reads: the tables, and a character's first and last credited episode."""

        def first_appearance(self, character: str | Character) -> Episode | None: ...
        def last_appearance(self, character: str | Character) -> Episode | None: ...


__all__ = ["SEARCHABLE", "SqlColumn", "SqlTable", "schema"]

#: Column names that SQL reserves, and what the export calls them instead.
RENAMED: Final = {"order": "credit_order", "values": "disputed_values"}
#: Text columns that full-text search covers: those whose name ends in one of these words.
SEARCHABLE: Final = ("name", "aliases", "title", "text", "summary")
#: Lists of plain values that refer to another table's key: a child table with a foreign key.
_LIST_REFERENCES: Final = {("episodes", "absent_cast"): ("castings", "key")}

ForeignKey = tuple[tuple[str, ...], str, tuple[str, ...]]


@attrs.frozen
class SqlColumn:
    """One column of an exported SQL table, with its description for Datasette."""

    name: str
    type: str
    not_null: bool
    description: str
    references: tuple[str, str] | None = None
    unit: str | None = None


@attrs.frozen
class SqlTable:
    """One exported SQL table: its columns and keys, what it holds, and how its rows are made."""

    name: str
    description: str
    columns: tuple[SqlColumn, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Any], Iterable[tuple[Any, ...]]] = attrs.field(eq=False, repr=False)  # from a Dataset
    foreign_keys: tuple[ForeignKey, ...] = ()
    check: str | None = None

    @property
    def search(self) -> tuple[str, ...]:
        """The columns full-text search covers (see :data:`SEARCHABLE`)."""
        return tuple(
            c.name
            for c in self.columns
            if c.type == "TEXT"
            and c.references is None
            and c.name.split("_")[-1] in SEARCHABLE
            and c.name != "table_name"
        )

    def create(self) -> str:
        parts = [f"{c.name} {c.type}{' NOT NULL' if c.not_null else ''}" for c in self.columns]
        parts.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        keys = [((c.name,), *_split(c.references)) for c in self.columns if c.references is not None]
        parts.extend(
            f"FOREIGN KEY ({', '.join(own)}) REFERENCES {table} ({', '.join(theirs)})"
            for own, table, theirs in (*self.foreign_keys, *keys)
        )
        if self.check is not None:
            parts.append(f"CHECK ({self.check})")
        return f"CREATE TABLE {self.name} (\n  " + ",\n  ".join(parts) + "\n)"

    def insert(self) -> str:
        return f"INSERT INTO {self.name} VALUES ({', '.join('?' * len(self.columns))})"  # noqa: S608 - our names


def _split(reference: tuple[str, str]) -> tuple[str, tuple[str]]:
    return reference[0], (reference[1],)


def _sql_type(kind: Any) -> str:
    kind = stored_type(kind)
    if kind in {int, bool}:
        return "INTEGER"
    return "REAL" if kind is float else "TEXT"


def _value(value: Any) -> Any:
    value = plain(value)
    return int(value) if isinstance(value, bool) else value


def _json(items: Iterable[Any] | None) -> str | None:
    """A list as a JSON array: plain values as they are written, objects in the data files' form."""
    if items is None:
        return None
    from ._converter import unstructure

    return json.dumps(
        [unstructure(item) if attrs.has(type(item)) else plain(item) for item in items], ensure_ascii=False
    )


def _singular(table: str) -> str:
    return _record_types()[table].__name__.lower()


def _record_types() -> dict[str, type]:
    return {**RECORD_TYPES, CREDITS: Credit}


def _records(dataset: Dataset, table: str) -> tuple[Any, ...]:
    return credit_rows(dataset.appearances) if table == CREDITS else tuple(getattr(dataset, table))


# -- descriptions ----------------------------------------------------------------------------


def _describe(record_type: type, path: tuple[str, ...], kind: Any, *, nullable: bool, is_list: bool) -> str:
    """A column's description: its field's (and parent fields') docstring entries, and its SQL form."""
    texts, owner = [], record_type
    for name in path:
        member = getattr(owner, name, None)
        if isinstance(member, property):  # a key that is a property, such as Casting.key
            texts.append(plain_text((member.__doc__ or "").split("\n\n")[0]))
            break
        texts.append(plain_text((attribute_docs(owner) or {}).get(name, "")))
        inner = unwrap(typing.get_type_hints(owner)[name])[0]
        owner = typing.get_args(inner)[0] if typing.get_origin(inner) is tuple else inner
    text = " — ".join(t for t in texts if t)
    if is_list:
        text += " A JSON array" + (", NULL when unknown." if nullable else ".")
    elif kind is bool:
        text += " 1 = true, 0 = false" + (", NULL = unknown." if nullable else ".")
    elif getattr(kind, "__name__", "") == "date":
        text += " An ISO date, YYYY-MM-DD."
    elif isinstance(kind, type) and issubclass(kind, enum.Enum):
        text += " One of: " + ", ".join(member.value for member in kind) + "."
    return text.strip()


def _column(record_type: type, column: Column, *, as_json: bool = False) -> SqlColumn:
    name = RENAMED.get(column.name, column.name)
    return SqlColumn(
        name,
        "TEXT" if as_json else _sql_type(column.type),
        not column.nullable,
        _describe(record_type, column.path, column.type, nullable=column.nullable, is_list=as_json),
        None if as_json else column.references,
        "min" if name.endswith("_minutes") else None,
    )


# -- the plan --------------------------------------------------------------------------------


def _shared() -> dict[str, type]:
    """Lists of objects that several tables have (``sources``, ``notes``...): one table each."""
    seen: dict[tuple[str, type], int] = {}
    for record_type in RECORD_TYPES.values():
        for column in columns(record_type):
            if column.is_list and attrs.has(column.type) and column.references is None and len(column.path) == 1:
                seen[column.name, column.type] = seen.get((column.name, column.type), 0) + 1
    return {name: kind for (name, kind), count in seen.items() if count > 1}


def _owners() -> list[tuple[str, SqlColumn]]:
    """The foreign-key column of each dataset table in a shared table: ``episode_id``..."""
    owners = []
    for table, record_type in RECORD_TYPES.items():
        key = primary_key(record_type)
        key_column = next(c for c in columns(record_type) if c.name == key)
        owner = SqlColumn(
            f"{_singular(table)}_{key}",
            _sql_type(key_column.type),
            not_null=False,
            description=f"The {_singular(table)} this row belongs to (when table_name is {table}).",
            references=(table, key),
        )
        owners.append((table, owner))
    return owners


def _item_columns(item_type: type) -> tuple[list[Column], list[SqlColumn]]:
    plan = list(columns(item_type))
    return plan, [_column(item_type, c, as_json=c.is_list) for c in plan]


def _item_values(plan: list[Column], item: Any) -> tuple[Any, ...]:
    return tuple(_json(get(item, c.path)) if c.is_list else _value(get(item, c.path)) for c in plan)


def _shared_table(name: str, item_type: type) -> SqlTable:
    owners = _owners()
    plan, item_columns = _item_columns(item_type)

    def rows(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
        for table, _ in owners:
            for record in getattr(dataset, table):
                owner_values = [None] * len(owners)
                owner_values[[t for t, _ in owners].index(table)] = _value(get(record, (primary_key(type(record)),)))
                for position, item in enumerate(getattr(record, name), start=1):
                    yield (table, record_key(record), *owner_values, position, *_item_values(plan, item))

    return SqlTable(
        name,
        f"The {name} of every record, one row each, keyed by the record's table and key. "
        + plain_text(description(item_type)),
        (
            SqlColumn(
                "table_name",
                "TEXT",
                not_null=True,
                description="The table of the record: " + ", ".join(RECORD_TYPES) + ".",
            ),
            SqlColumn(
                "record_key", "TEXT", not_null=True, description="The record's key in that table (a season's is s01)."
            ),
            *(owner for _, owner in owners),
            SqlColumn(
                "position", "INTEGER", not_null=True, description="The item's position in the record's list, from 1."
            ),
            *item_columns,
        ),
        ("table_name", "record_key", "position"),
        rows,
        check=" + ".join(f"({owner.name} IS NOT NULL)" for _, owner in owners) + " = 1",
    )


def _child_table(table: str, record_type: type, column: Column, owner: SqlColumn, key: str) -> SqlTable:
    """A child table of a list of references or of objects that only ``table`` has."""
    reference = _LIST_REFERENCES.get((table, column.name)) or column.references
    text = _describe(record_type, column.path, column.type, nullable=False, is_list=False)
    if attrs.has(column.type) and reference is None:  # a list of objects, not of references to records
        plan, item_columns = _item_columns(column.type)
    else:
        plan = []
        name = f"{_singular(reference[0])}_{reference[1]}" if reference else "value"
        item_columns = [
            SqlColumn(name, _sql_type(column.type), not_null=True, description="The item.", references=reference)
        ]

    def rows(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
        for record in _records(dataset, table):
            for position, item in enumerate(get(record, column.path) or (), start=1):
                values = _item_values(plan, item) if plan else (_value(item),)
                yield (_value(get(record, (key,))), position, *values)

    return SqlTable(
        f"{table}_{column.name}",
        f"One row per item of {table}.{column.name}: {text}",
        (
            attrs.evolve(owner, not_null=True, description=f"The {_singular(table)} the item belongs to."),
            SqlColumn("position", "INTEGER", not_null=True, description="The item's position in the list, from 1."),
            *item_columns,
        ),
        (owner.name, "position"),
        rows,
    )


def _computed(table: str) -> list[tuple[SqlColumn, Callable[[Dataset, Any], Any]]]:
    """Columns the library computes: a character's first and last credited episode."""
    if table != "characters":
        return []

    def column(which: str) -> tuple[SqlColumn, Callable[[Dataset, Any], Any]]:
        text = (
            f"The {which} episode crediting the character, as famk_data's {which}_appearance gives it: "
            "NULL when the episodes' known casts cannot tell."
        )

        def compute(dataset: Dataset, character: Any) -> str | None:
            found = getattr(dataset, f"{which}_appearance")(character)
            return None if found is None else str(found.id)

        return SqlColumn(f"{which}_credited", "TEXT", False, text, ("episodes", "id")), compute

    return [column("first"), column("last")]


def _record_tables(table: str, shared: dict[str, type]) -> Iterator[SqlTable]:
    """The table of ``table``'s records, then its child tables."""
    record_type = _record_types()[table]
    plan = columns(record_type)
    own: list[tuple[Column, bool]] = []  # a flat or JSON column, and whether it is JSON
    children: list[Column] = []
    for column in plan:
        if not column.is_list:
            own.append((column, False))
        elif column.name in shared and len(column.path) == 1:
            continue
        elif attrs.has(column.type) or (table, column.name) in _LIST_REFERENCES or column.references:
            children.append(column)
        else:
            own.append((column, True))
    counts = [c for c in children if c.nullable]
    computed = _computed(table)
    key = primary_key(record_type)

    def rows(dataset: Dataset) -> Iterator[tuple[Any, ...]]:
        for record in _records(dataset, table):
            yield (
                *(_json(get(record, c.path)) if is_json else _value(get(record, c.path)) for c, is_json in own),
                *(None if (items := get(record, c.path)) is None else len(items) for c in counts),
                *(compute(dataset, record) for _, compute in computed),
            )

    sql_columns = [_column(record_type, c, as_json=is_json) for c, is_json in own]
    sql_columns += [
        SqlColumn(
            f"{c.name}_count",
            "INTEGER",
            False,
            f"How many rows {table}_{c.name} has for the record; NULL when the list is unknown.",
        )
        for c in counts
    ]
    sql_columns += [column for column, _ in computed]
    owner = next(c for c in sql_columns if c.name == key)
    yield SqlTable(table, plain_text(description(record_type)).split("\n\n")[0], tuple(sql_columns), (key,), rows)
    singular_owner = attrs.evolve(owner, name=f"{_singular(table)}_{key}", references=(table, key))
    for column in children:
        yield _child_table(table, record_type, column, singular_owner, key)


def _metadata_table() -> SqlTable:
    from . import __version__

    def rows(dataset: Dataset) -> list[tuple[str, str | None]]:
        as_of = dataset.as_of_episode
        return [
            ("data_version", dataset.version),
            ("famk_data_version", __version__),
            ("as_of", None if as_of is None else as_of.code),  # NULL: the full data, not a view
        ]

    return SqlTable(
        "metadata",
        "Which data version this file holds (data_version), which famk-data version wrote it, and for a "
        "spoiler-safe export the episode it is as of (as_of).",
        (
            SqlColumn("key", "TEXT", True, "What the row says: data_version, famk_data_version or as_of."),
            SqlColumn("value", "TEXT", False, "Its value."),
        ),
        ("key",),
        rows,
    )


def schema() -> tuple[SqlTable, ...]:
    """Every table of the SQLite export, in creation order (a table refers only to tables before it)."""
    shared = _shared()
    tables = [_metadata_table()]
    for table in (*RECORD_TYPES, CREDITS):
        tables.extend(_record_tables(table, shared))
    tables.extend(_shared_table(name, kind) for name, kind in shared.items())
    return tuple(tables)
