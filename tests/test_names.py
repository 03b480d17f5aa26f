"""Name matching: folding, surnames shared by several records, and close matches."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import famk_data as fd
from famk_data._names import by_exact_name, by_name, close_ids, fold, surname, surnames

DATA = fd.load()


@given(st.text(max_size=40))
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_fold_ignores_case_width_and_spacing() -> None:
    assert fold("  Ｅｄ   BALDWIN ") == "ed baldwin"


def test_surnames_skip_generational_suffixes() -> None:
    assert surname("Albert Arnold Gore Jr.") == "gore"
    assert surname("Buzz") is None


def test_a_shared_surname_names_every_record_that_has_it() -> None:
    shared = surnames(DATA.characters, DATA.people)
    index = by_name(DATA.characters, DATA.people, shared)
    baldwins = index["character", "baldwin"]
    assert len(baldwins) > 1
    assert "ed-baldwin" in baldwins
    assert index["character", "ed baldwin"] == ("ed-baldwin",)
    exact = by_exact_name(DATA.characters, DATA.people, index)
    assert ("character", "Baldwin") not in exact
    assert exact["character", "Ed Baldwin"] == ("ed-baldwin",)


def test_close_names_are_suggested_by_id() -> None:
    shared = surnames(DATA.characters, DATA.people)
    index = by_name(DATA.characters, DATA.people, shared)
    assert "ed-baldwin" in close_ids("character", "Ed Baldwn", index, shared)
    assert close_ids("character", "zzzzzz", index, shared) == []
