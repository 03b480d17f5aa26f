"""Hostile use of ``load(path=...)``, arguments and records (issue 23): loads that never hang.

FIFOs and symlinks are made inside ``tmp_path`` only; the "outside" file a link points to is
one this test writes, never a system file.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

import famk_data as fd
from famk_data._untrusted import MAX_PROBLEMS

from .conftest import rehash

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _refused(directory: Path, *fragments: str) -> fd.DatasetError:
    with pytest.raises(fd.DatasetError) as caught:
        fd.load(path=directory)
    for fragment in fragments:
        assert fragment in str(caught.value), (fragment, str(caught.value))
    return caught.value


def test_a_fifo_data_file_is_refused_without_blocking(data_copy: Path) -> None:
    """Run in a subprocess with a timeout: before the fix this hung forever."""
    (data_copy / "characters.json").unlink()
    os.mkfifo(data_copy / "characters.json")
    code = (
        "import famk_data, sys\ntry:\n famk_data.load(path=sys.argv[1])\nexcept famk_data.DatasetError as e:\n print(e)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_copy)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "characters.json: is not a regular file" in done.stdout


def test_a_link_out_of_the_directory_is_refused_without_its_hash(data_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the loader\n", encoding="utf-8")
    (data_copy / "people.json").unlink()
    (data_copy / "people.json").symlink_to(secret)
    error = _refused(data_copy, "people.json", "outside the data directory")
    assert hashlib.sha256(secret.read_bytes()).hexdigest() not in str(error)


def test_a_link_to_standard_input_is_refused(data_copy: Path, tmp_path: Path) -> None:
    """A link to a FIFO outside the directory stands in for ``/dev/stdin`` (never read here)."""
    fifo = tmp_path / "stdin-like"
    os.mkfifo(fifo)
    (data_copy / "people.json").unlink()
    (data_copy / "people.json").symlink_to(fifo)
    _refused(data_copy, "outside the data directory")


def test_a_link_inside_the_directory_is_followed(data_copy: Path) -> None:
    (data_copy / "people.json").rename(data_copy / "people-real.json")
    (data_copy / "people.json").symlink_to(data_copy / "people-real.json")
    assert fd.load(path=data_copy).people == fd.load().people


def test_invalid_records_are_bounded(data_copy: Path) -> None:
    path = data_copy / "characters.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["characters"] = [0] * 50_000
    path.write_text(json.dumps(document), encoding="utf-8")
    rehash(data_copy)
    error = _refused(data_copy, "more items not checked")
    assert len(error.problems) <= MAX_PROBLEMS
    assert error.omitted == 50_000 - MAX_PROBLEMS


def test_duplicate_records_are_bounded(edit: Any) -> None:
    def repeat(document: Any) -> None:
        document["people"] = document["people"][:1] * 5_000

    error = _refused(edit("people", repeat), "people.json")
    assert len(error.problems) <= MAX_PROBLEMS


@pytest.mark.parametrize(
    ("table", "change", "where"),
    [
        ("seasons", lambda d: d["seasons"][0].__setitem__("episode_count", "HUGE"), "seasons[0].episode_count"),
        ("characters", lambda d: d["characters"][0].__setitem__("id", "DUP"), "characters[0].id"),
    ],
)
def test_a_huge_integer_is_a_dataset_error_at_its_path(
    data_copy: Path, table: str, change: Callable[[Any], None], where: str
) -> None:
    path = data_copy / f"{table}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document).replace('"HUGE"', "9" * 5000).replace('"DUP"', "9" * 5000), encoding="utf-8")
    rehash(data_copy)
    _refused(data_copy, where, "5,000 digits")


def test_duplicate_keys_are_refused_at_their_path(data_copy: Path) -> None:
    path = data_copy / "seasons.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"number": 2,', '"number": 2, "number": 3,', 1), encoding="utf-8")
    rehash(data_copy)
    _refused(data_copy, "seasons[1].number", "more than once")


@pytest.mark.parametrize(("encoding", "message"), [("utf-16", "not UTF-8"), ("utf-8-sig", "byte order mark")])
def test_files_that_are_not_plain_utf8_are_refused(data_copy: Path, encoding: str, message: str) -> None:
    path = data_copy / "seasons.json"
    path.write_text(path.read_text(encoding="utf-8"), encoding=encoding)
    rehash(data_copy)
    _refused(data_copy, "seasons.json", message)


def test_a_lone_surrogate_is_refused_at_load(data_copy: Path) -> None:
    path = data_copy / "characters.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["characters"][0]["name"] = "\ud800"
    path.write_text(json.dumps(document), encoding="utf-8")  # ASCII: written as the escape \ud800
    rehash(data_copy)
    _refused(data_copy, "characters[0].name", "lone surrogate")


def test_a_resource_listed_twice_is_refused(data_copy: Path) -> None:
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"].append(dict(descriptor["resources"][0]))
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    _refused(data_copy, f"resources[{len(descriptor['resources']) - 1}].path", "listed more than once")


def test_a_declared_format_that_does_not_match_is_refused(data_copy: Path) -> None:
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    actual = descriptor["famk_data_format"]
    descriptor["famk_data_format"] = 1
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    _refused(data_copy, "famk_data_format", f"is 1, but the data files are format {actual}")


def test_declared_bytes_are_checked(data_copy: Path) -> None:
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["bytes"] += 1
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    _refused(data_copy, "the descriptor says")


@pytest.mark.parametrize(
    ("table", "change", "where"),
    [
        ("characters", lambda d: _first_born(d).update(earliest_year=-(10**30), latest_year=10**30), "born"),
        ("seasons", lambda d: d["seasons"][0]["years"].update(end=10**15), "years"),
        ("episodes", lambda d: d["episodes"][0].update(runtime_minutes=10**9), "runtime_minutes"),
        ("castings", lambda d: d["castings"][0].update(order=10**12), "order"),
    ],
)
def test_implausible_values_are_refused_at_their_path(
    edit: Any, table: str, change: Callable[[Any], None], where: str
) -> None:
    error = _refused(edit(table, change), f"{table}.json")
    assert any(where in path or where in message for path, message in error.problems), error.problems


def _first_born(document: Any) -> dict[str, Any]:
    born: dict[str, Any] = next(c["born"] for c in document["characters"] if c["born"] is not None)
    return born


@pytest.mark.parametrize(
    "tables", [("seasons", "episodes", "castings", "appearances", "events"), ("episodes", "appearances", "events")]
)
def test_empty_tables_are_refused_at_load(edit: Any, tables: tuple[str, ...]) -> None:
    def empty(name: str) -> Callable[[Any], None]:
        return lambda document: document.__setitem__(name, [])

    directory = None
    for table in ("events", "appearances", "castings", "episodes", "seasons"):  # references first
        if table in tables:
            directory = edit(table, empty(table))
    assert directory is not None
    # Before, the load succeeded and season(1) / as_of(...) raised IndexError.
    _refused(directory, "holds no")


def test_huge_int_arguments_are_library_errors() -> None:
    data = fd.load()
    huge: Any = 10**5000
    calls: list[Callable[[], Any]] = [
        lambda: fd.season(huge),
        lambda: fd.episode(huge),
        lambda: fd.episode(2, huge),
        lambda: fd.episodes_in(huge),
        lambda: fd.cast_for(huge),
        lambda: data.as_of(huge),
        lambda: data.appearances_in(huge),
        lambda: fd.age_in("ed-baldwin", huge),
    ]
    for call in calls:
        with pytest.raises(fd.FamkDataError) as caught:
            call()
        assert isinstance(caught.value, (TypeError, ValueError, LookupError))
        assert len(str(caught.value)) < 200


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: fd.Note(None, 5), fd.ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: fd.Age(-1, -1), fd.ArgumentValueError),
        (lambda: fd.Death(1990, 5), fd.ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: fd.Derivation("f", "r", "ed-baldwin"), fd.ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: fd.Birth(-(10**4000), 10**4000, None), fd.ArgumentValueError),
        (lambda: fd.YearSpan(1969, 10**15), fd.ArgumentValueError),
        (lambda: fd.Source(None, None, "t", ("name",)), fd.ArgumentValueError),
    ],
)
def test_record_constructors_raise_library_errors(build: Callable[[], Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        build()


def test_the_shared_dataset_cannot_be_changed() -> None:
    data = fd.load()
    view = data.as_of("S01E03")
    with pytest.raises(fd.FamkDataError):
        data.version = "hacked"
    with pytest.raises(fd.FamkDataError):
        view.episodes = data.episodes
    with pytest.raises(fd.FamkDataError):
        del data.people
    assert fd.load().version == data.version
    assert len(data.as_of("S01E03").episodes) == 3
