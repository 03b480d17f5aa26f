"""The shipped JSON Schemas: one per table and file format, validating every shipped file.

They agree with the attrs models, report an error at the failing field, and the combined
schema that the descriptors of data 0.1.0-0.4.0 name is still shipped, as released.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import typing
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import jsonschema
import pytest
from jsonschema.exceptions import best_match

import famk_data as fd
from famk_data._export import table_text
from famk_data._tables import FORMAT, FORMAT_TABLES, RECORD_TYPES, TableName

from .conftest import shipped

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SCHEMAS = files("famk_data") / "data" / "schema"
TABLE_SCHEMAS = [(f, t) for f, tables in FORMAT_TABLES.items() for t in tables]
#: The combined format-1 schema as released with data 0.1.0-0.4.0.
RELEASED = ("famk-data.schema.json", "9e1281a5e241023ad23ddc82499c17b46f1e53b78ff3ad9a31c8278db146f3f2")
TOOL = Path(__file__).resolve().parent.parent / "tools" / "release.py"


def _schema(file_format: int, table: str) -> dict[str, Any]:
    node: Traversable = SCHEMAS / f"format-{file_format}" / f"{table}.schema.json"
    schema: dict[str, Any] = json.loads(node.read_bytes())
    return schema


def _validator(file_format: int, table: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        _schema(file_format, table), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _format(version: str) -> int:
    file_format: int = fd.metadata(version)["famk_data_format"]
    return file_format


def _document(version: str, table: str) -> Any:
    return json.loads(shipped(version, f"{table}.json"))


def test_there_is_one_schema_per_table_and_format_and_no_other() -> None:
    shipped_schemas = {
        (int(folder.name.removeprefix("format-")), node.name.removesuffix(".schema.json"))
        for folder in SCHEMAS.iterdir()
        if folder.is_dir()
        for node in folder.iterdir()
    }
    assert shipped_schemas == set(TABLE_SCHEMAS)


@pytest.mark.parametrize(("file_format", "table"), TABLE_SCHEMAS)
def test_each_schema_is_valid_draft_2020_12_with_no_top_level_choice(file_format: int, table: str) -> None:
    schema = _schema(file_format, table)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert not {"oneOf", "anyOf", "allOf"} & set(schema)
    assert schema["required"] == ["format", "data_version", table]
    assert schema["properties"]["format"] == {"const": file_format}


@pytest.mark.parametrize("version", fd.available_versions())
def test_every_shipped_table_file_validates_with_its_tables_schema(version: str) -> None:
    file_format = _format(version)
    tables = [resource["name"] for resource in fd.metadata(version)["resources"]]
    assert sorted(tables) == sorted(FORMAT_TABLES[file_format])
    for table in tables:
        errors = list(_validator(file_format, table).iter_errors(_document(version, table)))
        assert not errors, [f"{table}: {e.json_path}: {e.message}" for e in errors[:3]]


@pytest.mark.skipif(not TOOL.exists(), reason="the release tool lives in the source checkout")
def test_data_src_as_the_release_tool_writes_it_validates() -> None:
    from .conftest import release_tool

    written = release_tool().build("99.0.0")
    for table in FORMAT_TABLES[FORMAT]:
        errors = list(_validator(FORMAT, table).iter_errors(json.loads(written[f"{table}.json"])))
        assert not errors, [f"{table}: {e.json_path}: {e.message}" for e in errors[:3]]


@pytest.mark.parametrize("table", FORMAT_TABLES[FORMAT])
def test_an_exported_json_table_validates_with_the_current_schema(table: TableName) -> None:
    """``famk-data export TABLE --format json`` writes a data file in the current format, whatever the version."""
    for version in (fd.available_versions()[0], fd.available_versions()[-1]):
        document = json.loads(table_text(fd.load(version), table, "json"))
        assert _validator(FORMAT, table).is_valid(document), (version, table)


def _errors(file_format: int, table: str, document: Any) -> list[jsonschema.ValidationError]:
    return sorted(_validator(file_format, table).iter_errors(document), key=lambda e: e.json_path)


def _sample(file_format: int, table: TableName) -> Any:
    """A good ``table`` file in ``file_format``: shipped, or (for a format no release has yet) exported."""
    version = next((v for v in fd.available_versions() if _format(v) == file_format), None)
    if version is not None:
        return _document(version, table)
    assert file_format == FORMAT
    return json.loads(table_text(fd.load(), table, "json"))


@pytest.mark.parametrize("file_format", FORMAT_TABLES)
def test_a_bad_field_is_reported_at_that_field(file_format: int) -> None:
    bad = _sample(file_format, "episodes")
    assert not _errors(file_format, "episodes", bad)
    bad["episodes"][3]["release_date"] = "2019-13-01"
    bad["episodes"][5]["nickname"] = "x"
    bad["episodes"][7]["writers"][0]["role"] = "typed by"
    (date, nickname, role) = _errors(file_format, "episodes", bad)
    assert date.json_path == "$.episodes[3].release_date"
    assert best_match([date]).json_path == "$.episodes[3].release_date"
    assert best_match([date]).message == "'2019-13-01' is not a 'date'"
    assert (nickname.json_path, nickname.validator) == ("$.episodes[5]", "additionalProperties")
    assert "'nickname' was unexpected" in nickname.message
    # Where "or null" is a choice (format 1 and nullable lists), the error is at the field
    # and the best match inside it names the item.
    assert "$.episodes[7].writers[0].role".startswith(role.json_path)
    assert best_match([role]).json_path == "$.episodes[7].writers[0].role"
    people = _sample(file_format, "people")
    people["people"][0]["born"] = "25/11/1979"
    assert {error.json_path for error in _errors(file_format, "people", people)} == {"$.people[0].born"}


def test_format_2_names_the_broken_rule_directly() -> None:
    """Format 2 folds "or null" into a field's type, so the message is the real problem."""
    document = _sample(2, "episodes")
    document["episodes"][3]["release_date"] = "2019-13-01"
    (error,) = _errors(2, "episodes", document)
    assert error.message == "'2019-13-01' is not a 'date'"


