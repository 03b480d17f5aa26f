"""The tables of a data version, defined once: names, record types, order, keys and formats.

Every module that needs to know what a table is (the loader, the converter, the cross-checks,
the Dataset, the diff) imports it from here, so data flows one way and nothing imports back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, Final, Literal

from ._values import billing_rank
from .exceptions import ArgumentTypeError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._models import Casting

__all__ = [
    "CANONICAL_ORDER",
    "CREDITS",
    "EXPORT_TABLES",
    "FORMAT",
    "FORMAT_TABLES",
    "RECORD_TYPES",
    "TABLES",
    "TEXT_FORMATS",
    "ExportTableName",
    "TableName",
    "ordered_table",
    "record_key",
    "table_of",
]

#: The name of a table of a dataset, for type checkers (``TABLES`` holds the same names).
TableName = Literal["seasons", "episodes", "characters", "people", "castings", "appearances", "events"]
#: The name of a table an export holds: a dataset's table, or the joined ``credits``.
ExportTableName = Literal[TableName, "credits"]

#: Every table a dataset can hold, in the order they are structured (a table's references
#: point only at tables before it).
TABLES: Final[tuple[TableName, ...]] = (
    "seasons",
    "episodes",
    "characters",
    "people",
    "castings",
    "appearances",
    "events",
)

#: The joined table every export has besides the dataset's own (see ``_credits.py``).
CREDITS: Final = "credits"
#: Every table an export can hold: the dataset's tables, then ``credits``.
EXPORT_TABLES: Final[tuple[str, ...]] = (*TABLES, CREDITS)
#: The text formats an export writes one table in (the SQLite export holds every table).
TEXT_FORMATS: Final = ("csv", "json", "jsonl")

_FORMAT_2: Final = ("seasons", "episodes", "characters", "people", "castings", "appearances")

#: The tables each file format holds. Format 2 added ``derivations`` to every record, the
#: episodes' ``cast_coverage`` and ``absent_cast``, and the ``appearances`` table. Format 3
#: added ``disputes`` to every record and ``read_via`` to every source (the fields are listed
#: in :mod:`._formats`) and the ``events`` table.
FORMAT_TABLES: Final[Mapping[int, tuple[str, ...]]] = {
    1: ("seasons", "episodes", "characters", "people", "castings"),
    2: _FORMAT_2,
    3: (*_FORMAT_2, "events"),
}
#: The file format new releases are written in.
FORMAT: Final = max(FORMAT_TABLES)

# Where each table's record type is defined: imported when first asked for, so a first cast
# list defines the seasons', characters', people's and castings' classes, and no others.
_DEFINED_IN: Final = {
    "seasons": ("_seasons", "Season"),
    "episodes": ("_episodes", "Episode"),
    "characters": ("_models", "Character"),
    "people": ("_models", "Person"),
    "castings": ("_models", "Casting"),
    "appearances": ("_appearance_record", "Appearance"),
    "events": ("_event_record", "Event"),
}
_TABLE_OF: Final = {(f"{__package__}.{module}", name): table for table, (module, name) in _DEFINED_IN.items()}


class _RecordTypes(Mapping[str, type[Any]]):
    """Each table's record type, its module imported on first use."""

    def __init__(self) -> None:
        self._found: dict[str, type[Any]] = {}

    def __getitem__(self, table: str) -> type[Any]:
        found = self._found.get(table)
        if found is None:
            module, name = _DEFINED_IN[table]
            found = self._found[table] = getattr(import_module(f"{__package__}.{module}"), name)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_DEFINED_IN)

    def __len__(self) -> int:
        return len(_DEFINED_IN)


#: The record type of each table (a mapping that imports a type's module when first asked).
RECORD_TYPES: Final[Mapping[str, type[Any]]] = _RecordTypes()


def table_of(cls: object) -> str | None:
    """The table whose records are of class ``cls``, or ``None`` (imports no record module).

    Examples:
        >>> from famk_data import Casting, Source
        >>> table_of(Casting), table_of(Source)
        ('castings', None)
    """
    module, name = getattr(cls, "__module__", None), getattr(cls, "__qualname__", None)
    return _TABLE_OF.get((module, name)) if isinstance(module, str) and isinstance(name, str) else None


def _casting_order(casting: Casting) -> tuple[int, int, int]:
    return casting.season, billing_rank(casting.billing), casting.order


#: How each table's records are ordered, in a Dataset and in the data files.
CANONICAL_ORDER: Final[Mapping[str, Callable[[Any], Any]]] = {
    "seasons": lambda s: s.number,
    "people": lambda p: p.id,
    "characters": lambda c: c.id,
    "episodes": lambda e: (e.season, e.number),
    "castings": _casting_order,
    # Episode by episode: credit order where known, then the season's casting order.
    "appearances": lambda a: (
        a.episode.season,
        a.episode.number,
        a.order is None,
        a.order or 0,
        _casting_order(a.casting),
    ),
    # Chronological: by the in-universe date (an unknown part first), undated events last; then by id.
    "events": lambda e: (e.when is None, () if e.when is None else e.when.sort_key(), e.id),
}


def record_key(record: Any) -> str:
    """A record's stable identifier: ``id`` (``"s01"`` for a season), or a casting's or appearance's ``key``."""
    return record.key if table_of(type(record)) in _KEYED else str(record.id)


_KEYED: Final = frozenset({"castings", "appearances"})


def ordered_table(name: str, records: Iterable[Any]) -> tuple[Any, ...]:
    """The records of one table, checked for type and put in canonical order."""
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise ArgumentTypeError(f"{name} must be an iterable of records, not {type(records).__name__}")
    records = tuple(records)
    record_type = RECORD_TYPES[name]
    for record in records:
        if not isinstance(record, record_type):
            raise ArgumentTypeError(f"{name} must hold {record_type.__name__} records, not {type(record).__name__}")
    return tuple(sorted(records, key=CANONICAL_ORDER[name]))
