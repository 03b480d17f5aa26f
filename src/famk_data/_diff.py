"""What changed between two data versions: records added, removed and changed, field by field."""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from ._protocols import is_tables
from ._tables import TABLES
from .exceptions import ArgumentTypeError

if TYPE_CHECKING:
    from ._protocols import Tables
    from ._tables import TableName

__all__ = ["Change", "ChangeKind", "DataDiff", "FieldChange", "diff"]

_SHOWN = 70


class ChangeKind(enum.Enum):
    """What happened to a record between two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@attrs.frozen
class FieldChange:
    """One field of a record, before and after.

    Attributes:
        field: The field's name.
        old: Its value before, as JSON (dates are strings, linked records are ids).
        new: Its value after, as JSON.
    """

    field: str
    old: Any
    new: Any


@attrs.frozen
class Change:
    """One record added, removed or changed.

    Attributes:
        table: ``"seasons"``, ``"episodes"``, ``"characters"``, ``"people"`` or ``"castings"``.
        id: The record's identifier (for castings, :attr:`Casting.key`).
        kind: Added, removed or changed.
        fields: For a changed record, each field that differs.
    """

    table: str
    id: str
    kind: ChangeKind
    fields: tuple[FieldChange, ...]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN else f"{text[: _SHOWN - 1]}…"


def _label(item: Any) -> str:
    if isinstance(item, dict) and item.get("url"):
        return str(item["url"])
    return _short(item)


def _inline(value: Any) -> str:
    """A value as a diff line shows it: lists as ``[a, b]``, everything else as short JSON."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return f"[{', '.join(value)}]"
    return _short(value)


def _values(old: Any, new: Any) -> str:
    """``old -> new``; two long texts that open alike are shown from where they differ."""
    before, after = _inline(old), _inline(new)
    if before == after and isinstance(old, str) and isinstance(new, str):
        start = next(i for i, (a, b) in enumerate(zip(old + "\0", new + "\0", strict=False)) if a != b)
        before, after = (_short("…" + text[max(0, start - 10) :]) for text in (old, new))
    return f"{before} -> {after}"


def _item_change(old: Any, new: Any) -> str:
    """What changed in one list item that kept its label, such as a source's ``supports``."""
    if isinstance(old, dict) and isinstance(new, dict):
        return "; ".join(
            f"{key} {_values(old.get(key), new.get(key))}"
            for key in dict.fromkeys([*old, *new])
            if old.get(key) != new.get(key)
        )
    return _values(old, new)


def _describe(field: FieldChange) -> list[str]:
    """Lines for one changed field.

    For lists, an item that kept its label (a source's URL) but changed is one ``~`` line
    saying what changed; other items show as removed (``-``) and added (``+``).
    """
    if isinstance(field.old, list) and isinstance(field.new, list):
        added: dict[str, list[Any]] = {}
        for item in field.new:
            if item not in field.old:
                added.setdefault(_label(item), []).append(item)
        lines = [f"    {field.field}:"]
        for item in field.old:
            if item in field.new:
                continue
            label = _label(item)
            partners = added.get(label)
            if partners:
                lines.append(f"      ~ {label}: {_item_change(item, partners.pop(0))}")
            else:
                lines.append(f"      - {label}")
        lines += [f"      + {label}" for label, items in added.items() for _ in items]
        return lines
    return [f"    {field.field}: {_short(field.old)} -> {_short(field.new)}"]


