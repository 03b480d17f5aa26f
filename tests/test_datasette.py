"""docs/tables.md's "Browse it in Datasette" commands, run: export, serve on loopback, query the JSON API."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

import famk_data as fd

DOCS = Path(__file__).parent.parent / "docs" / "tables.md"


def _commands() -> list[list[str]]:
    text = DOCS.read_text(encoding="utf-8").split("<!-- datasette-commands -->", 1)[1]
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line) for line in block.splitlines() if line.strip()]


def test_the_documented_commands_are_export_serve_and_queries() -> None:
    commands = _commands()
    assert [command[0] for command in commands] == ["famk-data", "datasette", "curl", "curl", "curl"]


def test_browse_it_in_datasette(tmp_path: Path) -> None:
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent)) or shutil.which("datasette")
    if datasette is None:
        pytest.skip("datasette is not installed (it is in the tests extra: pip install 'famk-data[tests]')")
    export, serve, *queries = _commands()
    subprocess.run([sys.executable, "-m", "famk_data", *export[1:]], cwd=tmp_path, check=True)
    port = serve.index("--port") + 1
    arguments = [*serve[1:port], "0", *serve[port + 1 :], "--host", "127.0.0.1"]  # a free port, loopback only
    server = subprocess.Popen([datasette, *arguments], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        address = None
        for line in server.stderr:  # ends when the server exits, so a failed start fails here
            found = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
            if found:
                address = found[1]
                break
        assert address is not None, "datasette did not start"
        answers = []
        for query in queries:
            url = re.sub(r"http://127\.0\.0\.1:\d+", address, query[1])
            with urllib.request.urlopen(url) as response:
                answers.append(json.load(response))
        with urllib.request.urlopen(f"{address}/famk.json") as response:
            database = json.load(response)
    finally:
        server.terminate()
        server.wait()
    characters, episode_credits, people = answers
    assert {"Ed Baldwin", "Karen Baldwin", "Kelly Baldwin"} <= {row["name"] for row in characters}
    newest = fd.load()
    first = newest.appearances_in("S01E01")[:3]
    assert [(row["actor"], row["character"]) for row in episode_credits] == [
        (c.actor.name, c.character and c.character.name) for c in first
    ]
    assert (people[0]["id"], people[0]["name"]) == (newest.people[0].id, newest.people[0].name)
    visible = [table["name"] for table in database["tables"] if not table["hidden"]]
    assert len(visible) == 16
    assert [view["name"] for view in database["views"]] == ["episode_credits", "season_casts", "character_appearances"]
