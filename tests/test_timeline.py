"""The in-universe timeline: who is established alive when, what is set when, and ages."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import famk_data as fd
from famk_data._timeline import record_age_in

DATA = fd.load()
PINNED = fd.load("0.4.0")
YEARS = st.integers(1850, 2150)
DATED = [c for c in DATA.characters if c.born is not None]


def names(characters: tuple[fd.Character, ...]) -> set[str]:
    return {c.name for c in characters}


# -- properties ---------------------------------------------------------------------------


@given(st.sampled_from(DATED), YEARS)
def test_age_answers_exactly_in_the_years_alive_in_includes(character: fd.Character, year: int) -> None:
    alive = character in DATA.alive_in(year)
    try:
        age = DATA.age_in(character, year)
    except (fd.UnknownFactError, fd.ArgumentValueError):
        assert not alive
    else:
        assert alive
        assert character.born is not None
        assert (age.low, age.high) == (max(0, year - character.born.latest_year), year - character.born.earliest_year)


@given(YEARS)
def test_alive_in_never_includes_the_dead_or_the_unborn(year: int) -> None:
    for character in DATA.alive_in(year):
        died, born = character.died, character.born
        assert died is None or died.year is None or year <= died.year
        assert born is None or born.latest_year <= year


@given(YEARS)
def test_episodes_set_in_are_exactly_those_whose_years_hold_the_year(year: int) -> None:
    found = DATA.episodes_set_in(year)
    assert all(e.years is not None and year in e.years for e in found)
    assert found == tuple(e for e in DATA.episodes if year in (e.years or ()))


@given(YEARS)
def test_seasons_set_in_hold_the_year_and_every_episode_set_in_it(year: int) -> None:
    found = DATA.seasons_set_in(year)
    assert all(s.years is not None and year in s.years for s in found)
    assert {e.season for e in DATA.episodes_set_in(year)} <= {s.number for s in found}


@given(st.sampled_from(DATA.characters), YEARS)
def test_a_record_alone_never_answers_more_than_the_dataset(character: fd.Character, year: int) -> None:
    try:
        age = record_age_in(character, year)
    except (fd.UnknownFactError, fd.ArgumentValueError):
        return
    assert DATA.age_in(character, year) == age


# -- the examples of the issue, on the newest data -------------------------------------------


def test_gordo_is_not_alive_in_1990() -> None:
    assert "Gordo Stevens" not in names(DATA.alive_in(1990))
    assert "Gordo Stevens" in names(DATA.alive_in(1983))
    with pytest.raises(fd.ArgumentValueError, match="died in 1983, before 1990"):
        DATA.age_in("Gordo Stevens", 1990)


def test_karen_is_alive_in_1990_and_not_in_2003() -> None:
    assert "Karen Baldwin" in names(DATA.alive_in(1990))
    assert "Karen Baldwin" not in names(DATA.alive_in(2003))
    with pytest.raises(fd.UnknownFactError, match="does not know when Karen Baldwin was born"):
        DATA.age_in("Karen Baldwin", 1990)


def test_ed_is_alive_in_2012_and_his_age_answers() -> None:
    assert "Ed Baldwin" in names(DATA.alive_in(2012))
    assert DATA.age_in("Ed Baldwin", 2012) == fd.Age(79, 83)
    assert fd.age_in("ed-baldwin", 2012) == fd.Age(79, 83)


# -- what age_in refuses, and why ------------------------------------------------------------


def test_age_is_refused_after_the_last_evidence_of_life() -> None:
    with pytest.raises(fd.UnknownFactError, match=r"S01E03 \(set in 1970\).* only up to 1970"):
        DATA.age_in("Shorty Powers", 2012)
    # Season 5's last year is unknown: it shows Ed alive in 2012, and no later.
    with pytest.raises(fd.UnknownFactError, match=r"Season 5 \(set in 2012–\?\)"):
        DATA.age_in("Ed Baldwin", 2013)
    with pytest.raises(fd.UnknownFactError):
        DATA.age_in("Ed Baldwin", 10**6)


def test_a_year_inside_the_birth_range_is_unknown_and_before_it_impossible() -> None:
    with pytest.raises(fd.UnknownFactError, match="may not be born yet in 1931") as info:
        DATA.age_in("Ed Baldwin", 1931)
    assert not isinstance(info.value, fd.ArgumentValueError)
    with pytest.raises(fd.ArgumentValueError, match="not born yet in 1928"):
        DATA.age_in("Ed Baldwin", 1928)
    assert DATA.age_in("Ed Baldwin", 1933) == fd.Age(0, 4)


def test_a_death_of_unknown_year_is_bounded_by_its_episode() -> None:
    # Danny Stevens dies in a year no source gives, revealed in S04E05 (set in 2003).
    with pytest.raises(fd.ArgumentValueError, match=r"dies by 2003 \(in S04E05, set in 2003\), before 2004"):
        DATA.age_in("Danny Stevens", 2004)
    assert "Danny Stevens" in names(DATA.alive_in(1995))  # credited in S03E09, set in 1995
    assert "Danny Stevens" not in names(DATA.alive_in(1996))  # nothing shows him alive later


def test_appearances_sharpen_a_seasons_span() -> None:
    # Season 2 spans 1983-1995 (its finale's flash-forward), but credits in episodes set in
    # 1983 show who is alive then; the same castings without appearances show nobody.
    seen_in_1983 = names(DATA.alive_in(1983))
    assert "Gordo Stevens" in seen_in_1983
    seasons_only = fd.Dataset(
        "test", **{table: getattr(DATA, table) for table in ("seasons", "episodes", "characters", "people", "castings")}
    )
    assert len(seasons_only.alive_in(1983)) < len(seen_in_1983)


def test_flashbacks_are_no_evidence_of_life() -> None:
    gordo = next(c for c in DATA.castings if c.key == "s1/gordo-stevens")
    danny = next(c for c in DATA.castings if c.key.startswith("s1/danny-stevens"))
    flashbacks = (attrs.evolve(gordo, season=3), attrs.evolve(danny, season=5))
    data = fd.Dataset(
        "test",
        **{table: getattr(DATA, table) for table in ("seasons", "episodes", "characters", "people", "appearances")},
        castings=(*DATA.castings, *flashbacks),
    )
    # Gordo dies in 1983; Danny by 2003, and S03E09 (set in 1995) is the last to show him alive.
    for year in (1993, 2003, 2012):
        assert "Gordo Stevens" not in names(data.alive_in(year))
    for year in (2003, 2012):
        assert "Danny Stevens" not in names(data.alive_in(year))
    for year in range(1960, 2020):
        assert data.alive_in(year) == DATA.alive_in(year)


def test_age_answers_are_remembered_per_key() -> None:
    assert DATA.age_in("Ed Baldwin", 1969) is DATA.age_in("Ed Baldwin", 1969)
    assert DATA.age_in("ed baldwin", 1969) == DATA.age_in(DATA.character("ed-baldwin"), 1969)


# -- what is set when -------------------------------------------------------------------------


def test_seasons_set_in() -> None:
    assert [s.number for s in DATA.seasons_set_in(1983)] == [2]
    assert [s.number for s in DATA.seasons_set_in(1995)] == [2, 3]  # the flash-forward overlaps
    assert DATA.seasons_set_in(1990) == ()  # inside Season 2's span, but no episode is set then
    assert [s.number for s in DATA.seasons_set_in(1972)] == [1]  # one Season 1 episode's years are unknown
    assert [s.number for s in DATA.seasons_set_in(2012)] == [4, 5]
    assert DATA.seasons_set_in(2013) == ()  # Season 5 runs from 2012 to an unknown year


def test_episodes_set_in() -> None:
    assert [e.id for e in DATA.episodes_set_in(1969)] == ["s01e01", "s01e02"]
    assert [e.id for e in DATA.episodes_set_in(2012)] == ["s04e10"]
    assert DATA.episodes_set_in(1990) == ()


def test_how_many_are_established_alive_in_data_0_4_0() -> None:
    counts = {year: len(PINNED.alive_in(year)) for year in (1969, 1983, 1995, 2003, 2012)}
    assert counts == {1969: 16, 1983: 22, 1995: 20, 2003: 18, 2012: 8}
    assert PINNED.alive_in(1900) == ()


@pytest.mark.parametrize("year", [True, 1983.0, "1983", None])
@pytest.mark.parametrize("query", ["alive_in", "episodes_set_in", "seasons_set_in"])
def test_years_must_be_ints(query: str, year: object) -> None:
    with pytest.raises(fd.ArgumentTypeError, match="year must be an int"):
        getattr(DATA, query)(year)
    with pytest.raises(fd.ArgumentTypeError, match="year must be an int"):
        DATA.age_in("Ed Baldwin", year)  # type: ignore[arg-type]


def test_bad_characters_are_library_errors() -> None:
    with pytest.raises(fd.ArgumentTypeError):
        DATA.age_in(["ed-baldwin"], 2012)  # type: ignore[arg-type]
    with pytest.raises(fd.NotFoundError):
        DATA.age_in("Nobody Atall", 2012)


def test_module_shortcuts_ask_the_newest_data() -> None:
    default = fd.load()
    assert fd.alive_in(1983) == default.alive_in(1983)
    assert fd.episodes_set_in(1983) == default.episodes_set_in(1983)
    assert fd.seasons_set_in(1995) == default.seasons_set_in(1995)
