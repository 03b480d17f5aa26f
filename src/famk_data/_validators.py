"""The checks that records and values run on construction: ids, texts, citations.

attrs validators (``check_*``) shared by :mod:`._values` and the record modules, and
:func:`check_cited`, the rule that every known fact of a record is stated by a source or
derived by a rule.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import attrs

__all__ = [
    "EPISODE_ID",
    "URL",
    "check_casting_keys",
    "check_cited",
    "check_inputs",
    "check_positive",
    "check_slug",
    "check_text",
    "check_texts",
]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
EPISODE_ID = re.compile(r"s(\d\d)e(\d\d)\Z")
URL = re.compile(r"https?://\S+\Z")
# A record id, an episode id or a casting key ("s1/danny-stevens/young", "s5/actor:costa-ronin").
_INPUT_ID = re.compile(r"[a-z0-9]+(?:(?:-|/|/actor:)[a-z0-9]+)*\Z")
_CASTING_KEY = re.compile(r"s[1-9]\d*/(?:actor:)?[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?\Z")


def check_positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be at least 1, got {value}")


def check_slug(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _SLUG.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not a lowercase-hyphenated id")


def check_text(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and (not value.strip() or value != value.strip()):
        raise ValueError(f"{attribute.name} must be non-empty text without outer spaces")


def check_texts(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...] | None) -> None:
    for item in value or ():
        if not item.strip() or item != item.strip():
            raise ValueError(f"{attribute.name} must hold non-empty texts without outer spaces")


def check_inputs(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must name at least one record id or source URL")
    for item in value:
        if not (URL.match(item) or _INPUT_ID.match(item)):
            raise ValueError(f"{attribute.name} holds {item!r}, which is neither a URL nor a record id")


def check_casting_keys(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not _CASTING_KEY.match(item):
            raise ValueError(f"{attribute.name} holds {item!r}, which is not a casting key such as 's1/ed-baldwin'")


def check_cited(record: Any) -> None:
    """Check that every known fact of ``record`` is stated by a source or derived by a rule."""
    facts: tuple[str, ...] = record.FACT_FIELDS
    if not record.sources and not record.derivations:
        raise ValueError("a record needs at least one source or derivation")
    known: set[str] = set()
    for source in record.sources:
        unknown = set(source.supports) - set(facts)
        if unknown:
            raise ValueError(f"a source supports unknown field(s) {sorted(unknown)}; valid: {', '.join(facts)}")
        known.update(source.supports)
    for derivation in record.derivations:
        if derivation.field not in facts:
            raise ValueError(f"a derivation gives unknown field {derivation.field!r}; valid: {', '.join(facts)}")
        known.add(derivation.field)
    for note in record.notes:
        if note.field is not None and not hasattr(record, note.field):
            raise ValueError(f"a note is about unknown field {note.field!r}")
    fields = [dispute.field for dispute in record.disputes]
    if set(fields) - set(facts) or len(set(fields)) != len(fields):
        raise ValueError(f"disputes must name distinct fields of the record, once each; valid: {', '.join(facts)}")
    missing = [name for name in facts if getattr(record, name) and name not in known]
    if missing:
        raise ValueError(f"no source states and no derivation gives {', '.join(missing)}")
