from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import famk_data as fd
from famk_data import _load
from famk_data._tables import TABLES as RECORD_TABLES

from .conftest import newest, shipped

RELEASED = Path(__file__).with_name("released.sha256")


def test_newest_is_default_and_cached() -> None:
    assert fd.load() is fd.load(newest())
    assert fd.load().version == newest()


def test_partial_versions_pick_the_newest_match() -> None:
    versions = fd.available_versions()
    assert versions[0] == "0.1.0"
    assert fd.load("0.1").version == max((v for v in versions if v.startswith("0.1.")), key=lambda v: v.split("."))
    assert fd.load("0").version == newest()


@pytest.mark.parametrize("version", ["9.9.9", "1", "0.99"])
def test_unknown_version_lists_available(version: str) -> None:
    with pytest.raises(fd.NotFoundError, match=r"available: 0\.1\.0"):
        fd.load(version)


@pytest.mark.parametrize(
    "version",
    ["", "latest", "../0.1.0", "0.1.0/../../x", "/etc/passwd", "0.1.0\0", "01.0.0", "0.1.0.0", " 0.1.0", "0x1"],
)
def test_bad_version_strings_are_refused(version: str) -> None:
    with pytest.raises(fd.ArgumentValueError):
        fd.load(version)


@pytest.mark.parametrize("version", [1, 0.1, b"0.1.0", True, ["0.1.0"]])
def test_bad_version_types_are_refused(version: Any) -> None:
    with pytest.raises(fd.ArgumentTypeError):
        fd.load(version)


def test_released_snapshots_never_change() -> None:
    """Each released file's sha256 is recorded in tests/released.sha256 when it is released."""
    recorded = dict(line.split("  ")[::-1] for line in recorded_lines())
    for name, digest in recorded.items():
        assert hashlib.sha256(shipped(*name.split("/"))).hexdigest() == digest, name
    released = {f"{v}/{f}" for v in fd.available_versions() for f in _load._releases()[v]}
    assert released == set(recorded), "record every released file in tests/released.sha256"


def recorded_lines() -> list[str]:
    return [line for line in RELEASED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_snapshot_loads_and_verifies() -> None:
    for version in fd.available_versions():
        assert fd.load(version).version == version


def test_metadata_describes_the_files() -> None:
    for version in fd.available_versions():
        descriptor = fd.metadata(version)
        assert descriptor["version"] == version
        for resource in descriptor["resources"]:
            content = shipped(version, resource["path"])
            assert resource["bytes"] == len(content)
            assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
            assert resource["records"] == len(json.loads(content)[resource["name"]])


def test_metadata_verifies_the_descriptor(monkeypatch: pytest.MonkeyPatch) -> None:
    releases = {v: dict(files) for v, files in _load._releases().items()}
    releases["0.1.0"]["datapackage.json"] = "0" * 64
    monkeypatch.setattr(_load, "_manifest", releases)
    with pytest.raises(fd.DatasetError, match="sha256 checksum mismatch"):
        fd.metadata("0.1.0")


def test_load_from_path_equals_packaged(data_copy: Path) -> None:
    loaded = fd.load(path=data_copy)
    packaged = fd.load()
    assert loaded is not packaged
    assert (loaded.version, loaded.episodes, loaded.castings) == (
        packaged.version,
        packaged.episodes,
        packaged.castings,
    )


def test_path_errors(tmp_path: Path) -> None:
    with pytest.raises(fd.ArgumentValueError, match="not a directory"):
        fd.load(path=tmp_path / "missing")
    with pytest.raises(fd.ArgumentValueError, match="not both"):
        fd.load("0.1.0", path=tmp_path)
    with pytest.raises(fd.ArgumentTypeError):
        fd.load(path=42)  # type: ignore[arg-type]
    with pytest.raises(fd.DatasetError, match=r"datapackage\.json"):
        fd.load(path=tmp_path)


Edit = Callable[[str, Callable[[Any], Any]], Path]


def _set(path: list[Any], value: Any) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("table", "change", "where"),
    [
        ("episodes", _set(["episodes", 3, "release_date"], "2019-02-30"), "episodes[3].release_date"),
        ("episodes", _set(["episodes", 3, "runtime_minutes"], "61"), "episodes[3].runtime_minutes"),
        ("seasons", _set(["seasons", 0, "premiere"], None), "seasons[0].premiere"),
        ("people", _set(["people", 0, "nickname"], "x"), "people[0]"),
        ("castings", _set(["castings", 0, "actor"], "nobody-at-all"), "castings[0].actor"),
        ("castings", _set(["castings", 0, "billing"], "star"), "castings[0].billing"),
        ("episodes", _set(["format"], 1), "format"),
        ("episodes", _set(["data_version"], "9.9.9"), "data_version"),
        ("episodes", _set(["episodes", 4, "overall"], 400), "episodes[4].overall"),
        ("characters", lambda d: d["characters"].insert(1, d["characters"][0]), "characters[1]"),
        ("episodes", lambda d: d["episodes"][0].pop("title"), "episodes[0].title"),
        ("episodes", _set(["episodes", 1, "release_date"], "2001-01-01"), "episodes[1].release_date"),
    ],
)
def test_corrupted_data_names_file_and_path(edit: Edit, table: str, change: Callable[[Any], Any], where: str) -> None:
    directory = edit(table, change)
    with pytest.raises(fd.DatasetError) as caught:
        fd.load(path=directory)
    assert caught.value.file.endswith(f"{table}.json")
    assert any(path.startswith(where) for path, _ in caught.value.problems), caught.value.problems


