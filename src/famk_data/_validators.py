"""The checks that records and values run on construction: ids, texts, citations.

attrs validators (``check_*``) shared by :mod:`._values` and the record modules, and
:func:`check_cited`, the rule that every known fact of a record is stated by a source or
derived by a rule.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import typing
from typing import TYPE_CHECKING, Any, Final

import attrs

from .exceptions import ArgumentTypeError, ArgumentValueError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "EPISODE_ID",
    "MAX_COUNT",
    "URL",
    "YEARS",
    "check_casting_keys",
    "check_cited",
    "check_given",
    "check_inputs",
    "check_positive",
    "check_runtime",
    "check_slug",
    "check_text",
    "check_texts",
    "check_year",
    "check_years",
    "field_types",
    "matching",
    "typed",
]

# Compiled on first use, through re's cache: the packaged data is never validated again.
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*\Z"
#: An episode id, such as "s02e10" (a pattern, compiled on first use like the others here).
EPISODE_ID: Final = r"s(\d\d)e(\d\d)\Z"
#: A source's address.
URL: Final = r"https?://\S+\Z"
# A record id, an episode id or a casting key ("s1/danny-stevens/young", "s5/actor:costa-ronin").
_INPUT_ID = r"[a-z0-9]+(?:(?:-|/|/actor:)[a-z0-9]+)*\Z"
_CASTING_KEY = r"s[1-9]\d*/(?:actor:)?[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?\Z"


#: The plausible years of the data: in-universe years, and real people's and characters' births.
YEARS: Final = range(1800, 2201)
#: The largest season, episode or credit number, count, or external id the data may hold.
MAX_COUNT: Final = 10**9
_RUNTIMES: Final = range(1, 1001)


def check_positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= MAX_COUNT:
        raise ArgumentValueError(f"{attribute.name} must be from 1 to {MAX_COUNT:,}, got {_shown(value)}")


def check_year(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value not in YEARS:
        raise ArgumentValueError(f"{attribute.name} must be a year from {YEARS[0]} to {YEARS[-1]}, got {_shown(value)}")


def check_years(_: object, attribute: attrs.Attribute[Any], value: tuple[int, ...] | None) -> None:
    for year in value or ():
        check_year(_, attribute, year)


def check_runtime(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value not in _RUNTIMES:
        raise ArgumentValueError(
            f"{attribute.name} must be {_RUNTIMES[0]} to {_RUNTIMES[-1]} minutes, got {_shown(value)}"
        )


def _shown(value: object) -> str:
    from ._args import shorten

    return shorten(value)


# -- types -------------------------------------------------------------------------------------

_FIELD_TYPES: dict[type[Any], tuple[tuple[str, Any], ...]] = {}


def field_types(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """Each attrs field of ``cls`` with its resolved type, in definition order (cached).

    What :func:`typing.get_type_hints` gives; the simple forms the records' annotations take
    (``X``, ``X | None``, ``tuple[X, ...]``, ``dt.date``) are looked up directly, which is
    several times faster on a first query than typing's general evaluation. The type checks
    of construction and the trusted builder (:mod:`._trusted`) both read it.
    """
    found = _FIELD_TYPES.get(cls)
    if found is None:
        fields = attrs.fields(cls)
        namespace = vars(sys.modules[cls.__module__])
        simple = [None if field.inherited else _simple_type(field.type, namespace) for field in fields]
        if any(type_ is None for type_ in simple):
            hints = typing.get_type_hints(cls)
            simple = [hints[field.name] for field in fields]
        found = _FIELD_TYPES[cls] = tuple((field.name, type_) for field, type_ in zip(fields, simple, strict=True))
    return found


_BUILTINS: Final = {"int": int, "str": str, "bool": bool, "None": type(None)}


def _simple_type(annotation: Any, namespace: Mapping[str, Any]) -> Any:
    """The type an annotation string of a simple form names, or None for any other form."""
    if not isinstance(annotation, str):
        return None
    found: Any = None
    for part in annotation.split(" | "):
        item = part[len("tuple[") : -len(", ...]")] if part.startswith("tuple[") and part.endswith(", ...]") else None
        named = _named(part if item is None else item, namespace)
        if named is None:
            return None
        type_ = named if item is None else tuple[named, ...]  # type: ignore[valid-type]
        found = type_ if found is None else found | type_
    return found


def _named(name: str, namespace: Mapping[str, Any]) -> Any:
    """A class by its (possibly dotted) name in a module's namespace, or None."""
    head, *rest = name.split(".")
    found = namespace.get(head, _BUILTINS.get(head))
    for attribute in rest:
        found = getattr(found, attribute, None)
    return found if isinstance(found, type) else None


