"""Disputes: the fields on which sources disagree, across every table of a dataset.

A record lists its own disputes (:attr:`Episode.disputes <famk_data.Episode.disputes>` and
the like); this module gathers them, table by table, for :meth:`Dataset.disputes
<famk_data.Dataset.disputes>`, and gives the mark the command line puts on a disputed value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._args import shorten
from ._tables import TABLES
from .exceptions import ArgumentTypeError, NotFoundError

if TYPE_CHECKING:
    from ._protocols import Tables
    from ._values import Dispute

__all__ = ["DISPUTED_MARK", "disputed_mark", "disputes_in"]

#: The mark the command line puts on a disputed value (``*`` marks a derived one).
DISPUTED_MARK: Final = "†"


def disputes_in(tables: Tables, table: str | None = None) -> tuple[tuple[Any, Dispute], ...]:
    """Every ``(record, dispute)`` of ``tables`` (or of the one ``table``), in table and record order."""
    if table is not None and not isinstance(table, str):
        raise ArgumentTypeError(f"table must be a table name (str) or None, not {type(table).__name__}")
    if table is not None and table not in TABLES:
        raise NotFoundError(f"no table {shorten(table)}; the tables are {', '.join(TABLES)}")
    names = TABLES if table is None else (table,)
    return tuple((record, dispute) for name in names for record in getattr(tables, name) for dispute in record.disputes)


def disputed_mark(record: Any, field: str) -> str:
    """:data:`DISPUTED_MARK` when sources disagree on ``record``'s ``field``, else ``""``."""
    return DISPUTED_MARK if any(dispute.field == field for dispute in record.disputes) else ""
