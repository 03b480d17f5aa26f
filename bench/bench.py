"""famk_data benchmarks: every figure is a ratio against a baseline measured in the same run.

Run from a checkout with the package and pycountry installed (pycountry is for the baseline
only):  python -m pip install . pycountry && python bench/bench.py

Sections: the cold and warm figures against their goals; where the first query's time goes;
the bytes superseded releases take; and a scaling table on synthetic datasets of the same
schema, 10 and 100 times the real size, generated into a temporary directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit
from importlib.resources import files
from pathlib import Path
from typing import Any

RUNS = 21
# Modules are imported before tracing starts, so the figures are the data's own.
MEMORY = (
    "import tracemalloc, famk_data, famk_data._trusted, famk_data._dataset, famk_data._tables\n"
    "tracemalloc.start()\ndata = famk_data.load()\n"
    "tables = [getattr(data, t) for t in famk_data._tables.TABLES]\nprint(*tracemalloc.get_traced_memory())"
)
# The tables a synthetic dataset multiplies (seasons and episodes are fixed by the show).
SCALED = ("characters", "people", "castings")
SCALES = (1, 10, 100)
# Warm queries: on the module (the newest data) in the main table, on a Dataset when scaling.
WARM = (
    "cast_for(5)",
    "season(5)",
    'episode("S02E10")',
    'character("ed-baldwin")',
    'character("Ed Baldwin")',
    'age_in("ed-baldwin", 2012)',
    'age_in("Ed Baldwin", 2012)',
)
# The tables the first query's floor parses: what a cast list can need, and no more.
FLOOR_TABLES = ("seasons", "episodes", "characters", "people", "castings")
# The first query, phase by phase, in one fresh process: what each step adds.
PHASES = """
import time
marks = [time.perf_counter()]
import attrs, json
marks.append(time.perf_counter())
import famk_data._models
marks.append(time.perf_counter())
import famk_data._dataset, famk_data._load, famk_data._shortcuts, famk_data._trusted
marks.append(time.perf_counter())
import hashlib
marks.append(time.perf_counter())
data = famk_data.load()
marks.append(time.perf_counter())
data.cast_for(5)
marks.append(time.perf_counter())
print(*(b - a for a, b in zip(marks, marks[1:])))
"""
PHASE_NAMES = (
    "import attrs, json (in the floor)",
    "define the record classes (attrs)",
    "import the loader, Dataset, queries",
    "import hashlib",
    "load(): the manifest and descriptor",
    "cast_for(5): its files, records and index",
)


def _once(command: list[str], *, reported: bool) -> float:
    """Seconds the process prints (``reported``), or else its wall-clock seconds."""
    start = timeit.default_timer()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return float(out) if reported else timeit.default_timer() - start


def paired(ours: list[str], baseline: list[str], *, reported: bool) -> tuple[float, float]:
    """Median seconds of two commands run in turn: a shared machine's load weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(RUNS):
        times[0].append(_once(ours, reported=reported))
        times[1].append(_once(baseline, reported=reported))
    return statistics.median(times[0]), statistics.median(times[1])


def fresh(ours: str, baseline: str) -> tuple[float, float]:
    """:func:`paired` for two Python sources that each print their own elapsed time."""
    return paired([sys.executable, "-c", ours], [sys.executable, "-c", baseline], reported=True)


def process(ours: list[str], baseline: list[str]) -> tuple[float, float]:
    """:func:`paired` for whole processes (their wall-clock time, interpreter start-up included)."""
    return paired(ours, baseline, reported=False)


def timed(body: str, setup: str = "") -> str:
    """Python source that runs ``body`` after ``setup`` and prints how long ``body`` took."""
    return f"import time\n{setup}\nt = time.perf_counter()\n{body}\nprint(time.perf_counter() - t)"


def warm(ours: str, ours_setup: str, baseline: str, baseline_setup: str) -> tuple[float, float]:
    """Best per-call seconds of two statements, timed in turn over 7 repeats."""
    timers = (timeit.Timer(ours, ours_setup), timeit.Timer(baseline, baseline_setup))
    numbers = [timer.autorange()[0] for timer in timers]
    best = [float("inf"), float("inf")]
    for _ in range(7):
        for index, (timer, number) in enumerate(zip(timers, numbers, strict=True)):
            best[index] = min(best[index], timer.timeit(number) / number)
    return best[0], best[1]