def _matches(value: object, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in {typing.Union, types.UnionType}:
        return any(_matches(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return isinstance(value, tuple) and all(_matches(v, item) for v in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return hint is Any or isinstance(value, hint)


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in {typing.Union, types.UnionType}:
        return " or ".join(_describe(arg) for arg in typing.get_args(hint))
    if origin is tuple:
        return f"a tuple of {_describe(typing.get_args(hint)[0])}"
    return "None" if hint is type(None) else getattr(hint, "__name__", str(hint))


def check_types(instance: object, _attribute: attrs.Attribute[Any], _value: object) -> None:
    """Every field of ``instance`` has its annotated type (``int`` excludes ``bool``; tuples item by item).

    :func:`typed` runs it before any field's own validator, so those may assume their types.
    """
    cls: type[Any] = type(instance)
    for name, hint in field_types(cls):
        value = getattr(instance, name)
        if not _matches(value, hint):
            raise ArgumentTypeError(f"{cls.__name__}.{name} must be {_describe(hint)}, not {type(value).__name__}")


def typed(_: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: a record checks every field's type before any field's own validators.

    So a constructor given a wrong type raises :class:`~famk_data.ArgumentTypeError`, never an
    ``AttributeError`` from a validator that assumed the type. (attrs runs validators in field
    order once every field is set: the type check rides on the first field's.)
    """
    if not fields:
        return fields
    first = fields[0]
    validator: Callable[..., Any] = check_types
    if first.validator is not None:
        validator = attrs.validators.and_(check_types, first.validator)
    return [first.evolve(validator=validator), *fields[1:]]


def matching(pattern: str, what: str) -> Callable[[object, attrs.Attribute[Any], str | None], None]:
    """A validator: the text matches ``pattern`` (``None`` passes); else an error saying it must be ``what``."""

    def check(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not re.match(pattern, value):
            raise ArgumentValueError(f"{attribute.name} must be {what}, got {_shown(value)}")

    return check


def check_given(_: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise ArgumentValueError(f"{attribute.name} must hold at least one item")


def check_slug(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not re.match(_SLUG, value):
        raise ArgumentValueError(f"{attribute.name} {value!r} is not a lowercase-hyphenated id")


def check_text(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and (not value.strip() or value != value.strip()):
        raise ArgumentValueError(f"{attribute.name} must be non-empty text without outer spaces")


def check_texts(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...] | None) -> None:
    for item in value or ():
        if not item.strip() or item != item.strip():
            raise ArgumentValueError(f"{attribute.name} must hold non-empty texts without outer spaces")


def check_inputs(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        raise ArgumentValueError(f"{attribute.name} must name at least one record id or source URL")
    for item in value:
        if not (re.match(URL, item) or re.match(_INPUT_ID, item)):
            raise ArgumentValueError(f"{attribute.name} holds {item!r}, which is neither a URL nor a record id")


def check_casting_keys(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not re.match(_CASTING_KEY, item):
            raise ArgumentValueError(
                f"{attribute.name} holds {item!r}, which is not a casting key such as 's1/ed-baldwin'"
            )


def check_cited(record: Any) -> None:
    """Check that every known fact of ``record`` is stated by a source or derived by a rule."""
    facts: tuple[str, ...] = record.FACT_FIELDS
    if not record.sources and not record.derivations:
        raise ArgumentValueError("a record needs at least one source or derivation")
    known: set[str] = set()
    for source in record.sources:
        unknown = set(source.supports) - set(facts)
        if unknown:
            raise ArgumentValueError(f"a source supports unknown field(s) {sorted(unknown)}; valid: {', '.join(facts)}")
        known.update(source.supports)
    for derivation in record.derivations:
        if derivation.field not in facts:
            raise ArgumentValueError(
                f"a derivation gives unknown field {derivation.field!r}; valid: {', '.join(facts)}"
            )
        known.add(derivation.field)
    for note in record.notes:
        if note.field is not None and not hasattr(record, note.field):
            raise ArgumentValueError(f"a note is about unknown field {note.field!r}")
    fields = [dispute.field for dispute in record.disputes]
    if set(fields) - set(facts) or len(set(fields)) != len(fields):
        raise ArgumentValueError(
            f"disputes must name distinct fields of the record, once each; valid: {', '.join(facts)}"
        )
    missing = [name for name in facts if getattr(record, name) and name not in known]
    if missing:
        raise ArgumentValueError(f"no source states and no derivation gives {', '.join(missing)}")
