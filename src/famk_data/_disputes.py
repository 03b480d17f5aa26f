"""Disputes: the fields on which sources disagree, across every table of a dataset.

A record lists its own disputes (:attr:`Episode.disputes <famk_data.Episode.disputes>` and
the like); this module gathers them, table by table, for :meth:`Dataset.disputes
<famk_data.Dataset.disputes>`, and gives the mark the command line puts on a disputed value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ._tables import TABLES
from .exceptions import ArgumentTypeError, NotFoundError

if TYPE_CHECKING:
    from ._dispute import Dispute
    from ._protocols import Tables

__all__ = ["DISPUTED_MARK", "disputed_mark", "disputes_in"]

#: The mark the command line puts on a disputed value (``*`` marks a derived one).
DISPUTED_MARK: Final = "†"


def disputes_in(tables: Tables, table: str | None = None) -> tuple[tuple[Any, Dispute], ...]:
    """Every field on which sources disagree, as ``(record, dispute)`` pairs; see :doc:`/policies`.

    In table order, then record order; ``table`` (``"episodes"``...) keeps one table. This is
    :meth:`Dataset.disputes <famk_data.Dataset.disputes>` (``tables`` is the dataset).

    Raises:
        ArgumentTypeError: ``table`` is neither a str nor ``None``.
        NotFoundError: ``table`` is not one of the dataset's tables.

    Examples:
        >>> import famk_data
        >>> record, dispute = famk_data.load("0.6.0").disputes("episodes")[0]
        >>> record.id, dispute.field, dispute.taken
        ('s01e02', 'writers', 'Matt Wolpert & Ben Nedivi (written by)')
    """
    if table is not None and not isinstance(table, str):
        raise ArgumentTypeError(f"table must be a table name (str) or None, not {type(table).__name__}")
    if table is not None and table not in TABLES:
        raise NotFoundError("table", table, f"the tables are {', '.join(TABLES)}")
    names = TABLES if table is None else (table,)
    return tuple((record, dispute) for name in names for record in getattr(tables, name) for dispute in record.disputes)


def disputed_mark(record: Any, field: str) -> str:
    """:data:`DISPUTED_MARK` when sources disagree on ``record``'s ``field``, else ``""``."""
    return DISPUTED_MARK if any(dispute.field == field for dispute in record.disputes) else ""
