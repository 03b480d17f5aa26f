"""Sphinx extension for the famk-data documentation.

Everything here is generated at build time from the installed package, so it cannot drift
from the code or the data:

``famk-data-dictionary``
    Every field of the record types (``Season``, ``Episode``...) and of the value types they
    hold, with its Python type, its JSON form and the description from the class docstring's
    ``Attributes:`` section. A field missing from that section, or a documented name that is
    not a field, is a build warning.
``famk-coverage``
    Per-season tables of what the newest data version knows and what it leaves ``None``.
``famk-command``
    A shell example: shown as a console session, and run by the doctest builder, which
    compares its output (and exit status) with the one shown.

It also warns when a name of ``famk_data.__all__`` has no entry in the API reference, lists
in the API reference the fields of attrs classes whose docstrings do not (yet) describe
them, and links type hints such as ``famk_data._models.Season`` to the public
``famk_data.Season``.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import os
import re
import shlex
import subprocess
import sys
import types
import typing
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from famk_data._dictionary import attribute_docs, description

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["run_command", "setup"]

logger = logging.getLogger(__name__)

_ROLE = re.compile(r":(\w+):`([^`]+)`")


# -- reading docstrings --------------------------------------------------------------------


def _docstring(obj: object) -> str:
    return inspect.cleandoc(getattr(obj, "__doc__", None) or "")


def _myst(text: str) -> str:
    """Turn a docstring's reST roles into MyST roles that point into ``famk_data``."""

    def role(match: re.Match[str]) -> str:
        kind, target = match[1], match[2]
        if target.startswith(("~", "famk_data.")) or "<" in target:
            return f"{{py:{kind}}}`{target}`"
        return f"{{py:{kind}}}`{target} <famk_data.{target}>`"

    return _ROLE.sub(role, text)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", r"\|")


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


# -- types -------------------------------------------------------------------------------


def _label(cls: type) -> str:
    return f"data-{cls.__name__.lower()}"


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in {typing.Union, types.UnionType}


def python_type(annotation: Any) -> str:
    """How an annotation reads in Python: ``tuple[str, ...] | None``."""
    if annotation is type(None):
        return "None"
    if _is_union(annotation):
        return " | ".join(python_type(arg) for arg in typing.get_args(annotation))
    if typing.get_origin(annotation) is tuple:
        return f"tuple[{python_type(typing.get_args(annotation)[0])}, ...]"
    if annotation is dt.date:
        return "datetime.date"
    return str(annotation.__name__)


def json_type(annotation: Any, tables: dict[type, str]) -> str:
    """How a value of ``annotation`` is written in the JSON files (as MyST)."""
    simple = {
        type(None): "`null`",
        bool: "boolean",
        int: "integer",
        str: "string",
        dt.date: 'string `"YYYY-MM-DD"`',
    }
    if _is_union(annotation):
        return " or ".join(json_type(arg, tables) for arg in typing.get_args(annotation))
    if typing.get_origin(annotation) is tuple:
        return f"array of {json_type(typing.get_args(annotation)[0], tables)}"
    if annotation in simple:
        return simple[annotation]
    if annotation in tables:
        return f"string: the `id` of a record of `{tables[annotation]}.json`"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = ", ".join(f'`"{member.value}"`' for member in annotation)
        return f"string ({{ref}}`{annotation.__name__} <{_label(annotation)}>`: {values})"
    if attrs.has(annotation):
        return f"object ({{ref}}`{annotation.__name__} <{_label(annotation)}>`)"
    raise TypeError(f"no JSON form known for {annotation!r}")


def _inner_types(annotation: Any) -> Iterator[type]:
    """The attrs classes and enums an annotation refers to."""
    if _is_union(annotation) or typing.get_origin(annotation) is tuple:
        for arg in typing.get_args(annotation):
            yield from _inner_types(arg)
    elif isinstance(annotation, type) and (attrs.has(annotation) or issubclass(annotation, enum.Enum)):
        yield annotation


