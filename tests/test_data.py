"""Data integrity: the tables agree with each other and every fact is cited, in every version."""

from __future__ import annotations

import collections

import pytest

import famk_data as fd
from famk_data._versions import parse_version

VERSIONS = fd.available_versions()


@pytest.fixture(params=VERSIONS)
def data(request: pytest.FixtureRequest) -> fd.Dataset:
    return fd.load(request.param)


def test_ids_are_unique(data: fd.Dataset) -> None:
    for records in (data.episodes, data.characters, data.people):
        ids = [r.id for r in records]
        assert len(ids) == len(set(ids))
    assert len({c.key for c in data.castings}) == len(data.castings)
    assert len({e.overall for e in data.episodes}) == len(data.episodes)


def test_references_resolve(data: fd.Dataset) -> None:
    for casting in data.castings:
        assert data.person(casting.actor.id) is casting.actor
        if casting.character is not None:  # None: a part no source names
            assert data.character(casting.character.id) is casting.character
        assert data.season(casting.season)
    episode_ids = {e.id for e in data.episodes}
    for character in data.characters:
        if character.died and character.died.episode:
            assert character.died.episode in episode_ids


def test_episodes_fit_their_season(data: fd.Dataset) -> None:
    for season in data.seasons:
        episodes = data.episodes_in(season)
        assert len(episodes) <= season.episode_count
        dates = [e.release_date for e in episodes if e.release_date]
        assert dates == sorted(dates)
        for episode in episodes:
            if episode.release_date:
                assert season.premiere <= episode.release_date
                assert season.finale is None or episode.release_date <= season.finale
            if episode.years and season.years:
                assert all(year in season.years for year in episode.years)


def test_every_known_fact_is_stated_or_derived(data: fd.Dataset) -> None:
    from famk_data._tables import TABLES

    for table in TABLES:
        for record in getattr(data, table, ()):
            known = {field for source in record.sources for field in source.supports}
            known |= {derivation.field for derivation in record.derivations}
            for field in record.FACT_FIELDS:
                if getattr(record, field):
                    assert field in known, (record, field)


def test_each_season_with_castings_has_series_regulars(data: fd.Dataset) -> None:
    for season in data.seasons:
        cast = data.cast_for(season)
        if cast:
            assert cast[0].billing is fd.Billing.MAIN


def test_no_character_has_two_castings_of_one_version_in_a_season(data: fd.Dataset) -> None:
    counts = collections.Counter(c.key for c in data.castings)
    assert max(counts.values(), default=1) == 1


def test_births_and_deaths_are_well_formed(data: fd.Dataset) -> None:
    for character in data.characters:
        born, died = character.born, character.died
        if born:
            assert born.earliest_year <= born.latest_year
        if born and died and died.year is not None:
            assert died.year >= born.earliest_year


def test_release_dates_never_go_backwards(data: fd.Dataset) -> None:
    dated = [e.release_date for e in data.episodes if e.release_date]
    assert dated == sorted(dated)


def test_first_release_has_season_one() -> None:
    first = fd.load("0.1.0")
    assert len(first.episodes_in(1)) == 10
    assert [s.premiere.isoformat() for s in first.seasons][::4] == ["2019-11-01", "2026-03-27"]
    assert first.season(5).finale.isoformat() == "2026-05-29"  # type: ignore[union-attr]
    assert first.season(4).finale.isoformat() == "2024-01-12"  # type: ignore[union-attr]
    assert {c.actor.name for c in first.cast_for(1) if c.billing is fd.Billing.MAIN} == {
        "Joel Kinnaman",
        "Michael Dorman",
        "Sarah Jones",
        "Shantel VanSanten",
        "Jodi Balfour",
        "Wrenn Schmidt",
    }


EPISODES_FROM = "0.2.0"


@pytest.fixture(params=[v for v in VERSIONS if tuple(map(int, v.split("."))) >= (0, 2, 0)])
def complete(request: pytest.FixtureRequest) -> fd.Dataset:
    """Versions that hold every episode (0.2.0 onwards)."""
    return fd.load(request.param)


def test_fifty_episodes_ten_per_season(complete: fd.Dataset) -> None:
    assert [e.overall for e in complete.episodes] == list(range(1, 51))
    for season in complete.seasons:
        assert [e.number for e in complete.episodes_in(season)] == list(range(1, 11))


def test_titles_are_unique(complete: fd.Dataset) -> None:
    titles = [e.title for e in complete.episodes if e.title is not None]
    assert len(titles) == len(set(titles))


def test_seasons_one_to_four_are_fully_credited(complete: fd.Dataset) -> None:
    for episode in complete.episodes:
        if episode.season <= 4:
            assert all((episode.title, episode.release_date, episode.directors, episode.writers)), episode.id


