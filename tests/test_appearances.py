"""Appearances: the queries, the integrity of the table and the release check, on data-src."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

import famk_data as fd

from .conftest import RELEASE_TOOL, release_tool

if TYPE_CHECKING:
    from types import ModuleType

pytestmark = pytest.mark.skipif(
    not RELEASE_TOOL.exists(), reason="data-src and the release tool live in the source checkout"
)


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return release_tool("famk_release_tool_appearances")


@pytest.fixture(scope="module")
def data(tool: Any, tmp_path_factory: pytest.TempPathFactory) -> fd.Dataset:
    """data-src, built and validated as a release would be, loaded from a directory."""
    target = tmp_path_factory.mktemp("data-src-build")
    for name, content in tool.build("0.0.0").items():
        (target / name).write_bytes(content)
    return fd.load(path=target)


def test_a_complete_episode_lists_its_cast_in_credit_order(data: fd.Dataset) -> None:
    episode = data.episode("S01E01")
    assert episode.cast_coverage is fd.CastCoverage.COMPLETE
    cast = data.appearances_in("S01E01")
    assert cast[0].key == "s1/ed-baldwin"
    orders = [a.order for a in data.appearances if a.episode is episode]
    assert orders == list(range(1, len(cast) + 1))
    assert data.appearances_in(episode) == data.appearances_in("1x01")


def test_every_appearance_is_of_the_episodes_season_and_unique(data: fd.Dataset) -> None:
    assert all(a.casting.season == a.episode.season for a in data.appearances)
    keys = [a.key for a in data.appearances]
    assert len(keys) == len(set(keys))


def test_unknown_coverage_means_nothing_known(data: fd.Dataset) -> None:
    for episode in data.episodes:
        assert bool(data.appearances_in(episode)) == (episode.cast_coverage is not None)
    assert data.episode("S05E01").cast_coverage is None


def test_episodes_of_a_character_a_person_or_a_name(data: fd.Dataset) -> None:
    molly = data.character("Molly Cobb")
    by_character = data.episodes_of(molly)
    assert by_character == data.episodes_of("Molly Cobb") == data.episodes_of("molly-cobb")
    assert data.episodes_of(data.person("Sonya Walger")) == by_character
    assert list(by_character) == sorted(by_character, key=lambda e: e.overall)
    assert all(molly in (c.character for c in data.appearances_in(e)) for e in by_character)


def test_a_name_of_a_character_and_a_person_is_ambiguous(data: fd.Dataset) -> None:
    with pytest.raises(fd.AmbiguousNameError, match="pass the Character or the Person"):
        data.episodes_of("Garrett Reisman")
    assert data.episodes_of(data.person("Garrett Reisman"))


def test_lookups_follow_the_usual_rules(data: fd.Dataset) -> None:
    with pytest.raises(fd.NotFoundError, match="no character or person"):
        data.episodes_of("Nobody At All")
    with pytest.raises(fd.ArgumentTypeError):
        data.episodes_of(5)  # type: ignore[arg-type]
    with pytest.raises(fd.ArgumentTypeError):
        data.appearances_in(5)  # type: ignore[arg-type]
    with pytest.raises(fd.NotFoundError):
        data.appearances_in("S09E01")
    with pytest.raises(fd.NotFoundError):
        data.first_appearance("Nobody At All")
    assert data.episodes_of("Celia Boyd") == ()  # a Season 5 part: no episode credits known


def test_first_and_last_appearance_answer_only_when_coverage_settles_it(data: fd.Dataset) -> None:
    for character in data.characters:
        known = data.episodes_of(character)
        first, last = data.first_appearance(character), data.last_appearance(character)
        assert first is None or first == known[0]
        assert last is None or last == known[-1]
        if first is not None:
            seasons = {c.season for c in data.actors_of(character)}
            earlier = [e for e in data.episodes if e.season in seasons and e.overall < first.overall]
            assert all(e.cast_coverage is fd.CastCoverage.COMPLETE for e in earlier)
    assert data.first_appearance("Molly Cobb") == data.episode("S01E03")
    assert data.last_appearance("Celia Boyd") is None


def test_older_versions_have_no_appearances() -> None:
    old = fd.load("0.4.0")
    assert old.appearances == ()
    assert old.appearances_in("S01E01") == ()
    assert old.first_appearance("Ed Baldwin") is None


def test_recurring_billing_is_derived_from_the_appearances(data: fd.Dataset) -> None:
    from famk_data._appearances import BILLING_RULE

    derived = [c for c in data.castings if any(d.field == "billing" for d in c.derivations)]
    assert derived
    for casting in derived:
        (derivation,) = (d for d in casting.derivations if d.field == "billing")
        assert derivation.rule == BILLING_RULE
        credited = [e.id for e in data.episodes if casting in data.appearances_in(e)]
        assert list(derivation.inputs) == credited
        expected = fd.Billing.RECURRING if len(credited) >= 2 else fd.Billing.GUEST
        assert casting.billing is expected


def _without(data: fd.Dataset, drop: Any) -> fd.Dataset:
    return fd.Dataset(
        data.version,
        seasons=data.seasons,
        episodes=data.episodes,
        characters=data.characters,
        people=data.people,
        castings=data.castings,
        appearances=[a for a in data.appearances if not drop(a)],
    )


def test_the_release_check_refuses_uncredited_regulars_and_stale_billing(tool: Any, data: fd.Dataset) -> None:
    tool._check_appearances(data)
    with pytest.raises(fd.DatasetError, match="series regulars"):
        tool._check_appearances(_without(data, lambda a: a.key == "s01e01/s1/ed-baldwin"))
    with pytest.raises(fd.DatasetError, match="credited in no episode"):
        tool._check_appearances(_without(data, lambda a: a.casting.key == "s1/deke-slayton"))
    recurring = next(
        c
        for c in data.castings
        if any(d.field == "billing" for d in c.derivations) and not any("billing" in s.supports for s in c.sources)
    )
    with pytest.raises(fd.DatasetError, match="billing rule"):
        tool._check_appearances(_without(data, lambda a: a.casting is recurring))


def test_an_appearance_of_another_seasons_casting_is_refused(data: fd.Dataset) -> None:
    with pytest.raises(ValueError, match="not of s02e01"):
        fd.Appearance(data.episode("S02E01"), data.cast_for(1)[0], 1, data.appearances[0].sources, ())


def test_repr_is_short(data: fd.Dataset) -> None:
    assert repr(data.appearances[0]) == "<Appearance s01e01/s1/ed-baldwin: Joel Kinnaman as Ed Baldwin, credited #1>"


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: fd.Dataset, *argv: str) -> str:
    from famk_data import _cli

    monkeypatch.setattr(_cli, "load", lambda _version: data)
    assert _cli.main(list(argv)) == 0
    return capsys.readouterr().out


def test_cli_appearances_says_the_coverage(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: fd.Dataset
) -> None:
    out = _cli(monkeypatch, capsys, data, "appearances", "S02E05")
    assert "partial" in out.splitlines()[1]
    assert "Sonya Walger" in out
    document = json.loads(_cli(monkeypatch, capsys, data, "appearances", "1x01", "--json"))["result"]
    assert document["cast_coverage"] == "complete"
    assert document["castings"][0]["credit_order"] == 1
    assert "unknown" in _cli(monkeypatch, capsys, data, "appearances", "S05E01")


def test_cli_episodes_of(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: fd.Dataset) -> None:
    out = _cli(monkeypatch, capsys, data, "episodes-of", "Molly Cobb")
    assert "S01E03" in out
    assert "there may be more" in out
    document = json.loads(_cli(monkeypatch, capsys, data, "--json", "episodes-of", "Molly Cobb"))
    assert document["result"][0] == {"episode": "s01e03", "title": "Nixon's Women", "cast_coverage": "complete"}
