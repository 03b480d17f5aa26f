"""The figure of docs/alternate-history.md: the show's timeline beside ours, drawn from the data.

``famk-history-figure`` renders, at build time, the events of the newest data version as two
timelines, one above the other: the show's (above) and ours (below). Each event is a dot at its
in-universe year, stacked where years are shared; an event that diverges from real history is
joined by a curve to the dot of what really happened, coloured by its category, so the bends
of the alternate history show as curves leaning left (it happened sooner in the show) or right
(later). The HTML gets an inline SVG with a text alternative written from the same data; other
builders get that text alone. ``python docs/_ext/famk_history.py OUT.png`` draws it to a file.
"""

from __future__ import annotations

import io
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from famk_data import Dataset, Event, PartialDate

#: One colour per category (colour-blind safe: Okabe and Ito's palette).
COLOURS = {
    "space": "#0072B2",
    "politics": "#D55E00",
    "technology": "#009E73",
    "culture": "#CC79A7",
    "real-person": "#E69F00",
    "disaster": "#56B4E9",
}
NO_COUNTERPART = "#9a9a9a"
#: The event the alternate history branches from, named on the figure.
POINT_OF_DIVERGENCE = "soviet-first-moon-landing"
SHOW_LANE, REAL_LANE = 1.0, -1.0
STEP = 0.16  # the height of one stacked row of dots
ACROSS = 5  # dots side by side in one year


def _middle(date: PartialDate) -> float:
    """Where a date is drawn: the middle of its years (a month moves it within the year)."""
    if date.month is not None:
        return date.earliest_year + (date.month - 0.5) / 12
    return (date.earliest_year + date.latest_year + 1) / 2


def _label(event: Event) -> str:
    """A short name from the id, with the names of the characters in it as the data spells them.

    "soviet-first-moon-landing" reads "Soviet first moon landing", "ed-baldwin-destroys-sea-dragon"
    "Ed Baldwin destroys sea dragon".
    """
    words = event.id.split("-")
    names = {tuple(c.id.split("-")): c.name for c in event.characters}
    out: list[str] = []
    while words:
        found = next((key for key in sorted(names, key=len, reverse=True) if tuple(words[: len(key)]) == key), None)
        out.append(words.pop(0) if found is None else names[found])
        del words[: 0 if found is None else len(found)]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def _stack(dates: list[tuple[Event, PartialDate]], lane: float, direction: float) -> dict[str, tuple[float, float]]:
    """Each event's dot: in its year's column, up to five abreast, rows stacked away from the axis."""
    by_year: dict[int, list[Event]] = {}
    for event, date in sorted(dates, key=lambda pair: (_middle(pair[1]), pair[0].id)):
        by_year.setdefault(int(_middle(date)), []).append(event)
    spots = {}
    for year, events in by_year.items():
        across = min(len(events), ACROSS)
        for index, event in enumerate(events):
            row, column = divmod(index, across)
            spots[event.id] = (year + (column + 0.5) / across, lane + direction * STEP * row)
    return spots


def _settings(setting: dict[int, tuple[int, ...]]) -> list[tuple[tuple[int, int], tuple[int, ...]]]:
    """Runs of consecutive years set in the same seasons: ((first, last), season numbers)."""
    runs: list[tuple[tuple[int, int], tuple[int, ...]]] = []
    for year, numbers in sorted(setting.items()):
        if not numbers:
            continue
        if runs and runs[-1][0][1] == year - 1 and runs[-1][1] == numbers:
            runs[-1] = ((runs[-1][0][0], year), numbers)
        else:
            runs.append(((year, year), numbers))
    return runs


def facts(data: Dataset) -> dict[str, Any]:
    """What the figure shows, counted from the data (the alt text and the page use these too)."""
    events = [e for e in data.events if e.when is not None]
    paired = [e for e in events if e.real_when is not None and e.divergence.value != "none"]
    shifts = sorted(paired, key=lambda e: -abs(_middle(e.when) - _middle(e.real_when)))  # type: ignore[arg-type]
    years = [d.earliest_year for e in events for d in (e.when, e.real_when) if d is not None]
    years += [d.latest_year for e in events for d in (e.when, e.real_when) if d is not None]
    return {
        "events": events,
        "paired": paired,
        "shifts": shifts,
        "first": min(years),
        "last": max(years),
        "divergences": Counter(e.divergence.value for e in data.events),
        "undated": len(data.events) - len(events),
    }


def alt_text(data: Dataset) -> str:
    """A text alternative to the figure, written from the data."""
    found = facts(data)
    counts = found["divergences"]
    sooner = [e for e in found["paired"] if _middle(e.when) < _middle(e.real_when)]
    examples = "; ".join(
        f"{_label(e).lower()}: {e.when} in the show, {e.real_when} in our history" for e in found["shifts"][:3]
    )
    return (
        f"Two timelines from {found['first']} to {found['last']}: above, {len(found['events'])} dated events "
        f"of the show's history; below, the real counterparts of {len(found['paired'])} of them, each joined "
        f"to its event by a curve coloured by category. {counts['diverges']} events diverge from real history, "
        f"{counts['matches']} match it and {counts['none']} have no counterpart. {len(sooner)} of the "
        f"{len(found['paired'])} joined events happen sooner in the show than in reality. The longest curves: "
        f"{examples}."
    )