def wheel_size() -> int:
    """Bytes of the wheel built from this checkout."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, str(root)], check=True)
        return sum(p.stat().st_size for p in Path(out).glob("*.whl"))


def cli_command() -> list[str]:
    """The installed ``famk-data`` script, or ``python -m famk_data`` where there is none."""
    script = shutil.which("famk-data", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "famk_data"]


def stored_bytes(version: str) -> int:
    """Bytes a packaged version takes as installed (its files as stored, compressed or not)."""
    return sum(len(node.read_bytes()) for node in (files("famk_data") / "data" / version).iterdir())


# -- synthetic datasets ----------------------------------------------------------------------


def _copy_record(record: dict[str, Any], copy: int) -> dict[str, Any]:
    """Copy ``copy`` (1, 2, …) of a character or person: new id, names and citation URLs."""
    if copy == 1:
        return record
    tag = f"-{copy}"
    renamed = {**record, "id": record["id"] + tag, "name": record["name"] + tag}
    if "aliases" in record:
        renamed["aliases"] = [alias + tag for alias in record["aliases"]]
    renamed["sources"] = [_copy_source(source, tag) for source in record["sources"]]
    return renamed


def _copy_source(source: dict[str, Any], tag: str) -> dict[str, Any]:
    # Each copy cites its own pages, so interning shares what a real dataset would share.
    return {**source, "url": source["url"] + f"#copy{tag}"} if tag and source.get("url") else source


def _casting_key(casting: dict[str, Any]) -> str:
    if casting["character"] is None:
        return f"s{casting['season']}/actor:{casting['actor']}"
    key = f"s{casting['season']}/{casting['character']}"
    return key if casting["version"] is None else f"{key}/{casting['version']}"


def _copy_appearances(
    appearances: list[dict[str, Any]],
    castings: list[dict[str, Any]],
    copies: int,
    casting_order: Any,
) -> list[dict[str, Any]]:
    """Each appearance once per copy of its casting, in the canonical order of appearances."""
    by_key = {_casting_key(casting): casting for casting in castings}
    copied = []
    for appearance in appearances:
        season, rest = appearance["casting"].split("/", 1)
        head, _, version = rest.partition("/")
        for copy in range(1, copies + 1):
            tag = "" if copy == 1 else f"-{copy}"
            key = f"{season}/{head}{tag}" + (f"/{version}" if version else "")
            sources = [_copy_source(source, tag) for source in appearance["sources"]]
            copied.append((by_key[key], {**appearance, "casting": key, "sources": sources}))

    def order(item: tuple[dict[str, Any], dict[str, Any]]) -> tuple[Any, ...]:
        casting, appearance = item
        number = int(appearance["episode"][4:])
        credit = appearance["order"]
        return (casting["season"], number, credit is None, credit or 0, casting_order(casting))

    return [appearance for _, appearance in sorted(copied, key=order)]


def synthetic(documents: dict[str, Any], copies: int, target: Path) -> int:
    """Write a dataset with ``copies`` times the characters, people and castings; return its records.

    Copies get their own ids, names and source URLs; castings keep their seasons and billing
    and are numbered so the canonical order holds. The result passes full validation.
    """
    target.mkdir(parents=True)
    version = documents["seasons.json"]["data_version"]
    names = [resource["name"] for resource in documents["datapackage.json"]["resources"]]
    tables: dict[str, list[Any]] = {table: documents[f"{table}.json"][table] for table in names}
    for table in ("characters", "people"):
        tables[table] = sorted(
            (_copy_record(record, copy) for record in tables[table] for copy in range(1, copies + 1)),
            key=lambda record: record["id"],
        )
    castings = []
    for casting in tables["castings"]:
        for copy in range(1, copies + 1):
            tag = "" if copy == 1 else f"-{copy}"
            castings.append(
                {
                    **casting,
                    "actor": casting["actor"] + tag,
                    "character": None if casting["character"] is None else casting["character"] + tag,
                    "order": (casting["order"] - 1) * copies + copy,
                    "sources": [_copy_source(source, tag) for source in casting["sources"]]
                    if tag
                    else casting["sources"],
                }
            )
    rank = {"main": 0, "recurring": 1, "guest": 2, None: 3}

    def casting_order(casting: dict[str, Any]) -> tuple[int, int, int]:
        return casting["season"], rank[casting["billing"]], casting["order"]

    tables["castings"] = sorted(castings, key=casting_order)
    if "appearances" in tables:
        tables["appearances"] = _copy_appearances(tables["appearances"], tables["castings"], copies, casting_order)
    descriptor = json.loads(json.dumps(documents["datapackage.json"]))
    for resource in descriptor["resources"]:
        table = resource["name"]
        document = {**documents[f"{table}.json"], table: tables[table]}
        content = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
        (target / f"{table}.json").write_bytes(content)
        resource.update(bytes=len(content), hash="sha256:" + hashlib.sha256(content).hexdigest())
        resource["records"] = len(tables[table])
    (target / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    assert descriptor["version"] == version
    return sum(len(records) for records in tables.values())


SCALE_RUN = """
import json, sys, time, timeit, tracemalloc, hashlib
from pathlib import Path
import famk_data, famk_data._trusted, famk_data._integrity, famk_data._dataset
from famk_data import _load
_load.MAX_FILE_BYTES = 1 << 31  # the 100x files are larger than any real one
directory, mode = Path(sys.argv[1]), sys.argv[2]
pinned = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in directory.iterdir()}
manifest = pinned if mode == "fast" else None
from famk_data._tables import TABLES
# Every table is read and built in the timed part, whether the loader does it up front or on first use.
if mode == "memory":
    tracemalloc.start()
    data = _load._load_directory(directory, "synthetic", pinned)
    tables = [getattr(data, table) for table in TABLES]
    print(tracemalloc.get_traced_memory()[0])
    sys.exit()