def test_missing_top_level_field(edit: Edit) -> None:
    directory = edit("seasons", lambda d: d.pop("seasons"))
    with pytest.raises(fd.DatasetError, match="expected exactly the keys"):
        fd.load(path=directory)


def test_truncated_json(data_copy: Path) -> None:
    path = data_copy / "people.json"
    path.write_bytes(path.read_bytes()[:100])
    from .conftest import rehash

    rehash(data_copy)
    with pytest.raises(fd.DatasetError, match=r"people\.json: invalid JSON at line"):
        fd.load(path=data_copy)


@pytest.mark.parametrize("path", ["../../../etc/passwd", "/etc/passwd", "episodes.json/../x", "notes.txt"])
def test_descriptor_cannot_point_outside(data_copy: Path, path: str) -> None:
    descriptor_path = data_copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = path
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(fd.DatasetError) as caught:
        fd.load(path=data_copy)
    assert caught.value.problems[0][0] == "resources[0].path"


def test_checksum_mismatch(data_copy: Path) -> None:
    path = data_copy / "seasons.json"
    path.write_bytes(path.read_bytes().replace(b'"number": 1', b'"number": 1 '))
    with pytest.raises(fd.DatasetError, match="sha256 checksum mismatch"):
        fd.load(path=data_copy)


def test_oversized_file_is_refused(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", 1000)
    with pytest.raises(fd.DatasetError, match="larger than the 1,000-byte limit"):
        fd.load(path=data_copy)


def test_threads_racing_load_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_load, "_loaded", {})
    calls = []
    real = _load._load_directory

    def counting(*args: Any) -> fd.Dataset:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(_load, "_load_directory", counting)
    barrier = threading.Barrier(32)
    seen: list[fd.Dataset] = []

    def worker() -> None:
        barrier.wait()
        seen.append(fd.load())

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(seen) == 32
    assert all(dataset is seen[0] for dataset in seen)


def test_import_reads_no_file_and_first_query_skips_cattrs() -> None:
    """Importing reads nothing; the first queries read the manifest but need no converter, nor pathlib."""
    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: event == 'open' and opened.append(str(args[0])))\n"
        "import famk_data\n"
        "print([p for p in opened if not p.endswith(('.py', '.pyc')) and 'famk_data' in p])\n"
        "print(sorted(m for m in ('cattrs', 'importlib.metadata', 'famk_data._converter') if m in sys.modules))\n"
        "famk_data.season(1)\n"
        "famk_data.cast_for(5)\n"
        "print('cattrs' in sys.modules, any('manifest.json' in p for p in opened), 'pathlib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "[]", "False True False"]


def test_superseded_versions_are_stored_compressed_and_the_newest_plain() -> None:
    data = files("famk_data") / "data"
    *superseded, current = fd.available_versions()
    for version, pinned in _load._releases().items():
        stored = {node.name for node in (data / version).iterdir()}
        tables = {name for name in pinned if name != "datapackage.json"}
        expected = tables if version == current else {f"{name}{_load.PACKED_SUFFIX}" for name in tables}
        assert stored == {"datapackage.json", *expected}, version
    assert superseded, "the package ships more than one version"


def _pack(directory: Path, name: str, packed: bytes | None = None) -> None:
    plain = directory / name
    content = plain.read_bytes()
    plain.unlink()
    (directory / f"{name}.gz").write_bytes(gzip.compress(content, mtime=0) if packed is None else packed)


def test_a_directory_may_hold_compressed_files(data_copy: Path) -> None:
    _pack(data_copy, "episodes.json")
    assert fd.load(path=data_copy).episodes == fd.load().episodes


