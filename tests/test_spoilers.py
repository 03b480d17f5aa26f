"""What a string reveals to a viewer: codes, names, and the plain words that point past them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import famk_data as fd
from famk_data._spoilers import Scanner, mentions_of
from famk_data._values import Source

FULL = fd.load()
MENTIONS = mentions_of(FULL)
SEASONS = {s.number: s for s in FULL.seasons}
#: The latest in-universe year each season's own episodes reach (S2 flashes forward to 1995).
LAST_YEAR = {s.number: s.years.end for s in FULL.seasons if s.years and s.years.end}


def scanner(season: int, episode: int, latest_year: int = 1969) -> Scanner:
    return Scanner(MENTIONS, (season, episode), (), latest_year)


@pytest.mark.parametrize(
    ("text", "record_season", "leaks_at", "safe_at"),
    [
        # The four strings: a bare finale, a season's finale, a span of a season's years.
        ("Episode 1 is set in 2003, episode 5 opens on 2 July 2003 and the finale jumps to 2012", 4, (4, 9), (4, 10)),
        ("Cult of Mac: For All Mankind season 3 finale recap", 3, (3, 9), (3, 10)),
        ("The Mary Sue (S4 finale article) pairs two names", 4, (4, 9), (4, 10)),
        ("AppleInsider: Ronald D Moore (ten episodes covering 1969 to 1974)", 1, (1, 9), (1, 10)),
        # Other spellings of the same words.
        ("Gizmodo AU: today's season two finale", 2, (2, 9), (2, 10)),
        ("Collider: Season 4 ending explained", 4, (4, 9), (4, 10)),
        ("https://example.com/for-all-mankind-season-3-finale-recap/", 1, (3, 9), (3, 10)),
        ("the fourth season finale", 1, (4, 9), (4, 10)),
        ("a review of the penultimate episode", 2, (2, 9), (2, 10)),
        ("Randy Surles: For All Mankind E5 analysis", 3, (3, 4), (3, 5)),
        ("Credited as 'Young Shane' in s01e03-e05", 1, (1, 4), (1, 5)),
        ("the same pair as in ep. 7", 2, (2, 6), (2, 7)),
        ("fans of episodes 1, 2, 7 and 8", 2, (2, 7), (2, 8)),
        ("NikNak's blog: For All Mankind Series 3 Episode 3 review", 1, (3, 2), (3, 3)),
        ("a story picked up next season", 2, (2, 10), (3, 0)),
        ("the finale", None, (5, 9), (5, 10)),  # a record of no season: the last
        ("Space.com: season 4 episode 6 review ('the 2003 of For All Mankind')", 4, (4, 5), (4, 6)),
    ],
)
def test_words_that_point_past_the_viewer(
    text: str, record_season: int | None, leaks_at: tuple[int, int], safe_at: tuple[int, int]
) -> None:
    assert scanner(*leaks_at, latest_year=2012).leaks(text, record_season)
    assert not scanner(*safe_at, latest_year=2012).leaks(text, record_season)


@pytest.mark.parametrize(
    "text",
    [
        "TV Series Finale: season one premiere date",  # a site's name
        "HITC: first three episodes Friday 1 Nov, weekly after, ten episodes, finale Friday 20 Dec 2019",
        "The Cinemaholic: season 1 released 1 Nov 2019 with three episodes; episode 10 on 20 Dec 2019",
        "Telltale TV: ten episodes, June 10 premiere, weekly Fridays, finale August 12",
        "Engadget: season will include 10 hour-long episodes",
        "IMDb: 'For All Mankind' Red Moon (TV Episode 2019) user reviews",  # a year, not an episode
        "Variety (2018-08-15): Apple casts its leads",  # a year after the data's in-universe years
    ],
)
def test_release_schedules_and_real_world_dates_point_nowhere(text: str) -> None:
    assert not scanner(1, 1).leaks(text, 1)


def test_field_names_are_not_words() -> None:
    source = Source(url="https://example.com/a", episode=None, title="A schedule", supports=("premiere", "finale"))
    assert not scanner(1, 1).item_leaks(source, 1)
    assert scanner(1, 1).item_leaks(Source("https://example.com/finale", None, "A schedule", ("premiere",)), 1)


def test_a_season_followed_by_a_year_is_not_that_year_as_a_season() -> None:
    url = "https://www.tvinsider.com/1109269/for-all-mankind-season-4-2003-joel-kinnaman/"
    assert MENTIONS.of(url).time == (4, 0)
    assert not scanner(4, 1, latest_year=2003).leaks(url, 4)


def test_a_cast_members_years_are_of_the_real_world() -> None:
    note = "No birth date found; a 2015 profile puts his birth in 1977 or 1978."
    assert scanner(1, 5).leaks(note, 1)
    assert not scanner(1, 5).leaks(note, 1, story=False)


@given(
    viewer=st.tuples(st.integers(1, 5), st.integers(1, 10)),
    season=st.integers(1, 5),
    number=st.integers(1, 10),
    spelling=st.sampled_from(["episode {n}", "Episode {n}", "ep. {n}", "E{n:02d}", "E{n}", "eps {n}"]),
)
def test_a_bare_episode_number_is_one_of_the_records_season(
    viewer: tuple[int, int], season: int, number: int, spelling: str
) -> None:
    text = f"a note on {spelling.format(n=number)} of this season"
    assert scanner(*viewer, latest_year=2012).leaks(text, season) is ((season, number) > viewer)


@given(
    viewer=st.tuples(st.integers(1, 5), st.integers(1, 10)),
    season=st.integers(1, 5),
    own=st.integers(1, 5),
    spelling=st.sampled_from(["Season {s} finale", "season-{s}-finale", "S{s} finale", "season {s} ending"]),
)
def test_a_seasons_finale_is_its_last_episode(viewer: tuple[int, int], season: int, own: int, spelling: str) -> None:
    text = f"Recap: {spelling.format(s=season)}"
    finale = (season, SEASONS[season].episode_count or 99)
    assert scanner(*viewer, latest_year=2012).leaks(text, own) is (finale > viewer)


@given(
    viewer=st.tuples(st.integers(1, 5), st.integers(1, 10)),
    latest=st.integers(1969, 2012),
    year=st.integers(1900, 2030),
)
def test_an_in_universe_year_the_viewer_has_not_reached(viewer: tuple[int, int], latest: int, year: int) -> None:
    in_universe = 1969 <= year <= max(LAST_YEAR.values())
    assert scanner(*viewer, latest_year=latest).leaks(f"by {year}, things had changed", 1) is (
        in_universe and year > latest
    )
    assert not scanner(*viewer, latest_year=latest).leaks(f"by {year}, things had changed", 1, story=False)
