"""Equality, hashing and the default repr of records and values: as attrs would generate them."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import famk_data as fd
from famk_data._by_value import ByValue

from .conftest import one_of_each_class

ONE_OF_EACH = one_of_each_class()
CLASSES = sorted(ONE_OF_EACH, key=lambda cls: str(cls.__name__))


def _twin(cls: type) -> type:
    """The class attrs would make from the same fields, with its generated ``==``, ``hash`` and repr."""
    fields = attrs.fields(cls)
    return attrs.make_class(cls.__name__, {f.name: attrs.field(repr=f.repr) for f in fields}, frozen=True)


def _as_twin(value: Any) -> Any:
    return _twin(type(value))(**{f.name: getattr(value, f.name) for f in attrs.fields(type(value))})


def test_every_record_and_value_class_compares_by_value() -> None:
    assert len(CLASSES) >= 19
    for cls in CLASSES:
        assert issubclass(cls, ByValue), cls
        assert "__eq__" not in vars(cls), f"{cls.__name__} has attrs' own __eq__"
        assert "__hash__" not in vars(cls), f"{cls.__name__} has attrs' own __hash__"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: str(cls.__name__))
def test_equality_hash_and_repr_are_attrs(cls: type) -> None:
    instance = ONE_OF_EACH[cls]
    copy = attrs.evolve(instance)
    assert copy is not instance
    assert copy == instance
    assert not copy != instance  # noqa: SIM202 - != is what is tested
    assert hash(copy) == hash(instance)
    assert instance != object()
    assert (instance == object()) is False
    if "__repr__" not in vars(cls):  # the default repr, where a class has no short one of its own
        assert repr(instance) == repr(_as_twin(instance))
    for field in attrs.fields(cls):  # one field changed: unequal, as attrs would say
        other = _other_value(getattr(instance, field.name))
        if other is not None:
            try:
                changed = attrs.evolve(instance, **{field.alias: other})
            except (fd.ArgumentTypeError, fd.ArgumentValueError):
                continue  # the record refuses that value
            assert (changed == instance) is (_as_twin(changed) == _as_twin(instance)) is False


def _other_value(value: Any) -> Any:
    """A value of the same type that differs, where one is easy to make."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, tuple):
        return value[:-1] if value else None
    return None


def test_equal_values_share_a_hash_across_datasets() -> None:
    for old, new in zip(fd.load("0.6.0").characters, fd.load().characters, strict=True):
        assert old == new
        assert hash(old) == hash(new)
    assert len({*fd.load("0.6.0").castings, *fd.load().castings}) == len(fd.load().castings)