def _shade_seasons(axes: Any, data: Dataset, first: int, last: int) -> None:
    """Behind the show's lane, the years the seasons are set in (two seasons can share a year)."""
    setting = {year: tuple(s.number for s in data.seasons_set_in(year)) for year in range(first, last)}
    longest: dict[int, tuple[int, int]] = {}
    for (start, end), numbers in _settings(setting):
        axes.axvspan(start, end + 1, ymin=0.47, ymax=0.86, color="#efeadf", zorder=0)
        for number in numbers:  # each season is named once, over its longest run of years
            if number not in longest or end - start > longest[number][1] - longest[number][0]:
                longest[number] = (start, end)
    for number, (start, end) in longest.items():
        y = 2.3 if number % 2 else 2.12
        axes.text((start + end + 1) / 2, y, f"Season {number}", ha="center", color="#8a7f66", fontsize=9)


def _draw_events(axes: Any, found: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """The two lanes, a dot per event and date, a curve per event with a counterpart; the show's dots."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    events: list[Event] = found["events"]
    show = _stack([(e, e.when) for e in events], SHOW_LANE, 1)  # type: ignore[misc]
    real = _stack([(e, e.real_when) for e in found["paired"]], REAL_LANE, -1)  # type: ignore[misc]
    for lane, text in ((SHOW_LANE, "In the show"), (REAL_LANE, "In our history")):
        axes.axhline(lane, color="#444444", linewidth=0.8, zorder=1)
        y = lane + (0.2 if lane > 0 else -0.32)
        axes.text(found["first"] - 0.7, y, text, fontsize=12, fontweight="bold", color="#333")
    for event in found["paired"]:
        (x0, y0), (x1, y1) = show[event.id], real[event.id]
        curve = Path([(x0, y0), (x0, 0), (x1, 0), (x1, y1)], [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
        colour = COLOURS[event.category.value]
        axes.add_patch(PathPatch(curve, facecolor="none", edgecolor=colour, linewidth=1.4, alpha=0.55, zorder=2))
        axes.scatter([x1], [y1], s=34, color=colour, edgecolor="white", linewidth=0.6, zorder=3)
    for event in events:
        colour = COLOURS[event.category.value] if event.id in real else NO_COUNTERPART
        axes.scatter(*([v] for v in show[event.id]), s=34, color=colour, edgecolor="white", linewidth=0.6, zorder=3)
    return show


def _name_events(axes: Any, found: dict[str, Any], show: dict[str, tuple[float, float]]) -> None:
    """Name the point of divergence and the three longest curves above the figure."""
    divergence = next((e for e in found["events"] if e.id == POINT_OF_DIVERGENCE), None)
    named = [("The point of divergence", divergence)] if divergence is not None else []
    named += [(None, e) for e in found["shifts"][:3]]
    for rank, (title, event) in enumerate(named):
        x, y = show[event.id]
        axes.annotate(
            f"{title or _label(event)}: {event.when} (for real: {event.real_when or 'none'})",
            (x, y),
            xytext=(x + 0.6, 3.1 - 0.17 * rank),
            fontsize=9,
            ha="left",
            va="center",
            color="#222",
            arrowprops={"arrowstyle": "-", "color": "#999", "linewidth": 0.6, "shrinkB": 3},
        )


def draw(data: Dataset, target: Any, image_format: str) -> None:
    """Draw the figure of ``data`` into ``target`` (a path or a binary file) as ``image_format``."""
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    found = facts(data)
    with plt.rc_context({"svg.fonttype": "none", "font.size": 10}):
        figure, axes = plt.subplots(figsize=(12, 7.2), dpi=110)
        first, last = found["first"] - 1, found["last"] + 2
        _shade_seasons(axes, data, first, last)
        show = _draw_events(axes, found)
        _name_events(axes, found, show)
        handles = [
            plt.Line2D([], [], color=colour, marker="o", linewidth=1.4, label=name) for name, colour in COLOURS.items()
        ]
        handles.append(plt.Line2D([], [], color=NO_COUNTERPART, marker="o", linestyle="", label="no counterpart"))
        axes.legend(handles=handles, loc="upper left", ncol=7, frameon=False, fontsize=9, bbox_to_anchor=(0, -0.06))
        axes.set_xlim(first, last)
        axes.set_ylim(-1.75, 3.2)
        axes.set_yticks([])
        axes.spines[["left", "right", "top"]].set_visible(False)
        title = f"The show's history above ours: {len(found['events'])} events"
        axes.set_title(f"{title}, {len(found['paired'])} joined to what really happened", loc="left", fontsize=14)
        figure.tight_layout()
        figure.savefig(target, format=image_format, metadata={"Date": None} if image_format == "svg" else None)
        plt.close(figure)


class HistoryFigure(SphinxDirective):
    """``famk-history-figure``: the figure, as an inline SVG in HTML, its text alternative elsewhere."""

    def run(self) -> list[nodes.Node]:
        """The figure and its text alternative, from the newest data."""
        import famk_data

        data = famk_data.load()
        text = alt_text(data)
        buffer = io.BytesIO()
        draw(data, buffer, "svg")
        svg = buffer.getvalue().decode()
        svg = svg[svg.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(text)}" ', 1)
        figure = nodes.container(classes=["famk-figure"])
        figure += nodes.raw("", f'<figure class="famk-history">{svg}</figure>', format="html")
        figure += nodes.paragraph(text=f"The figure, in words: {text}", classes=["famk-figure-text"])
        return [figure]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("famk-history-figure", HistoryFigure)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    import famk_data

    draw(famk_data.load(), sys.argv[1], sys.argv[1].rsplit(".", 1)[-1])
    sys.stdout.write(alt_text(famk_data.load()) + "\n")