start = time.perf_counter()
data = _load._load_directory(directory, "synthetic", manifest)
tables = [getattr(data, table) for table in TABLES]
print(time.perf_counter() - start)
if mode == "fast":
    for statement in sys.argv[3:]:
        timer = timeit.Timer(statement, globals={"data": data})
        timer.timeit(1)  # builds the index the statement reads
        number, _ = timer.autorange()
        print(min(timer.repeat(repeat=5, number=number)) / number)
"""


def scaling(work: Path) -> list[tuple[int, int, int, float, float, float, list[float]]]:
    """Per scale: records, JSON bytes, memory per record, fast and validating load, warm queries."""
    import famk_data

    newest = files("famk_data") / "data" / famk_data.available_versions()[-1]
    documents = {node.name: json.loads(node.read_bytes()) for node in newest.iterdir()}
    rows = []
    for copies in SCALES:
        directory = work / f"x{copies}"
        records = synthetic(documents, copies, directory)
        size = sum(p.stat().st_size for p in directory.iterdir())

        def run(mode: str, *statements: str, path: Path = directory) -> list[float]:
            command = [sys.executable, "-c", SCALE_RUN, str(path), mode, *statements]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            return [float(x) for x in out.split()]

        fast_runs = [run("fast", *(f"data.{query}" for query in WARM)) for _ in range(3)]
        fast = min(r[0] for r in fast_runs)
        queries = [min(r[i] for r in fast_runs) for i in range(1, len(WARM) + 1)]
        validating = run("full")[0]
        memory = int(run("memory")[0])
        rows.append((copies, records, size, memory / records, fast, validating, queries))
    return rows


# -- the report ------------------------------------------------------------------------------


def main() -> None:  # noqa: PLR0915 - one table after another
    """Measure and print the tables."""
    try:
        import pycountry  # noqa: F401 - only checked for here; the baseline imports it itself
    except ImportError:
        sys.exit("bench: install pycountry first (python -m pip install pycountry); it is the warm baseline")
    import famk_data

    # Fresh processes run the way an installed package does, from compiled bytecode: a first
    # run writes it (to __pycache__, or under PYTHONPYCACHEPREFIX), and is not measured.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    warm_up = "import famk_data, famk_data._cli, cattrs, pycountry; famk_data.cast_for(5); famk_data.load().appearances"
    subprocess.run([sys.executable, "-c", warm_up], check=True)
    versions = famk_data.available_versions()
    version = versions[-1]
    data_dir = files("famk_data") / "data" / version
    tables = [resource["name"] for resource in famk_data.metadata(version)["resources"]]
    paths = [str(data_dir / f"{t}.json") for t in FLOOR_TABLES]
    rows: list[tuple[str, float, float, str, str]] = []

    package_import, attrs_import = fresh(timed("import famk_data"), timed("import attrs"))
    rows.append(("import famk_data", package_import, attrs_import, "import attrs", "≤ 1.15"))

    floor_code = f"import attrs, cattrs, json\nfor p in {paths!r}:\n    json.loads(open(p, 'rb').read())"
    first_code = timed("import famk_data\nfamk_data.cast_for(5)")
    first, floor = fresh(first_code, timed(floor_code))
    rows.append(("first query cast_for(5)", first, floor, "attrs+cattrs+json.loads", "≤ 1.0"))
    first_again, pycountry_cold = fresh(first_code, timed('import pycountry\npycountry.countries.get(alpha_2="DE")'))
    rows.append(("first query cast_for(5)", first_again, pycountry_cold, "pycountry cold get", "≤ 1.0"))
    cli, floor_process = process([*cli_command(), "cast", "5"], [sys.executable, "-c", floor_code])
    rows.append(("famk-data cast 5 (process)", cli, floor_process, "the floor, as a process", "≤ 1.3"))

    get, get_setup = 'countries.get(alpha_2="DE")', "from pycountry import countries; countries.get(alpha_2='DE')"
    for query in WARM:
        statement = f"famk_data.{query}"
        ours, baseline = warm(statement, f"import famk_data; {statement}", get, get_setup)
        rows.append((query, ours, baseline, "pycountry get", "≤ 0.5"))

    memory = subprocess.run([sys.executable, "-c", MEMORY], capture_output=True, text=True, check=True).stdout
    retained, peak = (int(x) for x in memory.split())
    json_bytes = sum(len((data_dir / f"{t}.json").read_bytes()) for t in tables)
    superseded = [stored_bytes(v) for v in versions[:-1]]
    per_release = statistics.mean(superseded) if superseded else 0.0
    snapshot = stored_bytes(version)
    phases = [
        [
            float(x)
            for x in subprocess.run(
                [sys.executable, "-c", PHASES], capture_output=True, text=True, check=True
            ).stdout.split()
        ]
        for _ in range(RUNS)
    ]
    with tempfile.TemporaryDirectory() as work:
        scaled = scaling(Path(work))

    print(f"famk_data {famk_data.__version__}, data {version}, Python {sys.version.split()[0]}")
    print(f"{'measure':<30} {'famk_data':>11} {'baseline':>11} {'ratio':>7}  goal    baseline is")
    for label, ours, base, what, goal in rows:
        unit, scale = ("ms", 1e3) if base > 1e-4 else ("µs", 1e6)
        ratio = ours / base
        print(f"{label:<30} {ours * scale:>8.2f} {unit} {base * scale:>8.2f} {unit} {ratio:>6.2f}x  {goal:<7} {what}")
    ratio = per_release / snapshot
    print(
        f"{'bytes per superseded release':<30} {per_release / 2**10:>7.1f} KiB {snapshot / 2**10:>7.1f} KiB "
        f"{ratio:>6.3f}x  ≤ 0.15  one snapshot ({version})"
    )
    print(f"{'memory held by the dataset':<30} {retained / 2**20:>8.2f} MiB  ({json_bytes / 2**20:.2f} MiB of JSON)")
    print(f"{'memory peak while loading':<30} {peak / 2**20:>8.2f} MiB")
    print(f"{'wheel size':<30} {wheel_size() / 2**10:>8.1f} KiB")
    print(f"fresh-process figures: median of {RUNS} runs, each paired with its baseline's; warm: best of 7, in turn")

    print("\nwhere the first query's time goes (fresh process, median of each phase)")
    for name, column in zip(PHASE_NAMES, zip(*phases, strict=True), strict=True):
        print(f"  {name:<40} {statistics.median(column) * 1e3:>7.2f} ms")
    print(f"  {'floor: + import cattrs + json.loads':<40} {floor * 1e3:>7.2f} ms in all")

    print("\nscaling: synthetic data, the characters, people and castings multiplied (same schema)")
    print(
        f"{'size':>5} {'records':>8} {'JSON':>9} {'B/record':>9} {'load':>9} {'µs/rec':>7} "
        f"{'load(path=)':>12} {'µs/rec':>7}  warm queries, µs ({', '.join(WARM)})"
    )
    for copies, records, size, per_record, fast, validating, queries in scaled:
        print(
            f"{copies:>4}x {records:>8} {size / 2**20:>5.1f} MiB {per_record:>9.0f} {fast * 1e3:>6.0f} ms "
            f"{fast / records * 1e6:>7.1f} {validating * 1e3:>9.0f} ms {validating / records * 1e6:>7.1f}  "
            + " ".join(f"{q * 1e6:.2f}" for q in queries)
        )


if __name__ == "__main__":
    main()
