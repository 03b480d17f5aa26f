from __future__ import annotations

import json
import subprocess
import sys

import pytest

from famk_data._cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cast_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.1.0", "cast", "1")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["billing", "actor", "character", "version"]
    assert lines[2].split() == ["main", "Joel", "Kinnaman", "Ed", "Baldwin"]


def test_cast_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json", "--data-version", "0.1.0", "cast", "1")
    document = json.loads(out)
    assert code == 0
    assert document[0]["actor"] == {"id": "joel-kinnaman", "name": "Joel Kinnaman"}
    assert document[0]["billing"] == "main"


def test_episodes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.1.0", "episodes", "1")
    assert code == 0
    assert "S01E01" in out
    assert "Red Moon" in out
    _, out, _ = run(capsys, "--json", "--data-version", "0.1.0", "episodes", "1")
    assert json.loads(out)[0]["release_date"] == "2019-11-01"


def test_character(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.1.0", "character", "gordo")
    assert code == 0
    assert "gordo-stevens" in out
    assert "Michael Dorman" in out
    _, out, _ = run(capsys, "--json", "--data-version", "0.1.0", "character", "gordo")
    assert json.loads(out)["castings"][0]["actor"]["id"] == "michael-dorman"


def test_versions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "versions")
    assert code == 0
    assert out.splitlines()[0].startswith("0.1.0")
    assert out.splitlines()[-1].endswith("(newest)")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["cast", "9"], "no season 9"),
        (["--data-version", "7.0", "cast", "1"], "no data version '7.0'"),
        (["--data-version", "../x", "cast", "1"], "not a data version"),
        (["character", "nobody at all"], "no character"),
        (["--data-version", "0.1.0", "age", "Ed Baldwin", "1969"], "does not know when Ed Baldwin was born"),
    ],
)
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("famk-data: error:")
    assert message in err


@pytest.mark.parametrize("command", [["versions"], ["diff", "0.1.0"]])
def test_data_version_does_not_apply(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, err = run(capsys, "--data-version", "0.1.0", *command)
    assert (code, out) == (1, "")
    assert "--data-version does not apply" in err


def test_closed_pipe_is_not_an_error() -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "famk_data", "--json", "diff", "0.1.0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()
    assert reader.wait() == 0
    assert b"Traceback" not in reader.stderr.read()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["cast", "one"])
    assert caught.value.code == 2
    assert "invalid int value" in capsys.readouterr().err


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "famk_data", "--data-version", "0.1.0", "cast", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Joel Kinnaman" in result.stdout


def test_diff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "0.1.0", "0.2.0")
    assert code == 0
    assert out.startswith("data 0.1.0 -> 0.2.0: episodes 40 added, 1 changed")
    _, out, _ = run(capsys, "--json", "diff", "0.1.0", "0.2.0")
    document = json.loads(out)
    assert document["changes"][0] == {
        "table": "episodes",
        "id": "s01e08",
        "kind": "changed",
        "fields": document["changes"][0]["fields"],
    }
    assert sum(c["kind"] == "added" for c in document["changes"]) == 40
