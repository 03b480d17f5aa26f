"""The released events table: its depth, its references, and the point of divergence."""

from __future__ import annotations

import pytest

import famk_data as fd

DATA = fd.load()
pytestmark = pytest.mark.skipif(not DATA.events, reason="the newest data version has no events table")


def stated(event: fd.Event, field: str) -> bool:
    return any(field in source.supports for source in event.sources)


def test_sixty_events_of_seasons_one_to_four() -> None:
    shown = [e for e in DATA.events if e.episode is not None and e.episode.season <= 4]
    assert len(shown) >= 60


def test_forty_events_dated_by_a_source() -> None:
    assert sum(1 for e in DATA.events if e.when is not None and stated(e, "when")) >= 40


def test_fifty_events_with_a_cited_real_counterpart() -> None:
    assert sum(1 for e in DATA.events if e.real_history is not None and stated(e, "real_history")) >= 50


def test_the_point_of_divergence_is_in_it() -> None:
    landing = DATA.event("soviet-first-moon-landing")
    assert landing.divergence is fd.Divergence.DIVERGES
    assert landing.when is not None
    assert (landing.when.earliest_year, landing.when.latest_year) == (1969, 1969)
    assert landing.real_when is not None
    assert str(landing.real_when) == "1969-07-20"  # Apollo 11: the real first landing
    assert landing.episode is DATA.episode("S01E01")
    assert landing in DATA.events_in(1969)
    assert landing in DATA.divergences("space")


def test_every_event_refers_to_records_of_the_dataset() -> None:
    for event in DATA.events:
        assert all(character is DATA.character(character.id) for character in event.characters), event.id
        assert event.episode is None or event.episode is DATA.episode(event.episode.id), event.id


def test_every_category_and_kind_of_divergence_occurs() -> None:
    assert {e.category for e in DATA.events} == set(fd.EventCategory)
    assert {e.divergence for e in DATA.events} == set(fd.Divergence)


def test_each_of_seasons_one_to_four_shows_events() -> None:
    for number in range(1, 5):
        shown = [e for e in DATA.events_in(season=number) if e.episode is not None]
        assert len(shown) >= 5, number


def test_no_view_shows_an_event_before_its_episode() -> None:
    last = DATA.episodes[-1]
    shown_at_end = set()
    for episode in DATA.episodes:
        view = DATA.as_of(episode)
        at = (episode.season, episode.number)
        for shown in view.events:
            event = DATA.event(shown.id)  # a view may read the episode as unknown where its citation would spoil
            assert shown.episode is None or shown.episode.id == event.episode.id  # type: ignore[union-attr]
            if event.episode is None:
                assert episode.id == last.id, (episode.id, event.id)
            else:
                assert (event.episode.season, event.episode.number) <= at, (episode.id, event.id)
        if episode.id == last.id:
            shown_at_end = {e.id for e in view.events}
    # By the end every event is shown, unless a string of it reads as a spoiler to the scanner (a
    # NASA photo number "S78-25633" reads as a Season 78).
    assert len(shown_at_end) >= len(DATA.events) - 2
