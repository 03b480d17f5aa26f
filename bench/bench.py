"""famk_data benchmarks: every figure is a ratio against a baseline measured in the same run.

Run from a checkout with the package and pycountry installed (pycountry is for the baseline
only):  python -m pip install . pycountry && python bench/bench.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import timeit
from importlib.resources import files
from pathlib import Path

RUNS = 21
# Modules are imported before tracing starts, so the figures are the data's own.
MEMORY = (
    "import tracemalloc, famk_data, famk_data._trusted, famk_data._dataset\n"
    "tracemalloc.start()\nfamk_data.load()\nprint(*tracemalloc.get_traced_memory())"
)
TABLES = ("seasons", "episodes", "characters", "people", "castings")


def fresh(code: str) -> float:
    """Median seconds that ``code`` (which prints its own elapsed time) reports in a new process."""
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        times.append(float(out))
    return statistics.median(times)


def timed(body: str, setup: str = "") -> str:
    """Python source that runs ``body`` after ``setup`` and prints how long ``body`` took."""
    return f"import time\n{setup}\nt = time.perf_counter()\n{body}\nprint(time.perf_counter() - t)"


def warm(statement: str, setup: str) -> float:
    """Best per-call seconds over repeated timeit runs."""
    timer = timeit.Timer(statement, setup)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=7, number=number)) / number


def wheel_size() -> int:
    """Bytes of the wheel built from this checkout."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, str(root)], check=True)
        return sum(p.stat().st_size for p in Path(out).glob("*.whl"))


def main() -> None:
    """Measure and print the table."""
    try:
        import pycountry  # noqa: F401 - only checked for here; the baseline imports it itself
    except ImportError:
        sys.exit("bench: install pycountry first (python -m pip install pycountry); it is the warm baseline")
    import famk_data

    version = famk_data.available_versions()[-1]
    data_dir = files("famk_data") / "data" / version
    paths = [str(data_dir / f"{t}.json") for t in TABLES]
    rows: list[tuple[str, float, float, str, str]] = []

    attrs_import = fresh(timed("import attrs"))
    package_import = fresh(timed("import famk_data"))
    rows.append(("import famk_data", package_import, attrs_import, "import attrs", "≤ 1.15"))

    floor = fresh(timed(f"import attrs, cattrs, json\nfor p in {paths!r}:\n    json.loads(open(p, 'rb').read())"))
    first = fresh(timed("import famk_data\nfamk_data.cast_for(5)"))
    rows.append(("first query cast_for(5)", first, floor, "attrs+cattrs+json.loads", "≤ 1.3"))

    baseline = warm('countries.get(alpha_2="DE")', "from pycountry import countries; countries.get(alpha_2='DE')")
    setup = "import famk_data; famk_data.cast_for(5)"
    for label, statement in (
        ("cast_for(5)", "famk_data.cast_for(5)"),
        ("season(5)", "famk_data.season(5)"),
        ('episode("S02E10")', 'famk_data.episode("S02E10")'),
        ('character("ed-baldwin")', 'famk_data.character("ed-baldwin")'),
        ('character("Ed Baldwin")', 'famk_data.character("Ed Baldwin")'),
        ('age_in("ed-baldwin", 2012)', 'famk_data.age_in("ed-baldwin", 2012)'),
    ):
        rows.append((label, warm(statement, setup), baseline, "pycountry get(alpha_2)", "≤ 1.0"))

    memory = subprocess.run(
        [
            sys.executable,
            "-c",
            MEMORY,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    retained, peak = (int(x) for x in memory.split())
    json_bytes = sum(len((data_dir / f"{t}.json").read_bytes()) for t in TABLES)

    print(f"famk_data {famk_data.__version__}, data {version}, Python {sys.version.split()[0]}")
    print(f"{'measure':<30} {'famk_data':>11} {'baseline':>11} {'ratio':>7}  goal    baseline is")
    for label, ours, base, what, goal in rows:
        unit, scale = ("ms", 1e3) if base > 1e-4 else ("µs", 1e6)
        ratio = ours / base
        print(f"{label:<30} {ours * scale:>8.2f} {unit} {base * scale:>8.2f} {unit} {ratio:>6.2f}x  {goal:<7} {what}")
    print(f"{'memory held by the dataset':<30} {retained / 2**20:>8.2f} MiB  ({json_bytes / 2**20:.2f} MiB of JSON)")
    print(f"{'memory peak while loading':<30} {peak / 2**20:>8.2f} MiB")
    print(f"{'wheel size':<30} {wheel_size() / 2**10:>8.1f} KiB")
    print(f"fresh-process figures: median of {RUNS} runs; warm figures: best of 7 timeit repeats")


if __name__ == "__main__":
    main()
