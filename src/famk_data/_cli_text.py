"""Text layout shared by the ``famk-data`` commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["aligned"]


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """``rows`` under ``header`` as a table of left-aligned columns, with a rule under the header.

    Examples:
        >>> print(aligned(["episode", "title"], [["S01E01", "Red Moon"]]))
        episode  title
        -------  --------
        S01E01   Red Moon
    """
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [list(header), ["-" * w for w in widths], *rows]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)).rstrip() for line in lines)