def test_check_jsonschema_reports_the_file_and_field(tmp_path: Path) -> None:
    """The documented command: check-jsonschema (offline) points at the failing field."""
    document = _document(fd.available_versions()[0], "episodes")
    document["episodes"][3]["release_date"] = "2019-13-01"
    bad = tmp_path / "episodes.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with SCHEMAS.joinpath("format-1", "episodes.schema.json").open("rb") as schema_file:
        schema = tmp_path / "episodes.schema.json"
        schema.write_bytes(schema_file.read())
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(bad)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"{bad}::$.episodes[3].release_date: '2019-13-01'" in result.stdout
    assert "$.episodes[3].release_date: '2019-13-01' is not a 'date'" in result.stdout


def test_the_released_combined_schema_is_still_shipped_as_released() -> None:
    name, digest = RELEASED
    content = SCHEMAS.joinpath(name).read_bytes()
    assert hashlib.sha256(content).hexdigest() == digest
    for version in fd.available_versions():
        description = fd.metadata(version)["description"]
        if name in description:  # data 0.1.0-0.4.0 name it
            assert f"famk_data/data/schema/{name}" in description
            assert _format(version) == 1
    combined = jsonschema.Draft202012Validator(json.loads(content))
    assert combined.is_valid(_document("0.1.0", "seasons"))


def test_format_1_table_schemas_are_cut_from_the_released_schema() -> None:
    combined = json.loads(SCHEMAS.joinpath(RELEASED[0]).read_bytes())
    for table in FORMAT_TABLES[1]:
        schema = _schema(1, table)
        (branch,) = [b for b in combined["oneOf"] if table in b["required"]]
        assert {key: schema[key] for key in branch} == branch
        assert all(schema["$defs"][name] == combined["$defs"][name] for name in schema["$defs"])


def _classes(record_type: type) -> dict[str, type]:
    """The attrs classes a record's file form nests (records of other tables are ids)."""
    found: dict[str, type] = {}

    def visit(cls: type) -> None:
        found[cls.__name__] = cls
        for hint in typing.get_type_hints(cls).values():
            for arg in (hint, *typing.get_args(hint), *[a for b in typing.get_args(hint) for a in typing.get_args(b)]):
                if attrs.has(arg) and arg.__name__ not in found and arg not in RECORD_TYPES.values():
                    visit(arg)

    visit(record_type)
    return found


@pytest.mark.parametrize("table", FORMAT_TABLES[FORMAT])
def test_current_schemas_and_models_agree_field_for_field(table: str) -> None:
    schema = _schema(FORMAT, table)
    classes = _classes(RECORD_TYPES[table])
    assert set(schema["$defs"]) == set(classes)
    for name, cls in classes.items():
        definition = schema["$defs"][name]
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
    in_schema = {
        tuple(value for value in values if value is not None) for values in _enums(_schema(FORMAT, "castings"))
    }
    assert tuple(member.value for member in fd.Billing) in in_schema
    assert tuple(member.value for member in fd.CastingStatus) in in_schema
    in_schema = {tuple(values) for values in _enums(_schema(FORMAT, "episodes"))}
    assert tuple(member.value for member in fd.WritingRole) in in_schema
