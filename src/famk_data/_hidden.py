"""What a spoiler-safe view says it holds back: errors that tell hidden from unknown.

A view (see :mod:`._views`) answers like the full data, except where it hides something:
then it says so, as of its episode, rather than that the data lacks it. A season or an
episode a viewer has not reached raises :class:`~famk_data.HiddenError`; a fact the full
data knows but the view holds back, :class:`~famk_data.HiddenFactError`. A character or
person a view does not show raises a :class:`~famk_data.NotFoundError` worded alike
whether it is hidden or does not exist, so the error cannot say who appears later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .exceptions import FamkDataError, HiddenError, HiddenFactError, NotFoundError, UnknownFactError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._episodes import Episode
    from ._models import Character
    from ._protocols import Queries

__all__ = ["age_in_view", "view_error"]

_T = TypeVar("_T")
_PLURAL = {"character": "characters", "person": "people"}


def view_error(error: NotFoundError, view: Queries, full: Queries) -> NotFoundError:
    """The error ``view`` raises instead of ``error``, which its own indexes raised."""
    episode = _episode(view)
    if error.kind in _PLURAL:
        hint = f"{error.hint} (a view as of {episode.code} knows only the {_PLURAL[error.kind]} seen by then)"
        return NotFoundError(error.kind, error.key, hint)
    key = error.key
    try:
        if error.kind == "season" and isinstance(key, int):
            what = f"Season {full.season(key).number}"
        else:
            what = full.episode(str(key)).code
    except NotFoundError as full_error:
        return full_error  # not in the full data either: its own error, which counts every episode
    return HiddenError(error.kind, key, episode.code, f"{what} comes after it")


def age_in_view(  # noqa: PLR0913 - the view, the full data, their answers, and the question
    view: Queries,
    full: Queries,
    asks: tuple[Callable[[str | Character, int], _T], Callable[[str | Character, int], _T]],
    character: str | Character,
    year: int,
    *,
    latest: int,
) -> _T:
    """The view's age of ``character`` in ``year`` (``asks``: the view's and the full data's ``age_in``).

    Says what the view hides where the full data answers. ``latest`` is the latest
    in-universe year the viewer has seen: a later year is hidden.
    """
    episode = _episode(view)
    if type(year) is int and year > latest:
        view.character(character)  # an unknown character is still a NotFoundError
        raise HiddenFactError(
            f"a viewer as of {episode} has not reached {year}: the latest in-universe year they have seen is {latest}",
            episode.code,
        )
    try:
        return asks[0](character, year)
    except UnknownFactError as error:
        try:
            asks[1](character, year)
        except FamkDataError:
            raise error from None  # the full data does not know either
        shown, known = view.character(character), full.character(character)
        if shown.born is None and known.born is not None:
            message = f"when {shown.name} was born is hidden as of {episode}: the data has it from later episodes"
        else:
            message = f"{error}, as far as a viewer as of {episode} knows: the rest is hidden"
        raise HiddenFactError(message, episode.code) from None


def _episode(view: Queries) -> Episode:
    episode = view.as_of_episode
    if episode is None:  # pragma: no cover - only views call these
        raise TypeError("not a view")
    return episode
