"""The module-level shortcuts: the same answers and errors as the newest Dataset's methods.

The hot lookups (season, episode, character, person, cast_for, age_in) read the newest
dataset's indexes directly; these tests pin that a hit, a miss and a wrong type each end
exactly where the Dataset method would.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import famk_data
from famk_data import _shortcuts
from famk_data.exceptions import ArgumentTypeError, FamkDataError, NotFoundError

NEWEST = famk_data.load()
CHARACTER_KEYS = sorted(
    {key for c in NEWEST.characters for key in (c.id, c.name, *c.aliases)} | {c.name.upper() for c in NEWEST.characters}
)
PERSON_KEYS = sorted({key for p in NEWEST.people for key in (p.id, p.name)} | {p.name.lower() for p in NEWEST.people})


def outcome(call: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """What a call gives: ("value", the object) or ("error", its type and message)."""
    try:
        return "value", call(*args, **kwargs)
    except FamkDataError as error:
        return "error", (type(error), str(error))


def same(name: str, *args: Any, **kwargs: Any) -> None:
    """The shortcut, cold and warm, answers or fails exactly as the Dataset method."""
    expected = outcome(getattr(NEWEST, name), *args, **kwargs)
    for _ in range(2):  # the first call may fill an index; the second reads it
        got = outcome(getattr(famk_data, name), *args, **kwargs)
        assert got[0] == expected[0]
        if got[0] == "value":
            assert got[1] is expected[1] or got[1] == expected[1]
        else:
            assert got[1] == expected[1]


@pytest.mark.parametrize("key", CHARACTER_KEYS)
def test_character_by_every_key(key: str) -> None:
    same("character", key)
    same("actors_of", key)


@pytest.mark.parametrize("key", PERSON_KEYS)
def test_person_by_every_key(key: str) -> None:
    same("person", key)


def test_seasons_episodes_and_casts() -> None:
    for season in NEWEST.seasons:
        same("season", season.number)
        same("season", season)
        same("cast_for", season.number)
        same("cast_for", season.number, include_disputed=True)
    for episode in NEWEST.episodes:
        same("episode", episode.id)
        same("episode", episode.code)
        same("episode", episode.season, episode.number)


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("season", (True,), {}),
        ("season", (1.0,), {}),
        ("season", ("1",), {}),
        ("season", (9,), {}),
        ("cast_for", (True,), {}),
        ("cast_for", (5.0,), {}),
        ("cast_for", (9,), {}),
        ("cast_for", (5,), {"include_disputed": 0}),
        ("episode", ("S02E99",), {}),
        ("episode", ("S2E10X",), {}),
        ("episode", (["S02E10"],), {}),
        ("character", (["Ed Baldwin"],), {}),
        ("character", ("nobody at all",), {}),
        ("person", ({"Joel Kinnaman"},), {}),
        ("age_in", ("Ed Baldwin", 2012.0), {}),
        ("age_in", ("Ed Baldwin", True), {}),
        ("age_in", (["Ed Baldwin"], 2012), {}),
        ("age_in", ("Shorty Powers", 2012), {}),
        ("age_in", ("nobody at all", 2012), {}),
    ],
)
def test_wrong_and_missing_keys_fail_as_the_method_does_after_a_hit(
    name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    # Warm every hot index first, so a value equal to a stored key (True == 1) would hit it.
    famk_data.season(1)
    famk_data.cast_for(1)
    famk_data.episode("S02E10")
    famk_data.character("Ed Baldwin")
    famk_data.person("Joel Kinnaman")
    famk_data.age_in("Ed Baldwin", 2012)
    same(name, *args, **kwargs)
    assert outcome(getattr(famk_data, name), *args, **kwargs)[0] == "error"


def test_type_errors_are_the_librarys() -> None:
    famk_data.season(1)
    with pytest.raises(ArgumentTypeError):
        famk_data.season(True)
    with pytest.raises(ArgumentTypeError):
        famk_data.age_in("Ed Baldwin", 2012.0)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        famk_data.character("nobody at all")


@settings(max_examples=300, deadline=None)
@given(key=st.sampled_from(CHARACTER_KEYS), year=st.integers(1900, 2100), swap=st.booleans())
def test_age_in_matches_the_method(key: str, year: int, swap: bool) -> None:
    key = key.swapcase() if swap else key
    same("age_in", key, year)


def test_only_spellings_from_the_data_are_remembered() -> None:
    famk_data.age_in("ED BALDWIN", 2012)
    famk_data.age_in("ed-baldwin", 2012)
    ages = NEWEST._index.timeline.ages
    assert ("ed-baldwin", 2012) in ages
    assert ("ED BALDWIN", 2012) not in ages
    assert all(any(key in (c.id, c.name, *c.aliases) for c in NEWEST.characters) for key, _ in ages)


def test_unloaded_indexes_load_the_newest_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_shortcuts, "_index", _shortcuts._Unloaded())
    assert famk_data.character("Ed Baldwin") is NEWEST.character("Ed Baldwin")
    assert _shortcuts._index is NEWEST._index


def test_a_first_hot_lookup_in_a_fresh_process() -> None:
    code = (
        "import famk_data\n"
        "print(famk_data.age_in('Ed Baldwin', 2012), famk_data.character('Ed Baldwin').id,"
        " famk_data.cast_for(5)[0].actor.id, famk_data.season(5).number, famk_data.episode('S02E10').id)\n"
        "print(famk_data.age_in('Ed Baldwin', 2012), famk_data.character('Ed Baldwin').id)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    expected = (
        f"{NEWEST.age_in('Ed Baldwin', 2012)} ed-baldwin {NEWEST.cast_for(5)[0].actor.id} 5 s02e10\n"
        f"{NEWEST.age_in('Ed Baldwin', 2012)} ed-baldwin\n"
    )
    assert out == expected
