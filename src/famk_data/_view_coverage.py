"""A view's records: copies that skip the validators, and cast coverage that agrees with the credits shown.

Rule 8 of docs/spoilers.md: a watched episode's ``cast_coverage`` never says more than the
credits of it a view shows. :mod:`._views` builds a view's tables, then asks
:func:`settle_coverage` to make each watched episode's coverage agree with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from ._episodes import CastCoverage
from ._tables import TABLES
from ._values import Derivation

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["VIEW_COVERAGE_RULE", "copy_record", "settle_coverage"]

#: Why a view reads a watched episode's cast coverage as partial where the full data does not.
VIEW_COVERAGE_RULE: Final = (
    "partial in this spoiler-safe view: it shows credits of the episode (the inputs), but it holds back "
    "some credited castings of it, or the citation that settles how much of its cast is known"
)


def copy_record(record: Any, changes: dict[str, Any]) -> Any:
    """A copy of a frozen record with ``changes``, skipping the validators.

    A view's changes only remove information, and it keeps the citation rule itself (see
    :mod:`._views`), so the validators have nothing to find.
    """
    new = object.__new__(type(record))
    for field in attrs.fields(type(record)):
        object.__setattr__(new, field.name, changes.get(field.name, getattr(record, field.name)))
    return new


def settle_coverage(tables: dict[str, list[Any]], full: Mapping[str, tuple[Any, ...]]) -> None:
    """Make each watched episode's cast coverage agree with the credits of it the view shows.

    ``full`` gives the full data's credits of each episode, by episode id. A view that holds
    back a credited casting of an episode, or the citation of its coverage, while showing
    other credits of it, reads the coverage as partial (with a derivation saying so): never
    complete with credits missing, never unknown with credits shown.
    """
    shown: dict[str, list[str]] = {}
    for appearance in tables["appearances"]:
        shown.setdefault(appearance.episode.id, []).append(appearance.key)
    replaced: dict[int, Any] = {}
    for position, episode in enumerate(tables["episodes"]):
        keys = shown.get(episode.id, [])
        coverage = episode.cast_coverage
        if not keys or coverage is CastCoverage.PARTIAL:
            continue
        if coverage is CastCoverage.COMPLETE and len(keys) == len(full.get(episode.id, ())):
            continue
        derivations = (
            *(d for d in episode.derivations if d.field != "cast_coverage"),
            Derivation("cast_coverage", VIEW_COVERAGE_RULE, tuple(keys)),
        )
        new = copy_record(episode, {"cast_coverage": CastCoverage.PARTIAL, "derivations": derivations})
        replaced[id(episode)] = tables["episodes"][position] = new
    if replaced:  # the records that refer to an episode (appearances, events) refer to its copy
        for table in TABLES[TABLES.index("episodes") + 1 :]:
            tables[table] = [
                copy_record(r, {"episode": replaced[id(r.episode)]})
                if id(getattr(r, "episode", None)) in replaced
                else r
                for r in tables[table]
            ]
