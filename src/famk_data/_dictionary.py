"""The data dictionary, read from the record types' docstrings.

A record type documents each of its fields in its docstring's ``Attributes:`` section. The
documentation's data dictionary and the SQLite export's Datasette metadata both read them
from here, so a table or column is described in one place: the class that defines it.
"""

from __future__ import annotations

import inspect
import re
from typing import Final

__all__ = ["attribute_docs", "description", "plain_text"]

_SECTION: Final = re.compile(r"^(\w[\w ]*):\s*$")
_ENTRY: Final = re.compile(r"^(\w+):\s*(.*)$")
_ROLE: Final = re.compile(r":\w+:`~?(?:famk_data\.)?([^`<]+?)(?:\s*<[^>]*>)?`")


def _docstring(obj: object) -> str:
    return inspect.cleandoc(getattr(obj, "__doc__", None) or "")


def description(cls: type) -> str:
    """The docstring's text before its first section (``Attributes:``, ``Examples:``...)."""
    lines: list[str] = []
    for line in _docstring(cls).splitlines():
        if _SECTION.match(line):
            break
        lines.append(line)
    return "\n".join(lines).strip()


def attribute_docs(cls: type) -> dict[str, str] | None:
    """The entries of the docstring's ``Attributes:`` section, or ``None`` if it has none.

    Examples:
        >>> from famk_data import YearSpan
        >>> attribute_docs(YearSpan)["end"]
        'The last year, or ``None`` when it is unknown.'
    """
    lines = _docstring(cls).splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Attributes:")
    except StopIteration:
        return None
    entries: dict[str, str] = {}
    current: str | None = None
    for line in lines[start + 1 :]:
        if line.strip() and not line.startswith(" "):
            break  # the next section
        text = line.strip()
        entry = _ENTRY.match(text) if line.startswith("    ") and not line.startswith("     ") else None
        if entry:
            current = entry[1]
            entries[current] = entry[2]
        elif text and current is not None:
            entries[current] += " " + text
    return entries


def plain_text(text: str) -> str:
    """Docstring markup as plain text: roles become their target's name, literals lose their backticks.

    Examples:
        >>> plain_text("The :class:`Person` playing the part, or ``None``.")
        'The Person playing the part, or None.'
        >>> plain_text(":attr:`CastingStatus.DISPUTED <famk_data.CastingStatus.DISPUTED>`")
        'CastingStatus.DISPUTED'
    """
    return " ".join(_ROLE.sub(r"\1", text).replace("``", "").split())
