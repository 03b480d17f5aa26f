"""The events table: PartialDate, the Event record, and the queries of _events.py (on events made here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import famk_data as fd
from famk_data._tables import CANONICAL_ORDER
from tests.strategies import partial_dates

BASE = fd.load("0.5.1")  # tables without events, to which the tests add their own
URL = "https://example.org/recap"


def make_event(
    event_id: str,
    when: fd.PartialDate | None,
    *,
    episode: str | None = None,
    characters: tuple[str, ...] = (),
    category: fd.EventCategory = fd.EventCategory.SPACE,
    divergence: fd.Divergence = fd.Divergence.DIVERGES,
    summary: str = "Something happens in the show's world.",
) -> fd.Event:
    real = divergence is not fd.Divergence.NONE
    return fd.Event(
        id=event_id,
        summary=summary,
        when=when,
        episode=None if episode is None else BASE.episode(episode),
        category=category,
        characters=tuple(BASE.character(c) for c in characters),
        real_history="What really happened." if real else None,
        real_when=fd.PartialDate(1980, 1980) if real else None,
        divergence=divergence,
        sources=(fd.Source(URL, None, None, fd.Event.FACT_FIELDS),),
        notes=(),
    )


EVENTS = (
    make_event("soviet-first-moon-landing", fd.PartialDate(1969, 1969, 6, 26), episode="s01e01"),
    make_event("apollo-1-fire", fd.PartialDate(1967, 1967, 1, 27), divergence=fd.Divergence.MATCHES),
    make_event("base-built", fd.PartialDate(1972, 1974), episode="s01e08", characters=("ed-baldwin",)),
    make_event("set-in-season-one", fd.PartialDate(1973, 1973), category=fd.EventCategory.POLITICS),
    make_event("straddles-two-seasons", fd.PartialDate(1974, 1983)),
    make_event(
        "standoff",
        fd.PartialDate(1983, 1983, 12),
        episode="s02e10",
        characters=("ed-baldwin", "danielle-poole"),
        category=fd.EventCategory.POLITICS,
    ),
    make_event("a-private-life", fd.PartialDate(1983, 1983), episode="s02e01", divergence=fd.Divergence.NONE),
    make_event("undated", None, episode="s02e02", category=fd.EventCategory.CULTURE),
)


def with_events(events: tuple[fd.Event, ...] = EVENTS) -> fd.Dataset:
    tables = {table: getattr(BASE, table) for table in ("seasons", "episodes", "characters", "people", "castings")}
    return fd.Dataset(BASE.version, **tables, appearances=BASE.appearances, events=events)


DATA = with_events()


def ids(events: tuple[fd.Event, ...]) -> list[str]:
    return [e.id for e in events]


# -- PartialDate and Birth -------------------------------------------------------------------


def test_partial_date_reads_as_its_precision() -> None:
    assert (str(fd.PartialDate(1969, 1969, 6, 26)), fd.PartialDate(1969, 1969, 6, 26).precision) == (
        "1969-06-26",
        fd.Precision.DATE,
    )
    assert fd.PartialDate(1969, 1969, 6, 26).date == dt.date(1969, 6, 26)
    assert (str(fd.PartialDate(1983, 1983, 12)), fd.PartialDate(1983, 1983, 12).precision) == (
        "1983-12",
        fd.Precision.MONTH,
    )
    assert fd.PartialDate(1983, 1983, 12).date is None
    assert (str(fd.PartialDate(1983, 1983)), fd.PartialDate(1983, 1983).precision) == ("1983", fd.Precision.YEAR)
    assert (str(fd.PartialDate(1994, 1995)), fd.PartialDate(1994, 1995).precision) == ("1994–1995", fd.Precision.YEARS)


@pytest.mark.parametrize(
    ("earliest", "latest", "month", "day", "message"),
    [
        (1995, 1994, None, None, "earliest_year is after latest_year"),
        (1994, 1995, 3, None, "a month needs earliest_year == latest_year"),
        (1983, 1983, None, 5, "a day needs a month"),
        (1983, 1983, 2, 30, "day is out of range"),
        (1983, 1983, 13, None, "month must be in 1..12"),
    ],
)
def test_impossible_partial_dates_are_refused(
    earliest: int, latest: int, month: int | None, day: int | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        fd.PartialDate(earliest, latest, month, day)


@given(partial_dates(), st.integers(1850, 2150))
def test_a_year_is_in_a_date_exactly_within_its_years(date: fd.PartialDate, year: int) -> None:
    assert (year in date) == (date.earliest_year <= year <= date.latest_year)
    assert True not in date
    assert "1983" not in date


def test_birth_shares_the_behaviour_and_keeps_its_stored_form() -> None:
    born = fd.Birth(earliest_year=1932, latest_year=1932, date=dt.date(1932, 5, 1))
    assert (born.month, born.day, str(born), 1932 in born, 1933 in born) == (5, 1, "1932-05-01", True, False)
    ranged = fd.Birth(earliest_year=1929, latest_year=1933, date=None)
    assert (ranged.month, ranged.day, ranged.precision) == (None, None, fd.Precision.YEARS)
    assert [f.name for f in attrs.fields(fd.Birth)] == ["earliest_year", "latest_year", "date"]


# -- the Event record --------------------------------------------------------------------------


def test_an_event_prints_short() -> None:
    text = repr(EVENTS[0])
    assert text.startswith("<Event soviet-first-moon-landing: 1969-06-26, diverges: Something")
    assert str(EVENTS[0]) == "1969-06-26: Something happens in the show's world."
    assert repr(make_event("x", fd.PartialDate(1983, 1983), summary="y" * 400)).__len__() <= 300


def test_no_counterpart_means_no_real_history_and_the_reverse() -> None:
    with pytest.raises(ValueError, match="no real counterpart"):
        attrs.evolve(EVENTS[-2], real_history="It happened.")
    with pytest.raises(ValueError, match="no real counterpart"):
        attrs.evolve(EVENTS[-2], real_when=fd.PartialDate(1983, 1983))
    with pytest.raises(ValueError, match="needs its real_history"):
        attrs.evolve(EVENTS[0], real_history=None, real_when=None)
    attrs.evolve(EVENTS[0], real_when=None)  # a counterpart no source dates


def test_an_event_cites_its_facts_and_names_a_character_once() -> None:
    with pytest.raises(ValueError, match="no source states and no derivation gives summary"):
        attrs.evolve(EVENTS[0], sources=(fd.Source(URL, None, None, ("when",)),))
    with pytest.raises(ValueError, match="names a character twice"):
        attrs.evolve(EVENTS[2], characters=(BASE.character("ed-baldwin"),) * 2)
    with pytest.raises(ValueError, match="not a lowercase-hyphenated id"):
        attrs.evolve(EVENTS[0], id="Soviet Landing")


# -- order and the queries ---------------------------------------------------------------------


def test_events_are_in_chronological_order_undated_last() -> None:
    assert ids(DATA.events) == [
        "apollo-1-fire",
        "soviet-first-moon-landing",
        "base-built",
        "set-in-season-one",
        "straddles-two-seasons",
        "a-private-life",
        "standoff",
        "undated",
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(partial_dates(), min_size=1, max_size=12), st.integers(1890, 2115))
def test_events_in_a_year_are_those_that_can_fall_in_it(dates: list[fd.PartialDate], year: int) -> None:
    events = tuple(make_event(f"event-{n}", date) for n, date in enumerate(dates))
    data = with_events(events)
    keys = [CANONICAL_ORDER["events"](e) for e in data.events]
    assert keys == sorted(keys)
    found = data.events_in(year)
    assert all(e.when is not None and e.when.earliest_year <= year <= e.when.latest_year for e in found)
    assert {e.id for e in found} == {e.id for e in events if e.when is not None and year in e.when}
    assert list(found) == [e for e in data.events if e in found]  # chronological too


def test_event_by_id_or_record_with_hints() -> None:
    assert DATA.event("standoff") is DATA.events[6]
    assert DATA.event(EVENTS[0]) is DATA.event("soviet-first-moon-landing")
    assert DATA.event("STANDOFF").id == "standoff"
    with pytest.raises(fd.NotFoundError, match="did you mean 'soviet-first-moon-landing'") as caught:
        DATA.event("soviet-moon-landing")
    assert isinstance(caught.value, LookupError)
    with pytest.raises(fd.NotFoundError, match=r"famk_data\.events lists all 8"):
        DATA.event("zzzzzzzz")
    with pytest.raises(fd.NotFoundError, match=r"starts with data 0\.6\.0"):
        BASE.event("soviet-first-moon-landing")
    with pytest.raises(fd.ArgumentTypeError):
        DATA.event(1969)  # type: ignore[arg-type]


def test_events_in_a_season_are_its_episodes_and_undated_ones_within_its_years() -> None:
    assert ids(DATA.events_in(season=1)) == ["soviet-first-moon-landing", "base-built", "set-in-season-one"]
    assert DATA.events_in(BASE.season(1)) == DATA.events_in(season=1)
    # The 1974–1983 event of no episode lies in no single season's years; Season 2 spans 1983–1995.
    assert ids(DATA.events_in(season=2)) == ["a-private-life", "standoff", "undated"]
    assert DATA.events_in(season=5) == ()


def test_events_in_an_episode() -> None:
    assert ids(DATA.events_in("S02E10")) == ["standoff"]
    assert DATA.events_in(BASE.episode("s02e10")) == DATA.events_in("2x10")
    assert DATA.events_in("s03e01") == ()


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((), {}, fd.ArgumentValueError, "give one of"),
        ((1983,), {"season": 2}, fd.ArgumentValueError, "give one of"),
        ((1983.0,), {}, fd.ArgumentTypeError, "not float"),
        ((True,), {}, fd.ArgumentTypeError, "not bool"),
        ((), {"season": "2"}, fd.ArgumentTypeError, "season must be an int"),
        ((), {"season": 9}, fd.NotFoundError, "seasons are 1–5"),
        (("S09E01",), {}, fd.NotFoundError, "season"),
        (("the moon",), {}, fd.ArgumentValueError, "not an episode code"),
    ],
)
def test_events_in_refuses_what_it_cannot_read(
    args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        DATA.events_in(*args, **kwargs)


def test_events_of_a_character_or_the_person_who_plays_them() -> None:
    assert ids(DATA.events_of("ed-baldwin")) == ["base-built", "standoff"]
    assert ids(DATA.events_of("Danielle Poole")) == ["standoff"]
    actor = BASE.actors_of("danielle-poole")[0].actor
    assert DATA.events_of(actor) == DATA.events_of(actor.name) == DATA.events_of("danielle-poole")
    assert DATA.events_of("Molly Cobb") == ()
    with pytest.raises(fd.NotFoundError):
        DATA.events_of("Nobody At All")


def test_divergences_by_category() -> None:
    assert ids(DATA.divergences()) == [
        "soviet-first-moon-landing",
        "base-built",
        "set-in-season-one",
        "straddles-two-seasons",
        "standoff",
        "undated",
    ]
    assert ids(DATA.divergences("politics")) == ["set-in-season-one", "standoff"]
    assert DATA.divergences(fd.EventCategory.POLITICS) == DATA.divergences(" Politics ")
    assert DATA.divergences("disaster") == ()
    with pytest.raises(fd.ArgumentValueError, match="categories are space, politics, technology, culture, real-person"):
        DATA.divergences("war")
    with pytest.raises(fd.ArgumentTypeError):
        DATA.divergences(3)  # type: ignore[arg-type]


def test_the_module_shortcuts_ask_the_newest_data() -> None:
    newest = fd.load()
    assert fd.events == newest.events
    assert fd.divergences() == newest.divergences()
    assert fd.events_in(1983) == newest.events_in(1983)
    assert fd.events_of("ed-baldwin") == newest.events_of("ed-baldwin")
    if newest.events:
        assert fd.event(newest.events[0].id) is newest.events[0]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            partial_dates(),
            st.none() | st.sampled_from([e.id for e in BASE.episodes]),
            st.lists(st.sampled_from([c.id for c in BASE.characters[:40]]), unique=True, max_size=3),
            st.sampled_from(list(fd.EventCategory)),
            st.sampled_from(list(fd.Divergence)),
        ),
        max_size=6,
    )
)
def test_events_round_trip_through_the_data_file(drawn: list[Any]) -> None:
    import json

    from famk_data._converter import References, decode_records, encode_table

    events = tuple(
        make_event(f"e-{n}", date, episode=episode, characters=tuple(characters), category=category, divergence=kind)
        for n, (date, episode, characters, category, kind) in enumerate(drawn)
    )
    records = json.loads(encode_table("events", BASE.version, events))["events"]
    token = References.current.set(
        {"episodes": {e.id: e for e in BASE.episodes}, "characters": {c.id: c for c in BASE.characters}}
    )
    try:
        assert decode_records(fd.Event, records) == events
    finally:
        References.current.reset(token)
