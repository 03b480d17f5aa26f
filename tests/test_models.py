from __future__ import annotations

import datetime as dt
import string
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import famk_data as fd
from famk_data._timeline import record_age_in

if sys.version_info >= (3, 11):
    from typing import assert_type
else:  # Python 3.10: the check is mypy's; at run time it only passes the value on

    def assert_type(value: Any, _: Any) -> Any:
        return value


from .conftest import one_of_each_class
from .strategies import births

SOURCE = fd.Source(url="https://example.org/a", episode=None, title=None, supports=("name",))


def make_character(born: fd.Birth | None, died: fd.Death | None = None) -> fd.Character:
    supports = ("name",) + (("born",) if born else ()) + (("died",) if died else ())
    return fd.Character(
        id="test-person",
        name="Test Person",
        aliases=(),
        real_person=False,
        born=born,
        died=died,
        ids=fd.ExternalIds(imdb=None, tvmaze=None, wikidata=None),
        sources=(attrs.evolve(SOURCE, supports=supports),),
        notes=(),
    )


def test_records_are_frozen_and_slotted() -> None:
    character = make_character(None)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        character.name = "Other"  # type: ignore[misc]
    assert not hasattr(character, "__dict__")


def test_birth_precision_and_str() -> None:
    assert fd.Birth(earliest_year=1932, latest_year=1932, date=dt.date(1932, 5, 1)).precision is fd.Precision.DATE
    assert str(fd.Birth(earliest_year=1932, latest_year=1932, date=None)) == "1932"
    assert fd.Birth(earliest_year=1931, latest_year=1933, date=None).precision is fd.Precision.YEARS


@pytest.mark.parametrize(
    ("earliest", "latest", "date"),
    [(1933, 1931, None), (1931, 1932, dt.date(1931, 1, 1)), (1930, 1930, dt.date(1931, 1, 1))],
)
def test_birth_rejects_impossible(earliest: int, latest: int, date: dt.date | None) -> None:
    with pytest.raises(ValueError):
        fd.Birth(earliest_year=earliest, latest_year=latest, date=date)


def test_age_exact_and_range() -> None:
    # Dead in 2100: the record alone establishes life from the birth to the death.
    far = fd.Death(year=2100, episode=None)
    exact = make_character(fd.Birth(earliest_year=1932, latest_year=1932, date=None), far)
    assert record_age_in(exact, 1969) == fd.Age(37, 37)
    ranged = make_character(fd.Birth(earliest_year=1931, latest_year=1933, date=None), far)
    assert record_age_in(ranged, 2012) == fd.Age(79, 81)
    assert record_age_in(ranged, 1933) == fd.Age(0, 2)


def test_age_errors() -> None:
    born = fd.Birth(earliest_year=1940, latest_year=1940, date=None)
    dead = make_character(born, fd.Death(year=1983, episode="s02e10"))
    with pytest.raises(fd.ArgumentValueError, match="not born yet"):
        record_age_in(dead, 1939)
    with pytest.raises(fd.ArgumentValueError, match="died in 1983"):
        record_age_in(dead, 1984)
    assert record_age_in(dead, 1983) == fd.Age(43, 43)
    with pytest.raises(fd.UnknownFactError, match="does not know"):
        record_age_in(make_character(None), 2000)
    for bad in (True, 1969.0, "1969", None):
        with pytest.raises(fd.ArgumentTypeError):
            record_age_in(dead, bad)  # type: ignore[arg-type]


def test_age_on_the_record_alone_needs_evidence_of_life() -> None:
    born = fd.Birth(earliest_year=1931, latest_year=1933, date=None)
    with pytest.raises(fd.UnknownFactError, match="may not be born yet in 1932") as info:
        record_age_in(make_character(born, fd.Death(year=1983, episode=None)), 1932)
    assert not isinstance(info.value, fd.ArgumentValueError)
    # Not known to die, or dying in a year no source gives: nothing on the record shows
    # the character alive after the birth, and the error points at the dataset's age_in.
    for died in (None, fd.Death(year=None, episode="s04e05")):
        with pytest.raises(fd.UnknownFactError, match=r"not established alive in 1950.*Dataset\.age_in"):
            record_age_in(make_character(born, died), 1950)


