"""Packaged snapshots are built without validating them again, into the very same records."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import attrs
import pytest

import famk_data as fd
from famk_data import _load
from famk_data._tables import RECORD_TYPES


def _fully_validated(version: str) -> fd.Dataset:
    """The packaged version loaded like a user's directory: converter, validators, cross-checks."""
    return _load._load_directory(files("famk_data") / "data" / version, version, None)


def _values(record: Any) -> list[Any]:
    """The attrs records held (directly or in tuples) by the fields of ``record``."""
    found = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(item)) and type(item) not in RECORD_TYPES.values():
                found.append(item)
                found.extend(_values(item))
    return found


@pytest.mark.parametrize("version", fd.available_versions())
def test_both_paths_build_equal_datasets(version: str) -> None:
    trusted, validated = fd.load(version), _fully_validated(version)
    for table in RECORD_TYPES:
        fast, checked = getattr(trusted, table), getattr(validated, table)
        assert fast == checked, table
        assert [type(r) for r in fast] == [type(r) for r in checked], table
    # References are the dataset's own records, as on the validating path.
    for casting in trusted.castings:
        assert trusted.person(casting.actor.id) is casting.actor
        if casting.character is not None:
            assert trusted.character(casting.character.id) is casting.character


@pytest.mark.parametrize("version", fd.available_versions())
def test_repeated_values_are_built_once(version: str) -> None:
    data = fd.load(version)
    values = [value for table in RECORD_TYPES for record in getattr(data, table) for value in _values(record)]
    distinct = {id(value) for value in values}
    assert len(distinct) == len(set(values)) < len(values)
    assert any(isinstance(value, fd.Source) for value in values)


def test_trusted_records_are_frozen_and_hashable() -> None:
    data = fd.load()
    episode = data.episodes[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        episode.title = "x"  # type: ignore[misc]
    assert hash(episode) == hash(attrs.evolve(episode))
    assert attrs.evolve(episode) == episode


def test_a_users_directory_is_still_validated(edit: Any) -> None:
    directory = edit("episodes", lambda d: d["episodes"][3].update(runtime_minutes=0))
    with pytest.raises(fd.DatasetError, match=r"episodes\[3\]"):
        fd.load(path=directory)


def test_a_field_missing_from_an_older_file_gets_its_default() -> None:
    from famk_data._converter import decode_records
    from famk_data._trusted import _Builder

    from .test_converter import valid_person

    raw = valid_person()  # a format-1 record: no derivations

    person = _Builder().class_hook(fd.Person)(raw)
    assert (person,) == decode_records(fd.Person, [raw])
    assert person.derivations == ()
