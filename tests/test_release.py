"""The release tool refuses to touch released data, and versions follow the policy."""

from __future__ import annotations

import importlib
import importlib.util
import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import famk_data as fd
from famk_data import _load

if TYPE_CHECKING:
    from types import ModuleType

TOOL = Path(__file__).resolve().parent.parent / "tools" / "release.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("famk_release_tool", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(("version", "message"), [("0.3.0", "already released"), ("0.2.9", "not newer")])
def test_release_refuses_released_or_older_versions(version: str, message: str) -> None:
    newest = fd.available_versions()[-1]
    if version == "0.3.0":
        version = newest
    with pytest.raises(SystemExit, match=message):
        _tool().release(version)


@pytest.mark.skipif(not TOOL.exists(), reason="the release tool lives in the source checkout")
def test_release_rejects_a_malformed_version() -> None:
    with pytest.raises(fd.ArgumentValueError):
        _tool().release("1.0")


def _level(old: str, new: str) -> str:
    a, b = (tuple(map(int, v.split("."))) for v in (old, new))
    return "major" if a[0] != b[0] else "minor" if a[1] != b[1] else "patch"


@pytest.mark.parametrize(("old", "new"), list(itertools.pairwise(fd.available_versions())))
def test_consecutive_versions_follow_the_policy(old: str, new: str) -> None:
    """Within a MAJOR no record disappears; a PATCH only corrects (adds nothing)."""
    changes = fd.diff(old, new)
    level = _level(old, new)
    if level != "major":
        assert not changes.removed(), [c.id for c in changes.removed()]
    if level == "patch":
        assert not changes.added(), [c.id for c in changes.added()]


def test_identifiers_are_never_reused_for_another_kind_of_record() -> None:
    seen: dict[str, str] = {}
    for version in fd.available_versions():
        data = fd.load(version)
        for table in ("episodes", "characters", "people"):
            for record in getattr(data, table):
                assert seen.setdefault(f"{table}:{record.id}", record.id) == record.id


def test_manifest_lists_every_shipped_version_once() -> None:
    releases = _load._releases()
    assert list(releases) == list(fd.available_versions())
    for files in releases.values():
        assert set(files) == {
            "datapackage.json",
            *(f"{t}.json" for t in ("seasons", "episodes", "characters", "people", "castings")),
        }


def test_lazy_names_match_the_modules() -> None:
    import famk_data

    lazy = set(famk_data.__all__) - set(famk_data.exceptions.__all__) - famk_data._COLLECTIONS - {"__version__"}
    homes = {
        name: [m for m in famk_data._MODULES if name in importlib.import_module(f"famk_data.{m}").__all__]
        for name in lazy
    }
    assert {name: len(found) for name, found in homes.items()} == dict.fromkeys(lazy, 1)
    for name in famk_data.__all__:
        assert getattr(famk_data, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = famk_data.nope


def test_dir_lists_the_public_names_only() -> None:
    import famk_data

    assert dir(famk_data) == sorted(famk_data.__all__)
    assert not {"Any", "TYPE_CHECKING", "annotations"} & set(dir(famk_data))
