"""Older file formats, read into today's records and written back byte for byte.

A released snapshot never changes, so a file written in an older format stays in that format
forever. Reading upgrades its JSON records to the current shape before they are structured;
writing (to reproduce a released file exactly) downgrades them again, one format at a time.

Format 1 (data 0.1.0-0.4.0) had no ``derivations``; episodes carried a boolean
``release_date_derived`` instead, which is read as a derivation of ``release_date``. Its
castings had no ``status`` (read as ``None``: not stated) and always named the character.

Format 2 (data 0.5.0-0.5.1) had no ``disputes`` on its records (read as none) and no
``read_via`` on its sources (read as ``None``: the original page was read).
The ``events`` table is new in format 3: older versions have none.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from ._tables import FORMAT, FORMAT_TABLES

__all__ = ["FORMAT_1_SCHEDULE_RULE", "downgrade", "upgrade"]

#: The rule given to a format-1 ``release_date_derived`` flag when it is read.
FORMAT_1_SCHEDULE_RULE: Final = (
    "Date taken from the season's announced release schedule, not from a source about this episode "
    "(format 1 recorded only that the date was derived; its inputs are the sources cited for the date)."
)


#: Fields format 2 added, per table, with the value an upgraded format-1 record gets.
_ADDED_IN_2: Final[dict[str, dict[str, Any]]] = {
    table: {"derivations": [], **({"cast_coverage": None, "absent_cast": []} if table == "episodes" else {})}
    for table in FORMAT_TABLES[1]
}
_ADDED_IN_2["castings"]["status"] = None

#: The field format 3 added to every record, and the one it added to every source, with the
#: values an upgraded format-2 record and source get.
_RECORD_ADDED_IN_3: Final[tuple[str, list[Any]]] = ("disputes", [])
_SOURCE_ADDED_IN_3: Final[tuple[str, None]] = ("read_via", None)


def _schedule_derivation(episode: dict[str, Any]) -> dict[str, Any]:
    urls = [
        source["url"]
        for source in episode.get("sources", ())
        if isinstance(source, dict) and "release_date" in source.get("supports", ()) and source.get("url")
    ]
    return {"field": "release_date", "rule": FORMAT_1_SCHEDULE_RULE, "inputs": urls or [episode.get("id")]}


def _upgrade_to_2(table: str, record: dict[str, Any]) -> dict[str, Any]:
    record = {**record, **copy.deepcopy(_ADDED_IN_2[table])}
    if table == "episodes" and record.pop("release_date_derived", False) is True:
        record["derivations"].append(_schedule_derivation(record))
    return record


def _upgrade_to_3(record: dict[str, Any]) -> dict[str, Any]:
    sources = record.get("sources")
    if isinstance(sources, list):
        name, default = _SOURCE_ADDED_IN_3
        sources = [{**source, name: default} if isinstance(source, dict) else source for source in sources]
    name, default = _RECORD_ADDED_IN_3
    return {**record, "sources": sources, name: copy.deepcopy(default)}


def upgrade(table: str, file_format: int, records: Any) -> Any:
    """``records`` (parsed JSON of one table in ``file_format``) in the current format's shape.

    Records that are not JSON objects are passed through for the converter to report.
    """
    if file_format == FORMAT or not isinstance(records, list):
        return records
    upgraded = []
    for record in records:
        if not isinstance(record, dict):
            upgraded.append(record)
            continue
        if file_format < 2:
            record = _upgrade_to_2(table, record)  # noqa: PLW2901 - a copy, never the caller's
        upgraded.append(_upgrade_to_3(record))
    return upgraded


def _downgrade_to_2(table: str, record: dict[str, Any]) -> dict[str, Any]:
    name, default = _RECORD_ADDED_IN_3
    source_name, source_default = _SOURCE_ADDED_IN_3
    sources = record["sources"]
    if record[name] != default or any(source[source_name] != source_default for source in sources):
        raise ValueError(f"format 2 cannot hold {table} record {record.get('id')!r} as it is")
    old = {key: value for key, value in record.items() if key != name}
    old["sources"] = [{key: value for key, value in source.items() if key != source_name} for source in sources]
    return old


def _downgrade_to_1(table: str, record: dict[str, Any]) -> dict[str, Any]:
    derivations = record["derivations"]
    flagged = table == "episodes" and derivations[:1] == [_schedule_derivation(record)]
    kept = {**record, "derivations": derivations[1:] if flagged else derivations}
    unnamed = table == "castings" and record.get("character") is None
    if unnamed or any(kept[name] != default for name, default in _ADDED_IN_2[table].items()):
        raise ValueError(f"format 1 cannot hold {table} record {record.get('id')!r} as it is")
    old: dict[str, Any] = {}
    for name, value in record.items():
        if name in _ADDED_IN_2[table]:
            continue
        old[name] = value
        if table == "episodes" and name == "release_date":
            old["release_date_derived"] = flagged
    return old


def downgrade(table: str, file_format: int, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Unstructured current-format ``records`` in the shape of ``file_format`` (for exact dumps)."""
    if file_format == FORMAT:
        return records
    downgraded = [_downgrade_to_2(table, record) for record in records]
    if file_format < 2:
        downgraded = [_downgrade_to_1(table, record) for record in downgraded]
    return downgraded