@given(births(), st.integers(0, 45), st.integers(0, 45))
def test_age_is_monotonic_with_width_of_precision(birth: fd.Birth, offset: int, step: int) -> None:
    # Dying in the last plausible year (2200), so the record shows the character alive throughout.
    character = make_character(birth, fd.Death(year=2200, episode=None))
    year = birth.latest_year + offset
    age = record_age_in(character, year)
    assert age.high - age.low == birth.latest_year - birth.earliest_year
    later = record_age_in(character, year + step)
    assert (later.low - age.low, later.high - age.high) == (step, step)


def test_character_age_in_is_deprecated_and_weighs_the_record_alone() -> None:
    born = fd.Birth(earliest_year=1940, latest_year=1940, date=None)
    character = make_character(born, fd.Death(year=1983, episode=None))
    with pytest.warns(DeprecationWarning, match=r"Character\.age_in.*0\.7\.0.*Dataset\.age_in.*famk_data\.age_in"):
        assert character.age_in(1969) == record_age_in(character, 1969) == fd.Age(29, 29)
    ed = fd.character("Ed Baldwin")
    with pytest.warns(DeprecationWarning, match="deprecated"), pytest.raises(fd.UnknownFactError):
        ed.age_in(2012)
    assert fd.age_in("Ed Baldwin", 2012) == fd.Age(79, 83)


def test_source_needs_url_or_episode_and_known_fields() -> None:
    with pytest.raises(ValueError, match="url or an episode"):
        fd.Source(url=None, episode=None, title=None, supports=("name",))
    with pytest.raises(ValueError, match="unknown field"):
        make_character(None).__class__(
            **{
                **attrs.asdict(make_character(None), recurse=False),
                "sources": (attrs.evolve(SOURCE, supports=("bogus",)),),
            }
        )


def test_every_fact_needs_a_source() -> None:
    with pytest.raises(ValueError, match="no source states and no derivation gives born"):
        attrs.evolve(make_character(None), born=fd.Birth(earliest_year=1901, latest_year=1901, date=None))


def test_a_derivation_makes_a_fact_known() -> None:
    born = fd.Birth(earliest_year=1931, latest_year=1932, date=None)
    rule = "Stated to be 37 in 1969: born 1969 - 37 - 1 to 1969 - 37."
    derived = fd.Derivation(field="born", rule=rule, inputs=("s01e01", "https://example.org/age"))
    character = attrs.evolve(make_character(None), born=born, derivations=(derived,))
    assert character.born == born
    assert character.derivations[0].inputs == ("s01e01", "https://example.org/age")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"field": "height", "rule": "r", "inputs": ("s01e01",)}, "unknown field 'height'"),
        ({"field": "born", "rule": "r", "inputs": ()}, "at least one record id or source URL"),
        ({"field": "born", "rule": "r", "inputs": ("not an id!",)}, "neither a URL nor a record id"),
        ({"field": "born", "rule": " ", "inputs": ("s01e01",)}, "rule must be non-empty"),
    ],
)
def test_bad_derivations_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        attrs.evolve(make_character(None), derivations=(fd.Derivation(**kwargs),))


def test_a_record_cites_something() -> None:
    with pytest.raises(ValueError, match="at least one source or derivation"):
        attrs.evolve(make_character(None), name="X", sources=())


def test_episode_id_must_match_numbers() -> None:
    episode_source = fd.Source(url="https://example.org/", episode=None, title=None, supports=("title",))
    with pytest.raises(ValueError, match="does not match"):
        fd.Episode(
            id="s01e02",
            season=1,
            number=3,
            overall=3,
            title="X",
            release_date=None,
            directors=None,
            writers=None,
            runtime_minutes=None,
            years=None,
            ids=fd.ExternalIds(imdb=None, tvmaze=None, wikidata=None),
            sources=(episode_source,),
            notes=(),
        )


