"""What every record and value class shares: equality, hashing and a default repr, by field values.

attrs writes these methods as source code for each class and compiles it when the class is
defined; written once here, they cost nothing then (a first query defines a dozen classes).
They behave as attrs' would: two instances are equal when they are of the same class and
their fields are equal, in order; equal instances hash alike; the repr is
``ClassName(field=value, ...)``, with each field's own ``repr`` where it has one. A class
with a short repr of its own (the records) keeps it. Each class is declared
``@attrs.frozen(eq=False, repr=False, field_transformer=typed)`` on :class:`ByValue`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ByValue"]

_VALUES: dict[type[Any], Callable[[Any], Any]] = {}
_SHOWN: dict[type[Any], tuple[tuple[str, Callable[[Any], str]], ...]] = {}


def _values(cls: type[Any]) -> Callable[[Any], Any]:
    """A function giving an instance's field values, in order (built once per class)."""
    found = _VALUES.get(cls)
    if found is None:
        names = [field.name for field in attrs.fields(cls)]
        found = _VALUES[cls] = (
            attrgetter(*names) if len(names) > 1 else lambda value: tuple(getattr(value, n) for n in names)
        )
    return found


class ByValue:
    """A base of the record and value classes: ``==``, ``hash`` and ``repr`` by field values."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _values(self.__class__)
        return bool(values(self) == values(other))

    def __hash__(self) -> int:
        return hash((self.__class__, _values(self.__class__)(self)))

    def __repr__(self) -> str:
        cls: type[Any] = self.__class__
        shown = _SHOWN.get(cls)
        if shown is None:
            shown = _SHOWN[cls] = tuple(
                (field.name, repr if field.repr is True else field.repr)
                for field in attrs.fields(cls)
                if field.repr is not False
            )
        return f"{cls.__qualname__}({', '.join(f'{name}={show(getattr(self, name))}' for name, show in shown)})"