def test_known_episodes(complete: fd.Dataset) -> None:
    assert complete.episode("S02E10").title == "The Grey"
    assert str(complete.episode("S04E03").release_date) == "2023-11-22"  # moved for Thanksgiving
    assert complete.episode("S04E10").years == (2003, 2012)
    finale = complete.episode("S05E10")
    assert str(finale.release_date) == "2026-05-29"
    # From 0.6.0 the premiere and finale dates, known only from the schedule announced before
    # the release, are derived from it like the eight Fridays between them.
    schedule_only = parse_version(complete.version) >= (0, 6, 0)
    assert finale.release_date_derived is schedule_only
    assert complete.episode("S05E01").release_date_derived is schedule_only
    assert all(e.release_date_derived for e in complete.episodes_in(5)[1:9])


@pytest.fixture
def current() -> fd.Dataset:
    """The newest version written in the current file format."""
    from famk_data._tables import FORMAT

    written = [v for v in VERSIONS if fd.metadata(v)["famk_data_format"] == FORMAT]
    if not written:
        pytest.skip(f"no data version in format {FORMAT} is released yet")
    return fd.load(written[-1])


def test_derived_values_say_how(current: fd.Dataset) -> None:
    episode = current.episode("S05E03")
    (derived,) = episode.derivations
    assert derived.field == "release_date"
    assert "Friday number 3" in derived.rule
    assert all(url.startswith("https://") for url in derived.inputs)
    assert not any("release_date" in source.supports for source in episode.sources)


def test_format_1_flags_are_read_as_derivations() -> None:
    old = fd.load("0.4.0").episode("S05E03")
    assert old.release_date_derived
    assert [d.field for d in old.derivations] == ["release_date"]


@pytest.fixture(params=[v for v in VERSIONS if tuple(map(int, v.split("."))) >= (0, 3, 0)])
def cast(request: pytest.FixtureRequest) -> fd.Dataset:
    """Versions that hold the cast of every season (0.3.0 onwards)."""
    return fd.load(request.param)


MAIN_CAST = {
    1: {"ed-baldwin", "gordo-stevens", "tracy-stevens", "karen-baldwin", "ellen-wilson", "margo-madison"},
    5: {
        "ed-baldwin",
        "margo-madison",
        "miles-dale",
        "dev-ayesa",
        "kelly-baldwin",
        "aleida-rosales",
        "celia-boyd",
        "alex-poletov",
        "lily-dale",
        "aj-jarrett",
    },
}


def test_every_season_has_its_series_regulars(cast: fd.Dataset) -> None:
    for season in cast.seasons:
        regulars = [c for c in cast.cast_for(season) if c.billing is fd.Billing.MAIN]
        assert len(regulars) >= 6, season.number
        assert cast.cast_for(season)[: len(regulars)] == tuple(regulars)
    for number, expected in MAIN_CAST.items():
        main = [c for c in cast.cast_for(number) if c.billing is fd.Billing.MAIN]
        assert {c.character.id for c in main if c.character} == expected


def test_recasts_by_age_are_separate_castings(cast: fd.Dataset) -> None:
    alex = {(c.season, c.actor.name, c.version) for c in cast.actors_of("alex-poletov")}
    assert (5, "Sean Kaufman", "adult") in alex
    assert (4, "Ezrah Lin", "child") in alex
    assert {c.actor.name for c in cast.actors_of("Danny Stevens")} >= {"Casey W. Johnson", "Mason Thames"}


def _matches(data: fd.Dataset, key: str) -> tuple[str, ...]:
    try:
        return (data.character(key).id,)
    except fd.AmbiguousNameError as error:
        return error.candidates


def test_every_alias_finds_its_character(cast: fd.Dataset) -> None:
    for character in cast.characters:
        assert cast.character(character.id) is character
        for key in (character.name, *character.aliases):
            assert character.id in _matches(cast, key), key


def test_age_in_answers_for_every_dated_character(cast: fd.Dataset) -> None:
    dated = [c for c in cast.characters if c.born is not None]
    assert len(dated) >= 5
    for character in dated:
        assert character.born is not None
        age = cast.age_in(character, character.born.latest_year)
        assert age.high - age.low == character.born.latest_year - character.born.earliest_year
        if character.died is not None and character.died.year is not None:
            assert character.died.year >= character.born.earliest_year


def test_ed_baldwin_in_2012_is_about_eighty(cast: fd.Dataset) -> None:
    age = cast.age_in("Ed Baldwin", 2012)
    assert 78 <= age.low <= age.high <= 84


@pytest.mark.parametrize("version", [v for v in VERSIONS if tuple(map(int, v.split("."))) >= (0, 4, 0)])
def test_false_is_a_sourced_fact_from_0_4_0(version: str) -> None:
    data = fd.load(version)
    for character in data.characters:
        if character.real_person is not None:
            stated = any("real_person" in s.supports for s in character.sources)
            assert stated or any(d.field == "real_person" for d in character.derivations), character.id
