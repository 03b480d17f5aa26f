"""The value types of a disagreement between sources: :class:`Dispute` and :class:`DisputedValue`.

Every record holds a ``disputes`` tuple (like its ``derivations``); :mod:`._disputes` gathers
them across a dataset. See the policies page for how a dispute is decided.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._by_value import ByValue
from ._validators import check_given, check_text, typed
from ._values import Source, brief
from .exceptions import ArgumentValueError

__all__ = ["Dispute", "DisputedValue"]


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class DisputedValue(ByValue):
    """One of the values sources give for a disputed field, with the sources that give it.

    Attributes:
        value: The value, written as the data files write the field where it is one value
            (``"2023-11-22"``, ``"83"``), in words otherwise (``"born 1931–1932 (37 in 1969)"``).
        sources: The pages that give this value.
    """

    value: str = attrs.field(validator=check_text)
    sources: tuple[Source, ...] = attrs.field(validator=check_given)

    def __repr__(self) -> str:
        return brief(self, f"{self.value!r} from {len(self.sources)} source{'s' * (len(self.sources) != 1)}")


def _values(_: object, attribute: attrs.Attribute[Any], value: tuple[DisputedValue, ...]) -> None:
    if len(value) < 2 or len({item.value for item in value}) != len(value):
        raise ArgumentValueError(f"{attribute.name} must hold at least two different values")


@attrs.frozen(eq=False, repr=False, field_transformer=typed)
class Dispute(ByValue):
    """Sources that disagree about one field of a record: every value, the one taken, and why.

    Attributes:
        field: The record's field in dispute.
        values: Each competing value with the sources that give it.
        taken: The value the record holds (one of ``values``), or ``None`` when the data
            takes none of them and the field stays unknown.
        why: Why that value is taken (or none), in the dataset's own words.

    Examples:
        >>> import famk_data
        >>> (dispute,) = famk_data.episode("S04E03").disputes
        >>> dispute.field, dispute.taken, [v.value for v in dispute.values]
        ('release_date', '2023-11-22', ['2023-11-22', '2023-11-24'])
    """

    field: str = attrs.field(validator=check_text)
    values: tuple[DisputedValue, ...] = attrs.field(validator=_values)
    taken: str | None
    why: str = attrs.field(validator=check_text)

    def __attrs_post_init__(self) -> None:
        if self.taken is not None and self.taken not in {item.value for item in self.values}:
            raise ArgumentValueError(f"taken {self.taken!r} is none of the disputed values")
        for item in self.values:
            if any(self.field not in source.supports for source in item.sources):
                raise ArgumentValueError(
                    f"every source of a disputed value gives {self.field!r}, so its supports name it"
                )

    def __repr__(self) -> str:
        taken = "none taken" if self.taken is None else f"{self.taken!r} taken"
        return brief(self, f"{self.field}: {' vs '.join(repr(v.value) for v in self.values)}, {taken}")
