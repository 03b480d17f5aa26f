"""The SQLite export: its tables, keys, full-text search, views and Datasette metadata."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

import pytest

import famk_data as fd
from famk_data._datasette import datasette_metadata
from famk_data._export import metadata_path, write_sqlite
from famk_data._sqlite import schema
from famk_data._sqlite_build import VIEWS
from famk_data._tables import TABLES as DATASET_TABLES
from famk_data._tables import record_key

if TYPE_CHECKING:
    from pathlib import Path

NEWEST = fd.load()
TABLES = (
    "metadata",
    "seasons",
    "episodes",
    "episodes_writers",
    "episodes_absent_cast",
    "characters",
    "people",
    "castings",
    "appearances",
    "events",
    "events_characters",
    "credits",
    "sources",
    "notes",
    "derivations",
    "disputes",
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("sqlite") / "famk.db"
    write_sqlite(NEWEST, path, metadata=metadata_path(path))
    return sqlite3.connect(path)


def _names(database: sqlite3.Connection, kind: str) -> list[str]:
    rows = database.execute("SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY rowid", (kind,))
    return [name for (name,) in rows if "_fts" not in name]


def _columns(database: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in database.execute(f"PRAGMA table_info({table})")]


def test_one_table_per_kind_of_row(database: sqlite3.Connection) -> None:
    assert _names(database, "table") == list(TABLES)
    assert _names(database, "view") == list(VIEWS)
    assert dict(database.execute("SELECT key, value FROM metadata")) == {
        "data_version": NEWEST.version,
        "famk_data_version": fd.__version__,
        "as_of": None,  # the full data, not a spoiler-safe view
    }
    for table in DATASET_TABLES:
        (count,) = database.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert count == len(getattr(NEWEST, table))
    (count,) = database.execute("SELECT count(*) FROM credits").fetchone()
    assert count == len(NEWEST.appearances)


@pytest.mark.parametrize("version", fd.available_versions())
def test_every_version_and_a_view_have_no_dangling_reference(version: str, tmp_path: Path) -> None:
    data = fd.load(version)
    for name, dataset in (("full", data), ("view", data.as_of(data.episodes[len(data.episodes) // 2]))):
        write_sqlite(dataset, tmp_path / f"{name}.db")
        connection = sqlite3.connect(tmp_path / f"{name}.db")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT value FROM metadata WHERE key = 'data_version'").fetchone() == (version,)


def test_every_column_needs_no_quoting(database: sqlite3.Connection) -> None:
    for table in (*TABLES, *VIEWS):
        for column in _columns(database, table):
            database.execute(f"SELECT {column} FROM {table} LIMIT 1")  # a keyword would be a syntax error
    assert "credit_order" in _columns(database, "castings")
    assert "order" not in _columns(database, "castings")
    assert not any("release_date_derived" in _columns(database, table) for table in TABLES)


def test_foreign_keys_are_declared(database: sqlite3.Connection) -> None:
    def keys(table: str) -> set[tuple[str, str, str]]:
        return {(row[2], row[3], row[4]) for row in database.execute(f"PRAGMA foreign_key_list({table})")}

    assert keys("castings") == {
        ("people", "actor", "id"),
        ("characters", "character", "id"),
        ("seasons", "season", "number"),
    }
    assert keys("episodes_absent_cast") == {("episodes", "episode_id", "id"), ("castings", "casting_key", "key")}
    assert {
        ("episodes", "episode_id", "id"),
        ("castings", "casting_key", "key"),
        ("episodes", "episode", "id"),
    } <= keys("sources")
    assert {("appearances", "key", "key"), ("people", "actor_id", "id"), ("castings", "casting_key", "key")} <= keys(
        "credits"
    )
    assert ("episodes", "first_credited", "id") in keys("characters")


def test_lists_of_values_are_json_columns(database: sqlite3.Connection) -> None:
    directors = {
        key: value and json.loads(value) for key, value in database.execute("SELECT id, directors FROM episodes")
    }
    assert directors == {e.id: None if e.directors is None else list(e.directors) for e in NEWEST.episodes}
    aliases = dict(database.execute("SELECT id, aliases FROM characters"))
    assert json.loads(aliases["ed-baldwin"]) == list(NEWEST.character("ed-baldwin").aliases)
    writers = database.execute("SELECT episode_id, name, role FROM episodes_writers ORDER BY rowid").fetchall()
    assert writers == [(e.id, w.name, w.role.value) for e in NEWEST.episodes for w in e.writers or ()]
    counts = dict(database.execute("SELECT id, writers_count FROM episodes"))
    assert counts == {e.id: None if e.writers is None else len(e.writers) for e in NEWEST.episodes}


def test_booleans_are_0_or_1(database: sqlite3.Connection) -> None:
    values = dict(database.execute("SELECT id, real_person FROM characters"))
    assert values == {c.id: None if c.real_person is None else int(c.real_person) for c in NEWEST.characters}


def test_sources_notes_and_derivations_are_one_table_each(database: sqlite3.Connection) -> None:
    for name in ("sources", "notes", "derivations", "disputes"):
        rows = database.execute(f"SELECT table_name, record_key, position FROM {name} ORDER BY rowid").fetchall()
        assert rows == [
            (table, record_key(record), position)
            for table in DATASET_TABLES
            for record in getattr(NEWEST, table)
            for position in range(1, len(getattr(record, name)) + 1)
        ]
    supports = database.execute(
        "SELECT supports FROM sources WHERE table_name = 'castings' AND record_key = 's1/ed-baldwin' AND position = 1"
    ).fetchone()
    assert json.loads(supports[0]) == list(NEWEST.cast_for(1)[0].sources[0].supports)
    derived = database.execute("SELECT field, rule FROM derivations WHERE episode_id = 's05e02'").fetchall()
    assert derived == [(d.field, d.rule) for d in NEWEST.episode("S05E02").derivations]
    with pytest.raises(sqlite3.IntegrityError):  # exactly one owner column is set
        database.execute("INSERT INTO notes (table_name, record_key, position, text) VALUES ('x', 'y', 1, 'z')")


def test_full_text_search_is_what_datasette_detects(database: sqlite3.Connection) -> None:
    def search(table: str, words: str) -> list[str]:
        fts = database.execute(
            "SELECT name FROM sqlite_master WHERE rootpage = 0 AND sql LIKE ?", (f"%USING FTS5%content=[{table}]%",)
        ).fetchone()[0]
        key = schema_key[table]
        query = f"SELECT {key} FROM {table} WHERE rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"
        return [row[0] for row in database.execute(query, (words,))]

    schema_key = {table.name: table.primary_key[0] for table in schema()}
    assert {"ed-baldwin", "karen-baldwin", "kelly-baldwin"} <= set(search("characters", "baldwin"))
    assert "alex-poletov" in search("characters", "baldwin")  # by an alias, "Alex Poletov Baldwin"
    assert search("people", "kinnaman") == ["joel-kinnaman"]
    assert search("episodes", "red moon") == ["s01e01"]
    assert search("notes", "schedule")
    assert len(search("credits", "baldwin")) > 50
    assert {table.name for table in schema() if table.search} >= {
        "characters",
        "people",
        "episodes",
        "notes",
        "credits",
    }


def test_views_agree_with_the_library(database: sqlite3.Connection) -> None:
    rows = database.execute(
        "SELECT episode_code, episode_title, actor, character, version, credit_order, cast_coverage"
        " FROM episode_credits"
    ).fetchall()
    assert rows == [
        (
            r["episode_code"],
            r["episode_title"],
            r["actor_name"],
            r["character_name"],
            r["version"],
            r["credit_order"],
            r["cast_coverage"],
        )
        for r in fd.to_records("credits")
    ]
    cast = database.execute(
        "SELECT season, actor, billing, status FROM season_casts WHERE season = 2 AND status IS NOT 'disputed'"
    )
    assert cast.fetchall() == [
        (2, c.actor.name, c.billing and c.billing.value, c.status and c.status.value) for c in NEWEST.cast_for(2)
    ]
    spans = {
        row[0]: row[1:]
        for row in database.execute("SELECT character_id, first_episode, last_episode FROM character_appearances")
    }

    def code(episode: fd.Episode | None) -> str | None:
        return None if episode is None else episode.code

    assert spans == {
        c.id: (code(NEWEST.first_appearance(c)), code(NEWEST.last_appearance(c))) for c in NEWEST.characters
    }
    assert any(first is not None for first, _ in spans.values())


def test_datasette_metadata_describes_every_table_and_column(database: sqlite3.Connection, tmp_path: Path) -> None:
    metadata = datasette_metadata(NEWEST, "famk")
    tables = metadata["databases"]["famk"]["tables"]
    assert set(tables) == {*TABLES, *VIEWS}
    for table, entry in tables.items():
        assert entry["description"], table
        assert list(entry["columns"]) == _columns(database, table), table
        assert all(entry["columns"].values()), table
    assert tables["episodes"]["units"] == {"runtime_minutes": "min"}
    assert "1 = true, 0 = false" in tables["characters"]["columns"]["real_person"]
    assert tables["castings"]["columns"]["credit_order"].startswith("Position in the season's credits")
    assert metadata["license"] == "CC0-1.0"
    write_sqlite(NEWEST, tmp_path / "x.db", metadata=metadata_path(tmp_path / "x.db"))
    written = json.loads((tmp_path / "x.metadata.json").read_text(encoding="utf-8"))
    assert set(written["databases"]) == {"x"}
