"""What leaves a view: every command's output with --as-of, and files exported from a view."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import TYPE_CHECKING

import pytest

import famk_data as fd
from famk_data._cli import main
from famk_data._tables import TABLES

from .test_views import FULL, hidden_names, later_pattern

if TYPE_CHECKING:
    from pathlib import Path

AS_OF = "S02E04"
VIEW = FULL.as_of(AS_OF)
#: One run of every command that reads a data version, on records the view shows and hides.
COMMANDS = [
    ["cast", "1"],
    ["cast", "2"],
    ["episodes", "1"],
    ["episodes", "2"],
    ["character", "Karen"],
    ["character", "Gordo Stevens"],
    ["character", "Kelly"],
    ["person", "Joel Kinnaman"],
    ["person", "Sonya Walger"],
    ["age", "Ed Baldwin", "1983"],
    ["age", "Karen Baldwin", "1969"],
    ["year", "1983"],
    ["year", "1995"],
    ["appearances", "S02E01"],
    ["appearances", "S01E10"],
    ["episodes-of", "Ed Baldwin"],
    ["episodes-of", "Joel Kinnaman"],
    *(["export", table, "--format", form] for table in TABLES for form in ("csv", "json", "jsonl")),
]


def leaking(text: str) -> list[str]:
    """What in ``text`` mentions a later episode, season or title, or a character the view hides."""
    assert VIEW.as_of_episode is not None
    found = [m[0] for m in later_pattern(VIEW.as_of_episode).finditer(text)]
    hidden, shown = hidden_names(VIEW)
    masked = re.sub(r"(?<!\w)(?:" + "|".join(map(re.escape, shown)) + r")(?!\w)", "█", text)
    found += [n for n in hidden if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", masked)]
    return found


@pytest.mark.parametrize(
    ("argv", "json_output"),
    [(argv, as_json) for argv in COMMANDS for as_json in (False, True) if argv[0] != "export" or not as_json],
    ids=lambda value: " ".join(value) if isinstance(value, list) else ("json" if value else "text"),
)
def test_every_command_as_of_a_view_says_nothing_later(
    capsys: pytest.CaptureFixture[str], argv: list[str], json_output: bool
) -> None:
    code = main(["--as-of", AS_OF, *argv, *(["--json"] if json_output else [])])
    out, err = capsys.readouterr()
    assert leaking(out + err) == [], (argv, out[:300], err)
    if code:  # what a view holds back, it says it holds back; else the full data lacks it too
        told = "hidden as of S02E04" in err or "a view as of S02E04" in err
        assert told or main(argv) == 1, err
        capsys.readouterr()
    if json_output and code == 0:
        assert json.loads(out)["as_of"] == AS_OF


def test_the_issues_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--as-of", AS_OF, "character", "Karen"]) == 0
    assert "Karen Baldwin" in capsys.readouterr().out
    assert main(["--as-of", AS_OF, "age", "Ed Baldwin", "1983"]) == 1
    assert "when Ed Baldwin was born is hidden as of S02E04" in capsys.readouterr().err
    assert main(["--as-of", "S04E03", "episodes", "4", "--json"]) == 0
    assert "finale" not in capsys.readouterr().out


@pytest.mark.parametrize("table", TABLES)
def test_a_tables_text_from_a_view_says_so_on_its_first_line(table: str, capsys: pytest.CaptureFixture[str]) -> None:
    for form, first in (
        ("csv", f"# famk-data {FULL.version} as of S02E04: a spoiler-safe view"),
        ("jsonl", json.dumps({"data_version": FULL.version, "as_of": AS_OF})),
    ):
        assert main(["--as-of", AS_OF, "export", table, "--format", form]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == first
        assert main(["export", table, "--format", form]) == 0  # the full data's text is as before
        assert not capsys.readouterr().out.startswith(first[:12])
    assert main(["--as-of", AS_OF, "export", table, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document)[:3] == ["format", "data_version", "as_of"]
    assert document["as_of"] == AS_OF
    assert len(document[table]) == len(getattr(VIEW, table))
    assert main(["export", table, "--format", "json"]) == 0
    assert "as_of" not in json.loads(capsys.readouterr().out)


def test_a_sqlite_file_from_a_view_says_so(tmp_path: Path) -> None:
    view_file, full_file = tmp_path / "view.sqlite", tmp_path / "full.sqlite"
    assert main(["--as-of", AS_OF, "export", "--format", "sqlite", "--output", str(view_file)]) == 0
    assert main(["export", "--format", "sqlite", "--output", str(full_file)]) == 0
    for path, as_of, characters in ((view_file, AS_OF, VIEW.characters), (full_file, None, FULL.characters)):
        with sqlite3.connect(path) as connection:
            metadata = dict(connection.execute('SELECT "key", "value" FROM "metadata"').fetchall())
            assert metadata["as_of"] == as_of
            assert metadata["data_version"] == FULL.version
            texts = [row[0] for row in connection.execute('SELECT "name" FROM "characters"')]
        connection.close()
        assert len(texts) == len(characters)
    with sqlite3.connect(view_file) as connection:
        dumped = "\n".join(connection.iterdump())
    connection.close()
    assert leaking(dumped) == []


def test_a_view_exported_by_the_library_says_so(tmp_path: Path) -> None:
    from famk_data._export import table_text, write_sqlite

    assert table_text(VIEW, "seasons", "csv").startswith("# famk-data")
    assert json.loads(table_text(VIEW, "seasons", "json"))["as_of"] == AS_OF
    write_sqlite(fd.load("0.4.0").as_of("S01E05"), tmp_path / "old.sqlite")
    with sqlite3.connect(tmp_path / "old.sqlite") as connection:
        assert connection.execute("""SELECT "value" FROM "metadata" WHERE "key" = 'as_of'""").fetchone() == ("S01E05",)
    connection.close()
