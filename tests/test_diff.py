from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import famk_data as fd

if TYPE_CHECKING:
    from collections.abc import Sequence


def test_first_two_versions() -> None:
    changes = fd.diff("0.1.0", "0.2.0")
    assert (changes.old, changes.new) == ("0.1.0", "0.2.0")
    assert len(changes.added("episodes")) == 40
    assert {c.id for c in changes.added()} == {f"s{s:02d}e{n:02d}" for s in range(2, 6) for n in range(1, 11)}
    assert not changes.removed()
    (changed,) = changes.changed()
    assert (changed.table, changed.id, [f.field for f in changed.fields]) == ("episodes", "s01e08", ["sources"])
    report = str(changes)
    assert report.splitlines()[0] == "data 0.1.0 -> 0.2.0: episodes 40 added, 1 changed"
    assert "+ https://m.imdb.com/title/tt9287940/" in report


def test_same_version_has_no_changes() -> None:
    changes = fd.diff("0.1.0", fd.load("0.1.0"))
    assert not changes
    assert changes.summary() == "no changes"


def test_reverse_diff_removes() -> None:
    changes = fd.diff("0.2.0", "0.1.0")
    assert len(changes.removed("episodes")) == 40
    assert not changes.added()


def test_new_defaults_to_newest() -> None:
    assert fd.diff("0.1.0").new == fd.available_versions()[-1]


@pytest.mark.parametrize(
    ("old", "error"), [(None, fd.ArgumentTypeError), ("nope", fd.ArgumentValueError), ("9", fd.NotFoundError)]
)
def test_bad_versions(old: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        fd.diff(old)  # type: ignore[arg-type]


def _source(url: str, supports: list[str], title: str = "T") -> dict[str, object]:
    return {"url": url, "episode": None, "title": title, "supports": supports}


def _report(old: Sequence[object], new: Sequence[object]) -> list[str]:
    change = fd.Change("castings", "s1/x", fd.ChangeKind.CHANGED, (fd.FieldChange("sources", old, new),))
    return str(fd.DataDiff("0.1.0", "0.2.0", (change,))).splitlines()[2:]


def test_a_changed_source_is_reported_as_the_change_it_is() -> None:
    old = [_source("https://a.example/", ["title", "billing"]), _source("https://b.example/", ["title"])]
    new = [_source("https://a.example/", ["title"]), _source("https://b.example/", ["title"], title="New")]
    assert _report(old, new) == [
        "    sources:",
        "      ~ https://a.example/: supports [title, billing] -> [title]",
        '      ~ https://b.example/: title "T" -> "New"',
    ]


def test_removed_and_added_sources_never_repeat_one_line() -> None:
    old = [_source("https://copy.example/p", ["name"])]
    new = [_source("https://original.example/p", ["name"]), _source("https://c.example/", ["name"])]
    lines = _report(old, new)
    assert lines == [
        "    sources:",
        "      - https://copy.example/p",
        "      + https://original.example/p",
        "      + https://c.example/",
    ]
    removed = {line[8:] for line in lines if line.startswith("      - ")}
    assert not removed & {line[8:] for line in lines if line.startswith("      + ")}


def test_notes_with_the_same_opening_are_paired() -> None:
    opening = "x" * 80
    old = [{"field": None, "text": opening + " old"}]
    new = [{"field": None, "text": opening + " new"}]
    (header, line) = _report(old, new)
    assert header == "    sources:"
    assert line.startswith("      ~ ")
    assert line.endswith('old" -> "…xxxxxxxxx new"')


@pytest.mark.parametrize("table", ["episode", "bogus", "credits", ""])
def test_a_table_that_is_not_one_raises_like_to_records(table: str) -> None:
    changes = fd.diff("0.1.0", "0.2.0")
    for query in (changes.added, changes.removed, changes.changed):
        with pytest.raises(fd.FamkDataError) as caught:
            query(table)  # type: ignore[arg-type]
        assert isinstance(caught.value, fd.NotFoundError if table else fd.ArgumentValueError)
    assert changes.added("episodes")
    assert changes.removed("people") == ()
