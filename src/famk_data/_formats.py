"""Older file formats, read into today's records and written back byte for byte.

A released snapshot never changes, so a file written in an older format stays in that format
forever. Reading upgrades its JSON records to the current shape before they are structured;
writing (to reproduce a released file exactly) downgrades them again.

Format 1 (data 0.1.0-0.4.0) had no ``derivations``; episodes carried a boolean
``release_date_derived`` instead, which is read as a derivation of ``release_date``. Its
castings had no ``status`` (read as ``None``: not stated) and always named the character.

Format 3 (data 0.6.0 on) added the ``events`` table; the records of the other tables are as
in format 2, so a format-2 file is read and written as it is.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from ._tables import FORMAT_TABLES

__all__ = ["FORMAT_1_SCHEDULE_RULE", "downgrade", "upgrade"]

#: The rule given to a format-1 ``release_date_derived`` flag when it is read.
FORMAT_1_SCHEDULE_RULE: Final = (
    "Date taken from the season's announced release schedule, not from a source about this episode "
    "(format 1 recorded only that the date was derived; its inputs are the sources cited for the date)."
)


#: The first format whose records have today's shape (format 3 only added a table).
_SAME_RECORDS_SINCE: Final = 2

#: Fields format 2 added, per table, with the value an upgraded format-1 record gets.
_ADDED_IN_2: Final[dict[str, dict[str, Any]]] = {
    table: {"derivations": [], **({"cast_coverage": None, "absent_cast": []} if table == "episodes" else {})}
    for table in FORMAT_TABLES[1]
}
_ADDED_IN_2["castings"]["status"] = None


def _schedule_derivation(episode: dict[str, Any]) -> dict[str, Any]:
    urls = [
        source["url"]
        for source in episode.get("sources", ())
        if isinstance(source, dict) and "release_date" in source.get("supports", ()) and source.get("url")
    ]
    return {"field": "release_date", "rule": FORMAT_1_SCHEDULE_RULE, "inputs": urls or [episode.get("id")]}


def upgrade(table: str, file_format: int, records: Any) -> Any:
    """``records`` (parsed JSON of one table in ``file_format``) in the current format's shape.

    Records that are not JSON objects are passed through for the converter to report.
    """
    if file_format >= _SAME_RECORDS_SINCE or not isinstance(records, list):
        return records
    upgraded = []
    for record in records:
        if not isinstance(record, dict):
            upgraded.append(record)
            continue
        record = {**record, **copy.deepcopy(_ADDED_IN_2[table])}  # noqa: PLW2901 - a copy, never the caller's
        if table == "episodes" and record.pop("release_date_derived", False) is True:
            record["derivations"].append(_schedule_derivation(record))
        upgraded.append(record)
    return upgraded


def downgrade(table: str, file_format: int, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Unstructured current-format ``records`` in the shape of ``file_format`` (for exact dumps)."""
    if file_format >= _SAME_RECORDS_SINCE:
        return records
    downgraded = []
    for record in records:
        derivations = record["derivations"]
        flagged = table == "episodes" and derivations[:1] == [_schedule_derivation(record)]
        kept = {**record, "derivations": derivations[1:] if flagged else derivations}
        unnamed = table == "castings" and record.get("character") is None
        if unnamed or any(kept[name] != default for name, default in _ADDED_IN_2[table].items()):
            raise ValueError(f"format {file_format} cannot hold {table} record {record.get('id')!r} as it is")
        old: dict[str, Any] = {}
        for name, value in record.items():
            if name in _ADDED_IN_2[table]:
                continue
            old[name] = value
            if table == "episodes" and name == "release_date":
                old["release_date_derived"] = flagged
        downgraded.append(old)
    return downgraded
