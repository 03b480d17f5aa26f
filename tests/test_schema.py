"""The shipped JSON Schema validates every snapshot and agrees with the attrs models."""

from __future__ import annotations

import json
import typing
from importlib.resources import files
from typing import Any

import attrs
import jsonschema
import pytest

import famk_data as fd
from famk_data._tables import FORMAT, FORMAT_TABLES, RECORD_TYPES

from .conftest import shipped


def _schema(file_format: int) -> dict[str, Any]:
    path = files("famk_data") / "data" / "schema" / f"format-{file_format}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _validator(file_format: int) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        _schema(file_format), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


SCHEMA = _schema(FORMAT)


@pytest.mark.parametrize("file_format", FORMAT_TABLES)
def test_schema_is_valid_draft_2020_12(file_format: int) -> None:
    schema = _schema(file_format)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("version", fd.available_versions())
def test_every_snapshot_validates(version: str) -> None:
    file_format = fd.metadata(version)["famk_data_format"]
    validator = _validator(file_format)
    for table in FORMAT_TABLES[file_format]:
        document = json.loads(shipped(version, f"{table}.json"))
        errors = list(validator.iter_errors(document))
        assert not errors, [e.message for e in errors[:3]]


def test_schema_rejects_what_the_loader_rejects() -> None:
    document = json.loads(shipped("0.1.0", "people.json"))
    validator = _validator(1)
    assert validator.is_valid(document)
    document["people"][0]["nickname"] = "x"
    assert not validator.is_valid(document)
    document["people"][0].pop("nickname")
    document["people"][0]["born"] = "25/11/1979"
    assert not validator.is_valid(document)


def _classes() -> dict[str, type]:
    found: dict[str, type] = {}

    def visit(cls: type) -> None:
        found[cls.__name__] = cls
        for hint in typing.get_type_hints(cls).values():
            for arg in (hint, *typing.get_args(hint), *[a for b in typing.get_args(hint) for a in typing.get_args(b)]):
                if attrs.has(arg) and arg.__name__ not in found:
                    visit(arg)

    for cls in RECORD_TYPES.values():
        visit(cls)
    return found


def test_schema_and_models_agree_field_for_field() -> None:
    classes = _classes()
    assert set(SCHEMA["$defs"]) == set(classes)
    for name, cls in classes.items():
        definition = SCHEMA["$defs"][name]
        fields = [field.name for field in attrs.fields(cls)]
        assert list(definition["properties"]) == fields, name
        assert definition["required"] == fields, name
        assert definition["additionalProperties"] is False


def _enums(node: Any) -> list[list[Any]]:
    if isinstance(node, dict):
        return ([node["enum"]] if "enum" in node else []) + [e for v in node.values() for e in _enums(v)]
    if isinstance(node, list):
        return [e for v in node for e in _enums(v)]
    return []


def test_enum_values_agree() -> None:
    in_schema = {tuple(values) for values in _enums(SCHEMA)}
    for enum_type in (fd.Billing, fd.WritingRole):
        assert tuple(member.value for member in enum_type) in in_schema
