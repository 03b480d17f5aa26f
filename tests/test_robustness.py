"""Hostile input: every public entry point answers or raises the documented library error."""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import famk_data as fd
from famk_data._cli import main
from famk_data._converter import encode_table
from famk_data._tables import FORMAT_TABLES

from .conftest import rehash

if TYPE_CHECKING:
    from collections.abc import Callable

BAD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    10**100,
    1.5,
    math.nan,
    math.inf,
    "",
    "   ",
    "\0",
    "x" * 100_000,
    "Еd Вaldwin",  # Cyrillic lookalikes
    "ed\u200bbaldwin",
    "S02E10\0",
    "S99E99",
    "s-1e01",
    "../../etc/passwd",
    b"ed-baldwin",
    ["ed-baldwin"],
    {"id": "ed-baldwin"},
    (2, 10),
    object(),
]

ONE_ARGUMENT: dict[str, Callable[[Any], Any]] = {
    "season": fd.season,
    "episodes_in": fd.episodes_in,
    "episode": fd.episode,
    "character": fd.character,
    "person": fd.person,
    "cast_for": fd.cast_for,
    "roles_of": fd.roles_of,
    "actors_of": fd.actors_of,
    "load": fd.load,
    "metadata": fd.metadata,
    "diff": fd.diff,
    "age_in(ed)": lambda year: fd.age_in("ed-baldwin", year),
    "age_in(name)": lambda name: fd.age_in(name, 2000),
    "episode(2, n)": lambda number: fd.episode(2, number),
    "load(path=)": lambda path: fd.load(path=path),
}


def _answers_or_library_error(call: Callable[[Any], Any], value: Any) -> None:
    with contextlib.suppress(fd.FamkDataError):
        call(value)


@pytest.mark.parametrize("name", sorted(ONE_ARGUMENT))
@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: repr(v)[:20])
def test_bad_arguments_raise_library_errors(name: str, value: Any) -> None:
    _answers_or_library_error(ONE_ARGUMENT[name], value)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.binary(), st.lists(st.integers())))
def test_fuzzed_lookups(value: Any) -> None:
    for call in ONE_ARGUMENT.values():
        if call is ONE_ARGUMENT["load(path=)"]:
            continue
        _answers_or_library_error(call, value)


@pytest.mark.parametrize(
    "argv",
    [
        ["cast", "-1"],
        ["cast", "99999999999999999999"],
        ["episodes", "0"],
        ["character", ""],
        ["character", "\0"],
        ["age", "Ed Baldwin", "-5"],
        ["age", "nobody", "2000"],
        ["--data-version", "", "cast", "1"],
        ["--data-version", "0.1.0/../../", "cast", "1"],
        ["diff", "0.1.0", "../x"],
        ["diff", "0.0.1"],
    ],
)
def test_cli_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("famk-data: error:")
    assert err.count("\n") == 1


def test_records_and_collections_are_immutable() -> None:
    data = fd.load()
    for record in (data.seasons[0], data.episodes[0], data.characters[0], data.people[0], data.castings[0]):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.sources = ()  # type: ignore[misc]
        assert isinstance(record.sources, tuple)
    with pytest.raises(TypeError):
        data.episodes[0] = data.episodes[1]  # type: ignore[index]


@pytest.mark.parametrize("version", fd.available_versions())
def test_dumping_reproduces_the_packaged_files(version: str) -> None:
    from .conftest import shipped

    data = fd.load(version)
    for table in FORMAT_TABLES[fd.metadata(version)["famk_data_format"]]:
        released = shipped(version, f"{table}.json")
        file_format = json.loads(released)["format"]
        assert encode_table(table, version, getattr(data, table), file_format) == released, table


def test_no_pickle_or_eval_in_the_package() -> None:
    source = Path(fd.__file__).parent
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("import pickle", "import marshal", "eval(", "exec(", "shelve"):
            assert word not in text, (path.name, word)


JSONValue = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def _nodes(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _nodes(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _nodes(value, (*path, index))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(["seasons", "episodes", "characters", "people", "castings"]),
    choice=st.integers(0, 10**6),
    action=st.sampled_from(["replace", "delete", "add"]),
    value=JSONValue,
)
def test_mutated_data_gives_only_dataset_errors(
    data_copy: Path, tmp_path: Path, *, table: str, choice: int, action: str, value: Any
) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path)) / "data"
    shutil.copytree(data_copy, work)
    path = work / f"{table}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    nodes = _nodes(document)[1:]
    target = nodes[choice % len(nodes)]
    parent = document
    for key in target[:-1]:
        parent = parent[key]
    if action == "replace":
        parent[target[-1]] = value
    elif action == "delete":
        del parent[target[-1]]
    elif isinstance(parent, dict):
        parent[f"extra{choice}"] = value
    else:
        parent.append(value)
    path.write_text(json.dumps(document), encoding="utf-8")
    rehash(work)
    try:
        fd.load(path=work)
    except fd.DatasetError as error:
        caught = error
    else:
        return
    assert caught.file.endswith(".json")
    assert caught.problems
