"""The ``famk-data disputes`` command and the ``†`` mark on disputed values in the other commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._disputes import DISPUTED_MARK, disputed_mark
from ._tables import record_key

if TYPE_CHECKING:
    import argparse

    from ._dataset import Dataset
    from ._dispute import Dispute

__all__ = ["LEGEND", "dispute_legend", "disputes_command", "flag"]

#: The legend line of a table that marks a disputed value.
LEGEND = f"{DISPUTED_MARK} sources disagree on this value; `famk-data disputes` lists each dispute and its sources"


def flag(record: Any, field: str) -> str:
    """The mark of a disputed value (``†``), or ``""``."""
    return disputed_mark(record, field)


def _values(dispute: Dispute) -> str:
    return " vs ".join(f"{value.value!r} ({len(value.sources)})" for value in dispute.values)


def dispute_legend(record: Any) -> list[str]:
    """One line per dispute of ``record``: the field, the value taken and the others, and why."""
    return [
        f"{DISPUTED_MARK} {d.field.replace('_', ' ')}: "
        + ("none taken" if d.taken is None else f"{d.taken!r} taken")
        + f" of {_values(d)}. {d.why}"
        for d in record.disputes
    ]


def _json(table: str, record: Any, dispute: Dispute) -> dict[str, Any]:
    from ._converter import unstructure

    return {"table": table, "id": record_key(record), **unstructure(dispute)}


def disputes_command(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    """Every dispute of the data (or of one table): record, field, values with their source counts, value taken."""
    from ._tables import RECORD_TYPES

    found = data.disputes(args.table)
    tables = {kind: name for name, kind in RECORD_TYPES.items()}
    document = [_json(tables[type(record)], record, dispute) for record, dispute in found]
    if not found:
        return document, "no disputes: the sources read agree on every value"
    lines = []
    for record, dispute in found:
        taken = "none" if dispute.taken is None else repr(dispute.taken)
        where = f"{tables[type(record)]} {record_key(record)} {dispute.field}"
        lines.append(f"{where}: taken {taken} of {_values(dispute)}")
        lines.append(f"    {dispute.why}")
    lines.append("(n) after a value: how many sources give it; --json lists them")
    return document, "\n".join(lines)