def test_year_span() -> None:
    span = fd.YearSpan(2012, None)
    assert 2040 in span
    assert 2011 not in span
    assert True not in fd.YearSpan(1800, 1805)
    assert str(fd.YearSpan(1983, 1983)) == "1983"
    with pytest.raises(ValueError):
        fd.YearSpan(2000, 1999)


def test_age_str() -> None:
    assert str(fd.Age(79, 81)) == "79–81"
    with pytest.raises(ValueError):
        fd.Age(5, 4)


def make_casting(
    character: fd.Character | None, status: fd.CastingStatus | None, version: str | None = None
) -> fd.Casting:
    actor = fd.Person(
        id="test-actor",
        name="Test Actor",
        born=None,
        ids=fd.ExternalIds(imdb=None, tvmaze=None, wikidata=None),
        sources=(SOURCE,),
        notes=(),
    )
    supports = ("actor", "billing") + (("character",) if character else ()) + (("status",) if status else ())
    return fd.Casting(
        actor=actor,
        character=character,
        season=5,
        billing=fd.Billing.MAIN,
        order=1,
        version=version,
        sources=(attrs.evolve(SOURCE, supports=supports + (("version",) if version else ())),),
        notes=(),
        status=status,
    )


def test_casting_with_a_part_no_source_names() -> None:
    casting = make_casting(None, fd.CastingStatus.ANNOUNCED)
    assert_type(casting.character, fd.Character | None)
    assert_type(casting.status, fd.CastingStatus | None)
    assert_type(fd.cast_for(5, include_disputed=True), tuple[fd.Casting, ...])
    assert casting.character is None
    assert casting.key == "s5/actor:test-actor"
    assert str(casting) == "Test Actor (part not named)"
    assert casting.part == "part not named"
    assert not casting.disputed
    # The key can be an input of a derivation, like any other casting key.
    assert fd.Derivation(field="status", rule="r", inputs=(casting.key,)).inputs == ("s5/actor:test-actor",)


def test_a_named_part_keeps_its_key_and_text() -> None:
    casting = make_casting(make_character(None), fd.CastingStatus.DISPUTED, version="adult")
    assert casting.key == "s5/test-person/adult"
    assert (str(casting), casting.part) == ("Test Actor as Test Person (adult)", "Test Person (adult)")
    assert casting.disputed


def test_casting_status_is_a_fact_that_needs_a_source() -> None:
    casting = make_casting(None, None)
    assert casting.status is None
    with pytest.raises(ValueError, match="no source states and no derivation gives status"):
        attrs.evolve(casting, status=fd.CastingStatus.CREDITED)
    assert [status.value for status in fd.CastingStatus] == ["credited", "announced", "disputed"]


# -- short reprs ---------------------------------------------------------------------------


def _values(value: object) -> list[object]:
    """``value`` and every attrs value inside it (sources, notes, births...), depth first."""
    if isinstance(value, tuple):
        return [found for item in value for found in _values(item)]
    cls = type(value)
    if not attrs.has(cls):
        return []
    return [value, *(found for field in attrs.fields(cls) for found in _values(getattr(value, field.name)))]


RELEASE_TOOL = Path(__file__).resolve().parent.parent / "tools" / "release.py"


def _longest(data: fd.Dataset) -> tuple[int, str]:
    from famk_data._tables import FORMAT_TABLES

    tables = FORMAT_TABLES[fd.metadata(data.version)["famk_data_format"]]
    return max((len(repr(value)), repr(value)) for table in tables for value in _values(getattr(data, table)))


@pytest.mark.parametrize("version", fd.available_versions())
def test_every_record_and_value_prints_short(version: str) -> None:
    length, longest = _longest(fd.load(version))
    assert length <= fd._values.MAX_REPR, longest


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_data_src_prints_short() -> None:
    """The next release's records too, as the release tool builds them from data-src/."""
    import json

    from famk_data._integrity import structure_tables

    from .conftest import release_tool

    files = release_tool().build("99.0.0")
    documents = {name: json.loads(data) for name, data in files.items() if name != "datapackage.json"}
    records = structure_tables("99.0.0", documents, "data-src")
    length, longest = max((len(repr(v)), repr(v)) for table in records.values() for v in _values(table))
    assert length <= fd._values.MAX_REPR, longest


