from __future__ import annotations

import json
import subprocess
import sys

import pytest

import famk_data
from famk_data._cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cast_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.1.0", "cast", "1")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["billing", "actor", "character", "version", "status"]
    assert lines[2].split() == ["main", "Joel", "Kinnaman", "Ed", "Baldwin", "?"]
    assert "Disputed" not in out


def test_cast_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json", "--data-version", "0.1.0", "cast", "1")
    envelope = json.loads(out)
    document = envelope["result"]
    assert code == 0
    assert envelope["data_version"] == "0.1.0"
    assert document["cast"][0]["actor"] == {"id": "joel-kinnaman", "name": "Joel Kinnaman"}
    assert document["cast"][0]["billing"] == "main"
    assert document["cast"][0]["status"] is None
    assert document["disputed"] == []


def test_episodes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.1.0", "episodes", "1")
    assert code == 0
    assert "S01E01" in out
    assert "Red Moon" in out
    _, out, _ = run(capsys, "--json", "--data-version", "0.1.0", "episodes", "1")
    assert json.loads(out)["result"][0]["release_date"] == "2019-11-01"


def test_character(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.1.0", "character", "gordo")
    assert code == 0
    assert "gordo-stevens" in out
    assert "Michael Dorman" in out
    _, out, _ = run(capsys, "--json", "--data-version", "0.1.0", "character", "gordo")
    assert json.loads(out)["result"]["castings"][0]["actor"]["id"] == "michael-dorman"


def test_age(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.4.0", "age", "Ed Baldwin", "2012")
    assert (code, out) == (0, "Ed Baldwin turns 79–83 in 2012 (birth known to 1929–1933)\n")


def test_year(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.4.0", "year", "1983")
    assert code == 0
    assert out.startswith("Set in 1983: Season 2 (1983–1995)\n")
    assert "S02E10   The Grey             1983, 1995" in out
    assert "Established alive in 1983 (22):" in out
    assert "Kelly Baldwin    1966        17" in out
    _, out, _ = run(capsys, "--json", "--data-version", "0.4.0", "year", "1983")
    envelope = json.loads(out)
    document = envelope["result"]
    assert (envelope["data_version"], document["year"]) == ("0.4.0", 1983)
    assert document["seasons"] == [{"number": 2, "years": {"start": 1983, "end": 1995}}]
    assert len(document["episodes"]) == 10
    alive = {c["id"]: c["age"] for c in document["alive"]}
    assert (len(alive), alive["kelly-baldwin"], alive["gordo-stevens"]) == (22, {"low": 17, "high": 17}, None)


def test_year_with_nothing_in_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.4.0", "year", "1800")
    assert code == 0
    assert out.splitlines() == [
        "Set in 1800: no season or episode, as far as the data knows",
        "",
        "No character is established alive in 1800.",
    ]


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
        (["--data-version", "0.4.0", "age", "Shorty Powers", "2012"], "not established alive in 2012"),
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
    assert (code, out) == (2, "")
    assert "--data-version does not apply" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "0.4.0", "0.5.0", "--as-of", "S01E01"],
        ["--as-of", "S01E01", "diff", "0.4.0"],
        ["versions", "--data-version", "0.1.0"],
        ["cast", "one"],
        ["cast"],
        ["export", "seasons", "--json"],
        ["export", "--format", "sqlite"],
        ["export", "nope"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2_everywhere(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    if "--json" not in argv:
        assert err.splitlines()[-1].startswith("famk-data")
    code, out, err = run(capsys, *argv, "--json")
    assert (code, out) == (2, "")
    assert json.loads(err)["error"]["type"] == "UsageError"


@pytest.mark.parametrize("command", ["diff", "versions"])
def test_help_lists_only_what_a_command_takes(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "--json" in out
    assert "--data-version" not in out
    assert "--as-of" not in out
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "--data-version" in out
    assert "--json" not in out


def test_json_errors_are_json_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--json", "character", "nobody at all")
    assert (code, out) == (1, "")
    error = json.loads(err)["error"]
    assert error["type"] == "NotFoundError"
    assert error["message"].startswith("no character 'nobody at all'")
    code, _, err = run(capsys, "cast", "9", "--json", "--data-version", "9.9")
    assert code == 1
    assert json.loads(err) == {"error": {"type": "NotFoundError", "message": json.loads(err)["error"]["message"]}}


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
    assert main(["cast", "one"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: famk-data cast")
    assert err.splitlines()[-1] == "famk-data cast: error: argument season: invalid int value: 'one'"


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
    envelope = json.loads(out)
    assert envelope["data_version"] is None
    document = envelope["result"]
    assert document["changes"][0] == {
        "table": "episodes",
        "id": "s01e08",
        "kind": "changed",
        "fields": document["changes"][0]["fields"],
    }
    assert sum(c["kind"] == "added" for c in document["changes"]) == 40


@pytest.mark.parametrize(
    "argv",
    [
        ["cast", "1"],
        ["episodes", "2"],
        ["character", "Gordo"],
        ["person", "Joel Kinnaman"],
        ["age", "Kelly Baldwin", "1983"],
    ],
)
def test_options_before_or_after_the_command(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    before = run(capsys, "--json", "--data-version", "0.3", *argv)
    after = run(capsys, *argv, "--json", "--data-version", "0.3")
    mixed = run(capsys, "--json", *argv, "--data-version", "0.3")
    assert before == after == mixed
    assert before[0] == 0
    assert json.loads(before[1])["data_version"] == "0.3.0"


def test_every_json_output_names_its_data_version(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["cast", "1"], ["character", "ed-baldwin"], ["person", "joel-kinnaman"], ["age", "Kelly", "1983"]):
        _, out, _ = run(capsys, *argv, "--json")
        assert json.loads(out).keys() == {"data_version", "as_of", "result"}
        assert json.loads(out)["data_version"] == famk_data.available_versions()[-1]
        assert json.loads(out)["as_of"] is None
    _, out, _ = run(capsys, "versions", "--json")
    assert json.loads(out) == {"data_version": None, "as_of": None, "result": list(famk_data.available_versions())}
    _, out, _ = run(capsys, "cast", "2", "--json", "--as-of", "s2e5")
    assert json.loads(out)["as_of"] == "S02E05"


def test_data_version_after_a_versionless_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "versions", "--data-version", "0.1.0")
    assert code == 2
    assert "unrecognized arguments: --data-version 0.1.0" in err


def test_person(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.3.0", "person", "joel kinnaman")
    assert code == 0
    assert out.splitlines()[:2] == ["id           joel-kinnaman", "name         Joel Kinnaman"]
    assert "season 1     Ed Baldwin, main" in out.splitlines()
    _, out, _ = run(capsys, "--data-version", "0.3.0", "person", "Joel Kinnaman", "--json")
    result = json.loads(out)["result"]
    assert result["id"] == "joel-kinnaman"
    assert [c["season"] for c in result["castings"]] == [1, 2, 3, 4, 5]
    assert {c["character"]["id"] for c in result["castings"]} == {"ed-baldwin"}


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == (
        f"famk-data {famk_data.__version__} (data {famk_data.available_versions()[-1]})\n"
    )


@pytest.mark.parametrize("command", ["cast", "episodes", "character", "person", "age", "diff"])
def test_every_argument_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    positionals = out.split("positional arguments:")[1].split("options:")[0].strip().splitlines()
    assert positionals
    for line in positionals:
        if not line.startswith(" " * 10):  # an argument's first line: its name, then its help
            assert len(line.split(maxsplit=1)) == 2, line


def test_not_found_hints_suit_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "character", "Joel Kinnaman")
    assert (
        err == "famk-data: error: no character 'Joel Kinnaman'; Joel Kinnaman is a cast member, who plays Ed Baldwin\n"
    )
    _, _, err = run(capsys, "character", "zzzzqqq")
    assert "Dataset" not in err
    assert "()" not in err


@pytest.mark.parametrize(
    ("shell_redirect", "message"),
    [
        (">/dev/null", None),
        (">/dev/full", "No space left on device"),
        (">&-", "standard output is closed"),
    ],
)
def test_unwritable_stdout_is_a_one_line_error(shell_redirect: str, message: str | None) -> None:
    result = subprocess.run(
        ["/bin/sh", "-c", f'"$0" -m famk_data cast 1 {shell_redirect}', sys.executable],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if message is None:
        assert (result.returncode, result.stderr) == (0, "")
    else:
        assert result.returncode == 1
        assert result.stderr == f"famk-data: error: cannot write the output: {message}\n"


def test_derived_values_are_marked_with_a_legend() -> None:
    import argparse

    from famk_data import _cli_commands as _cli

    data = famk_data.load()
    document, text = _cli.cast(data, argparse.Namespace(season=1))
    derived = [c for c in data.cast_for(1) if any(d.field == "billing" for d in c.derivations)]
    assert derived
    (row,) = [line for line in text.splitlines() if f" {derived[0].actor.name} " in line]
    assert row.split()[0] == "recurring*"
    assert "billing *: derived (counted from episode cast lists), not stated by a source" in text
    assert any(d["field"] == "billing" for c in document["cast"] for d in c["derivations"])
    _, text = _cli.character(data, argparse.Namespace(name="Ed Baldwin"))
    assert "(years)*†" in text  # derived, and disputed
    legend = text.splitlines()
    assert legend[-2].startswith("* born: Stated to be in his 30s in 1969")
    assert legend[-1].startswith("† born: '1929–1933' taken of '1929–1933' (1) vs 'about 1922–1926' (1).")
    _, plain = _cli.character(famk_data.load("0.3.0"), argparse.Namespace(name="Ed Baldwin"))
    assert "*" not in plain


def test_schedule_dates_keep_their_mark(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.4.0", "episodes", "5")
    assert code == 0
    assert "2026-04-03*" in out
    assert out.rstrip().endswith("* date from the announced weekly schedule, not confirmed for the episode")


def test_as_of_says_what_the_view_holds_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-version", "0.4.0", "--as-of", "S01E05", "cast", "1")
    assert code == 0
    assert out.splitlines()[-1] == "as of S01E05: parts not yet credited by then are not shown (spoiler-safe)"
    _, out, _ = run(capsys, "cast", "1")
    assert "as of" not in out
    # Not found in a view: the record may exist and be hidden, and the message says so.
    code, _, err = run(capsys, "--as-of", "S01E05", "--data-version", "0.4.0", "character", "Ed")
    assert code == 1
    assert err.startswith("famk-data: error: no character 'Ed'; ")
    assert err.endswith("(a view as of S01E05 knows only the characters seen by then)\n")
    assert "a view" not in run(capsys, "character", "zzzzqqq")[2]
    code, _, err = run(capsys, "--as-of", "S01E05", "episodes", "2")
    assert (code, err) == (1, "famk-data: error: no season 2; hidden as of S01E05: Season 2 comes after it\n")
    # A bad --as-of or data version is not a view's doing.
    assert "a view" not in run(capsys, "--as-of", "S01E11", "cast", "1")[2]
    assert "a view" not in run(capsys, "--data-version", "9.9", "--as-of", "S01E01", "cast", "1")[2]


def test_year_in_a_view_whose_season_is_unfinished(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "year", "1969", "--as-of", "S01E01")
    assert code == 0
    assert out.startswith("Set in 1969: Season 1 (years not yet known)\n")
    assert "None" not in out
    _, out, _ = run(capsys, "year", "1969", "--as-of", "S01E10")
    assert out.startswith("Set in 1969: Season 1 (1969–1974)\n")
