"""Write the JSON Schema (draft 2020-12) of the data files, generated from the attrs models.

Usage:
    python tools/schema.py           write src/famk_data/data/schema/format-N.schema.json (N: the current format)
    python tools/schema.py --check   fail if the shipped schema differs from the models
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

import attrs

from famk_data._models import Casting
from famk_data._tables import FORMAT, FORMAT_TABLES, RECORD_TYPES

# One schema per file format; the schemas of older formats stay as they were released.
TARGET = (
    Path(__file__).resolve().parent.parent / "src" / "famk_data" / "data" / "schema" / f"format-{FORMAT}.schema.json"
)
_SIMPLE: dict[Any, dict[str, str]] = {
    type(None): {"type": "null"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    str: {"type": "string"},
    dt.date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
}
_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}


def _type(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in {typing.Union, types.UnionType}:
        return {"anyOf": [_type(arg, defs) for arg in args]}
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], defs)}
    if annotation in _SIMPLE:
        return dict(_SIMPLE[annotation])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if attrs.has(annotation):
        _define(annotation, defs)
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if cls is Casting and field.name == "actor":
            properties[field.name] = {**_ID, "description": "id of a record in people"}
        elif cls is Casting and field.name == "character":
            properties[field.name] = {
                "anyOf": [{**_ID, "description": "id of a record in characters"}, {"type": "null"}],
                "description": "id of a record in characters, or null when no source names the part",
            }
        else:
            properties[field.name] = _type(hints[field.name], defs)
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    defs[cls.__name__] = {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def schema() -> dict[str, Any]:
    """The schema: one data file holds ``format``, ``data_version`` and one table's records."""
    defs: dict[str, Any] = {}
    files = []
    for table in FORMAT_TABLES[FORMAT]:
        _define(RECORD_TYPES[table], defs)
        files.append(
            {
                "type": "object",
                "properties": {
                    "format": {"const": FORMAT},
                    "data_version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
                    table: {"type": "array", "items": {"$ref": f"#/$defs/{RECORD_TYPES[table].__name__}"}},
                },
                "required": ["format", "data_version", table],
                "additionalProperties": False,
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://pypi.org/project/famk-data/schema/format-{FORMAT}.schema.json",
        "title": f"famk-data data file, format {FORMAT}",
        "description": "One table of a famk-data data version: seasons, episodes, characters, people or castings.",
        "oneOf": files,
        "$defs": dict(sorted(defs.items())),
    }


def encoded() -> bytes:
    """The schema as the bytes shipped in the package."""
    return (json.dumps(schema(), indent=2) + "\n").encode()


def main() -> None:
    """Run the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped schema")
    args = parser.parse_args()
    if args.check:
        if not TARGET.exists() or TARGET.read_bytes() != encoded():
            sys.exit(f"schema: {TARGET} is out of date; run python tools/schema.py")
        print("the shipped schema matches the models")
        return
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_bytes(encoded())
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
