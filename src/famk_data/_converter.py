"""The one cattrs converter: JSON documents <-> records, strictly.

Imported only when data is first loaded or dumped, never by ``import famk_data``. Structuring
is strict: JSON types must match exactly (no ``"12"`` for ``12``, no ``true`` for ``1``),
unknown keys are refused, and every failure is reported with its JSON path.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import re
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final, get_args, get_origin

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._formats import downgrade
from ._models import Appearance, Casting
from ._tables import FORMAT, record_key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from ._models import Character

__all__ = ["References", "decode_records", "encode_table", "problems_of", "unstructure"]

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
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as error:  # noqa: BLE001, PERF203 - every failure is reported with its index
                error.__notes__ = [
                    *getattr(error, "__notes__", []),
                    IterableValidationNote(f"@ index {index}", index, item_type),
                ]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"while structuring {type_}", errors, type_)
        return tuple(items)

    return structure


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


def _id_or_none(record: Character | None) -> str | None:
    return None if record is None else record.id


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for kind in (str, int, bool):
        converter.register_structure_hook(kind, _strict(kind))
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
    converter.register_unstructure_hook(
        Casting,
        make_dict_unstructure_fn(
            Casting,
            converter,
            actor=override(unstruct_hook=attrgetter("id")),
            character=override(unstruct_hook=_id_or_none),
        ),
    )
    converter.register_structure_hook(
        Casting,
        make_dict_structure_fn(
            Casting,
            converter,
            _cattrs_forbid_extra_keys=True,
            actor=override(struct_hook=_reference("people", "person with id")),
            character=override(struct_hook=_reference("characters", "character with id", optional=True)),
        ),
    )
    converter.register_unstructure_hook(
        Appearance,
        make_dict_unstructure_fn(
            Appearance,
            converter,
            episode=override(unstruct_hook=attrgetter("id")),
            casting=override(unstruct_hook=record_key),
        ),
    )
    converter.register_structure_hook(
        Appearance,
        make_dict_structure_fn(
            Appearance,
            converter,
            _cattrs_forbid_extra_keys=True,
            episode=override(struct_hook=_reference("episodes", "episode with id")),
            casting=override(struct_hook=_reference("castings", "casting with key")),
        ),
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
