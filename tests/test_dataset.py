from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

import famk_data as fd
from famk_data._tables import RECORD_TYPES

if TYPE_CHECKING:
    from collections.abc import Callable

FIRST = fd.load("0.1.0")


def test_repr_and_collections() -> None:
    assert repr(FIRST).startswith("<Dataset 0.1.0: 5 seasons, 10 episodes")
    assert [s.number for s in FIRST.seasons] == [1, 2, 3, 4, 5]
    assert [e.overall for e in FIRST.episodes] == list(range(1, 11))


def test_season() -> None:
    assert FIRST.season(1).episode_count == 10
    assert FIRST.season(1).id == "s01"
    with pytest.raises(fd.NotFoundError, match="seasons are 1–5") as caught:
        FIRST.season(6)
    assert isinstance(caught.value, LookupError)


def test_season_accepts_a_season() -> None:
    newest = fd.load()
    assert FIRST.season(FIRST.season(2)) is FIRST.season(2)
    assert FIRST.season(newest.season(2)) is FIRST.season(2)  # this dataset's record of that season
    assert fd.season(newest.season(3)) is newest.season(3)


@pytest.mark.parametrize("bad", [None, True, 1.0, "1", float("nan"), [1]])
def test_season_wrong_types(bad: Any) -> None:
    with pytest.raises(fd.ArgumentTypeError):
        FIRST.season(bad)


@pytest.mark.parametrize("code", ["S01E03", "s1e3", "1x03", " S01E03 ", "s01 e03"])
def test_episode_codes(code: str) -> None:
    assert FIRST.episode(code).title == "Nixon's Women"


def test_episode_by_numbers_and_errors() -> None:
    assert FIRST.episode(1, 3) is FIRST.episode("S01E03")
    with pytest.raises(fd.NotFoundError, match="Season 1 has episodes 1–10"):
        FIRST.episode(1, 11)
    with pytest.raises(fd.NotFoundError, match="this data version has 0 of them"):
        FIRST.episode("S02E01")
    with pytest.raises(fd.NotFoundError, match="no season 9"):
        FIRST.episode("S09E01")
    for bad in ("S01", "S01E", "episode 3", "", "S01E03\0", "Ｓ01Ｅ03x"):
        with pytest.raises(fd.ArgumentValueError):
            FIRST.episode(bad)
    for bad_args in ((3,), (None,), (1, "3"), ("1", 3), (1, True), (1.0, 3)):
        with pytest.raises(fd.ArgumentTypeError):
            FIRST.episode(*bad_args)


def test_episodes_in() -> None:
    assert [e.number for e in FIRST.episodes_in(1)] == list(range(1, 11))
    assert FIRST.episodes_in(FIRST.season(2)) == ()
    with pytest.raises(fd.NotFoundError):
        FIRST.episodes_in(0)


@pytest.mark.parametrize("key", ["ed-baldwin", "Ed Baldwin", "ED  baldwin", "Edward Baldwin", "Ed"])
def test_character_lookups(key: str) -> None:
    assert FIRST.character(key).id == "ed-baldwin"


def test_character_objects_and_errors() -> None:
    ed = FIRST.character("ed-baldwin")
    assert FIRST.character(ed) is ed
    with pytest.raises(fd.NotFoundError, match="did you mean 'Ed Baldwin'"):
        FIRST.character("Ed Baldwn")
    with pytest.raises(fd.NotFoundError):
        FIRST.character("x" * 100_000)
    with pytest.raises(fd.ArgumentValueError):
        FIRST.character("   ")
    with pytest.raises(fd.ArgumentTypeError):
        FIRST.character(None)  # type: ignore[arg-type]


def test_ambiguous_name_lists_candidates() -> None:
    people = [
        fd.Person(
            id=i,
            name="Same Name",
            born=None,
            ids=fd.ExternalIds(imdb=None, tvmaze=None, wikidata=None),
            sources=(fd.Source(url="https://x.example/", episode=None, title=None, supports=("name",)),),
            notes=(),
        )
        for i in ("a", "b")
    ]
    dataset = fd.Dataset("0.0.1", seasons=FIRST.seasons, episodes=(), characters=(), people=people, castings=())
    with pytest.raises(fd.AmbiguousNameError) as caught:
        dataset.person("same name")
    assert caught.value.candidates == ("a", "b")
    assert dataset.person("a") is people[0]


@pytest.mark.parametrize(
    "tables",
    [
        {"seasons": "not records"},
        {"seasons": [1, 2]},
        {"episodes": 5},
        {"people": FIRST.characters},
    ],
)
def test_dataset_constructor_checks_its_tables(tables: dict[str, Any]) -> None:
    arguments: dict[str, Any] = {"seasons": (), "episodes": (), "characters": (), "people": (), "castings": ()}
    with pytest.raises(fd.ArgumentTypeError):
        fd.Dataset("0.0.1", **(arguments | tables))


def test_dataset_version_must_be_text() -> None:
    with pytest.raises(fd.ArgumentTypeError):
        fd.Dataset(1, seasons=(), episodes=(), characters=(), people=(), castings=())  # type: ignore[arg-type]


