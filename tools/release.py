"""Validate the editable data in data-src/ and release it as a new, immutable data version.

Usage:
    python tools/release.py --check          validate data-src/ only
    python tools/release.py VERSION          write src/famk_data/data/VERSION/ and its manifest entry

A released version is never overwritten: the command refuses a version that exists, or one
that is not newer than the newest release. Releasing a version stores the previously newest
one compressed (each data file as ``NAME.json.gz``, its ``datapackage.json`` as it is): the
loader reads the released bytes back exactly, and the hashes pin those bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import ipaddress
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from famk_data._appearances import BILLING_RULE, AppearanceIndex, billing_from_appearances
from famk_data._converter import encode_table
from famk_data._dataset import Dataset
from famk_data._episodes import CastCoverage
from famk_data._integrity import structure_tables
from famk_data._load import PACKED_SUFFIX, unpack
from famk_data._tables import FORMAT, FORMAT_TABLES, RECORD_TYPES
from famk_data._values import Billing
from famk_data._versions import parse_version
from famk_data.exceptions import DatasetError

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data-src"
DATA = ROOT / "src" / "famk_data" / "data"
MANIFEST = DATA / "manifest.json"
RECORDED = ROOT / "tests" / "released.sha256"
COPY_HOSTS = ROOT / "tools" / "copy-hosts.txt"

DESCRIPTOR_BASE: dict[str, Any] = {
    "profile": "data-package",
    "name": "famk-data",
    "title": "For All Mankind: seasons, episodes, characters and cast",
    "description": (
        "Sourced facts about the Apple TV+ series For All Mankind. Every record cites its sources; "
        "unknown values are null. JSON Schema of each table: famk_data/data/schema/format-N/TABLE.schema.json "
        "in the package, N being famk_data_format."
    ),
    "homepage": "https://pypi.org/project/famk-data/",
    "famk_data_format": FORMAT,
    "licenses": [
        {
            "name": "CC0-1.0",
            "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            "title": "CC0 1.0 Universal",
        }
    ],
}


def _encode(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def build(version: str) -> dict[str, bytes]:
    """The canonical files of data-src/ as data version ``version``, fully validated."""
    tables = {
        table: json.loads((SOURCE / f"{table}.json").read_text(encoding="utf-8")) for table in FORMAT_TABLES[FORMAT]
    }
    for table, table_records in tables.items():
        problems = list(provenance_problems(table, table_records, copy_hosts()))
        if problems:
            raise DatasetError(f"data-src/{table}.json", problems)
    spelling = list(spelling_problems(tables))
    if spelling:
        raise DatasetError("data-src", spelling)
    documents = {
        f"{table}.json": {"format": FORMAT, "data_version": version, table: table_records}
        for table, table_records in tables.items()
    }
    records = structure_tables(version, documents, "data-src", sort=True)
    _check_stated_facts(records)
    _check_appearances(Dataset(version, **records))
    files = {f"{table}.json": encode_table(table, version, records[table]) for table in FORMAT_TABLES[FORMAT]}
    files["datapackage.json"] = _encode(descriptor(version, files, records))
    return files


def _check_stated_facts(records: dict[str, tuple[Any, ...]]) -> None:
    """New releases are stricter than the loader (which must accept every old snapshot).

    A ``False`` is a fact too: ``real_person=False`` must be stated or derived just as ``True`` is.
    """
    problems = [
        (f"{table}[{index}].{name}", "is False but no source states it and no derivation gives it")
        for table, table_records in records.items()
        for index, record in enumerate(table_records)
        for name in record.FACT_FIELDS
        if getattr(record, name) is False
        and not any(name in source.supports for source in record.sources)
        and not any(name == derivation.field for derivation in record.derivations)
    ]
    if problems:
        raise DatasetError("data-src", problems)


def copy_hosts(path: Path = COPY_HOSTS) -> frozenset[str]:
    """The hosts a release may not cite: one per line, each with a comment saying why."""
    hosts = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        host, _, why = line.partition("#")
        if host.strip() and not why.strip():
            raise SystemExit(f"release: {path.name}:{number}: {host.strip()} needs a comment saying why it is listed")
        if host.strip():
            hosts.add(host.strip().lower().removeprefix("www."))
    return frozenset(hosts)


#: A repository or working file named in a note ("s5.md", "billing.json").
_FILE_NAME = re.compile(r"\b\w+\.(?:md|json|py|txt|csv)\b", re.IGNORECASE)
#: How the data was made, which no user can see: briefs, research files, helpers, numbered rules.
_INTERNAL = re.compile(
    r"\b(?:briefs?|research\w*|helpers?|rules?\s+\d+|(?:the|this) project\b|for this task"
    r"|(?:first|second|earlier|this|that) (?:pass|session))\b",
    re.IGNORECASE,
)
#: The first person (quoted speech is removed before looking). A capital "I" counts before a
#: lowercase word ("I found"), not in a title ("Can I Be Fierce"); a word inside an address
#: ("n2w.me") is not a pronoun.
_FIRST_PERSON = re.compile(
    r"(?<![\w./-])(?:I(?=\s+[a-z])|I['’](?:m|ve|d|ll)|me|my|mine|myself|we|we['’](?:re|ve|d|ll)|us|our|ours"
    r"|We|Our|My)(?!\w)(?![.-]\w)"
)
#: The tools the data was compiled with, which say nothing about the sources: a note may say what
#: no source states, never how far a search went ("search budget", "searchable material", corpora).
_TOOLS = re.compile(
    r"\b(?:search(?:ing)?\s+budget|searchable|corp(?:us|ora)|look-?ups?|search\s+(?:tool|engine|results?|limits?)"
    r"|(?:available|stored|indexed)\s+(?:material|pages|sources|corpora))\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<!\w)['‘].*?['’](?!\w)")


def note_problem(text: str) -> str | None:
    """Why a note cannot ship to users, or ``None`` when it reads as the dataset's own words."""
    for pattern, why in (
        (_FILE_NAME, "mentions a file"),
        (_INTERNAL, "mentions how the data was made (briefs, research, helpers, rules, passes)"),
        (_TOOLS, "describes the compiler's search tools rather than the sources"),
    ):
        found = pattern.search(text)
        if found:
            return f"{why}: {found.group()!r}"
    found = _FIRST_PERSON.search(_QUOTED.sub("", text))
    return f"speaks in the first person: {found.group()!r}" if found else None


