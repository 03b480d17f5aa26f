"""Building the SQLite export: the tables planned in ``_sqlite.py``, their full-text indexes, and the views.

The views answer the questions everyone asks first, in SQL. Each reads the export's tables
only; a character's first and last credited episode come from columns the library computed
(``characters.first_credited``, ``characters.last_credited``), so SQL agrees with Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._sqlite import schema

if TYPE_CHECKING:
    import sqlite3

    from ._sqlite import Dataset

__all__ = ["VIEWS", "build"]

_EPISODE = {
    "episode_code": "The episode's code, such as S02E05.",
    "episode_title": "The episode's title; NULL if no source gives it.",
}
_PART = {
    "actor": "The cast member's name as credited.",
    "character": "The character's name; NULL when no source names the part.",
    "version": "The age version of a character the show recasts by age, or NULL.",
}
_IDS = {
    "actor_id": "The cast member's id (people.id).",
    "character_id": "The character's id (characters.id), or NULL.",
}

#: The SQL views: name -> (what it shows, its SELECT, its columns' descriptions). Rows come in
#: the tables' order (rowid), which is the dataset's canonical order.
VIEWS: Final[dict[str, tuple[str, str, dict[str, str]]]] = {
    "episode_credits": (
        (
            "Who is credited in each episode: episode, actor, character, credit order and how much of the "
            "episode's cast is known (cast_coverage)."
        ),
        """
        SELECT upper(episodes.id) AS episode_code, episodes.title AS episode_title,
               people.name AS actor, characters.name AS character, castings.version,
               appearances.credit_order, episodes.cast_coverage,
               episodes.id AS episode_id, people.id AS actor_id, characters.id AS character_id
        FROM appearances
        JOIN episodes ON episodes.id = appearances.episode
        JOIN castings ON castings.key = appearances.casting
        JOIN people ON people.id = castings.actor
        LEFT JOIN characters ON characters.id = castings.character
        ORDER BY appearances.rowid
        """,
        {
            **_EPISODE,
            **_PART,
            "credit_order": "Position in the episode's credits, from 1; NULL where the page read gives no order.",
            "cast_coverage": "How much of the episode's cast is known: complete, partial, or NULL (unknown).",
            "episode_id": "The episode's id (episodes.id).",
            **_IDS,
        },
    ),
    "season_casts": (
        (
            "Each season's cast: main cast first, each billing in credit order, with how each casting is known "
            "(status; disputed castings are listed too, marked disputed)."
        ),
        """
        SELECT castings.season, castings.billing, castings.credit_order, people.name AS actor,
               characters.name AS character, castings.version, castings.status,
               castings.key AS casting_key, people.id AS actor_id, characters.id AS character_id
        FROM castings
        JOIN people ON people.id = castings.actor
        LEFT JOIN characters ON characters.id = castings.character
        ORDER BY castings.rowid
        """,
        {
            "season": "The season number.",
            "billing": "main, recurring or guest; NULL when no source says.",
            "credit_order": "Position in the season's credits (main cast first), from 1.",
            **_PART,
            "status": "How the casting is known: credited, announced or disputed; NULL when not recorded.",
            "casting_key": "The casting's key (castings.key).",
            **_IDS,
        },
    ),
    "character_appearances": (
        (
            "Each character's first and last credited episode (NULL when the known casts cannot tell, as in "
            "famk_data's first_appearance and last_appearance) and how many episodes are known to credit them."
        ),
        """
        SELECT characters.id AS character_id, characters.name AS character,
               upper(characters.first_credited) AS first_episode, first.title AS first_episode_title,
               upper(characters.last_credited) AS last_episode, last.title AS last_episode_title,
               (SELECT count(DISTINCT appearances.episode) FROM appearances
                JOIN castings ON castings.key = appearances.casting
                WHERE castings.character = characters.id) AS credited_episodes
        FROM characters
        LEFT JOIN episodes AS first ON first.id = characters.first_credited
        LEFT JOIN episodes AS last ON last.id = characters.last_credited
        ORDER BY characters.rowid
        """,
        {
            "character_id": "The character's id (characters.id).",
            "character": "The character's name.",
            "first_episode": "The code of the first episode crediting the character, or NULL when unsure.",
            "first_episode_title": "Its title.",
            "last_episode": "The code of the last episode crediting the character, or NULL when unsure.",
            "last_episode_title": "Its title.",
            "credited_episodes": "How many episodes the data knows to credit the character (a lower bound "
            "where casts are partly known).",
        },
    ),
}


def build(connection: sqlite3.Connection, dataset: Dataset) -> None:
    """Create and fill every table, full-text index and view of ``dataset`` on an empty database.

    Raises:
        FamkDataError: a reference does not resolve (``PRAGMA foreign_key_check`` finds a row).
    """
    from .exceptions import FamkDataError

    with connection:
        for table in schema():
            connection.execute(table.create())
            connection.executemany(table.insert(), table.rows(dataset))
            if table.search:
                names = ", ".join(f"[{name}]" for name in table.search)
                connection.execute(
                    f"CREATE VIRTUAL TABLE [{table.name}_fts] USING FTS5 ({names}, content=[{table.name}])"
                )
                connection.execute(
                    f"INSERT INTO [{table.name}_fts] (rowid, {names}) SELECT rowid, {names} FROM [{table.name}]"  # noqa: S608 - our names
                )
        for name, (_, select, _) in VIEWS.items():
            connection.execute(f"CREATE VIEW {name} AS {select.strip()}")
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise FamkDataError(f"the export has dangling references, first in table {broken[0][0]!r}")
