"""The checks records run on construction, and the field types they and the trusted builder read."""

from __future__ import annotations

import typing

import attrs

import famk_data as fd
from famk_data._tables import RECORD_TYPES
from famk_data._validators import _simple_type, field_types


def test_field_types_are_resolved_as_typing_would() -> None:
    classes: set[type] = set()
    pending = list(RECORD_TYPES.values())
    while pending:  # every attrs class a record holds, however deep
        cls = pending.pop()
        if cls not in classes:
            classes.add(cls)
            for _, type_ in field_types(cls):
                pending.extend(t for t in (type_, *typing.get_args(type_)) if attrs.has(t))
                pending.extend(t for arg in typing.get_args(type_) for t in typing.get_args(arg) if attrs.has(t))
    assert len(classes) >= 17
    for cls in classes:
        hints = typing.get_type_hints(cls)
        assert field_types(cls) == tuple((field.name, hints[field.name]) for field in attrs.fields(cls))


def test_an_annotation_of_another_form_is_left_to_typing() -> None:
    namespace = {"Source": fd.Source}
    assert _simple_type("tuple[Source, ...] | None", namespace) == tuple[fd.Source, ...] | None
    for other in ("list[Source]", "dict[str, int]", "Source[int]", "Nope", "typing.Any", 3):
        assert _simple_type(other, namespace) is None
