"""Datasette's metadata for the SQLite export: title, licence, source, and every table's and column's description.

The descriptions are the ones the SQL plan carries (``_sqlite.py``), read from the record
types' docstrings, so Datasette shows what the data dictionary says. Units use Datasette's
names (``min``), so a running time reads "47 min".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._sqlite import schema
from ._sqlite_build import VIEWS

if TYPE_CHECKING:
    from ._sqlite import Dataset

__all__ = ["datasette_metadata"]

_LICENCE = ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/")
_SOURCE = "famk-data"
_SOURCE_URL = "https://pypi.org/project/famk-data/"


def datasette_metadata(dataset: Dataset, database: str) -> dict[str, Any]:
    """The metadata Datasette reads (``datasette famk.db --metadata famk.metadata.json``).

    ``database`` is the database's name in Datasette: its file name without the suffix.

    Examples:
        >>> import famk_data
        >>> metadata = datasette_metadata(famk_data.load("0.5.1"), "famk")
        >>> metadata["title"], metadata["license"]
        ('For All Mankind: data 0.5.1', 'CC0-1.0')
        >>> metadata["databases"]["famk"]["tables"]["episodes"]["units"]
        {'runtime_minutes': 'min'}
    """
    from . import __version__

    as_of = "" if dataset.as_of_episode is None else f", as of {dataset.as_of_episode.code} (spoiler-safe)"
    tables: dict[str, Any] = {}
    for table in schema():
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
        }
        units = {column.name: column.unit for column in table.columns if column.unit is not None}
        if units:
            entry["units"] = units
        tables[table.name] = entry
    for name, (text, _, view_columns) in VIEWS.items():
        tables[name] = {"description": text, "columns": dict(view_columns)}
    return {
        "title": f"For All Mankind: data {dataset.version}{as_of}",
        "description": (
            "Sourced facts about the Apple TV+ series For All Mankind: seasons, episodes, characters, "
            "cast and who is credited in each episode. Every record cites its sources (the sources "
            "table); unknown values are NULL. Search a table by name or title with its search box."
        ),
        "license": _LICENCE[0],
        "license_url": _LICENCE[1],
        "source": f"{_SOURCE} {__version__}",
        "source_url": _SOURCE_URL,
        "databases": {database: {"tables": tables}},
    }