def test_reprs_say_what_the_record_is() -> None:
    data = fd.load("0.4.0")
    assert repr(data.season(1)) == "<Season 1 (2019-11-01 – 2019-12-20)>"
    assert repr(data.episode("S01E01")) == "<Episode S01E01 'Red Moon' (2019-11-01)>"
    assert repr(data.character("ed-baldwin")) == "<Character ed-baldwin: Ed Baldwin>"
    assert repr(data.person("joel-kinnaman")) == "<Person joel-kinnaman: Joel Kinnaman>"
    assert repr(data.cast_for(1)[0]) == "<Casting s1/ed-baldwin: Joel Kinnaman as Ed Baldwin>"
    assert repr(data.episode("S05E05")) == "<Episode S05E05 (title unknown) (2026-04-24)>"
    assert len(repr(data.cast_for(1))) < 100 * len(data.cast_for(1))  # was 235,144 characters in all


def test_a_casting_without_a_part_or_disputed_prints_so() -> None:
    assert repr(make_casting(None, None)) == "<Casting s5/actor:test-actor: Test Actor (part not named)>"
    disputed = make_casting(make_character(None), fd.CastingStatus.DISPUTED, version="adult")
    assert repr(disputed) == "<Casting s5/test-person/adult: Test Actor as Test Person (adult) (disputed)>"


def test_unknown_values_print_as_unknown() -> None:
    cited = attrs.evolve(SOURCE, supports=("premiere", "episode_count"))
    season = fd.Season(9, dt.date(2030, 1, 1), None, 10, None, (cited,), ())
    assert (repr(season), str(season)) == ("<Season 9 (2030-01-01 – ?)>", "Season 9 (2030)")
    undated = attrs.evolve(fd.load("0.4.0").episode("S01E01"), release_date=None)
    assert repr(undated) == "<Episode S01E01 'Red Moon' (release date unknown)>"


long_texts = st.text(string.ascii_letters + " ", min_size=1, max_size=2000).map(str.strip).filter(bool)


@given(long_texts, long_texts)
def test_long_texts_are_cut(text: str, other: str) -> None:
    values = [
        fd.Source("https://example.org/" + text.replace(" ", "-"), None, other, tuple(text.split()) or ("x",)),
        fd.Note(text.replace(" ", "_"), other),
        fd.Derivation(text, other, ("https://example.org/" + other.replace(" ", "-"),) * 50),
        fd.WritingCredit(text, fd.WritingRole.STORY_BY),
        fd.Person("p", text, None, fd.ExternalIds(None, None, None), (SOURCE,), ()),
    ]
    for value in values:
        assert len(repr(value)) <= fd._values.MAX_REPR
        assert repr(value).endswith(">" if not isinstance(value, fd.WritingCredit) else ")")


ONE_OF_EACH = one_of_each_class()


def _class_name(cls: object) -> str:
    return str(getattr(cls, "__name__", cls))


@pytest.mark.parametrize("cls", sorted(ONE_OF_EACH, key=_class_name), ids=_class_name)
def test_a_wrong_type_in_any_field_is_a_library_type_error(cls: type) -> None:
    # Every field's type is checked before any field's own validator, which may assume it.
    instance = ONE_OF_EACH[cls]
    for field in attrs.fields(cls):
        with pytest.raises(fd.ArgumentTypeError, match=rf"^{cls.__name__}\.{field.name} must be "):
            attrs.evolve(instance, **{field.alias: object()})
    assert attrs.evolve(instance) == instance


def test_every_record_and_value_class_is_type_checked() -> None:
    assert {cls.__name__ for cls in ONE_OF_EACH} >= {
        "Age",
        "Appearance",
        "Birth",
        "Casting",
        "Character",
        "Death",
        "Derivation",
        "Dispute",
        "DisputedValue",
        "Episode",
        "Event",
        "ExternalIds",
        "Note",
        "PartialDate",
        "Person",
        "Season",
        "Source",
        "WritingCredit",
        "YearSpan",
    }