@attrs.frozen
class DataDiff:
    """The differences between two data versions, as :func:`diff` reports them.

    Attributes:
        old: The older data version.
        new: The newer data version.
        changes: Every record added, removed or changed, by table, then id.

    Examples:
        >>> import famk_data
        >>> changes = famk_data.diff("0.1.0", "0.2.0")
        >>> len(changes.added("episodes"))
        40
    """

    old: str
    new: str
    changes: tuple[Change, ...]

    def _of(self, kind: ChangeKind, table: TableName | None) -> tuple[Change, ...]:
        if table is not None and table not in _TABLE_ORDER:
            from ._args import require_text
            from .exceptions import NotFoundError

            raise NotFoundError("table", require_text(table, "table"), f"tables are {', '.join(TABLES)}")
        return tuple(c for c in self.changes if c.kind is kind and (table is None or c.table == table))

    def added(self, table: TableName | None = None) -> tuple[Change, ...]:
        """Records new in ``new`` (of one table, or of all).

        Raises:
            NotFoundError: ``table`` is not a table name (``"episode"`` for ``"episodes"``).
        """
        return self._of(ChangeKind.ADDED, table)

    def removed(self, table: TableName | None = None) -> tuple[Change, ...]:
        """Records of ``old`` missing from ``new``."""
        return self._of(ChangeKind.REMOVED, table)

    def changed(self, table: TableName | None = None) -> tuple[Change, ...]:
        """Records present in both whose fields differ."""
        return self._of(ChangeKind.CHANGED, table)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __str__(self) -> str:
        lines = [f"data {self.old} -> {self.new}: " + self.summary()]
        for change in self.changes:
            mark = {ChangeKind.ADDED: "+", ChangeKind.REMOVED: "-", ChangeKind.CHANGED: "~"}[change.kind]
            lines.append(f"{mark} {change.table} {change.id}")
            for field in change.fields:
                lines.extend(_describe(field))
        return "\n".join(lines)

    def summary(self) -> str:
        """One line: counts of added, removed and changed records per table."""
        parts = []
        for table in TABLES:
            counts = [f"{len(self._of(kind, table))} {kind.value}" for kind in ChangeKind if self._of(kind, table)]
            if counts:
                parts.append(f"{table} {', '.join(counts)}")
        return "; ".join(parts) or "no changes"


def _records(dataset: Tables) -> dict[tuple[str, str], dict[str, Any]]:
    from ._converter import unstructure
    from ._tables import record_key

    return {
        (table, record_key(record)): unstructure(record)
        for table in _TABLE_ORDER
        for record in getattr(dataset, table, ())
    }


def diff(old: str | Tables, new: str | Tables | None = None) -> DataDiff:
    """Compare two data versions (version strings or loaded datasets); ``new`` defaults to the newest.

    Read it before moving a pin: it lists every record added, removed or changed, by id,
    with each changed field's old and new value.

    Examples:
        >>> import famk_data
        >>> print(famk_data.diff("0.1.0", "0.2.0").summary())
        episodes 40 added, 1 changed
    """
    from ._load import load

    if not (isinstance(old, str) or is_tables(old)):
        raise ArgumentTypeError(f"old must be a data version or a Dataset, not {type(old).__name__}")
    before = load(old) if isinstance(old, str) else old
    after = new if is_tables(new) else load(cast("str | None", new))
    old_records, new_records = _records(before), _records(after)
    changes = []
    for key in sorted(old_records.keys() | new_records.keys(), key=_order):
        table, record_id = key
        if key not in new_records:
            changes.append(Change(table, record_id, ChangeKind.REMOVED, ()))
        elif key not in old_records:
            changes.append(Change(table, record_id, ChangeKind.ADDED, ()))
        else:
            was, now = old_records[key], new_records[key]
            fields = tuple(
                FieldChange(name, was.get(name), now.get(name))
                for name in dict.fromkeys([*was, *now])
                if was.get(name) != now.get(name)
            )
            if fields:
                changes.append(Change(table, record_id, ChangeKind.CHANGED, fields))
    return DataDiff(before.version, after.version, tuple(changes))


#: Tables in the order a diff reports them: the order they are structured in.
_TABLE_ORDER: Final[dict[str, int]] = {table: index for index, table in enumerate(TABLES)}


def _order(key: tuple[str, str]) -> tuple[int, str]:
    return _TABLE_ORDER[key[0]], key[1]
