"""Run the examples in the installed package's docstrings, so they cannot rot."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import famk_data

MODULES = sorted(name for module in pkgutil.iter_modules(famk_data.__path__) if (name := module.name) != "__main__")


@pytest.mark.parametrize("name", ["famk_data", *(f"famk_data.{m}" for m in MODULES)])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, raise_on_error=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_examples_exist_on_the_main_entry_points() -> None:
    parser = doctest.DocTestParser()
    for name in ("load", "cast_for", "season", "episode", "available_versions", "metadata", "Dataset.character"):
        target = famk_data
        for part in name.split("."):
            target = getattr(target, part)
        assert parser.get_examples(target.__doc__ or ""), name
