"""The appearance queries of :class:`~famk_data.Dataset`: one-line delegations to :mod:`._appearances`.

A mixin, so the Dataset's own module stays a short façade; the rules live in
:mod:`._appearances` (and docs/data-dictionary.md, on how cast coverage is decided).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._episodes import Episode
    from ._indexes import Indexes
    from ._models import Casting, Character, Person
    from ._protocols import Queries

__all__ = ["AppearanceQueries"]


class AppearanceQueries:
    """Who is credited in which episode, as far as each episode's cast coverage goes."""

    __slots__ = ()

    _index: Indexes
    _root: Queries

    def appearances_in(self, episode: str | Episode) -> tuple[Casting, ...]:
        """The castings credited in an episode, in credit order where known.

        Only as much as the episode's :attr:`~Episode.cast_coverage` allows: all of them
        (``complete``), some (``partial``) or none known (``None``).

        Examples:
            >>> import famk_data
            >>> data = famk_data.load("0.4.0")  # before appearances were recorded
            >>> data.appearances_in("S01E01"), data.episode("S01E01").cast_coverage
            ((), None)
        """
        from ._appearances import appearances_in

        return appearances_in(self._index.data, self._index.appearances, episode)

    def episodes_of(self, character_or_person: str | Character | Person) -> tuple[Episode, ...]:
        """The episodes a character or a person is credited in, in order, as far as coverage goes.

        A name or id may name a character or a person; one that names both (a real person
        who plays themselves) raises :class:`~famk_data.AmbiguousNameError`: pass the
        :class:`Character` or :class:`Person` instead.
        """
        from ._appearances import episodes_of

        return episodes_of(self._index.data, self._index.appearances, character_or_person)

    def first_appearance(self, character: str | Character) -> Episode | None:
        """The first episode crediting a character, or ``None`` when coverage cannot tell.

        The earliest known appearance counts only when every earlier episode of the seasons
        the character is cast in has its complete credited cast in the data.
        """
        from ._appearances import first_appearance

        return first_appearance(self._index.data, self._index.appearances, character)

    def last_appearance(self, character: str | Character) -> Episode | None:
        """The last episode crediting a character, or ``None`` when coverage cannot tell.

        The latest known appearance counts only when every later episode of the seasons the
        character is cast in has its complete credited cast in the data.
        """
        from ._appearances import last_appearance

        return last_appearance(self._index.data, self._index.appearances, character, self._root.episodes[-1])