def _same_page(url: str) -> str:
    """A URL with the differences that do not change the page removed (scheme, www., trailing slash)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def citation_problem(url: str, denied: frozenset[str]) -> str | None:
    """Why ``url`` cannot be cited (a bare IP address or a listed copy host), or ``None``."""
    host = (urlsplit(url).hostname or "").lower()
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"{host} is a bare IP address; cite the site's own address"
    labels = host.removeprefix("www.").split(".")
    suffixes = {".".join(labels[start:]) for start in range(len(labels) - 1)}
    if suffixes & denied or set(labels) & {name for name in denied if "." not in name}:
        return f"{host} is a copy, proxy, scraper or machine-written host (tools/copy-hosts.txt); cite the original"
    return None


def _dispute_sources(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every source of every disputed value of a raw record, with its JSON path below the record."""
    for position, dispute in enumerate(record.get("disputes") or []):
        values = dispute.get("values") if isinstance(dispute, dict) else None
        for number, value in enumerate(values or []):
            sources = value.get("sources") if isinstance(value, dict) else None
            for index, source in enumerate(sources or []):
                if isinstance(source, dict):
                    yield f"disputes[{position}].values[{number}].sources[{index}]", source


def _cited_urls(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every URL a raw record cites, with its JSON path below the record: sources, then derivation inputs."""
    for position, source in enumerate(record.get("sources") or []):
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            yield f"sources[{position}].url", source["url"]
    for where, source in _dispute_sources(record):
        if isinstance(source.get("url"), str):
            yield f"{where}.url", source["url"]
    for position, derivation in enumerate(record.get("derivations") or []):
        inputs = derivation.get("inputs") if isinstance(derivation, dict) else None
        for number, item in enumerate(inputs or []):
            if isinstance(item, str) and urlsplit(item).scheme in {"http", "https"}:
                yield f"derivations[{position}].inputs[{number}]", item


def host_spellings(tables: dict[str, list[Any]]) -> dict[str, str]:
    """The canonical spelling of every cited host: the one most URLs use, the bare one ("no www.") on a tie."""
    counts: dict[str, Counter[str]] = {}
    for records in tables.values():
        for record in records:
            if isinstance(record, dict):
                for _, url in _cited_urls(record):
                    host = (urlsplit(url).hostname or "").lower()
                    counts.setdefault(host.removeprefix("www."), Counter())[host] += 1
    return {bare: max(spelled, key=lambda host: (spelled[host], host == bare)) for bare, spelled in counts.items()}


def spelling_problems(tables: dict[str, list[Any]]) -> Iterator[tuple[str, str]]:
    """Each URL whose host is written another way than the dataset's canonical spelling of that host.

    ``fictionbox.de`` and ``www.fictionbox.de`` are one site: the data writes every host one way,
    so that counting sources per site, joining on URLs and diffing releases see one host.
    """
    canonical = host_spellings(tables)
    for table, records in tables.items():
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                continue
            for where, url in _cited_urls(record):
                host = (urlsplit(url).hostname or "").lower()
                if host != canonical[host.removeprefix("www.")]:
                    yield (
                        f"{table}[{index}].{where}",
                        f"{host} is written {canonical[host.removeprefix('www.')]} everywhere else; use that spelling",
                    )


def provenance_problems(table: str, records: list[Any], denied: frozenset[str]) -> Iterator[tuple[str, str]]:
    """Every provenance problem in one table of raw records, as (JSON path, problem) pairs.

    Refused: a URL cited twice in one record; a citation of a listed copy host or a bare IP
    address; a note that mentions files, briefs, research, helpers or rules, describes the search
    tools ("search budget", "searchable material", corpora), or speaks in the first person; a ``supports`` entry or
    derivation naming a field the record does not have.
    """
    facts = RECORD_TYPES[table].FACT_FIELDS
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue  # the loader reports the shape
        path = f"{table}[{index}]"
        yield from _source_problems(path, record.get("sources") or [], facts, denied)
        for position, derivation in enumerate(record.get("derivations") or []):
            field = derivation.get("field") if isinstance(derivation, dict) else None
            if field not in facts:
                yield (
                    f"{path}.derivations[{position}].field",
                    f"{field!r} is not a field of {table}: {', '.join(facts)}",
                )
        for position, note in enumerate(record.get("notes") or []):
            problem = note_problem(note.get("text", "")) if isinstance(note, dict) else None
            if problem:
                yield f"{path}.notes[{position}].text", problem
        yield from _dispute_problems(path, record, denied)
        if table == "episodes":
            yield from _release_date_problems(path, record)


def _dispute_problems(path: str, record: dict[str, Any], denied: frozenset[str]) -> Iterator[tuple[str, str]]:
    """A dispute's reason follows the note rule; its sources follow the citation rule."""
    for position, dispute in enumerate(record.get("disputes") or []):
        problem = note_problem(dispute.get("why", "")) if isinstance(dispute, dict) else None
        if problem:
            yield f"{path}.disputes[{position}].why", problem
    for where, source in _dispute_sources(record):
        url = source.get("url")
        problem = citation_problem(url, denied) if isinstance(url, str) else None
        if problem:
            yield f"{path}.{where}.url", problem


#: A source title saying that the page gives a date only as a schedule, an announcement made
#: before the release, or its own post date: none of them states an episode's release date.
_NOT_A_STATED_DATE = re.compile(
    r"\b(?:schedule|posted|published|post date|URL dated|pre-release|announced)\b", re.IGNORECASE
)


def _release_date_problems(path: str, record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """An episode's release date stated only by pages whose titles mark a schedule or a post date (best effort).

    A date is stated only by a page that gives that episode's date; a season's schedule is
    the input of a derivation, and a review's own post date is neither.
    """
    stating = [
        source
        for source in record.get("sources") or []
        if isinstance(source, dict) and "release_date" in (source.get("supports") or [])
    ]
    if stating and all(_NOT_A_STATED_DATE.search(source.get("title") or "") for source in stating):
        yield (
            f"{path}.sources",
            (
                "release_date is stated only by schedules or post dates (see the source titles): cite a page "
                "that gives this episode's date, or derive it from the schedule"
            ),
        )


def _source_problems(
    path: str, sources: list[Any], facts: tuple[str, ...], denied: frozenset[str]
) -> Iterator[tuple[str, str]]:
    seen: dict[str, int] = {}
    for position, source in enumerate(sources):
        if not isinstance(source, dict):
            continue
        where = f"{path}.sources[{position}]"
        unknown = [field for field in source.get("supports") or [] if field not in facts]
        if unknown:
            yield f"{where}.supports", f"names {unknown}, not fields of the record: {', '.join(facts)}"
        url = source.get("url")
        if not isinstance(url, str):
            continue
        problem = citation_problem(url, denied)
        if problem:
            yield f"{where}.url", problem
        first = seen.setdefault(_same_page(url), position)
        if first != position:
            yield f"{where}.url", f"cites the page of sources[{first}] again; merge them into one source"


#: Seasons whose main and recurring castings must each appear in at least one episode.
CREDITED_SEASONS = range(1, 5)


def _check_appearances(data: Dataset) -> None:
    """The appearances agree with the castings and the episodes' coverage; derived billing is recomputed."""
    index = AppearanceIndex(data.appearances)
    problems = _episode_problems(data, index) + _casting_problems(data, index)
    if problems:
        raise DatasetError("data-src", problems)


def _episode_problems(data: Dataset, index: AppearanceIndex) -> list[tuple[str, str]]:
    """Coverage is given exactly where appearances are; complete means ordered and every series regular."""
    problems = []
    for number, episode in enumerate(data.episodes):
        path = f"episodes[{number}].cast_coverage"
        credited = {casting.key for casting in index.by_episode.get(episode.id, ())}
        if bool(credited) != (episode.cast_coverage is not None):
            problems.append((path, f"{episode.cast_coverage} but {len(credited)} appearances"))
        if episode.cast_coverage is not CastCoverage.COMPLETE:
            continue
        unordered = [a.casting.key for a in data.appearances if a.episode is episode and a.order is None]
        if unordered:
            problems.append((path, f"complete, but no credit order for {unordered}"))
        missing = [
            c.key
            for c in data.cast_for(episode.season)
            if c.billing is Billing.MAIN and c.key not in credited and c.key not in episode.absent_cast
        ]
        if missing:
            problems.append(
                (path, f"complete, but series regulars {missing} are not credited and absent_cast does not name them")
            )
    return problems


def _casting_problems(data: Dataset, index: AppearanceIndex) -> list[tuple[str, str]]:
    """Main and recurring parts of Seasons 1-4 are credited somewhere; unstated billing follows the rule."""
    problems = []
    for number, casting in enumerate(data.castings):
        path = f"castings[{number}]"
        billed = casting.billing in {Billing.MAIN, Billing.RECURRING}
        if casting.season in CREDITED_SEASONS and billed and casting.key not in index.by_casting:
            problems.append((path, f"{casting.key} is {casting.billing} but credited in no episode"))
        billing, inputs = billing_from_appearances(data, index, casting)
        derived = [(d.rule, d.inputs) for d in casting.derivations if d.field == "billing"]
        expected = [(BILLING_RULE, inputs)] if billing is not None else []
        if any("billing" in source.supports for source in casting.sources):
            # Stated by a source: the appearances do not override it, and back it only where they agree.
            expected = expected if billing is casting.billing else []
            billing = casting.billing
        if casting.billing is not billing or derived != expected:
            problems.append(
                (
                    f"{path}.billing",
                    (
                        f"{casting.key}: the billing rule gives {billing} from episodes {list(inputs)}; "
                        f"the data has {casting.billing}, derived as {derived}"
                    ),
                )
            )
    return problems


def descriptor(version: str, files: dict[str, bytes], records: dict[str, tuple[Any, ...]]) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of a release."""
    sites = Counter(
        urlsplit(source.url).netloc.removeprefix("www.")
        for table in records.values()
        for record in table
        for source in record.sources
        if source.url
    )
    return {
        **DESCRIPTOR_BASE,
        "version": version,
        "sources": [{"title": site, "path": f"https://{site}/"} for site, _ in sites.most_common(12)],
        "resources": [
            {
                "name": table,
                "path": f"{table}.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "bytes": len(files[f"{table}.json"]),
                "hash": "sha256:" + hashlib.sha256(files[f"{table}.json"]).hexdigest(),
                "records": len(records[table]),
                "disputes": sum(len(record.disputes) for record in records[table]),
            }
            for table in FORMAT_TABLES[FORMAT]
        ],
    }


def pack_superseded(releases: dict[str, dict[str, str]]) -> list[Path]:
    """Store every data file of every release but the newest gzip-compressed; return the new files.

    A file must still have the sha256 the manifest pins, and its packed form must unpack to
    exactly its bytes, before the plain file is removed. ``datapackage.json`` stays plain;
    files already packed are left as they are.
    """
    newest = max(releases, key=parse_version)
    written = []
    for version, pinned in releases.items():
        if version == newest:
            continue
        for name, digest in pinned.items():
            plain = DATA / version / name
            if name == "datapackage.json" or not plain.exists():
                continue
            content = plain.read_bytes()
            if hashlib.sha256(content).hexdigest() != digest:
                raise SystemExit(f"release: {version}/{name} no longer matches its pinned sha256")
            packed_bytes = gzip.compress(content, compresslevel=9, mtime=0)
            if unpack(packed_bytes, name) != content:
                raise SystemExit(f"release: {version}/{name} does not unpack to its own bytes")
            packed = plain.with_name(name + PACKED_SUFFIX)
            packed.write_bytes(packed_bytes)
            plain.unlink()
            written.append(packed)
    return written


def release(version: str) -> Path:
    """Write the snapshot of ``version`` and its manifest entry; refuse to overwrite."""
    parse_version(version)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {"releases": {}}
    releases: dict[str, dict[str, str]] = manifest["releases"]
    target = DATA / version
    if version in releases or target.exists():
        raise SystemExit(f"release: {version} is already released; released data never changes")
    newest = max(releases, key=parse_version, default=None)
    if newest is not None and parse_version(version) <= parse_version(newest):
        raise SystemExit(f"release: {version} is not newer than the newest release {newest}")
    files = build(version)
    target.mkdir()
    for name, content in files.items():
        (target / name).write_bytes(content)
    releases[version] = {name: hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())}
    MANIFEST.write_bytes(
        _encode({"format": FORMAT, "releases": dict(sorted(releases.items(), key=lambda kv: parse_version(kv[0])))})
    )
    with RECORDED.open("a", encoding="utf-8") as recorded:
        recorded.writelines(f"{digest}  {version}/{name}\n" for name, digest in releases[version].items())
    pack_superseded(releases)
    return target


def main() -> None:
    """Run the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", nargs="?", help="the new data version, MAJOR.MINOR.PATCH")
    parser.add_argument("--check", action="store_true", help="only validate data-src/")
    args = parser.parse_args()
    try:
        if args.check or args.version is None:
            build("0.0.0")
            print("data-src/ is valid")
        else:
            print(f"released {release(args.version)}")
    except DatasetError as error:
        sys.exit(f"release: {error}")


if __name__ == "__main__":
    main()
