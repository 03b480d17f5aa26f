"""A packaged data version's tables, each read, hash-checked and built when a query first needs it.

The loader (:mod:`._load`) hands a :class:`Snapshot` a function reading one table's file
(checked against the manifest's sha256, then parsed); the :class:`~famk_data.Dataset` asks
it for a whole table on first use, and its indexes may ask for part of one (a season's
castings), which builds those records and the records they refer to, and no others. A
record is built once, however it is reached: the whole table later holds the same objects.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator

    from ._trusted import TrustedTables

__all__ = ["Snapshot", "no_collection"]


class Snapshot:
    """The tables of one packaged data version, each read, hash-checked and built on first use.

    ``read(table)`` gives the file format and the rows (see :mod:`._rows`) of one of the
    version's ``tables``, its file checked against its pinned sha256 first (a table newer than
    the version's file format is empty). A file is read after the files of the tables it
    refers to; its records are built as they are (the version was validated when released).
    Everything happens under one lock.
    """

    def __init__(self, read: Callable[[str], Any], tables: Collection[str]) -> None:
        from ._tables import TABLES
        from ._trusted import TrustedTables

        self._read = read
        self._present = frozenset(tables)
        self._lock = threading.RLock()  # re-entrant: a table reads the tables it refers to
        self._built: dict[str, tuple[Any, ...]] = {}
        self._added: set[str] = set()
        self._tables = len(TABLES)
        self._trusted: TrustedTables | None = TrustedTables()

    def __call__(self, table: str) -> tuple[Any, ...]:
        """The records of ``table`` (empty if this version's file format has no such table)."""
        found = self._built.get(table)
        if found is None:
            with self._lock:
                found = self._built.get(table)
                if found is None:
                    found = self._built[table] = self._build(table)
                    if len(self._built) == self._tables:  # all built: the builder and its rows can go
                        self._trusted = None
        return found

    def select(self, table: str, field: str, value: object) -> tuple[Any, ...]:
        """The records of ``table`` whose ``field`` is ``value``, building only those (and what they refer to)."""
        with self._lock:
            built = self._built.get(table)
            if built is not None:
                return tuple(record for record in built if getattr(record, field) == value)
            if not self._add(table):
                return ()
            with no_collection():
                return self._builder().select(table, field, value)

    def _builder(self) -> TrustedTables:
        trusted = self._trusted
        if trusted is None:  # pragma: no cover - dropped only once every table is built
            raise AssertionError("a table asked for after every table was built")
        return trusted

    def _add(self, table: str) -> bool:
        """Read ``table``'s file (and first those of the tables it refers to); False if it has none."""
        if table not in self._present:
            return False
        if table not in self._added:
            from ._trusted import references

            for referred in references(table):
                self._add(referred)
            self._builder().add(table, *self._read(table))
            self._added.add(table)
        return True

    def _build(self, table: str) -> tuple[Any, ...]:
        if not self._add(table):  # a table newer than this version's file format
            return ()
        with no_collection():
            return self._builder().build(table)


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection meanwhile: building records makes many objects but no cycles."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
