from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import famk_data as fd
from famk_data._converter import References, decode_records, encode_table, problems_of, unstructure

from .strategies import castings, characters, episodes, people, seasons


@pytest.mark.parametrize(
    ("strategy", "record_type"),
    [(seasons(), fd.Season), (episodes(), fd.Episode), (characters(), fd.Character), (people, fd.Person)],
)
@given(data=st.data())
def test_round_trip_is_identity_and_bytes_are_stable(data: st.DataObject, strategy: Any, record_type: type) -> None:
    record = data.draw(strategy)
    raw = json.loads(json.dumps(unstructure((record,))))
    assert decode_records(record_type, raw) == (record,)
    first = encode_table("t", "1.0.0", (record,))
    assert encode_table("t", "1.0.0", decode_records(record_type, json.loads(first)["t"])) == first


@given(castings())
def test_castings_round_trip_through_ids(casting: fd.Casting) -> None:
    raw = json.loads(json.dumps(unstructure((casting,))))
    assert raw[0]["actor"] == casting.actor.id
    assert raw[0]["character"] == (None if casting.character is None else casting.character.id)
    assert raw[0]["status"] == (None if casting.status is None else casting.status.value)
    characters = {} if casting.character is None else {casting.character.id: casting.character}
    token = References.current.set({"people": {casting.actor.id: casting.actor}, "characters": characters})
    try:
        assert decode_records(fd.Casting, raw) == (casting,)
    finally:
        References.current.reset(token)


def problems(record_type: type, raw: Any) -> list[tuple[str, str]]:
    with pytest.raises(Exception) as caught:
        decode_records(record_type, raw)
    return list(problems_of(caught.value, "t"))


def valid_person() -> dict[str, Any]:
    return {
        "id": "a-b",
        "name": "A B",
        "born": None,
        "ids": {"imdb": None, "tvmaze": None, "wikidata": None},
        "sources": [{"url": "https://x.example/", "episode": None, "title": None, "supports": ["name"]}],
        "notes": [],
    }


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"born": "1979-13-01"}, "t[0].born", "month must be in 1..12"),
        ({"born": "25/11/1979"}, "t[0].born", "YYYY-MM-DD"),
        ({"name": 5}, "t[0].name", "expected str"),
        ({"ids": {"imdb": None, "tvmaze": "12", "wikidata": None}}, "t[0].ids.tvmaze", "expected int"),
        ({"ids": {"imdb": None, "tvmaze": True, "wikidata": None}}, "t[0].ids.tvmaze", "expected int"),
        ({"sources": "https://x.example/"}, "t[0].sources", "JSON array"),
        ({"extra": 1}, "t[0]", "unknown field(s): extra"),
    ],
)
def test_strict_structuring_reports_paths(change: dict[str, Any], path: str, message: str) -> None:
    found = problems(fd.Person, [valid_person() | change])
    assert any(p == path and message in m for p, m in found), found


def test_missing_field_is_reported() -> None:
    raw = valid_person()
    del raw["born"]
    assert ("t[0].born", "required field missing") in problems(fd.Person, [raw])


def test_validator_failure_is_reported_at_the_record() -> None:
    raw = valid_person() | {"born": "1979-11-25"}
    assert any(
        p == "t[0]" and "no source states and no derivation gives born" in m for p, m in problems(fd.Person, [raw])
    )


def test_dangling_reference() -> None:
    raw = [
        {
            "actor": "nobody",
            "character": "none",
            "season": 1,
            "billing": "main",
            "order": 1,
            "version": None,
            "sources": [{"url": "https://x.example/", "episode": None, "title": None, "supports": ["actor"]}],
            "notes": [],
        }
    ]
    token = References.current.set({})
    try:
        found = problems(fd.Casting, raw)
    finally:
        References.current.reset(token)
    assert ("t[0].actor", "no person with id 'nobody'") in found


def test_format_1_castings_read_with_unknown_status_and_refuse_what_format_1_cannot_hold() -> None:
    from famk_data._formats import downgrade, upgrade

    old = [{"actor": "a", "character": "b", "notes": [], "sources": []}]
    (read,) = upgrade("castings", 1, old)
    assert (read["status"], read["derivations"]) == (None, [])
    assert downgrade("castings", 1, [read]) == old
    for change in ({"status": "announced"}, {"character": None}):
        with pytest.raises(ValueError, match="format 1 cannot hold castings"):
            downgrade("castings", 1, [{**read, **change}])