def value_types(records: Iterable[type]) -> list[type]:
    """The attrs classes and enums reachable from the records' fields, in discovery order."""
    records = list(records)
    found: list[type] = []
    queue = list(records)
    while queue:
        cls = queue.pop(0)
        if not attrs.has(cls):
            continue
        for annotation in typing.get_type_hints(cls).values():
            for inner in _inner_types(annotation):
                if inner not in records and inner not in found:
                    found.append(inner)
                    queue.append(inner)
    return found


# -- the data dictionary -----------------------------------------------------------------


class _Generated(SphinxDirective):
    """A directive whose output is MyST Markdown generated at build time.

    The Markdown must start with a heading: MyST attaches the sections it parses straight to
    the document, so text before the first heading would end up after the sections.
    """

    def markdown(self) -> list[str]:
        raise NotImplementedError

    def dependencies(self) -> Iterable[str]:
        """Files whose change must regenerate the page (Sphinx re-reads it when they change)."""
        return ()

    def run(self) -> list[nodes.Node]:
        for path in self.dependencies():
            self.env.note_dependency(path)
        container = nodes.section()
        container.document = self.state.document
        content = StringList(self.markdown(), source=f"<generated by {self.name}>")
        nested_parse_with_titles(self.state, content, container)
        return list(container.children)

    def warn(self, message: str) -> None:
        logger.warning(message, location=self.get_location(), type="famk", subtype=self.name)


def _record_module_files() -> list[str]:
    """The files of the modules that define the record and value types (their docstrings are the dictionary)."""
    import importlib

    names = ["_values", "_dates", "_dispute", "_seasons", "_episodes", "_models", "_appearance_record"]
    names += ["_event_kinds", "_event_record", "_timeline"]
    return [inspect.getfile(importlib.import_module(f"famk_data.{name}")) for name in names]


class DataDictionary(_Generated):
    """Every field of every record and value type: name, types and meaning."""

    def dependencies(self) -> Iterable[str]:
        from famk_data import _integrity

        return [*_record_module_files(), inspect.getfile(_integrity)]

    def markdown(self) -> list[str]:
        from famk_data._tables import RECORD_TYPES

        tables = {cls: table for table, cls in RECORD_TYPES.items()}
        lines = ["## Records", ""]
        lines.append(
            "Each record type is one JSON file of a data version, holding an array of records "
            "under the key named like the file. The files are listed in dependency order: a "
            "record refers only to records of the files above it."
        )
        lines.append("")
        for table, cls in RECORD_TYPES.items():
            lines += self._record(cls, f"One record in the `{table}` array of `{table}.json`.", tables)
        found = value_types(RECORD_TYPES.values())
        lines += ["## Value types", "", "Objects nested inside records.", ""]
        for cls in found:
            if attrs.has(cls):
                lines += self._record(cls, "", tables)
        lines += ["## Enumerations", "", "Stored in JSON as their string value.", ""]
        for cls in found:
            if issubclass(cls, enum.Enum):
                lines += self._enum(cls)
        return lines

    def _record(self, cls: type, where: str, tables: dict[type, str]) -> list[str]:
        documented = attribute_docs(cls)
        fields = attrs.fields(cls)
        hints = typing.get_type_hints(cls)
        self._check(cls, documented, [field.name for field in fields])
        lines = [f"({_label(cls)})=", f"### {cls.__name__}", ""]
        lines += [f"{{py:class}}`famk_data.{cls.__name__}`. {where}".strip(), ""]
        lines += [_myst(description(cls)), ""]
        rows = [
            [
                f"`{field.name}`",
                f"`{python_type(hints[field.name])}`",
                json_type(hints[field.name], tables),
                _myst((documented or {}).get(field.name, "")),
            ]
            for field in fields
        ]
        lines += _table(["Field", "Python type", "JSON", "Meaning"], rows)
        facts = getattr(cls, "FACT_FIELDS", ())
        if facts:
            named = ", ".join(f"`{name}`" for name in facts)
            lines += [f"Facts that one of the record's `sources` must support when known: {named}.", ""]
        derived = [
            (name, member)
            for name, member in inspect.getmembers(cls, lambda m: isinstance(m, property))
            if not name.startswith("_")
        ]
        if derived:
            lines += ["Computed in Python, not stored in the JSON:", ""]
            lines += [
                f"- {{py:attr}}`{name} <famk_data.{cls.__name__}.{name}>`: {_myst(_docstring(member).splitlines()[0])}"
                for name, member in derived
            ]
            lines.append("")
        return lines

    def _check(self, cls: type, documented: dict[str, str] | None, fields: list[str]) -> None:
        if documented is None:
            if cls.__name__ not in self.config.famk_undescribed_types:
                self.warn(f"{cls.__qualname__} has no 'Attributes:' section describing its fields")
            return
        missing = [name for name in fields if name not in documented]
        extra = [name for name in documented if name not in fields]
        if missing:
            self.warn(f"{cls.__qualname__}'s docstring does not describe field(s): {', '.join(missing)}")
        if extra:
            self.warn(f"{cls.__qualname__}'s docstring describes non-field(s): {', '.join(extra)}")

    def _enum(self, cls: type[enum.Enum]) -> list[str]:
        comments = ModuleAnalyzer.for_module(cls.__module__).find_attr_docs()
        lines = [f"({_label(cls)})=", f"### {cls.__name__}", ""]
        lines += [f"{{py:class}}`famk_data.{cls.__name__}`. {_myst(description(cls))}", ""]
        rows = [
            [f'`"{member.value}"`', f"`{cls.__name__}.{member.name}`", " ".join(comments.get((cls.__name__, name), []))]
            for name, member in cls.__members__.items()
        ]
        return lines + _table(["JSON value", "Python", "Meaning"], rows)