def test_cast_for_orders_main_first() -> None:
    cast = FIRST.cast_for(1)
    ranks = [{fd.Billing.MAIN: 0, fd.Billing.RECURRING: 1, fd.Billing.GUEST: 2, None: 3}[c.billing] for c in cast]
    assert ranks == sorted(ranks)
    assert (cast[0].actor.name, cast[0].part) == ("Joel Kinnaman", "Ed Baldwin")
    assert FIRST.cast_for(FIRST.season(1)) == cast
    assert FIRST.cast_for(2) == ()
    assert FIRST.cast_for(1, include_disputed=True) == cast
    with pytest.raises(fd.ArgumentTypeError, match="include_disputed must be a bool"):
        FIRST.cast_for(1, include_disputed=1)  # type: ignore[arg-type]
    with pytest.raises(fd.NotFoundError):
        FIRST.cast_for(6)


def test_roles_and_actors() -> None:
    (role,) = FIRST.roles_of("Joel Kinnaman")
    assert role.character is not None
    assert role.character.id == "ed-baldwin"
    assert FIRST.roles_of(role.actor) == (role,)
    assert [c.actor.id for c in FIRST.actors_of("ed-baldwin")] == ["joel-kinnaman"]
    with pytest.raises(fd.NotFoundError):
        FIRST.roles_of("Nobody Atall")


def test_age_in_without_birth_data_says_so() -> None:
    with pytest.raises(fd.UnknownFactError):
        FIRST.age_in("ed-baldwin", 1969)


NEWEST = fd.load()


@pytest.mark.parametrize("surname", ["Baldwin", "baldwin", "Stevens", "Poletov", "Dale"])
def test_a_shared_surname_is_ambiguous(surname: str) -> None:
    bearers = {
        c.id
        for c in NEWEST.characters
        if any(name.split()[-1].casefold() == surname.casefold() for name in (c.name, *c.aliases) if " " in name)
    }
    assert len(bearers) > 1
    with pytest.raises(fd.AmbiguousNameError) as caught:
        NEWEST.character(surname)
    assert set(caught.value.candidates) == bearers


def test_a_shared_surname_is_ambiguous_even_where_the_data_makes_it_an_alias() -> None:
    assert "Baldwin" in NEWEST.character("ed-baldwin").aliases
    with pytest.raises(fd.AmbiguousNameError, match="karen-baldwin"):
        fd.character("Baldwin")


def test_suggestions_consider_surnames() -> None:
    stevenses = sorted(c.name for c in NEWEST.characters if c.name.endswith(" Stevens"))
    assert len(stevenses) >= 4
    with pytest.raises(fd.NotFoundError) as caught:
        NEWEST.character("Stevns")
    assert all(repr(name) in str(caught.value) for name in stevenses)
    with pytest.raises(fd.NotFoundError, match="did you mean 'Joel Kinnaman'"):
        NEWEST.person("Kinnaman")  # a unique surname is no alias, but it is suggested


def test_not_found_says_what_else_the_name_is() -> None:
    with pytest.raises(fd.NotFoundError, match="Joel Kinnaman is a cast member, who plays Ed Baldwin"):
        NEWEST.character("joel kinnaman")
    with pytest.raises(fd.NotFoundError, match="Ed Baldwin is a character, played by Joel Kinnaman"):
        NEWEST.person("Ed Baldwin")
    with pytest.raises(fd.NotFoundError, match=r"^no character 'qqqq'; it is not the id, name or alias of any of the"):
        NEWEST.character("qqqq")


def test_surname_of_names() -> None:
    from famk_data._names import surname

    assert surname('Edward "Ed" Baldwin') == "baldwin"
    assert surname("Albert Arnold Gore Jr.") == "gore"
    assert surname("Buzz") is None


def test_indexes_are_built_on_first_use() -> None:
    data = fd.load()
    fresh = fd.Dataset(data.version, **{table: getattr(data, table) for table in RECORD_TYPES})
    assert fresh.cast_for(5) == data.cast_for(5)
    assert not hasattr(fresh, "nope")
    index = fresh._index
    with pytest.raises(AttributeError, match="'Indexes' object has no attribute 'nope'"):
        _ = index.nope  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        object.__getattribute__(index, "by_name")  # not built by cast_for
    assert fresh.character("Ed Baldwin") is data.character("ed-baldwin")
    assert object.__getattribute__(index, "by_exact_name")


def test_a_dataset_and_its_views_never_change() -> None:
    full = fd.load()
    view = full.as_of("S02E05")
    before = (full.version, full.people, view.episodes, repr(full), repr(view))
    attempts: list[Callable[[], object]] = [
        lambda: setattr(fd.load(), "version", "x"),
        lambda: delattr(full, "people"),
        lambda: setattr(view, "episodes", full.episodes),
        lambda: setattr(full, "_index", None),
        lambda: delattr(view, "_root"),
        lambda: setattr(full, "brand_new", 1),
    ]
    for attempt in attempts:
        with pytest.raises(fd.FrozenDatasetError) as info:
            attempt()
        assert isinstance(info.value, fd.FamkDataError)
        assert isinstance(info.value, AttributeError)
    assert (full.version, full.people, view.episodes, repr(full), repr(view)) == before
    assert view.cast_for(1) == full.as_of("S02E05").cast_for(1)
