"""The release tool refuses to touch released data, and versions follow the policy."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import itertools
import json
import shutil
from typing import TYPE_CHECKING

import pytest

import famk_data as fd
from famk_data import _load

from .conftest import RELEASE_TOOL, release_tool

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(("version", "message"), [("0.3.0", "already released"), ("0.2.9", "not newer")])
def test_release_refuses_released_or_older_versions(version: str, message: str) -> None:
    newest = fd.available_versions()[-1]
    if version == "0.3.0":
        version = newest
    with pytest.raises(SystemExit, match=message):
        release_tool().release(version)


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_release_rejects_a_malformed_version() -> None:
    with pytest.raises(fd.ArgumentValueError):
        release_tool().release("1.0")


def _level(old: str, new: str) -> str:
    a, b = (tuple(map(int, v.split("."))) for v in (old, new))
    return "major" if a[0] != b[0] else "minor" if a[1] != b[1] else "patch"


@pytest.mark.parametrize(("old", "new"), list(itertools.pairwise(fd.available_versions())))
def test_consecutive_versions_follow_the_policy(old: str, new: str) -> None:
    """Within a MAJOR no record disappears; a PATCH only corrects (adds nothing)."""
    changes = fd.diff(old, new)
    level = _level(old, new)
    if level != "major":
        assert not changes.removed(), [c.id for c in changes.removed()]
    if level == "patch":
        assert not changes.added(), [c.id for c in changes.added()]


def test_identifiers_are_never_reused_for_another_kind_of_record() -> None:
    seen: dict[str, str] = {}
    for version in fd.available_versions():
        data = fd.load(version)
        for table in ("episodes", "characters", "people"):
            for record in getattr(data, table):
                assert seen.setdefault(f"{table}:{record.id}", record.id) == record.id


def test_manifest_lists_every_shipped_version_once() -> None:
    releases = _load._releases()
    assert list(releases) == list(fd.available_versions())
    from famk_data._tables import FORMAT_TABLES

    for version, files in releases.items():
        tables = FORMAT_TABLES[fd.metadata(version)["famk_data_format"]]
        assert set(files) == {"datapackage.json", *(f"{t}.json" for t in tables)}


def test_lazy_names_match_the_modules() -> None:
    import famk_data

    lazy = set(famk_data.__all__) - set(famk_data.exceptions.__all__) - famk_data._COLLECTIONS - {"__version__"}
    shortcuts = importlib.import_module("famk_data._shortcuts").__all__
    assert set(famk_data._HOME) | set(shortcuts) == lazy
    assert not set(famk_data._HOME) & set(shortcuts)
    for module, names in famk_data._HOMES.items():
        assert list(names) == sorted(names)
        assert set(names) <= set(importlib.import_module(f"famk_data.{module}").__all__)
    for name in famk_data.__all__:
        assert getattr(famk_data, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = famk_data.nope


def test_dir_lists_the_public_names_only() -> None:
    import famk_data

    assert dir(famk_data) == sorted(famk_data.__all__)
    assert not {"Any", "TYPE_CHECKING", "annotations"} & set(dir(famk_data))


def _season(**changes: object) -> dict[str, object]:
    """A small synthetic season record in file format 2, valid until ``changes`` break it."""
    record: dict[str, object] = {
        "number": 1,
        "premiere": "2019-11-01",
        "finale": None,
        "episode_count": 10,
        "years": None,
        "sources": [{"url": "https://example.org/a", "episode": None, "title": "A", "supports": ["premiere"]}],
        "notes": [{"field": None, "text": "Premiered on Apple TV+ launch day."}],
        "derivations": [],
    }
    record.update(changes)
    return record


def _problems(record: dict[str, object], table: str = "seasons") -> list[tuple[str, str]]:
    tool = release_tool()
    return list(tool.provenance_problems(table, [record], frozenset({"copies.example"})))


def _source(url: str, supports: list[str]) -> dict[str, object]:
    return {"url": url, "episode": None, "title": "T", "supports": supports}


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_a_clean_record_passes() -> None:
    assert _problems(_season()) == []


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize("second", ["https://example.org/a", "http://www.example.org/a/", "https://example.org/a#top"])
def test_a_url_repeated_in_one_record_is_refused(second: str) -> None:
    sources = [_source("https://example.org/a", ["premiere"]), _source(second, ["finale"])]
    merge = "cites the page of sources[0] again; merge them into one source"
    assert _problems(_season(sources=sources)) == [("seasons[0].sources[1].url", merge)]


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://copies.example/page", True),
        ("https://www.copies.example/page", True),
        ("https://en.copies.example/page", True),
        ("http://192.0.2.7/news/page.html", True),
        ("http://[2001:db8::1]/page", True),
        ("https://notcopies.example/page", False),
        ("https://example.org/copies.example", False),
    ],
)
def test_copy_hosts_and_ip_addresses_are_refused(url: str, *, refused: bool) -> None:
    problems = _problems(_season(sources=[_source(url, ["premiere"])]))
    assert bool(problems) is refused
    assert all(path == "seasons[0].sources[0].url" for path, _ in problems)


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("See s5.md for the title leads.", "mentions a file"),
        ("The credit comes from billing.json.", "mentions a file"),
        ("Left null (brief rule 4).", "mentions how the data was made"),
        ("Rejected under rule 4.", "mentions how the data was made"),
        ("The surname comes from the research brief.", "mentions how the data was made"),
        ("Not re-read in this pass by the helper.", "mentions how the data was made"),
        ("I found no page after release.", "first person"),
        ("No page I read gives it.", "first person"),
        ("'adult' is our short word.", "first person"),
        ("We kept the earlier date.", "first person"),
    ],
)
def test_notes_for_users_only(text: str, why: str) -> None:
    (problem,) = _problems(_season(notes=[{"field": None, "text": text}]))
    assert problem[0] == "seasons[0].notes[0].text"
    assert why in problem[1]


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(
    "text",
    [
        "Can I Be Fierce For A Minute dates the cold open to February 1995.",
        "n2w.me gives a date; Us Weekly gives an age; a US Marine.",
        "The showrunner said 'we told her this is the end' in the interview.",
        "No page read states the billing; the rule is the dataset's own.",
    ],
)
def test_neutral_notes_pass(text: str) -> None:
    assert _problems(_season(notes=[{"field": None, "text": text}])) == []


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_supports_and_derivations_must_name_fields_of_the_record() -> None:
    derivation = {"field": "birthplace", "rule": "Counted.", "inputs": ["s01e01"]}
    record = _season(sources=[_source("https://example.org/a", ["premiere", "runtime"])], derivations=[derivation])
    assert [path for path, _ in _problems(record)] == [
        "seasons[0].sources[0].supports",
        "seasons[0].derivations[0].field",
    ]
    episode_field = {"field": "years", "rule": "From the season's setting.", "inputs": ["s01"]}
    assert _problems(_season(derivations=[episode_field])) == []


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_every_listed_copy_host_says_why(tmp_path: Path) -> None:
    tool = release_tool()
    hosts = tool.copy_hosts()
    assert "piglix.com" in hosts
    assert not any(host.startswith("www.") for host in hosts)
    bare = tmp_path / "hosts.txt"
    bare.write_text("# header\nexample.org   # a copy\nexample.net\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"example\.net needs a comment"):
        tool.copy_hosts(bare)


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_data_src_passes_the_release_check() -> None:
    release_tool().build("0.0.0")


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_the_unreleased_season_5_cast_tells_announced_from_disputed() -> None:
    import json

    from famk_data._integrity import structure_tables

    files = release_tool().build("99.0.0")
    documents = {name: json.loads(data) for name, data in files.items() if name != "datapackage.json"}
    data = fd.Dataset("99.0.0", **structure_tables("99.0.0", documents, "data-src"))
    cast = data.cast_for(5)
    ronin = next(c for c in cast if c.actor.id == "costa-ronin")
    assert (ronin.character, ronin.key, ronin.status) == (None, "s5/actor:costa-ronin", fd.CastingStatus.ANNOUNCED)
    regulars = [c for c in cast if c.billing is fd.Billing.MAIN]
    assert len(regulars) == 11
    assert all(c.status is fd.CastingStatus.ANNOUNCED for c in regulars)
    disputed = [c for c in data.cast_for(5, include_disputed=True) if c.disputed]
    assert sorted(c.actor.id for c in disputed) == [
        "daniel-stern",
        "krys-marshall",
        "svetlana-efremova",
        "tyner-rushing",
    ]
    assert not set(disputed) & set(cast)
    assert all(c.status is fd.CastingStatus.CREDITED for c in data.castings if c.season <= 4)


def test_releasing_packs_the_previously_newest_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A release on a copy of the data: the new version stays plain, the one before is packed."""
    tool = release_tool()
    data, recorded = tmp_path / "data", tmp_path / "released.sha256"
    shutil.copytree(tool.DATA, data)
    shutil.copyfile(tool.RECORDED, recorded)
    monkeypatch.setattr(tool, "DATA", data)
    monkeypatch.setattr(tool, "MANIFEST", data / "manifest.json")
    monkeypatch.setattr(tool, "RECORDED", recorded)
    previous = fd.available_versions()[-1]
    major, minor, _ = map(int, previous.split("."))
    new = f"{major}.{minor + 1}.0"

    tool.release(new)

    releases = json.loads((data / "manifest.json").read_text(encoding="utf-8"))["releases"]
    assert list(releases)[-2:] == [previous, new]
    for version, pinned in releases.items():
        stored = {node.name for node in (data / version).iterdir()}
        tables = {name for name in pinned if name != "datapackage.json"}
        packed = {f"{name}{_load.PACKED_SUFFIX}" for name in tables}
        assert stored == {"datapackage.json", *(tables if version == new else packed)}, version
        for name, digest in pinned.items():
            assert hashlib.sha256(_load.read_data(data / version, name, version)).hexdigest() == digest
    assert recorded.read_text(encoding="utf-8").endswith(f"  {new}/seasons.json\n")
    old = _load._load_directory(data / previous, previous, releases[previous])
    assert (old.episodes, old.castings) == (fd.load(previous).episodes, fd.load(previous).castings)
    assert _load._load_directory(data / new, new, releases[new]).version == new
    assert tool.pack_superseded(releases) == []  # nothing left to pack


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(
    "text",
    [
        "No second page naming them was found within the search budget.",
        "No Wikipedia page found in searchable material.",
        "Nothing turned up in the available corpora.",
        "The corpus holds no review of the episode.",
        "Two look-ups found nothing.",
        "No page in the stored material gives it.",
    ],
)
def test_notes_never_describe_the_search_tools(text: str) -> None:
    (problem,) = _problems(_season(notes=[{"field": None, "text": text}]))
    assert problem == ("seasons[0].notes[0].text", problem[1])
    assert "search tools" in problem[1]


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://news.labelcopy.example/a", True),
        ("https://labelcopy.net/a", True),
        ("https://notlabelcopy.net/a", False),
    ],
)
def test_a_copy_host_without_a_dot_refuses_every_domain_with_that_label(url: str, *, refused: bool) -> None:
    tool = release_tool()
    assert (tool.citation_problem(url, frozenset({"labelcopy"})) is not None) is refused


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_every_host_is_written_one_way() -> None:
    tool = release_tool()
    tables = {
        "seasons": [
            _season(sources=[_source("http://fictionbox.de/a", ["premiere"]), _source("https://x.org/b", ["finale"])]),
            _season(
                sources=[
                    _source("http://www.fictionbox.de/c", ["premiere"]),
                    _source("http://fictionbox.de/d", ["finale"]),
                ],
                derivations=[{"field": "finale", "rule": "Counted.", "inputs": ["s01", "https://www.fictionbox.de/e"]}],
            ),
        ]
    }
    assert tool.host_spellings(tables)["fictionbox.de"] == "fictionbox.de"
    assert [path for path, _ in tool.spelling_problems(tables)] == [
        "seasons[1].sources[0].url",
        "seasons[1].derivations[0].inputs[1]",
    ]
    tie_sources = [_source("https://www.a.example/1", ["premiere"]), _source("https://a.example/2", ["finale"])]
    tie = {"seasons": [_season(sources=tie_sources)]}
    assert tool.host_spellings(tie)["a.example"] == "a.example"


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_no_source_cites_a_listed_copy_host() -> None:
    tool = release_tool()
    denied = tool.copy_hosts()
    assert {"pressreader.com", "mactech.com", "yahoo.com", "visualfoodie"} <= denied
    for path in (tool.SOURCE).glob("*.json"):
        for record in json.loads(path.read_text(encoding="utf-8")):
            for source in record.get("sources") or []:
                assert tool.citation_problem(source["url"], denied) is None, (path.name, source["url"])


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
@pytest.mark.parametrize(
    ("titles", "refused"),
    [
        (["Sportskeeda: the season's release schedule"], True),
        (["TV Recaps & Reviews: 4.01 review (posted Fri 2023-11-10)", "9to5Mac: schedule"], True),
        (["Music City Drive-In: recap (URL dated 2022-06-24)"], True),
        (["For All Mankind Wiki: Season 3 (episode list with air dates)"], False),
        (["Sportskeeda: schedule", "fictionbox.de: 4x06 (worldwide release 15 December 2023)"], False),
    ],
)
def test_a_release_date_needs_a_page_that_gives_it(titles: list[str], *, refused: bool) -> None:
    sources = [_source(f"https://example.org/{n}", ["release_date"]) | {"title": t} for n, t in enumerate(titles)]
    episode: dict[str, object] = {"id": "s04e01", "sources": sources, "notes": [], "derivations": []}
    problems = _problems(episode, "episodes")
    assert bool(problems) is refused
    assert all(path == "episodes[0].sources" for path, _ in problems)


@pytest.mark.skipif(not RELEASE_TOOL.exists(), reason="the release tool lives in the source checkout")
def test_dispute_sources_and_reasons_follow_the_citation_and_note_rules() -> None:
    copy = {"url": "https://copies.example/a", "episode": None, "title": "T", "supports": ["premiere"]}
    dispute = {
        "field": "premiere",
        "values": [{"value": "a", "sources": [copy]}, {"value": "b", "sources": [_source("https://x.org/b", [])]}],
        "taken": "a",
        "why": "Decided within the search budget.",
    }
    assert [path for path, _ in _problems(_season(disputes=[dispute]))] == [
        "seasons[0].disputes[0].why",
        "seasons[0].disputes[0].values[0].sources[0].url",
    ]
