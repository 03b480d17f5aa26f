"""Records, CSV, JSON, JSON Lines, SQLite and pandas exports of every table."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING

import attrs
import pytest

import famk_data as fd
from famk_data._cli import main
from famk_data._export import LIST_SEPARATOR, columns, primary_key, table_text, write_sqlite
from famk_data._formats import upgrade
from famk_data._tables import FORMAT, RECORD_TYPES, TABLES

from .conftest import shipped

if TYPE_CHECKING:
    from pathlib import Path

VERSIONS = fd.available_versions()
NEWEST = fd.load()


def test_every_table_is_a_tuple_of_the_datasets() -> None:
    assert all(isinstance(getattr(NEWEST, table), tuple) for table in TABLES)


@pytest.mark.parametrize("version", VERSIONS)
def test_records_are_the_data_files_records(version: str) -> None:
    data = fd.load(version)
    for table in TABLES:
        records = data.to_records(table)
        if f"{table}.json" not in {r["path"] for r in fd.metadata(version)["resources"]}:  # newer than the version
            assert records == []
            continue
        document = json.loads(shipped(version, f"{table}.json"))
        assert records == upgrade(table, document["format"], document[table])  # in the current format
        assert json.loads(json.dumps(records)) == records  # plain JSON values only


def test_module_level_records_use_the_newest_data() -> None:
    assert fd.to_records("people") == NEWEST.to_records("people")


@pytest.mark.parametrize(("table", "error"), [("nope", fd.NotFoundError), ("", fd.ArgumentValueError), (3, TypeError)])
def test_unknown_tables_are_library_errors(table: object, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        NEWEST.to_records(table)  # type: ignore[arg-type]
    assert isinstance(caught.value, fd.FamkDataError)
    with pytest.raises(error):
        table_text(NEWEST, table, "csv")  # type: ignore[arg-type]
    if table == "nope":
        assert "tables are seasons" in str(caught.value)


def test_every_field_has_columns() -> None:
    for record_type in RECORD_TYPES.values():
        names = [c.name for c in columns(record_type)]
        assert len(set(names)) == len(names)
        for field in attrs.fields(record_type):
            assert any(name == field.name or name.startswith(f"{field.name}_") for name in names), field.name


def test_keys_and_references() -> None:
    assert primary_key(fd.Episode) == "id"
    assert primary_key(fd.Season) == "number"
    assert primary_key(fd.Casting) == "key"
    references = {c.name: c.references for c in columns(fd.Casting)}
    assert references["actor"] == ("people", "id")
    assert references["character"] == ("characters", "id")
    assert references["season"] == ("seasons", "number")
    assert {c.name: c.references for c in columns(fd.Character)}["died_episode"] == ("episodes", "id")


def _csv(table: str, data: fd.Dataset = NEWEST) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(table_text(data, table, "csv"))))


def test_csv_columns_and_values() -> None:
    rows = _csv("episodes")
    assert list(rows[0]) == [c.name for c in columns(fd.Episode)]
    assert len(rows) == len(NEWEST.episodes)
    first = rows[0]
    assert first["id"] == "s01e01"
    assert first["release_date"] == "2019-11-01"
    assert first["overall"] == "1"
    assert first["directors"] == "Seth Gordon"
    assert json.loads(first["writers"]) == NEWEST.to_records("episodes")[0]["writers"]
    assert first["runtime_minutes"] == "65"
    assert next(row for row in rows if row["id"] == "s03e08")["runtime_minutes"] == ""  # unknown
    characters = {row["id"]: row for row in _csv("characters")}
    ed = NEWEST.character("ed-baldwin")
    assert characters["ed-baldwin"]["aliases"].split(LIST_SEPARATOR) == list(ed.aliases)
    assert ed.born is not None
    assert characters["ed-baldwin"]["born_earliest_year"] == str(ed.born.earliest_year)
    castings = _csv("castings")
    assert castings[0]["key"] == NEWEST.castings[0].key
    assert castings[0]["actor"] == NEWEST.castings[0].actor.id
    assert castings[0]["billing"] == "main"


def test_no_list_item_holds_the_separator() -> None:
    """Splitting a CSV list cell on "; " gives the items back, in every shipped version."""
    for version in VERSIONS:
        data = fd.load(version)
        for table, record_type in RECORD_TYPES.items():
            for column in (c for c in columns(record_type) if c.is_list and not attrs.has(c.type)):
                for record in getattr(data, table):
                    for item in getattr(record, column.name) or ():
                        assert LIST_SEPARATOR not in str(item)


@pytest.mark.parametrize("table", TABLES)
def test_json_and_jsonl(table: str) -> None:
    document = json.loads(table_text(NEWEST, table, "json"))
    assert document == {"format": FORMAT, "data_version": NEWEST.version, table: NEWEST.to_records(table)}
    lines = table_text(NEWEST, table, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == NEWEST.to_records(table)


def test_unknown_format() -> None:
    with pytest.raises(fd.ArgumentValueError, match="format must be one of csv, json, jsonl"):
        table_text(NEWEST, "seasons", "xml")


# -- SQLite ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("sqlite") / "famk.db"
    write_sqlite(NEWEST, path)
    return sqlite3.connect(path)


def test_sqlite_metadata_and_tables(database: sqlite3.Connection) -> None:
    assert dict(database.execute("SELECT key, value FROM metadata")) == {
        "data_version": NEWEST.version,
        "famk_data_version": fd.__version__,
        "as_of": None,  # the full data, not a spoiler-safe view
    }
    names = {name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(TABLES) <= names
    assert {"episodes_directors", "episodes_writers", "characters_aliases", "castings_sources_supports"} <= names
    for table in TABLES:
        (count,) = database.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        assert count == len(getattr(NEWEST, table))
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_join_gives_the_cast(database: sqlite3.Connection) -> None:
    rows = database.execute(
        """
        SELECT people.name, characters.name, castings.billing
        FROM castings
        JOIN people ON people.id = castings.actor
        JOIN characters ON characters.id = castings.character
        JOIN seasons ON seasons.number = castings.season
        WHERE seasons.number = 1
        """
    ).fetchall()
    expected = [
        (c.actor.name, c.character.name, c.billing and c.billing.value)
        for c in NEWEST.castings
        if c.season == 1 and c.character is not None
    ]
    assert len(expected) > 10
    assert sorted(rows, key=str) == sorted(expected, key=str)


def test_sqlite_child_tables(database: sqlite3.Connection) -> None:
    directors = database.execute(
        """
        SELECT episodes.id, episodes_directors.value FROM episodes
        JOIN episodes_directors ON episodes_directors.episode_id = episodes.id
        ORDER BY episodes.season, episodes.number, episodes_directors.position
        """
    ).fetchall()
    assert directors == [(e.id, name) for e in NEWEST.episodes for name in e.directors or ()]
    counts = dict(database.execute("SELECT id, directors_count FROM episodes"))
    assert counts == {e.id: None if e.directors is None else len(e.directors) for e in NEWEST.episodes}
    supports = database.execute(
        """
        SELECT count(*) FROM castings
        JOIN castings_sources ON castings_sources.casting_key = castings.key
        JOIN castings_sources_supports USING (casting_key)
        WHERE castings_sources_supports.source_position = castings_sources.position
        """
    ).fetchone()[0]
    assert supports == sum(len(s.supports) for c in NEWEST.castings for s in c.sources)


def test_sqlite_declares_foreign_keys(database: sqlite3.Connection) -> None:
    keys = {(row[2], row[3], row[4]) for row in database.execute("PRAGMA foreign_key_list(castings)")}
    assert keys == {("people", "actor", "id"), ("characters", "character", "id"), ("seasons", "season", "number")}


@pytest.mark.parametrize("version", VERSIONS)
def test_sqlite_of_every_version_is_consistent(version: str, tmp_path: Path) -> None:
    write_sqlite(fd.load(version), tmp_path / "v.db")
    connection = sqlite3.connect(tmp_path / "v.db")
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("SELECT value FROM metadata WHERE key = 'data_version'").fetchone() == (version,)


def test_sqlite_replaces_a_file_and_reports_unwritable_paths(tmp_path: Path) -> None:
    target = tmp_path / "famk.db"
    target.write_text("old")
    write_sqlite(NEWEST, target)
    assert sqlite3.connect(target).execute("SELECT count(*) FROM seasons").fetchone() == (len(NEWEST.seasons),)
    assert [p.name for p in tmp_path.iterdir()] == ["famk.db"]
    with pytest.raises(fd.ArgumentValueError, match="cannot write"):
        write_sqlite(NEWEST, tmp_path / "missing" / "famk.db")
    with pytest.raises(fd.ArgumentTypeError):
        write_sqlite(NEWEST, 3)  # type: ignore[arg-type]


# -- the command line ------------------------------------------------------------------------


def test_cli_export_to_stdout_and_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["export", "episodes", "--data-version", "0.3.0"]) == 0
    assert capsys.readouterr().out == table_text(fd.load("0.3.0"), "episodes", "csv")
    assert main(["export", "people", "--format", "jsonl", "--output", str(tmp_path / "p.jsonl")]) == 0
    assert capsys.readouterr().out == ""
    assert (tmp_path / "p.jsonl").read_text(encoding="utf-8") == table_text(NEWEST, "people", "jsonl")
    assert main(["export", "--format", "sqlite", "--output", str(tmp_path / "famk.db")]) == 0
    assert sqlite3.connect(tmp_path / "famk.db").execute("SELECT count(*) FROM castings").fetchone() == (
        len(NEWEST.castings),
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--format", "sqlite"], "needs --output FILE"),
        (["export", "seasons", "--format", "sqlite", "--output", "x.db"], "leave out TABLE"),
        (["export", "--format", "csv"], "name the TABLE"),
        (["export", "seasons", "--json"], "--json does not apply to export"),
        (["export", "seasons", "--output", "/nonexistent/dir/x.csv"], "cannot write /nonexistent/dir/x.csv"),
    ],
)
def test_cli_export_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err


# -- pandas ----------------------------------------------------------------------------------


def test_dataframe_types() -> None:
    pd = pytest.importorskip("pandas")
    episodes = NEWEST.to_dataframe("episodes")
    assert list(episodes.columns) == [c.name for c in columns(fd.Episode)]
    assert len(episodes) == len(NEWEST.episodes)
    assert pd.api.types.is_datetime64_any_dtype(episodes["release_date"])
    assert episodes["season"].dtype == "Int64"
    assert episodes["runtime_minutes"].isna().sum() == sum(e.runtime_minutes is None for e in NEWEST.episodes)
    assert episodes.loc[0, "directors"] == ["Seth Gordon"]
    castings = fd.to_dataframe("castings")
    assert isinstance(castings["billing"].dtype, pd.CategoricalDtype)
    assert list(castings["billing"].cat.categories) == [b.value for b in fd.Billing]
    assert castings["billing"].isna().sum() == sum(c.billing is None for c in NEWEST.castings)
    characters = NEWEST.to_dataframe("characters")
    assert characters["born_date"].dtype.kind == "M"
    assert characters["real_person"].dtype == "boolean"
    assert characters["real_person"].isna().sum() == sum(c.real_person is None for c in NEWEST.characters)
    assert {row["real_person"] for row in _csv("characters")} == {"true", "false", ""}


def test_dataframe_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(fd.FamkDataError, match=r"pip install 'famk-data\[pandas\]'"):
        NEWEST.to_dataframe("episodes")
    with pytest.raises(fd.NotFoundError):  # the table is checked first
        NEWEST.to_dataframe("nope")


def test_exports_import_pandas_only_when_asked() -> None:
    code = (
        "import sys, famk_data; famk_data.to_records('episodes');"
        "from famk_data._export import table_text; table_text(famk_data.load(), 'episodes', 'csv');"
        "assert 'pandas' not in sys.modules, 'pandas imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
