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

__version__ = "0.6.1"

if TYPE_CHECKING:
    from ._appearance_record import Appearance
    from ._dataset import Dataset
    from ._dates import Birth, PartialDate, Precision
    from ._diff import Change, ChangeKind, DataDiff, FieldChange, diff
    from ._dispute import Dispute, DisputedValue
    from ._episodes import CastCoverage, Episode, WritingCredit, WritingRole
    from ._event_kinds import Divergence, EventCategory
    from ._event_record import Event
    from ._load import available_versions, load, metadata
    from ._models import Casting, Character, Person
    from ._seasons import Season
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
    from ._timeline import Age
    from ._values import Billing, CastingStatus, Death, Derivation, ExternalIds, Note, Source, YearSpan

    # The collections of the newest dataset, loaded on first access.
    appearances: tuple[Appearance, ...]
    castings: tuple[Casting, ...]
    characters: tuple[Character, ...]
    episodes: tuple[Episode, ...]
    events: tuple[Event, ...]
    people: tuple[Person, ...]
    seasons: tuple[Season, ...]

# Where each public name lives, imported from there on first access (PEP 562): `import
# famk_data` costs almost nothing (not even attrs is imported until a model or a query is
# used), and a name costs its own module only (a first cast list defines no episode class).
# Every other public name not defined here is a module-level query, of _shortcuts.py.
_HOMES = {
    "_appearance_record": ("Appearance",),
    "_dataset": ("Dataset",),
    "_dates": ("Birth", "PartialDate", "Precision"),
    "_diff": ("Change", "ChangeKind", "DataDiff", "FieldChange", "diff"),
    "_dispute": ("Dispute", "DisputedValue"),
    "_episodes": ("CastCoverage", "Episode", "WritingCredit", "WritingRole"),
    "_event_kinds": ("Divergence", "EventCategory"),
    "_event_record": ("Event",),
    "_load": ("available_versions", "load", "metadata"),
    "_models": ("Casting", "Character", "Person"),
    "_seasons": ("Season",),
    "_tables": ("ExportTableName", "TableName"),
    "_timeline": ("Age",),
    "_values": ("Billing", "CastingStatus", "Death", "Derivation", "ExternalIds", "Note", "Source", "YearSpan"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}
_COLLECTIONS = frozenset({"appearances", "castings", "characters", "episodes", "events", "people", "seasons"})


def __getattr__(name: str) -> Any:
    if name in _COLLECTIONS:
        return getattr(__getattr__("load")(), name)
    home = _HOME.get(name, "_shortcuts" if name in __all__ else None)
    if home is not None:
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{home}"), name)
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
