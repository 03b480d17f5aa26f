from __future__ import annotations

import pytest

import famk_data as fd


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
