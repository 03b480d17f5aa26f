"""A packaged table file split into its records: the same rows as parsing it whole."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import famk_data as fd
from famk_data import _load
from famk_data._rows import ParsedRows, Rows, table_rows
from famk_data._tables import FORMAT_TABLES


def _dump(document: dict[str, Any]) -> bytes:
    """A data file as the release tool writes it."""
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def _packaged() -> list[tuple[str, str, bytes]]:
    found = []
    for version in fd.available_versions():
        directory = files("famk_data") / "data" / version
        tables = FORMAT_TABLES[fd.metadata(version)["famk_data_format"]]
        found += [(version, table, _load.read_data(directory, f"{table}.json", version)) for table in tables]
    return found


PACKAGED = _packaged()


@pytest.mark.parametrize(("version", "table", "content"), PACKAGED, ids=[f"{v}-{t}" for v, t, _ in PACKAGED])
def test_every_shipped_file_is_split_into_the_rows_a_parser_gives(version: str, table: str, content: bytes) -> None:
    document = json.loads(content)
    assert content == _dump(document), "a shipped file is not laid out as the release tool writes it"
    file_format, rows = table_rows(content, f"{version}/{table}.json", table)
    assert isinstance(rows, Rows)
    assert file_format == document["format"]
    assert [rows[i] for i in range(len(rows))] == document[table]
    for name in {*(name for record in document[table] for name in record), "no-such-field"}:
        assert rows.column(name) == [record.get(name) for record in document[table]]


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
_SCALAR = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | _TEXT
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
_RECORD = st.dictionaries(st.sampled_from(["id", "season", "name", "sources", "x"]), _VALUE, min_size=1)


@settings(max_examples=200, deadline=None)
@given(records=st.lists(_RECORD, min_size=1, max_size=6), file_format=st.integers(1, 3))
def test_any_records_written_as_released_split_back_to_themselves(
    records: list[dict[str, Any]], file_format: int
) -> None:
    # Strings may hold what a record's lines look like ("\n    },\n    {"): JSON escapes newlines.
    content = _dump({"format": file_format, "data_version": "9.9.9", "castings": records})
    found_format, rows = table_rows(content, "castings.json", "castings")
    assert isinstance(rows, Rows)
    assert found_format == file_format
    assert [rows[i] for i in range(len(rows))] == records
    for name in ("id", "season", "name", "sources", "x"):
        assert rows.column(name) == [record.get(name) for record in records]


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"format": 3, "castings": [{"season": 5}, {"season": 4}]}).encode(),  # compact
        json.dumps({"format": 3, "castings": [{"season": 5}, {"season": 4}]}, indent=4).encode(),
        b'{"format": 3, "castings": []}',
        _dump({"format": 3, "castings": []}),
        _dump({"format": 3, "castings": [{"season": 5}], "later": [{"season": 1}]}),  # two arrays of records
    ],
)
def test_a_file_laid_out_otherwise_is_parsed_whole(content: bytes) -> None:
    file_format, rows = table_rows(content, "castings.json", "castings")
    assert isinstance(rows, ParsedRows)
    assert (file_format, list(rows)) == (3, json.loads(content)["castings"])
    assert rows.column("season") == [r.get("season") for r in rows]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": 3, "castings": ["\xff"]}', "is not UTF-8"),
        (b'{"format": 3, "castings": [', "invalid JSON"),
        (_dump({"castings": [{"season": 5}]}), "format"),
        (_dump({"format": "3", "castings": [{"season": 5}]}), "format"),
        (_dump({"format": 3, "casts": [{"season": 5}]}), "castings"),
        (_dump({"format": 3, "castings": {"season": 5}}), "castings"),
        (gzip.compress(b"{}"), "is not UTF-8"),
    ],
)
def test_a_broken_file_is_a_dataset_error(content: bytes, message: str) -> None:
    with pytest.raises(fd.DatasetError, match=message):
        table_rows(content, "castings.json", "castings")


def test_a_record_that_does_not_parse_is_a_dataset_error_when_read() -> None:
    content = _dump({"format": 3, "castings": [{"season": 5}, {"season": 4}]})
    broken = content.replace(b'"season": 4', b'"season": 4 oops')
    _, rows = table_rows(broken, "castings.json", "castings")
    assert rows[0] == {"season": 5}
    with pytest.raises(fd.DatasetError, match=r"castings\.json: is not laid out as released"):
        rows[1]
    with pytest.raises(fd.DatasetError, match="is not laid out as released"):
        rows.column("season")
