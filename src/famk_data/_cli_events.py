"""The commands of the alternate history: ``events``, ``event``, and the events of ``year``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._cli_text import aligned

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from ._dataset import Dataset
    from ._dates import PartialDate
    from ._event_record import Event

__all__ = ["register", "year_events"]

_SUMMARY_WIDTH = 90


def _cut(text: str, width: int = _SUMMARY_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _real(record: Event) -> str:
    """The real-history column: the real date, "same" for an event that matches, "-" for none."""
    if record.divergence.value == "none":
        return "-"
    if record.divergence.value == "matches":
        return "same"
    return "?" if record.real_when is None else str(record.real_when)


def _derived(record: Event, field: str) -> str:
    return "*" if any(d.field == field for d in record.derivations) else ""


def _rows(events: Sequence[Event]) -> list[list[str]]:
    return [
        [
            ("?" if e.when is None else str(e.when)) + _derived(e, "when"),
            "" if e.episode is None else e.episode.code,
            e.category.value,
            _real(e),
            _cut(e.summary),
        ]
        for e in events
    ]


_HEADER = ("in the show", "episode", "category", "for real", "event")
_LEGEND = "for real: the date of what really happened instead; same: it happened so for real too; -: no counterpart"
_DERIVED = "* the date is derived (from the episode's setting), not stated by a source"


def _json(record: Event) -> dict[str, Any]:
    from ._converter import unstructure

    document: dict[str, Any] = unstructure(record)
    return document


def _listing(events: Sequence[Event]) -> str:
    derived = any(_derived(e, "when") for e in events)
    return "\n".join([aligned(_HEADER, _rows(events)), _LEGEND, *([_DERIVED] if derived else [])])


def year_events(data: Dataset, year: int) -> tuple[list[dict[str, Any]], str]:
    """The events of ``year`` for the ``year`` command: JSON records, and a titled table (or a line).

    The text is empty for a data version without events (before 0.6.0).
    """
    if not data.events:
        return [], ""
    found = data.events_in(year)
    if not found:
        return [], f"No event of the show's history is known to fall in {year}."
    return [_json(e) for e in found], f"Events that can fall in {year} ({len(found)}):\n" + _listing(found)


def _events(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    from ._events import event_category

    found = data.events
    if args.year is not None:
        in_year = data.events_in(args.year)
        found = tuple(e for e in found if e in in_year)
    if args.season is not None:
        in_season = data.events_in(season=args.season)
        found = tuple(e for e in found if e in in_season)
    if args.category is not None:
        category = event_category(args.category)  # a bad one is an error that lists the valid ones
        found = tuple(e for e in found if e.category is category)
    text = _listing(found) if found else "No event matches."
    if data.as_of_episode is not None:
        text += f"\nas of {data.as_of_episode.code}: events of later episodes are not shown (spoiler-safe)"
    return [_json(e) for e in found], text


def _dated(date: PartialDate | None) -> str:
    return "unknown" if date is None else f"{date} ({date.precision.value})"


def _event(data: Dataset, args: argparse.Namespace) -> tuple[Any, str]:
    found = data.event(args.id)
    episode = "unknown" if found.episode is None else str(found.episode)
    rows = [
        ["id", found.id],
        ["when", _dated(found.when) + _derived(found, "when")],
        ["episode", episode],
        ["category", found.category.value],
        ["characters", ", ".join(c.name for c in found.characters)],
        ["summary", found.summary],
        ["divergence", found.divergence.value],
        ["real history", found.real_history or "-"],
        ["real date", "-" if found.real_when is None else _dated(found.real_when)],
        *[["source", source.url or f"the episode {source.episode}"] for source in found.sources],
    ]
    text = "\n".join(f"{key:<13} {value}".rstrip() for key, value in rows)
    legend = [f"* {d.field}: {d.rule}" for d in found.derivations]
    return _json(found), "\n".join([text, *legend])


def register(command: Callable[[str, Callable[..., Any], str], argparse.ArgumentParser]) -> None:
    """Add the ``events`` and ``event`` commands through the parser's ``command`` helper."""
    from ._event_kinds import EventCategory

    listing = command("events", _events, "the show's dated events beside real history, in chronological order")
    listing.add_argument("--year", type=int, help="only the events that can fall in this in-universe year")
    listing.add_argument("--season", type=int, help="only the events of this season's episodes and years")
    listing.add_argument(
        "--category",
        metavar="CATEGORY",
        help=f"only the events of this category: {', '.join(c.value for c in EventCategory)}",
    )
    command("event", _event, "one event of the show's history, with its real counterpart and sources").add_argument(
        "id", help='an event id, such as "soviet-first-moon-landing"'
    )
