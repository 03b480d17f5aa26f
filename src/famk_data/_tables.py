"""The tables of a data version, defined once: names, record types, order, keys and formats.

Every module that needs to know what a table is (the loader, the converter, the cross-checks,
the Dataset, the diff) imports it from here, so data flows one way and nothing imports back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, Literal

from ._models import Appearance, Casting, Character, Episode, Event, Person, Season
from ._values import billing_rank
from .exceptions import ArgumentTypeError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "CANONICAL_ORDER",
    "FORMAT",
    "FORMAT_TABLES",
    "RECORD_TYPES",
    "TABLES",
    "ExportTableName",
    "TableName",
    "ordered_table",
    "record_key",
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

#: The record type of each table.
RECORD_TYPES: Final[Mapping[str, type[Any]]] = {
    "seasons": Season,
    "episodes": Episode,
    "characters": Character,
    "people": Person,
    "castings": Casting,
    "appearances": Appearance,
    "events": Event,
}


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
    return record.key if isinstance(record, (Casting, Appearance)) else str(record.id)


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
