"""Validate the editable data in data-src/ and release it as a new, immutable data version.

Usage:
    python tools/release.py --check          validate data-src/ only
    python tools/release.py VERSION          write src/famk_data/data/VERSION/ and its manifest entry

A released version is never overwritten: the command refuses a version that exists, or one
that is not newer than the newest release.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from famk_data._converter import encode_table
from famk_data._integrity import structure_tables
from famk_data._tables import FORMAT, FORMAT_TABLES
from famk_data._versions import parse_version
from famk_data.exceptions import DatasetError

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data-src"
DATA = ROOT / "src" / "famk_data" / "data"
MANIFEST = DATA / "manifest.json"
RECORDED = ROOT / "tests" / "released.sha256"

DESCRIPTOR_BASE: dict[str, Any] = {
    "profile": "data-package",
    "name": "famk-data",
    "title": "For All Mankind: seasons, episodes, characters and cast",
    "description": (
        "Sourced facts about the Apple TV+ series For All Mankind. Every record cites its sources; "
        "unknown values are null. JSON Schema: famk_data/data/schema/format-N.schema.json in the package, "
        "N being famk_data_format."
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
    documents = {
        f"{table}.json": {
            "format": FORMAT,
            "data_version": version,
            table: json.loads((SOURCE / f"{table}.json").read_text(encoding="utf-8")),
        }
        for table in FORMAT_TABLES[FORMAT]
    }
    records = structure_tables(version, documents, "data-src", sort=True)
    _check_stated_facts(records)
    files = {f"{table}.json": encode_table(table, version, records[table]) for table in FORMAT_TABLES[FORMAT]}
    files["datapackage.json"] = _encode(descriptor(version, files, records))
    return files


def _check_stated_facts(records: dict[str, tuple[Any, ...]]) -> None:
    """New releases are stricter than the loader (which must accept every old snapshot).

    A ``False`` is a fact too: ``real_person=False`` needs a source just as ``True`` does.
    """
    problems = [
        (f"{table}[{index}].{name}", "is False but no source supports it")
        for table, table_records in records.items()
        for index, record in enumerate(table_records)
        for name in record.FACT_FIELDS
        if getattr(record, name) is False and not any(name in source.supports for source in record.sources)
    ]
    if problems:
        raise DatasetError("data-src", problems)


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
            }
            for table in FORMAT_TABLES[FORMAT]
        ],
    }


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
