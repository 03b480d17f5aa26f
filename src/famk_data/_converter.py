"""The one cattrs converter: JSON documents <-> records, strictly.

Imported only when data is first loaded or dumped, never by ``import famk_data``. Structuring
is strict: JSON types must match exactly (no ``"12"`` for ``12``, no ``true`` for ``1``),
unknown keys are refused, and every failure is reported with its JSON path.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any, Final, get_args, get_origin, get_type_hints

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._appearance_record import Appearance
from ._formats import downgrade
from ._models import Casting
from ._tables import FORMAT, RECORD_TYPES, record_key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping


__all__ = ["MAX_INVALID", "References", "decode_records", "encode_table", "limited", "problems_of", "unstructure"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class References:
    """The records that later tables refer to by key (table -> key -> record), while they are structured.

    Castings refer to people and characters by id; appearances to episodes by id and to
    castings by key.
    """

    current: contextvars.ContextVar[Mapping[str, Mapping[str, Any]]] = contextvars.ContextVar("famk_data_references")


def _strict(kind: type[Any]) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return structure


def _structure_date(value: Any, _: Any) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"expected a YYYY-MM-DD date, got {value!r}")
    return dt.date.fromisoformat(value)


def _is_homogeneous_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple and get_args(type_)[1:] == (...,)


def _tuple_hook(type_: Any, converter: cattrs.BaseConverter) -> Callable[[Any, Any], tuple[Any, ...]]:
    item_type = get_args(type_)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a JSON array, got {type(value).__name__}")
        items, errors = [], []
        budget = _BUDGET.get(None) or [len(value) + 1, 0]
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as error:  # noqa: BLE001, PERF203 - every failure is reported with its index
                error.__notes__ = [
                    *getattr(error, "__notes__", []),
                    IterableValidationNote(f"@ index {index}", index, item_type),
                ]
                errors.append(error)
                budget[0] -= 1
                if budget[0] <= 0:  # enough to report: stop, and count what was not checked
                    budget[1] += len(value) - index - 1
                    break
        if errors:
            raise IterableValidationError(f"while structuring {type_}", errors, type_)
        return tuple(items)

    return structure


#: [problems that may still be kept, items left unchecked] while one table is structured.
_BUDGET: contextvars.ContextVar[list[int]] = contextvars.ContextVar("famk_data_budget")
#: How many invalid items are collected before structuring stops.
MAX_INVALID: Final = 100


def _reference(table: str, kind: str, *, optional: bool = False) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if value is None and optional:
            return None
        if type(value) is not str:
            raise TypeError(f"expected a {kind}, got {type(value).__name__}")
        records = References.current.get().get(table, {})
        if value not in records:
            raise ValueError(f"no {kind} {value!r}")
        return records[value]

    return structure


def _key_or_none(record: Any) -> str | None:
    return None if record is None else record_key(record)


def _keys(records: tuple[Any, ...]) -> list[str]:
    return [record_key(record) for record in records]


def _reference_hooks(record_type: type[Any]) -> dict[str, Any]:
    """The overrides of ``record_type``'s fields that hold records of other tables: stored as their keys.

    A field typed ``Episode``, ``Episode | None`` or ``tuple[Character, ...]`` is written as
    the record's key (``"s02e01"``), ``null``, or a list of keys.
    """
    tables = {kind: table for table, kind in RECORD_TYPES.items()}
    overrides: dict[str, Any] = {}
    for name, hint in get_type_hints(record_type).items():
        args = [arg for arg in get_args(hint) if arg is not type(None)]
        optional, many = len(args) < len(get_args(hint)), get_origin(hint) is tuple
        target = args[0] if (optional or many) and args else hint
        if target not in tables:
            continue
        kind = f"{target.__name__.lower()} with {'key' if target in (Casting, Appearance) else 'id'}"
        one = _reference(tables[target], kind, optional=optional)
        if many:
            overrides[name] = override(struct_hook=_reference_list(one), unstruct_hook=_keys)
        else:
            overrides[name] = override(struct_hook=one, unstruct_hook=_key_or_none if optional else record_key)
    return overrides


def _reference_list(one: Callable[[Any, Any], Any]) -> Callable[[Any, Any], tuple[Any, ...]]:
    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a JSON array, got {type(value).__name__}")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(one(item, None))
            except (TypeError, ValueError) as error:  # noqa: PERF203 - every failure is reported with its index
                note = IterableValidationNote(f"@ index {index}", index, str)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError("while structuring references", errors, tuple)
        return tuple(items)

    return structure


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for kind in (str, int, bool):
        converter.register_structure_hook(kind, _strict(kind))
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    # A table's record refers to the records of earlier tables by key (see _reference_hooks).
    for record_type in RECORD_TYPES.values():
        overrides = _reference_hooks(record_type)
        if not overrides:
            continue
        converter.register_unstructure_hook(record_type, make_dict_unstructure_fn(record_type, converter, **overrides))
        converter.register_structure_hook(
            record_type,
            make_dict_structure_fn(record_type, converter, _cattrs_forbid_extra_keys=True, **overrides),
        )
    return converter


_CONVERTER: Final = _make_converter()


def unstructure(value: Any) -> Any:
    """Turn records into plain JSON-ready data."""
    return _CONVERTER.unstructure(value)


def problems_of(error: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """Flatten a (cattrs) structuring error into ``(json_path, message)`` pairs."""
    if isinstance(error, (IterableValidationError, ClassValidationError)):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, IterableValidationNote):
                yield from problems_of(inner, f"{path}[{note.index}]")
            else:
                yield from problems_of(inner, f"{path}.{note.name}")
        for inner in without:
            yield from problems_of(inner, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        yield path, f"unknown field(s): {', '.join(sorted(error.extra_fields))}"
    elif isinstance(error, KeyError):
        yield path, "required field missing"
    else:
        yield path, str(error) or type(error).__name__


def decode_records(record_type: type[Any], records: Any) -> tuple[Any, ...]:
    """Structure a JSON array of records; raises cattrs' grouped errors (see problems_of)."""
    return _CONVERTER.structure(records, tuple[record_type, ...])  # type: ignore[valid-type]


@contextlib.contextmanager
def limited() -> Iterator[list[int]]:
    """Within the block, structuring stops after :data:`MAX_INVALID` invalid items.

    So time and memory stay small whatever a file holds. Yields ``[problems that may still
    be kept, items left unchecked]``: read the second after a failure.
    """
    token = _BUDGET.set([MAX_INVALID, 0])
    try:
        yield _BUDGET.get()
    finally:
        _BUDGET.reset(token)


def encode_table(
    table: str, version: str, records: tuple[Any, ...], file_format: int = FORMAT, *, as_of: str | None = None
) -> bytes:
    """The canonical bytes of one data file: header, then records, pretty-printed UTF-8.

    ``file_format`` is the format to write: an older one reproduces a released file exactly.
    ``as_of``, for a spoiler-safe view's table, goes in the header after the data version.
    """
    records_json = downgrade(table, file_format, unstructure(records))
    header = {"format": file_format, "data_version": version} | ({} if as_of is None else {"as_of": as_of})
    document = {**header, table: records_json}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