@pytest.mark.parametrize(
    ("packed", "message"),
    [
        (b"not gzip at all", "cannot be decompressed"),
        (gzip.compress(b"[]" * 100)[:-12], "not one complete gzip stream"),
        (gzip.compress(b"[]") + b"trailing", "not one complete gzip stream"),
        (gzip.compress(b" " * (_load.MAX_FILE_BYTES + 1)), "unpacks to more than the 16,777,216-byte limit"),
    ],
)
def test_damaged_compressed_files_are_refused(data_copy: Path, packed: bytes, message: str) -> None:
    _pack(data_copy, "seasons.json", packed)
    with pytest.raises(fd.DatasetError, match=message) as caught:
        fd.load(path=data_copy)
    assert caught.value.file.endswith("seasons.json")


def test_packaged_versions_load_from_a_zip_archive(tmp_path: Path) -> None:
    """Read through importlib-resources' Traversable, as from a zipped install."""
    archive = tmp_path / "famk.zip"
    data = files("famk_data") / "data"
    with zipfile.ZipFile(archive, "w") as out:
        for version in fd.available_versions():
            for node in (data / version).iterdir():
                out.writestr(f"famk_data/data/{version}/{node.name}", node.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        for version, pinned in _load._releases().items():
            directory = zipfile.Path(opened, f"famk_data/data/{version}/")
            loaded = _load._load_directory(directory, version, pinned)
            assert loaded.cast_for(5, include_disputed=True) == fd.load(version).cast_for(5, include_disputed=True)
            assert loaded.castings == fd.load(version).castings, version


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_garbage_collection_as_it_was(
    data_copy: Path, enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        fd.load(path=data_copy)
        assert gc.isenabled() is enabled
        with pytest.raises(fd.DatasetError):
            fd.load(path=data_copy.parent)
        assert gc.isenabled() is enabled
        with monkeypatch.context() as patched:  # a packaged version loaded for the first time
            patched.setattr(_load, "_loaded", {})
            data = _load.load("0.4.0")
            assert gc.isenabled() is enabled
            assert data.cast_for(5) == fd.load("0.4.0").cast_for(5)
            assert gc.isenabled() is enabled
            patched.setattr(_load, "_releases", lambda: {"0.4.0": {"datapackage.json": "0" * 64}})
            patched.setattr(_load, "_loaded", {})
            with pytest.raises(fd.DatasetError, match="sha256"):
                _load.load("0.4.0")
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# -- packaged tables are read, hash-checked and built on first use ------------------------------


def _record_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the data files the loader reads from now on, in order."""
    read: list[str] = []
    real = _load.read_data

    def reading(directory: Any, file: str, label: str) -> bytes:
        read.append(file)
        return real(directory, file, label)

    monkeypatch.setattr(_load, "read_data", reading)
    return read


def _fresh(monkeypatch: pytest.MonkeyPatch, version: str | None = None) -> tuple[fd.Dataset, list[str]]:
    """A newly loaded packaged version (not the shared one), and the files it reads, as it reads them."""
    chosen = version or newest()
    shared = fd.load(chosen)
    for table in RECORD_TABLES:  # the shared dataset, which tests compare with, reads its files now
        getattr(shared, table)
    read = _record_reads(monkeypatch)
    data = _load._load_directory(files("famk_data") / "data" / chosen, chosen, _load._releases()[chosen])
    return data, read


def test_the_first_cast_list_reads_only_the_files_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    data, read = _fresh(monkeypatch)
    assert read == ["datapackage.json"]
    assert data.cast_for(5) == fd.load().cast_for(5)
    assert sorted(read) == ["castings.json", "characters.json", "datapackage.json", "people.json", "seasons.json"]
    assert data.episode("S01E01") == fd.load().episode("S01E01")
    assert data.appearances_in("S01E01") == fd.load().appearances_in("S01E01")
    assert sorted(read) == sorted(f"{t}.json" for t in (*RECORD_TABLES, "datapackage") if t != "events")
    assert data.events_in(1983) == fd.load().events_in(1983)  # the events are read by the first event query
    assert sorted(read) == sorted(f"{t}.json" for t in (*RECORD_TABLES, "datapackage"))
    data.age_in("Ed Baldwin", 2012)
    assert len(read) == len(set(read)), "a file was read twice"


def _built(data: fd.Dataset) -> dict[str, int]:
    """How many records of each table the packaged dataset's snapshot has built so far."""
    tables = data._source._trusted._tables  # type: ignore[union-attr]
    return {name: sum(record is not None for record in table._records) for name, table in tables.items()}


@pytest.mark.parametrize("version", ["0.4.0", "0.5.1", None])
def test_a_first_cast_list_builds_only_its_season_and_whom_it_names(
    monkeypatch: pytest.MonkeyPatch, version: str | None
) -> None:
    data, _ = _fresh(monkeypatch, version)
    full = fd.load(version or newest())
    cast = data.cast_for(5, include_disputed=True)
    assert cast == full.cast_for(5, include_disputed=True)
    built = _built(data)
    assert built["castings"] == len(cast) < len(full.castings)
    assert built["people"] == len({c.actor.id for c in cast}) < len(full.people)
    assert built["characters"] == len({c.character.id for c in cast if c.character}) < len(full.characters)
    # Asked for whole later, a table holds the very records built for the first answer.
    for casting in cast:
        assert casting in data.castings
        assert any(casting is c for c in data.castings)
        assert any(casting.actor is p for p in data.people)
        assert casting.character is None or any(casting.character is c for c in data.characters)
    assert data.castings == full.castings
    assert data.people == full.people
    assert data.characters == full.characters
    for season in full.seasons:  # every season's cast, gathered after the tables were built whole
        assert data.cast_for(season.number) == full.cast_for(season.number)
        assert all(any(c is d for d in data.castings) for c in data.cast_for(season.number))


def test_each_seasons_cast_is_gathered_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    data, _ = _fresh(monkeypatch)
    full = fd.load()
    for season in reversed(full.seasons):
        assert data.cast_for(season.number) == full.cast_for(season.number)
        assert data.cast_for(season) == full.cast_for(season)
    assert _built(data)["castings"] == len(full.castings)
    with pytest.raises(fd.NotFoundError):
        data.cast_for(9)
    with pytest.raises(fd.ArgumentTypeError):
        data.cast_for(True)


def test_a_table_of_a_version_without_it_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    data, read = _fresh(monkeypatch, "0.4.0")  # file format 1: no appearances table
    assert data.appearances == ()
    assert read == ["datapackage.json"]


def test_tampering_with_a_file_not_read_yet_is_caught_when_it_is(data_copy: Path) -> None:
    pinned = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.iterdir()}
    data = _load._load_directory(data_copy, "copy", pinned)
    cast = data.cast_for(5)
    episodes = data_copy / "episodes.json"
    episodes.write_bytes(episodes.read_bytes().replace(b'"Red Moon"', b'"Red Noon"'))
    for first_use in (lambda: data.episodes, lambda: data.episode("S01E01"), lambda: data.appearances):
        with pytest.raises(fd.DatasetError, match=r"copy/episodes\.json: sha256 checksum mismatch"):
            first_use()
    assert data.cast_for(5) is cast  # what was verified and built before stays usable


def test_threads_first_touching_a_table_build_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    data, read = _fresh(monkeypatch)
    barrier = threading.Barrier(16)
    seen: list[tuple[Any, ...]] = []

    def worker() -> None:
        barrier.wait()
        seen.append(data.appearances)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 16
    assert all(appearances == seen[0] for appearances in seen)
    assert all(a is b for appearances in seen for a, b in zip(appearances, seen[0], strict=True))
    needed = ("appearances", "castings", "characters", "datapackage", "episodes", "people")
    assert sorted(read) == [f"{name}.json" for name in needed]


def test_threads_asking_for_casts_and_whole_tables_at_once_share_each_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, read = _fresh(monkeypatch)
    barrier = threading.Barrier(16)
    casts: list[tuple[fd.Casting, ...]] = []
    tables: list[tuple[fd.Casting, ...]] = []

    def worker(number: int) -> None:
        barrier.wait()
        if number % 2:
            casts.append(data.cast_for(number % 5 + 1, include_disputed=True))
        else:
            tables.append(data.castings)

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(casts) == len(tables) == 8
    assert all(table == tables[0] for table in tables)
    built = {id(casting) for casting in tables[0]}
    assert all(id(casting) in built for cast in casts for casting in cast)
    assert all(id(person) in {id(p) for p in data.people} for cast in casts for person in (c.actor for c in cast))
    assert len(read) == len(set(read)), "a file was read twice"


def test_views_and_diffs_of_a_dataset_built_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    data, _ = _fresh(monkeypatch)
    validated = _load._load_directory(files("famk_data") / "data" / newest(), newest(), None)
    assert not fd.diff(data, validated)
    view, checked = data.as_of("S02E05"), validated.as_of("S02E05")
    for table in RECORD_TABLES:
        assert view.to_records(table) == checked.to_records(table), table


def test_a_directory_is_read_and_validated_whole_when_it_loads(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _record_reads(monkeypatch)
    fd.load(path=data_copy)
    assert sorted(read) == sorted(f"{t}.json" for t in (*RECORD_TABLES, "datapackage"))
