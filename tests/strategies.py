"""Hypothesis strategies for valid records."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

import famk_data as fd

slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
texts = st.text(string.ascii_letters + string.digits + " '-.", min_size=1, max_size=20).map(str.strip).filter(bool)
episode_ids = st.builds(lambda s, e: f"s{s:02d}e{e:02d}", st.integers(1, 99), st.integers(1, 99))
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
notes = st.tuples(*[st.builds(fd.Note, field=st.none(), text=texts)] * 1) | st.just(())
ids = st.builds(
    fd.ExternalIds,
    imdb=st.none() | st.from_regex(r"tt\d{7,8}", fullmatch=True),
    tvmaze=st.none() | st.integers(1, 10**6),
    wikidata=st.none() | st.from_regex(r"Q[1-9]\d{0,6}", fullmatch=True),
)


def sources(record_type: Any) -> st.SearchStrategy[tuple[fd.Source, ...]]:
    """One source that supports every fact field, plus optionally an episode citation."""
    full = st.builds(
        fd.Source,
        url=st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9/]{0,20}", fullmatch=True),
        episode=st.none() | episode_ids,
        title=st.none() | texts,
        supports=st.just(record_type.FACT_FIELDS),
    )
    return st.tuples(full)


def derivations(record_type: Any) -> st.SearchStrategy[tuple[fd.Derivation, ...]]:
    """No derivation, or one for a fact field, derived from an episode."""
    derived = st.builds(
        fd.Derivation,
        field=st.sampled_from(record_type.FACT_FIELDS),
        rule=texts,
        inputs=st.tuples(episode_ids),
    )
    return st.just(()) | st.tuples(derived)


@st.composite
def births(draw: st.DrawFn) -> fd.Birth:
    earliest = draw(st.integers(1800, 2100))  # the plausible years end at 2200
    latest = draw(st.integers(earliest, earliest + 5))
    date = None
    if earliest == latest and draw(st.booleans()):
        date = draw(st.dates(dt.date(earliest, 1, 1), dt.date(earliest, 12, 31)))
    return fd.Birth(earliest_year=earliest, latest_year=latest, date=date)


@st.composite
def characters(draw: st.DrawFn) -> fd.Character:
    born = draw(st.none() | births())
    died = None
    if draw(st.booleans()):
        low = born.earliest_year if born else 1800
        died = fd.Death(year=draw(st.none() | st.integers(low, 2200)), episode=draw(st.none() | episode_ids))
    return fd.Character(
        id=draw(slugs),
        name=draw(texts),
        aliases=draw(st.lists(texts, max_size=3).map(tuple)),
        real_person=draw(st.none() | st.booleans()),
        born=born,
        died=died,
        ids=draw(ids),
        sources=draw(sources(fd.Character)),
        notes=draw(notes),
        derivations=draw(derivations(fd.Character)),
    )


people = st.builds(
    fd.Person,
    id=slugs,
    name=texts,
    born=st.none() | dates,
    ids=ids,
    sources=sources(fd.Person),
    notes=notes,
    derivations=derivations(fd.Person),
)


@st.composite
def seasons(draw: st.DrawFn) -> fd.Season:
    premiere = draw(dates)
    finale = draw(st.none() | st.dates(premiere, dt.date(2100, 12, 31)))
    start = draw(st.integers(1900, 2100))
    years = draw(st.none() | st.builds(fd.YearSpan, st.just(start), st.none() | st.integers(start, 2200)))
    return fd.Season(
        number=draw(st.integers(1, 20)),
        premiere=premiere,
        finale=finale,
        episode_count=draw(st.integers(1, 30)),
        years=years,
        sources=draw(sources(fd.Season)),
        notes=draw(notes),
        derivations=draw(derivations(fd.Season)),
    )


@st.composite
def episodes(draw: st.DrawFn) -> fd.Episode:
    season, number = draw(st.integers(1, 99)), draw(st.integers(1, 99))
    release = draw(st.none() | dates)
    return fd.Episode(
        id=f"s{season:02d}e{number:02d}",
        season=season,
        number=number,
        overall=draw(st.integers(1, 10_000)),
        title=draw(st.none() | texts),
        release_date=release,
        directors=draw(st.none() | st.lists(texts, max_size=3).map(tuple)),
        writers=draw(
            st.none()
            | st.lists(st.builds(fd.WritingCredit, name=texts, role=st.sampled_from(fd.WritingRole)), max_size=3).map(
                tuple
            )
        ),
        runtime_minutes=draw(st.none() | st.integers(1, 300)),
        years=draw(
            st.none() | st.sets(st.integers(1900, 2100), min_size=1, max_size=3).map(lambda s: tuple(sorted(s)))
        ),
        ids=draw(ids),
        sources=draw(sources(fd.Episode)),
        notes=draw(notes),
        derivations=draw(derivations(fd.Episode)),
    )


@st.composite
def castings(draw: st.DrawFn) -> fd.Casting:
    return fd.Casting(
        actor=draw(people),
        character=draw(st.none() | characters()),
        season=draw(st.integers(1, 20)),
        billing=draw(st.none() | st.sampled_from(fd.Billing)),
        order=draw(st.integers(1, 100)),
        version=draw(st.none() | texts),
        sources=draw(sources(fd.Casting)),
        notes=draw(notes),
        derivations=draw(derivations(fd.Casting)),
        status=draw(st.none() | st.sampled_from(fd.CastingStatus)),
    )


@st.composite
def partial_dates(draw: st.DrawFn) -> fd.PartialDate:
    """A range of years, a year, a month or a day."""
    earliest = draw(st.integers(1900, 2100))
    latest = draw(st.integers(earliest, earliest + 12))
    if earliest != latest or draw(st.booleans()):
        return fd.PartialDate(earliest, latest)
    date = draw(st.dates(dt.date(earliest, 1, 1), dt.date(earliest, 12, 31)))
    return fd.PartialDate(earliest, latest, date.month, draw(st.sampled_from([None, date.day])))