# -- coverage of the newest data ---------------------------------------------------------


def known(value: object) -> bool:
    """Whether a field holds a fact: not ``None``, and not an object of nothing but ``None``."""
    if value is None:
        return False
    cls = type(value)
    if attrs.has(cls):
        return any(getattr(value, field.name) is not None for field in attrs.fields(cls))
    return True


def _filled(records: Iterable[object], name: str) -> str:
    values = [getattr(record, name) for record in records]
    count = sum(known(value) for value in values)
    return f"{count} / {len(values) - count}"


class Coverage(_Generated):
    """What the newest data version knows, per season and per table."""

    def dependencies(self) -> Iterable[str]:
        import famk_data

        data = Path(inspect.getfile(famk_data)).parent / "data"
        return [str(data / "manifest.json"), *map(str, sorted((data / famk_data.load().version).iterdir()))]

    def markdown(self) -> list[str]:
        import famk_data
        from famk_data import Billing, Episode

        data = famk_data.load()
        lines = [
            "### Seasons",
            "",
            f"Data version **{data.version}**, the newest one shipped with famk-data {famk_data.__version__}.",
            "",
        ]
        season_facts = data.seasons[0].FACT_FIELDS
        rows = [
            [
                str(season.number),
                *("unknown" if getattr(season, name) is None else str(getattr(season, name)) for name in season_facts),
            ]
            for season in data.seasons
        ]
        lines += _table(["Season", *(f"`{name}`" for name in season_facts)], rows)
        lines += [
            "### Episodes",
            "",
            "Each cell counts the season's episodes whose field is filled / unknown (`None`).",
            "",
        ]
        rows = []
        for season in data.seasons:
            episodes = data.episodes_in(season)
            rows.append(
                [
                    str(season.number),
                    f"{len(episodes)} of {season.episode_count}",
                    *(_filled(episodes, name) for name in Episode.FACT_FIELDS),
                    str(sum(e.release_date_derived for e in episodes)),
                ]
            )
        header = ["Season", "Episodes", *(f"`{name}`" for name in Episode.FACT_FIELDS), "dates derived"]
        lines += _table(header, rows)
        lines += [
            (
                "*Episodes* counts the episodes in the data out of the season's announced count. "
                "*dates derived* counts release dates taken from an announced weekly schedule "
                "(`release_date_derived`), not from a source about the episode itself. `ids` counts "
                "episodes with at least one IMDb, TVmaze or Wikidata id."
            ),
            "",
            "### Castings",
            "",
            (
                "Castings per season and billing; *not stated* is `billing` `None`: no source says "
                "whether a part outside the series regulars is recurring or a guest role."
            ),
            "",
        ]
        billings: list[Billing | None] = [*Billing, None]
        rows = []
        for season in data.seasons:
            counts = Counter(casting.billing for casting in data.cast_for(season))
            rows.append(
                [str(season.number), *(str(counts[billing]) for billing in billings), str(sum(counts.values()))]
            )
        lines += _table(["Season", *(b.value if b else "not stated" for b in billings), "total"], rows)
        lines += self._people(data)
        lines += self._sourcing(data)
        lines += self._provenance(data)
        return lines

    def _provenance(self, data: Any) -> list[str]:
        from famk_data._tables import TABLES

        lines = [
            "### Stated and derived",
            "",
            (
                "Known facts per table and field: *stated* by a source whose `supports` names the "
                "field, *derived* by a {class}`~famk_data.Derivation` (counted, subtracted or inferred "
                "by a rule), or both (a source states part of it, such as a death, and a rule gives "
                "the rest, such as its year)."
            ),
            "",
        ]
        rows = []
        for table in TABLES:
            records = getattr(data, table)
            for name in records[0].FACT_FIELDS if records else ():
                counts: Counter[str] = Counter()
                for record in records:
                    if not known(getattr(record, name)):
                        continue
                    stated = any(name in source.supports for source in record.sources)
                    derived = any(name == derivation.field for derivation in record.derivations)
                    counts["both" if stated and derived else "stated" if stated else "derived"] += 1
                if counts:
                    rows.append([table, f"`{name}`", *(str(counts[k]) for k in ("stated", "derived", "both"))])
        lines += _table(["Table", "Field", "Stated", "Derived", "Both"], rows)
        return lines

    def _people(self, data: Any) -> list[str]:
        from famk_data import Precision

        lines = ["### Characters and people", "", "Filled / unknown (`None`) per field.", ""]
        rows = []
        for table in ("characters", "people"):
            records = getattr(data, table)
            hints = typing.get_type_hints(type(records[0]))
            optional = [
                name
                for name in records[0].FACT_FIELDS
                if _is_union(hints[name]) and type(None) in typing.get_args(hints[name])
            ]
            rows.append([table, str(len(records)), "; ".join(f"`{n}` {_filled(records, n)}" for n in optional)])
        lines += _table(["Table", "Records", "Optional facts"], rows)
        births = Counter(c.born.precision for c in data.characters if c.born is not None)
        counts = ", ".join(f"{p.value} {births[p]}" for p in Precision)
        lines += [f"Character births by precision: {counts}.", ""]
        return lines

    def _sourcing(self, data: Any) -> list[str]:
        from famk_data._tables import TABLES

        lines = [
            "### Sourcing",
            "",
            (
                "Stated facts by the number of the record's sources that state them "
                "(see {doc}`policies`: two independent sources are preferred); facts only "
                "derived are counted in the next table. *On copies alone* counts the stated facts "
                "whose every source was read on a copy (`read_via`), with no derivation behind "
                "them; *Disputes* counts the fields on which sources disagree "
                "({func}`famk_data.disputes`)."
            ),
            "",
        ]
        rows = []
        for table in TABLES:
            support: Counter[str] = Counter()
            for record in getattr(data, table):
                for name in record.FACT_FIELDS:
                    stating = [source for source in record.sources if name in source.supports]
                    if known(getattr(record, name)) and stating:  # a stated fact, False included
                        support["one" if len(stating) == 1 else "two or more"] += 1
                        derived = any(name == derivation.field for derivation in record.derivations)
                        if not derived and all(source.read_via for source in stating):
                            support["copies"] += 1
            disputes = sum(len(record.disputes) for record in getattr(data, table))
            counts = (support["one"] + support["two or more"], support["one"], support["two or more"])
            rows.append([table, *map(str, counts), str(support["copies"]), str(disputes)])
        header = ["Table", "Known facts", "One source", "Two or more", "On copies alone", "Disputes"]
        lines += _table(header, rows)
        return lines


