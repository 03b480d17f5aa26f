"""Shared fixtures and helpers: a writable copy of a packaged data version, one record or value of each class."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import famk_data

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType


RELEASE_TOOL = Path(__file__).resolve().parent.parent / "tools" / "release.py"


def release_tool(name: str = "famk_release_tool") -> ModuleType:
    """tools/release.py, imported as a module (it lives in the source checkout only)."""
    spec = importlib.util.spec_from_file_location(name, RELEASE_TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def newest() -> str:
    return famk_data.available_versions()[-1]


def shipped(version: str, name: str) -> bytes:
    """A packaged file's released bytes (unpacked, for a superseded version stored compressed)."""
    from famk_data._load import read_data

    return read_data(files("famk_data") / "data" / version, name, version)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A user directory holding a copy of the newest packaged data version."""
    with as_file(files("famk_data") / "data" / newest()) as source:
        target = tmp_path / "data"
        shutil.copytree(source, target)
    return target


def rehash(directory: Path) -> None:
    """Rewrite datapackage.json so its hashes and sizes match the files again."""
    descriptor_path = directory / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        content = (directory / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
        resource["bytes"] = len(content)
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, Callable[[Any], Any]], Path]:
    """Change one table's JSON document in the copy, in place."""

    def apply(table: str, change: Callable[[Any], Any]) -> Path:
        path = data_copy / f"{table}.json"
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        rehash(data_copy)
        return data_copy

    return apply


def one_of_each_class() -> dict[type, Any]:
    """An instance of every attrs class the newest data holds, found by walking its records."""
    found: dict[type, Any] = {}
    pending: list[Any] = [getattr(famk_data.load(), table)[0] for table in ("events", "appearances", "castings")]
    pending += [
        famk_data.load().seasons,
        famk_data.load().characters,
        famk_data.load().episodes,
        famk_data.disputes(),
        famk_data.age_in("Ed Baldwin", 2012),
    ]
    seen: set[int] = set()
    while pending:
        value = pending.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, tuple):
            pending.extend(value)
        elif attrs.has(type(value)):
            found.setdefault(type(value), value)
            pending.extend(getattr(value, field.name) for field in attrs.fields(type(value)))
    return found
