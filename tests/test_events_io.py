"""The events table through files, exports, schemas, views and the command line (on events made in tests)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from importlib.resources import files
from typing import TYPE_CHECKING

import jsonschema
import pytest

import famk_data as fd
from famk_data import _cli
from famk_data._converter import encode_table
from famk_data._export import table_text, write_sqlite
from famk_data._tables import FORMAT, FORMAT_TABLES
from tests.test_events import BASE, DATA, EVENTS, make_event, with_events

if TYPE_CHECKING:
    from pathlib import Path


def write_version(data: fd.Dataset, directory: Path) -> Path:
    """``data`` as a user's data directory in today's format, with a descriptor pinning every file."""
    directory.mkdir()
    resources = []
    for table in FORMAT_TABLES[FORMAT]:
        content = encode_table(table, data.version, getattr(data, table))
        (directory / f"{table}.json").write_bytes(content)
        digest = "sha256:" + hashlib.sha256(content).hexdigest()
        resources.append({"path": f"{table}.json", "bytes": len(content), "hash": digest})
    descriptor = {"version": data.version, "famk_data_format": FORMAT, "resources": resources}
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return directory


def test_events_go_to_a_file_and_come_back_the_same(tmp_path: Path) -> None:
    loaded = fd.load(path=write_version(DATA, tmp_path / "data"))
    assert loaded.events == DATA.events
    assert loaded.events[2].characters[0] is loaded.character("ed-baldwin")  # references, not copies
    assert loaded.event("standoff").episode is loaded.episode("S02E10")
    record = json.loads(encode_table("events", DATA.version, DATA.events))["events"][6]
    assert (record["episode"], record["characters"], record["when"]) == (
        "s02e10",
        ["ed-baldwin", "danielle-poole"],
        {"earliest_year": 1983, "latest_year": 1983, "month": 12, "day": None},
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e.update(episode="s09e01"), "events[0].episode: no episode with id 's09e01'"),
        (lambda e: e.update(characters=["ed-baldwin", "nobody"]), r"events[0].characters[1]: no character with id"),
        (lambda e: e.update(category="war"), "events[0].category"),
        (lambda e: e.update(when={"earliest_year": 1983, "latest_year": 1984, "month": 2, "day": None}), "a month"),
        (lambda e: e.update(real_history=None), "needs its real_history"),
        (lambda e: e.update(extra=1), "unknown field"),
    ],
)
def test_a_broken_event_is_reported_with_its_path(tmp_path: Path, change, message: str) -> None:
    directory = write_version(DATA, tmp_path / "data")
    document = json.loads((directory / "events.json").read_text(encoding="utf-8"))
    change(document["events"][0])
    (directory / "events.json").write_text(json.dumps(document), encoding="utf-8")
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    content = (directory / "events.json").read_bytes()
    descriptor["resources"][-1].update(bytes=len(content), hash="sha256:" + hashlib.sha256(content).hexdigest())
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(fd.DatasetError, match=r"events\.json") as caught:
        fd.load(path=directory)
    assert message in str(caught.value)


def test_a_duplicate_event_id_is_refused(tmp_path: Path) -> None:
    twice = (*EVENTS, make_event("standoff", fd.PartialDate(1990, 1990)))
    with pytest.raises(fd.DatasetError, match="duplicate event id 'standoff'"):
        fd.load(path=write_version(with_events(twice), tmp_path / "data"))


def test_the_events_file_validates_against_its_schema() -> None:
    schema = json.loads((files("famk_data") / "data" / "schema" / "format-3" / "events.schema.json").read_text())
    document = json.loads(encode_table("events", DATA.version, DATA.events))
    jsonschema.validate(document, schema)
    document["events"][0]["divergence"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_exports_have_the_events_table(tmp_path: Path) -> None:
    header, *rows = table_text(DATA, "events", "csv").splitlines()
    assert header.startswith("id,summary,when_earliest_year,when_latest_year,when_month,when_day,episode,category,")
    assert "ed-baldwin; danielle-poole" in rows[6]
    lines = table_text(DATA, "events", "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [e.id for e in DATA.events]
    frame = DATA.to_dataframe("events")
    assert str(frame["category"].dtype) == "category"
    assert str(frame["when_month"].dtype) == "Int64"
    assert list(frame["characters"][6]) == ["ed-baldwin", "danielle-poole"]
    target = tmp_path / "famk.sqlite"
    write_sqlite(DATA, target)
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT count(*) FROM events").fetchone() == (8,)
        joined = connection.execute(
            "SELECT c.name FROM events_characters ec JOIN characters c ON c.id = ec.character_id "
            "WHERE ec.event_id = 'standoff' ORDER BY ec.position"
        ).fetchall()
        assert joined == [("Ed Baldwin",), ("Danielle Poole",)]
        assert connection.execute("SELECT episode FROM events WHERE id = 'undated'").fetchone() == ("s02e02",)


def test_views_never_show_an_event_before_its_episode() -> None:
    last = DATA.episodes[-1]
    for episode in DATA.episodes:
        view = DATA.as_of(episode)
        at = (episode.season, episode.number)
        for event in view.events:
            if event.episode is None:
                assert episode is last, (episode.id, event.id)
            else:
                assert (event.episode.season, event.episode.number) <= at, (episode.id, event.id)
                assert event.episode is view.episode(event.episode.id)  # the view's own records
            assert all(c is view.character(c.id) for c in event.characters)
        shown = {e.id for e in view.events}
        if at >= (2, 10):
            assert "standoff" in shown
        if at < (2, 2):
            assert "undated" not in shown
    assert {e.id for e in DATA.as_of(last).events} == {e.id for e in DATA.events}


def test_a_view_withholds_an_event_whose_text_would_spoil() -> None:
    title = BASE.episode("s03e01").title
    assert title is not None
    spoiling = make_event("spoiler", fd.PartialDate(1969, 1969), episode="s01e01", summary=f"It sets up {title}.")
    data = with_events((*EVENTS, spoiling))
    assert "spoiler" not in {e.id for e in data.as_of("S02E10").events}
    assert "spoiler" in {e.id for e in data.as_of("S03E01").events}


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_cli, "load", lambda _version=None: DATA)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = _cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("cli")
def test_the_events_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "events", "--season", "2", "--category", "politics")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["in", "the", "show", "episode", "category", "for", "real", "event"]
    assert lines[2].split()[:4] == ["1983-12", "S02E10", "politics", "1980"]
    assert len([line for line in lines if line.startswith("19")]) == 1
    code, out, _ = run(capsys, "events", "--year", "1973", "--json")
    assert [e["id"] for e in json.loads(out)["result"]] == ["base-built", "set-in-season-one"]
    code, _, err = run(capsys, "events", "--category", "war")
    assert (code, err.startswith("famk-data: error: no event category 'war'; categories are space")) == (1, True)


@pytest.mark.usefixtures("cli")
def test_the_event_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "event", "standoff")
    assert code == 0
    rows = dict(line.split(None, 1) for line in out.splitlines() if line.split(None, 1)[0] in {"when", "episode"})
    assert rows == {"when": "1983-12 (month)", "episode": f"{BASE.episode('s02e10')}"}
    assert "characters    Ed Baldwin, Danielle Poole" in out
    code, out, _ = run(capsys, "--json", "event", "standoff")
    assert json.loads(out)["result"]["characters"] == ["ed-baldwin", "danielle-poole"]
    code, _, err = run(capsys, "event", "standof")
    assert code == 1
    assert "did you mean 'standoff'?" in err


@pytest.mark.usefixtures("cli")
def test_the_year_command_lists_the_events_beside_who_is_alive(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "year", "1983")
    assert code == 0
    assert "Events that can fall in 1983 (3):" in out
    assert out.index("Events that can fall") < out.index("Established alive in 1983")
    code, out, _ = run(capsys, "--json", "year", "1983")
    found = [e["id"] for e in json.loads(out)["result"]["events"]]
    assert found == ["straddles-two-seasons", "a-private-life", "standoff"]
    code, out, _ = run(capsys, "--as-of", "S02E05", "year", "1983")
    assert "Events that can fall in 1983 (1):" in out
    code, out, _ = run(capsys, "--as-of", "S02E05", "events")
    assert "standoff" not in out
    assert "as of S02E05: events of later episodes are not shown (spoiler-safe)" in out
