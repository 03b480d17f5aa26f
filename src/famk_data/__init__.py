"""Correct, sourced facts about the TV series *For All Mankind*, as typed objects.

Importing this package reads no file; the newest dataset loads on first use. See
:func:`load` to pin a data version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .exceptions import (
    AmbiguousNameError,
    ArgumentTypeError,
    ArgumentValueError,
    DatasetError,
    FamkDataError,
    FrozenDatasetError,
    HiddenError,
    HiddenFactError,
    InvalidArgumentError,
    NotFoundError,
    UnknownFactError,
)

__version__ = "0.6.0"

if TYPE_CHECKING:
    from ._dataset import Dataset
    from ._dates import Birth, PartialDate, Precision
    from ._diff import Change, ChangeKind, DataDiff, FieldChange, diff
    from ._dispute import Dispute, DisputedValue
    from ._load import available_versions, load, metadata
    from ._models import Appearance, Casting, Character, Episode, Event, Person, Season
    from ._shortcuts import (
        actors_of,
        age_in,
        alive_in,
        appearances_in,
        as_of,
        cast_for,
        character,
        disputes,
        divergences,
        episode,
        episodes_in,
        episodes_of,
        episodes_set_in,
        event,
        events_in,
        events_of,
        first_appearance,
        last_appearance,
        person,
        roles_of,
        season,
        seasons_set_in,
        to_dataframe,
        to_records,
    )
    from ._tables import ExportTableName, TableName
    from ._values import (
        Age,
        Billing,
        CastCoverage,
        CastingStatus,
        Death,
        Derivation,
        Divergence,
        EventCategory,
        ExternalIds,
        Note,
        Source,
        WritingCredit,
        WritingRole,
        YearSpan,
    )

    # The collections of the newest dataset, loaded on first access.
    appearances: tuple[Appearance, ...]
    castings: tuple[Casting, ...]
    characters: tuple[Character, ...]
    episodes: tuple[Episode, ...]
    events: tuple[Event, ...]
    people: tuple[Person, ...]
    seasons: tuple[Season, ...]

# The private modules behind the public names, cheapest first. A name is imported from the
# first of them whose __all__ holds it, on first access (PEP 562), so `import famk_data` costs
# almost nothing: not even attrs is imported until a model or a query is used.
_MODULES = ("_values", "_dates", "_dispute", "_models", "_tables", "_load", "_shortcuts", "_dataset", "_diff")
_COLLECTIONS = frozenset({"appearances", "castings", "characters", "episodes", "events", "people", "seasons"})


def __getattr__(name: str) -> Any:
    if name in _COLLECTIONS:
        return getattr(__getattr__("load")(), name)
    if name in __all__:
        from importlib import import_module

        for module_name in _MODULES:
            module = import_module(f"{__name__}.{module_name}")
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # The public names only: not the helpers of this file (Any, TYPE_CHECKING, annotations...).
    return sorted(__all__)


__all__ = [
    "Age",
    "AmbiguousNameError",
    "Appearance",
    "ArgumentTypeError",
    "ArgumentValueError",
    "Billing",
    "Birth",
    "CastCoverage",
    "Casting",
    "CastingStatus",
    "Change",
    "ChangeKind",
    "Character",
    "DataDiff",
    "Dataset",
    "DatasetError",
    "Death",
    "Derivation",
    "Dispute",
    "DisputedValue",
    "Divergence",
    "Episode",
    "Event",
    "EventCategory",
    "ExportTableName",
    "ExternalIds",
    "FamkDataError",
    "FieldChange",
    "FrozenDatasetError",
    "HiddenError",
    "HiddenFactError",
    "InvalidArgumentError",
    "NotFoundError",
    "Note",
    "PartialDate",
    "Person",
    "Precision",
    "Season",
    "Source",
    "TableName",
    "UnknownFactError",
    "WritingCredit",
    "WritingRole",
    "YearSpan",
    "__version__",
    "actors_of",
    "age_in",
    "alive_in",
    "appearances",
    "appearances_in",
    "as_of",
    "available_versions",
    "cast_for",
    "castings",
    "character",
    "characters",
    "diff",
    "disputes",
    "divergences",
    "episode",
    "episodes",
    "episodes_in",
    "episodes_of",
    "episodes_set_in",
    "event",
    "events",
    "events_in",
    "events_of",
    "first_appearance",
    "last_appearance",
    "load",
    "metadata",
    "people",
    "person",
    "roles_of",
    "season",
    "seasons",
    "seasons_set_in",
    "to_dataframe",
    "to_records",
]