# -- shell examples ----------------------------------------------------------------------


def command_output(command: str) -> str:
    """Run a ``famk-data`` command line with this Python: its output, then a failing status."""
    argv = shlex.split(command)
    if not argv or argv[0] != "famk-data":
        raise ValueError(f"not a famk-data command: {command!r}")
    result = subprocess.run(  # noqa: S603 - our own command, with this interpreter
        [sys.executable, "-m", "famk_data", *argv[1:]],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    output = result.stdout.decode() + result.stderr.decode()
    return output + (f"[exit status {result.returncode}]\n" if result.returncode else "")


def run_command(command: str) -> None:
    """Print :func:`command_output` (what a doctest of the command compares)."""
    sys.stdout.write(command_output(command))


#: An elision longer than this many lines stays "..." on the page; a shorter one shows its text.
SHOWN_LINES = 12


def real_output(expected: list[str], actual: str) -> list[str]:
    """The expected output with each ``...`` replaced by the text it stands for in ``actual``.

    The doctest compares ``expected`` (with its ellipses) to the real output; the page shows
    the real output, so a reader sees ``famk-data 0.5.0 (data 0.5.1)``, not a placeholder. An
    ellipsis that stands for many lines (a long JSON document) stays an elision.
    """
    text = "\n".join(expected) + "\n"
    parts = text.split("...")
    pattern = "(.*?)".join(re.escape(part) for part in parts)
    found = re.fullmatch(pattern, actual, re.DOTALL)
    if found is None:
        return expected
    shown = [parts[0]]
    for part, elided in zip(parts[1:], found.groups(), strict=True):
        shown += [elided if elided.count("\n") <= SHOWN_LINES else "...", part]
    return "".join(shown).removesuffix("\n").split("\n")


class Command(SphinxDirective):
    """A ``famk-data`` command and its output, shown as a console session and doctested."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"status": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        command = self.arguments[0]
        output = list(self.content)
        status = self.options.get("status", 0)
        real = real_output(output, command_output(command).removesuffix(f"[exit status {status}]\n"))
        shown = [f"$ {command}", *real] + ([f"$ echo $?\n{status}"] if status else [])
        display = nodes.literal_block("\n".join(shown), "\n".join(shown), language="console")
        self.set_source_info(display)
        expected = [line or "<BLANKLINE>" for line in output]
        if status:
            expected.append(f"[exit status {status}]")
        test = "\n".join([f">>> __import__('famk_docs').run_command({command!r})", *expected])
        check = nodes.comment(test, test, testnodetype="doctest", groups=["default"], options={})
        self.set_source_info(check)
        return [display, check]


# -- the API reference covers famk_data.__all__ ------------------------------------------


def check_api_coverage(_app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about public names of ``famk_data`` that the API reference does not document."""
    import famk_data

    documented = env.get_domain("py").objects  # type: ignore[attr-defined]
    for name in famk_data.__all__:
        if f"famk_data.{name}" not in documented:
            logger.warning(
                "famk_data.%s is public (in __all__) but has no entry in the API reference",
                name,
                type="famk",
                subtype="api",
            )


# -- fields of attrs classes whose docstrings do not list them ---------------------------


def add_undescribed_fields(
    _app: Sphinx, what: str, _name: str, obj: object, _options: object, lines: list[str]
) -> None:
    """List the fields of an attrs class whose docstring has no ``Attributes:`` section.

    Each field becomes an attribute entry with its type, so the API reference shows every
    field of every record even before its docstring describes it.
    """
    if what not in {"class", "exception"} or not isinstance(obj, type) or not attrs.has(obj):
        return
    if attribute_docs(obj) is not None:
        return
    hints = typing.get_type_hints(obj)
    for field in attrs.fields(obj):
        lines += ["", f".. attribute:: {field.name}", f"   :type: {python_type(hints[field.name])}"]
    lines.append("")


# -- references to private modules -------------------------------------------------------


def resolve_private_reference(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Point ``famk_data._models.Season`` (how type hints name it) at ``famk_data.Season``.

    The classes are defined in private modules and documented where users import them from;
    the link text becomes the bare class name.
    """
    match = re.fullmatch(r"(~?)famk_data\._\w+\.(.+)", node.get("reftarget", ""))
    if node.get("refdomain") != "py" or match is None:
        return None
    public = f"famk_data.{match[2]}"
    short = match[2].rsplit(".", 1)[-1] if match[1] else match[2]
    text = nodes.literal(short, short) if isinstance(contnode, nodes.literal) else nodes.inline(short, short)
    return env.get_domain("py").resolve_xref(env, node["refdoc"], app.builder, node["reftype"], public, node, text)


class ExportColumns(_Generated):
    """The columns of each table's CSV export and DataFrame, then every SQLite table and view, described."""

    def dependencies(self) -> Iterable[str]:
        from famk_data import _columns, _credits, _export, _sqlite, _sqlite_build

        modules = (_export, _columns, _credits, _sqlite, _sqlite_build)
        return [*_record_module_files(), *(inspect.getfile(module) for module in modules)]

    def markdown(self) -> list[str]:
        from famk_data._columns import columns
        from famk_data._export import _export_types
        from famk_data._sqlite import schema
        from famk_data._sqlite_build import VIEWS

        lines: list[str] = ["### CSV and DataFrame columns", ""]
        for table, record_type in _export_types().items():
            lines += [f"`{table}`:", ""]
            lines += _table(
                ["Column", "Holds"],
                [
                    [
                        f"`{column.name}`",
                        ("list" if column.is_list else "")
                        + (" (references `{}.{}`)".format(*column.references) if column.references else ""),
                    ]
                    for column in columns(record_type)
                ],
            )
        lines += [
            "### SQLite tables and views",
            "",
            "The same descriptions are in the Datasette metadata that the export writes beside the database.",
            "",
        ]
        for sql in schema():
            key = ", ".join(f"`{name}`" for name in sql.primary_key)
            search = f" Full-text search: {', '.join(f'`{n}`' for n in sql.search)}." if sql.search else ""
            lines += [f"`{sql.name}` (key {key}): {sql.description}{search}", ""]
            lines += _table(
                ["Column", "SQL type", "Meaning"],
                [
                    [
                        f"`{column.name}`",
                        column.type + ("" if column.not_null else ", NULL"),
                        column.description
                        + (" References `{}.{}`.".format(*column.references) if column.references else ""),
                    ]
                    for column in sql.columns
                ],
            )
        for name, (text, _, view_columns) in VIEWS.items():
            lines += [f"View `{name}`: {text}", ""]
            lines += _table(["Column", "Meaning"], [[f"`{c}`", meaning] for c, meaning in view_columns.items()])
        return lines


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the API check."""
    app.add_config_value("famk_undescribed_types", [], "env", types=[list])
    app.add_directive("famk-data-dictionary", DataDictionary)
    app.add_directive("famk-coverage", Coverage)
    app.add_directive("famk-command", Command)
    app.add_directive("famk-export-columns", ExportColumns)
    app.connect("env-check-consistency", check_api_coverage)
    app.connect("missing-reference", resolve_private_reference)
    app.connect("autodoc-process-docstring", add_undescribed_fields, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
