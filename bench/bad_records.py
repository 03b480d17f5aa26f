"""Time and peak memory of refusing a user's directory full of invalid records.

Not a test: it prints figures for bench/README.md. For each size, a copy of the newest
packaged data version gets a ``characters.json`` whose records are that many ``0`` values (two
bytes each, every one invalid), the descriptor is rehashed, and ``famk_data.load(path=...)``
runs in a fresh subprocess that reports its wall time and peak resident memory
(``resource.getrusage``). A run that passes the time limit is stopped and reported as such.

    python bench/bad_records.py                 # 10k, 160k and 1M bad records
    python bench/bad_records.py 10000 50000     # other sizes
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

import famk_data

SIZES = (10_000, 160_000, 1_000_000)
LIMIT_SECONDS = 300
CHILD = """
import resource, sys, time
import famk_data
start = time.perf_counter()
try:
    famk_data.load(path=sys.argv[1])
except famk_data.DatasetError as error:
    message = str(error)
else:
    message = "loaded"
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{elapsed:.3f} {peak_kib} {len(message)}")
"""


def _directory(root: Path, count: int) -> Path:
    version = famk_data.available_versions()[-1]
    target = root / f"bad-{count}"
    shutil.copytree(Path(str(files("famk_data") / "data" / version)), target)
    path = target / "characters.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["characters"] = [0] * count
    path.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    descriptor_path = target / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        content = (target / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
        resource["bytes"] = len(content)
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return target


def _baseline() -> int:
    """Peak resident memory (KiB) of a subprocess that imports famk_data and loads nothing."""
    code = "import resource, famk_data; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main(sizes: tuple[int, ...]) -> None:
    """Print one row per size: records, file size, time, peak memory, length of the message."""
    print(f"famk_data {famk_data.__version__}, Python {sys.version.split()[0]}")
    print(f"peak resident memory of importing famk_data alone: {_baseline() / 1024:.0f} MiB")
    print(f"{'bad records':>12} {'file':>10} {'time':>9} {'peak RSS':>10} {'message':>8}")
    with tempfile.TemporaryDirectory() as root:
        for count in sizes:
            directory = _directory(Path(root), count)
            size = (directory / "characters.json").stat().st_size
            try:
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, str(directory)],
                    capture_output=True,
                    text=True,
                    check=True,
                    timeout=LIMIT_SECONDS,
                )
            except subprocess.TimeoutExpired:
                print(f"{count:>12,} {size / 1024:>8.0f}KB  over {LIMIT_SECONDS} s (stopped)")
                continue
            elapsed, peak_kib, length = done.stdout.split()
            peak = int(peak_kib) / 1024
            print(f"{count:>12,} {size / 1024:>8.0f}KB {float(elapsed):>8.2f}s {peak:>7.0f}MiB {length:>7}c")


if __name__ == "__main__":
    main(tuple(int(arg) for arg in sys.argv[1:]) or SIZES)
