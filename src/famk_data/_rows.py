"""A packaged table file's records, each parsed from its JSON when first asked for.

The release tool writes every data file as ``json.dumps(document, indent=2,
ensure_ascii=False)`` and a newline (the tests hold every shipped file to it), and the
manifest pins each file's bytes by sha256. In such a file the
records of the table's array are separated by the lines ``    },`` and ``    {``, and a
record's own fields are the lines indented six spaces: JSON strings hold no raw newline, and
anything nested is indented further. :func:`table_rows` splits a file into its records
without parsing them; a record is parsed when a query first needs it, and a field of it
(``season``, ``id``) can be read from its line without parsing the rest. A file laid out
otherwise is parsed whole, to the same rows.
"""

from __future__ import annotations

import json
from typing import Any, Final

from .exceptions import DatasetError

__all__ = ["ParsedRows", "Rows", "parse_json", "table_rows"]

_FIRST: Final = b"\n    {"  # the first record's opening line
_BETWEEN: Final = b"\n    },\n    {"  # one record's closing line, and the next one's opening line
_LAST: Final = b"\n    }\n  ]"  # the last record's closing line, and the array's
_CLOSING: Final = b"\n    }"  # any record's closing line


class ParsedRows(list[Any]):
    """Rows parsed already (a whole file, or records given as a list)."""

    __slots__ = ()

    def column(self, name: str) -> list[Any]:
        """The value of field ``name`` of every record, in order (``None`` where a record has none)."""
        return [record.get(name) for record in self]


class Rows:
    """The records of one table file, split at their lines and parsed one at a time."""

    __slots__ = ("_bodies", "_name")

    def __init__(self, bodies: list[bytes], name: str) -> None:
        self._bodies, self._name = bodies, name  # each record's bytes between its "{" and "}" lines

    def __len__(self) -> int:
        return len(self._bodies)

    def __getitem__(self, position: int) -> Any:
        return self._parse(b"{" + self._bodies[position] + b"\n    }")

    def column(self, name: str) -> list[Any]:
        """The value of field ``name`` of every record, in order (``None`` where a record has none).

        A field on one line (a number, a string, null) is read from that line alone; only a
        record whose field runs over several lines is parsed.
        """
        key = b'\n      "' + name.encode() + b'": '
        size = len(key)
        values: list[Any] = []
        for position, body in enumerate(self._bodies):
            start = body.find(key)
            if start < 0:
                values.append(None)
                continue
            start += size
            end = body.find(b"\n", start)
            line = (body[start:] if end < 0 else body[start:end]).removesuffix(b",")
            if line.isdigit():  # the common cases, without the JSON parser: a number, a plain string
                values.append(int(line))
            elif line[:1] == b'"' and b"\\" not in line:
                values.append(line[1:-1].decode())
            elif line[:1] in {b"[", b"{"}:  # may run over several lines
                values.append(self[position].get(name))
            else:
                values.append(self._parse(line))
        return values

    def _parse(self, content: bytes) -> Any:
        try:
            return json.loads(content)
        except (ValueError, RecursionError):  # not UTF-8 or not JSON: a bug, as the bytes are pinned
            raise DatasetError(self._name, [("", "is not laid out as released")]) from None


def table_rows(content: bytes, name: str, table: str) -> tuple[int, Rows | ParsedRows]:
    """The file format and the records of a packaged table file (``content``, hash-checked already).

    Raises:
        DatasetError: the file is not UTF-8 JSON holding a ``format`` number and the ``table`` array.
    """
    bodies = content.split(_BETWEEN)
    head, first, bodies[0] = bodies[0].partition(_FIRST)
    bodies[-1], last, tail = bodies[-1].rpartition(_LAST)
    # One closing line per record, and the file less its records the header and an empty
    # array: then the records are exactly the table's array (and no record holds another).
    if first and last and content.count(_CLOSING) == len(bodies):
        header = parse_json(head + b"\n  ]" + tail, name)
        if isinstance(header, dict) and header.get(table) == []:
            return _format(header, name, table), Rows(bodies, name)
    document = parse_json(content, name)  # not the released layout, or no records: parsed whole
    records = document.get(table) if isinstance(document, dict) else None
    if not isinstance(records, list):
        raise DatasetError(name, [(table, "expected the table's array of records")])
    return _format(document, name, table), ParsedRows(records)


def _format(document: dict[str, Any], name: str, table: str) -> int:
    file_format = document.get("format")
    if type(file_format) is not int:
        raise DatasetError(name, [("format", f"expected the file format number of the {table} file")])
    return file_format


def parse_json(content: bytes, name: str) -> Any:
    """The JSON value of a file's bytes; a :class:`~famk_data.DatasetError` naming the file if they are not JSON."""
    try:
        return json.loads(content)
    except UnicodeDecodeError as error:
        raise DatasetError(name, [("", f"is not UTF-8 ({error.reason})")]) from None
    except json.JSONDecodeError as error:
        raise DatasetError(
            name, [("", f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}")]
        ) from None
    except RecursionError:
        raise DatasetError(name, [("", "JSON nested too deeply")]) from None
