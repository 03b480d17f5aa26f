"""Write the JSON Schemas (draft 2020-12) of the data files: one per table and file format.

A data file holds one table, so each table has its own schema and a validator reports an
error at the failing field. (One schema for all tables needed a top-level ``oneOf``, under
which a bad date came out as "'seasons' is a required property" followed by the whole file.)

- ``schema/format-N/<table>.schema.json`` for the current format N: generated from the
  attrs models and the table registry (``famk_data._tables``), so a new table gets its schema.
- ``schema/format-1/<table>.schema.json``: split from ``schema/famk-data.schema.json``, the
  combined format-1 schema released with data 0.1.0-0.4.0, whose descriptors name it. That
  file stays byte for byte as released; this tool checks its hash and never writes it.
- The table schemas of any other older format stay as they were shipped.

Usage:
    python tools/schema.py           write every per-table schema
    python tools/schema.py --check   fail if a shipped schema differs from what this writes
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import hashlib
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

import attrs

from famk_data._tables import FORMAT, FORMAT_TABLES, RECORD_TYPES

SCHEMAS = Path(__file__).resolve().parent.parent / "src" / "famk_data" / "data" / "schema"
#: The combined schema of each older format, exactly as released.
RELEASED = {1: "famk-data.schema.json"}
RELEASED_SHA256 = {"famk-data.schema.json": "9e1281a5e241023ad23ddc82499c17b46f1e53b78ff3ad9a31c8278db146f3f2"}
_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_SIMPLE: dict[Any, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    str: {"type": "string"},
    dt.date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
}


def path(file_format: int, table: str) -> Path:
    """Where the schema of ``table``'s file in ``file_format`` is shipped."""
    return SCHEMAS / f"format-{file_format}" / f"{table}.schema.json"


def _reference(annotation: Any) -> dict[str, Any] | None:
    """A field holding another table's record is written as that record's id."""
    table = next((name for name, kind in RECORD_TYPES.items() if kind is annotation), None)
    if table is None:
        return None
    described = {"description": f"id of a record in {table}"}
    return {**_ID, **described} if "id" in attrs.fields_dict(annotation) else {"type": "string", **described}


def _type(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in {typing.Union, types.UnionType}:
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _nullable(_type(inner, defs))
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], defs)}
    if annotation in _SIMPLE:
        return dict(_SIMPLE[annotation])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    reference = _reference(annotation)
    if reference is not None:
        return reference
    if attrs.has(annotation):
        _define(annotation, defs)
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or ``null``: folded into ``type`` or ``enum`` where it can be, for plainer errors."""
    if isinstance(schema.get("type"), str) and schema["type"] != "array":
        described = {"description": schema["description"] + ", or null"} if "description" in schema else {}
        return {**schema, "type": [schema["type"], "null"], **described}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {"anyOf": [schema, {"type": "null"}]}


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    properties = {field.name: _type(hints[field.name], defs) for field in attrs.fields(cls)}
    defs[cls.__name__] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _document(file_format: int, table: str, branch: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": _SCHEMA,
        "$id": f"https://pypi.org/project/famk-data/schema/format-{file_format}/{table}.schema.json",
        "title": f"famk-data {table}.json, format {file_format}",
        "description": f"The {table} table of a famk-data data version, in file format {file_format}.",
        **branch,
        "$defs": dict(sorted(defs.items())),
    }


def _file(file_format: int, table: str, items: dict[str, Any]) -> dict[str, Any]:
    """The object a data file holds: its format, its data version and the table's records."""
    return {
        "type": "object",
        "properties": {
            "format": {"const": file_format},
            "data_version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
            table: {"type": "array", "items": items},
        },
        "required": ["format", "data_version", table],
        "additionalProperties": False,
    }


def generated(table: str) -> dict[str, Any]:
    """The schema of ``table``'s file in the current format, from the models."""
    defs: dict[str, Any] = {}
    record = RECORD_TYPES[table]
    _define(record, defs)
    return _document(FORMAT, table, _file(FORMAT, table, {"$ref": f"#/$defs/{record.__name__}"}), defs)


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].removeprefix("#/$defs/")} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def split(file_format: int, table: str) -> dict[str, Any]:
    """The schema of ``table``'s file in an older format, cut from that format's released combined schema."""
    combined = json.loads((SCHEMAS / RELEASED[file_format]).read_bytes())
    (branch,) = [b for b in combined["oneOf"] if table in b["required"]]
    needed: set[str] = set()
    pending = _refs(branch)
    while pending:
        name = pending.pop()
        needed.add(name)
        pending |= _refs(combined["$defs"][name]) - needed
    return _document(file_format, table, branch, {name: combined["$defs"][name] for name in needed})


def schemas() -> dict[Path, bytes]:
    """Every per-table schema, as the bytes shipped in the package."""
    built = {}
    for file_format, tables in FORMAT_TABLES.items():
        for table in tables:
            if file_format == FORMAT:
                schema = generated(table)
            elif file_format in RELEASED:
                schema = split(file_format, table)
            else:  # an older format's table schemas stay as they were shipped
                schema = json.loads(path(file_format, table).read_bytes())
            built[path(file_format, table)] = (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode()
    return built


def _released_problems() -> list[str]:
    return [
        f"{SCHEMAS / name} differs from the schema released with data 0.1.0-0.4.0; restore it from git"
        for name, digest in RELEASED_SHA256.items()
        if not (SCHEMAS / name).exists() or hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() != digest
    ]


def main() -> None:
    """Run the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the shipped schemas")
    args = parser.parse_args()
    problems = _released_problems()
    if problems:
        sys.exit("schema: " + "; ".join(problems))
    built = schemas()
    shipped = set(SCHEMAS.glob("format-*/*.schema.json"))
    if args.check:
        stale = sorted(str(p) for p, content in built.items() if not p.exists() or p.read_bytes() != content)
        stray = sorted(str(p) for p in shipped - set(built))
        if stale or stray:
            sys.exit(f"schema: out of date: {', '.join(stale + stray)}; run python tools/schema.py")
        print(f"the {len(built)} shipped table schemas match the models and the released schema")
        return
    for stray_path in shipped - set(built):
        stray_path.unlink()
    for target, content in built.items():
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(content)
    print(f"wrote {len(built)} table schemas under {SCHEMAS}")


if __name__ == "__main__":
    main()
