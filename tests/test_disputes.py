"""Disputes and read_via: the value types, the queries, the file formats and the command line."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

import famk_data
from famk_data import Dispute, DisputedValue, Source
from famk_data._cli import main
from famk_data._formats import downgrade, upgrade
from famk_data._tables import FORMAT_TABLES, TABLES

from .conftest import shipped

RELEASED = "0.6.0"


def _source(url: str = "https://example.org/a", field: str = "release_date", **changes: Any) -> Source:
    return Source(url=url, episode=None, title="A page", supports=(field,), **changes)


def _dispute(field: str = "release_date", **changes: Any) -> Dispute:
    fields: dict[str, Any] = {
        "field": field,
        "values": (
            DisputedValue("2023-11-22", (_source(field=field),)),
            DisputedValue("2023-11-24", (_source("https://example.org/b", field=field),)),
        ),
        "taken": "2023-11-22",
        "why": "The later page reports the move.",
    }
    fields.update(changes)
    return Dispute(**fields)


# -- the value types -------------------------------------------------------------------


def test_a_dispute_names_its_values_and_the_one_taken() -> None:
    dispute = _dispute()
    assert [value.value for value in dispute.values] == ["2023-11-22", "2023-11-24"]
    assert repr(dispute) == "<Dispute release_date: '2023-11-22' vs '2023-11-24', '2023-11-22' taken>"
    assert repr(_dispute(taken=None)).endswith("none taken>")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"values": (DisputedValue("2023-11-22", (_source(),)),)}, "at least two different values"),
        (
            {"values": (DisputedValue("x", (_source(),)), DisputedValue("x", (_source("https://example.org/b"),)))},
            "at least two different values",
        ),
        ({"taken": "2023-11-23"}, "none of the disputed values"),
        (
            {
                "values": (DisputedValue("a", (_source(field="title"),)), DisputedValue("b", (_source(),))),
                "taken": None,
            },
            "supports name it",
        ),
        ({"why": " padded "}, "non-empty text"),
    ],
)
def test_a_malformed_dispute_is_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _dispute(**changes)


def test_a_disputed_value_needs_a_source() -> None:
    with pytest.raises(ValueError, match="sources"):
        DisputedValue("83", ())


@pytest.mark.parametrize(
    ("url", "read_via"),
    [("https://example.org/a", "https://example.org/a"), (None, "https://copy.example/a")],
)
def test_read_via_names_a_copy_of_the_cited_page(url: str | None, read_via: str) -> None:
    with pytest.raises(ValueError, match="read_via"):
        Source(url=url, episode="s01e01", title="T", supports=("title",), read_via=read_via)
    assert _source().read_via is None
    assert _source(read_via="https://copy.example/a").read_via == "https://copy.example/a"


def test_a_record_disputes_only_its_own_fields_once_each() -> None:
    season = famk_data.load(RELEASED).season(1)
    with pytest.raises(ValueError, match="distinct fields of the record"):
        attrs.evolve(season, disputes=(_dispute(field="title"),))
    with pytest.raises(ValueError, match="distinct fields of the record"):
        attrs.evolve(season, disputes=(_dispute(field="premiere"), _dispute(field="premiere")))


# -- the queries -----------------------------------------------------------------------


def test_every_dispute_of_the_release_is_listed_with_its_record() -> None:
    data = famk_data.load(RELEASED)
    found = data.disputes()
    assert len(found) == sum(len(record.disputes) for table in TABLES for record in getattr(data, table))
    assert {(famk_data._tables.record_key(record), dispute.field) for record, dispute in found} == {
        ("s01e02", "writers"),
        ("s02e06", "title"),
        ("s02e08", "writers"),
        ("s03e10", "runtime_minutes"),
        ("s03e10", "years"),
        ("s04e02", "writers"),
        ("s04e03", "release_date"),
        ("ed-baldwin", "born"),
        ("shorty-powers", "born"),
        ("will-tyler", "name"),
        ("piotr-adamczyk", "born"),
        ("s3/molly-cobb", "billing"),
        ("ed-baldwin-captures-soviet-cosmonaut", "summary"),
        ("mars-walk-flash-forward-1995", "when"),
        ("first-crewed-landing-on-mars", "when"),
        ("happy-valley-colony-2012", "real_when"),
    }
    assert [type(record).__name__ for record, _ in data.disputes("castings")] == ["Casting"]
    assert famk_data.disputes() == famk_data.load().disputes()


def test_a_dispute_takes_the_value_the_record_holds() -> None:
    """Where the field is one plain value, ``taken`` is that value as the data files write it."""
    for record, dispute in famk_data.load(RELEASED).disputes():
        value = getattr(record, dispute.field)
        if isinstance(value, (str, int, dt.date)):
            assert dispute.taken == str(value), (record, dispute)
        for disputed in dispute.values:
            assert all(source.url for source in disputed.sources)


def test_older_versions_have_no_disputes() -> None:
    assert famk_data.load("0.5.1").disputes() == ()
    assert famk_data.load("0.1.0").disputes("episodes") == ()


@pytest.mark.parametrize(
    ("table", "error", "builtin"),
    [
        ("disputes", famk_data.NotFoundError, LookupError),
        (3, famk_data.ArgumentTypeError, TypeError),
    ],
)
def test_a_bad_table_is_a_library_error(table: object, error: type[Exception], builtin: type[Exception]) -> None:
    with pytest.raises(error, match="table") as caught:
        famk_data.load(RELEASED).disputes(table)  # type: ignore[arg-type]
    assert isinstance(caught.value, builtin)


def test_a_spoiler_safe_view_keeps_only_the_disputes_of_what_it_shows() -> None:
    full = famk_data.load(RELEASED)
    view = full.as_of("S02E05")
    keys = {famk_data._tables.record_key(record) for record, _ in view.disputes()}
    assert "will-tyler" not in keys  # a Season 3 character
    assert "s3/molly-cobb" not in keys
    assert keys <= {famk_data._tables.record_key(record) for record, _ in full.disputes()}


def test_copy_read_sources_say_what_was_read() -> None:
    data = famk_data.load(RELEASED)
    sources = [source for table in TABLES for record in getattr(data, table) for source in record.sources]
    copies = [source for source in sources if source.read_via is not None]
    assert copies
    assert not any("read via" in (source.title or "").lower() for source in sources)
    assert all(source.url is not None and source.read_via != source.url for source in copies)


# -- the file formats --------------------------------------------------------------------


@pytest.mark.parametrize("table", FORMAT_TABLES[2])
def test_format_2_records_read_and_write_back_unchanged(table: str) -> None:
    records = json.loads(shipped("0.5.1", f"{table}.json"))[table]
    upgraded = upgrade(table, 2, records)
    assert all(record["disputes"] == [] for record in upgraded)
    assert all(source["read_via"] is None for record in upgraded for source in record["sources"])
    assert downgrade(table, 2, upgraded) == records


def test_format_2_cannot_hold_a_dispute_or_a_copy() -> None:
    (episode,) = [e for e in json.loads(shipped(RELEASED, "episodes.json"))["episodes"] if e["id"] == "s04e03"]
    with pytest.raises(ValueError, match="format 2 cannot hold"):
        downgrade("episodes", 2, [episode])
    copied = {**episode, "disputes": [], "sources": [{**episode["sources"][0], "read_via": "https://copy.example/"}]}
    with pytest.raises(ValueError, match="format 2 cannot hold"):
        downgrade("episodes", 1, [copied])


def test_the_release_is_written_in_format_3() -> None:
    document = json.loads(shipped(RELEASED, "episodes.json"))
    assert document["format"] == 3
    assert list(document["episodes"][0])[-2:] == ["derivations", "disputes"]
    assert list(document["episodes"][0]["sources"][0]) == ["url", "episode", "title", "supports", "read_via"]


# -- the command line -------------------------------------------------------------------


def test_the_disputes_command_lists_each_value_and_the_one_taken(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-version", RELEASED, "disputes", "episodes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "episodes s04e03 release_date: taken '2023-11-22' of '2023-11-22' (1) vs '2023-11-24' (2)" in out
    assert "ed-baldwin" not in out
    assert main(["--data-version", RELEASED, "--json", "disputes"]) == 0
    result = json.loads(capsys.readouterr().out)["result"]
    assert len(result) == 16
    (adamczyk,) = [item for item in result if item["id"] == "piotr-adamczyk"]
    assert adamczyk["table"] == "people"
    assert adamczyk["taken"] == "1972-03-21"
    assert [value["value"] for value in adamczyk["values"]] == ["1972-03-21", "1977", "2071-03-21"]


def test_the_other_commands_mark_a_disputed_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-version", RELEASED, "episodes", "4"]) == 0
    out = capsys.readouterr().out
    assert "2023-11-22†" in out
    assert "2023-12-01*" in out  # derived, not disputed
    assert out.rstrip().splitlines()[-1].startswith("† sources disagree on this value")
    assert main(["--data-version", "0.5.1", "episodes", "4"]) == 0
    assert "†" not in capsys.readouterr().out
    assert main(["--data-version", RELEASED, "cast", "3"]) == 0
    out = capsys.readouterr().out
    assert "main†" in out
    assert "billing † sources disagree" in out


def test_no_disputes_is_said_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-version", "0.5.1", "disputes"]) == 0
    assert capsys.readouterr().out.strip() == "no disputes: the sources read agree on every value"


# -- exports ----------------------------------------------------------------------------


def test_exports_carry_disputes_and_read_via() -> None:
    data = famk_data.load(RELEASED)
    (row,) = [r for r in data.to_records("episodes") if r["id"] == "s04e03"]
    assert row["disputes"][0]["taken"] == "2023-11-22"
    assert all("read_via" in source for source in row["sources"])
    header = famk_data._export.table_text(data, "characters", "csv").splitlines()[0].split(",")
    assert header[-1] == "disputes"


def test_a_new_dispute_shows_in_the_diff_and_the_descriptor() -> None:
    changes = famk_data.diff("0.5.1", RELEASED)
    (change,) = [c for c in changes.changes if c.table == "episodes" and c.id == "s04e03"]
    (field,) = [f for f in change.fields if f.field == "disputes"]
    assert field.old == []
    assert field.new[0]["taken"] == "2023-11-22"
    counts = {r["name"]: r["disputes"] for r in famk_data.metadata(RELEASED)["resources"]}
    expected = {"seasons": 0, "episodes": 7, "characters": 3, "people": 1, "castings": 1, "appearances": 0}
    assert counts == {**expected, "events": 4}
