"""Hostile use of the exports (issue 23): writes that never destroy.

Every target here lives in ``tmp_path``: FIFOs, sockets and symlinks are made there, devices
are imitated by patching the stat check, a full disk by patching the write. Nothing touches a
real device node or a system path.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import famk_data as fd
from famk_data import _files
from famk_data._cli import main
from famk_data._export import table_text, write_sqlite, write_table

if TYPE_CHECKING:
    from collections.abc import Callable

OLD = b"the old content\n"


def _export(output: Path | str, form: str = "sqlite") -> int:
    table = [] if form == "sqlite" else ["seasons"]
    return main(["export", *table, "--format", form, "--output", str(output)])


def _leftovers(directory: Path) -> list[str]:
    return sorted(
        path.name for path in directory.iterdir() if path.name.startswith(".") or path.name.endswith("-journal")
    )


@pytest.fixture
def data() -> fd.Dataset:
    return fd.load()


@pytest.mark.parametrize("form", ["sqlite", "csv"])
def test_a_fifo_target_is_refused_and_stays_a_fifo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _export(fifo, form) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "a FIFO, not a regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _leftovers(tmp_path) == []


def test_a_socket_target_is_refused(tmp_path: Path, data: fd.Dataset) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(fd.ArgumentValueError, match="a socket, not a regular file"):
            write_sqlite(data, path)
        assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_device_target_is_refused(tmp_path: Path, data: fd.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """A device is imitated: the stat of a file in tmp_path is made to say character device."""
    device = tmp_path / "null"
    device.write_bytes(OLD)
    real = Path.lstat

    def lstat(self: Path) -> Any:
        found = real(self)
        if self == device:
            return os.stat_result((stat.S_IFCHR | 0o666, *tuple(found)[1:]))
        return found

    monkeypatch.setattr(Path, "lstat", lstat)
    with pytest.raises(fd.ArgumentValueError, match="a device, not a regular file"):
        write_sqlite(data, device)
    with pytest.raises(fd.ArgumentValueError, match="a device"):
        write_table(data, "seasons", "csv", device)
    assert device.read_bytes() == OLD


@pytest.mark.parametrize("name", [".", "/", "", "   ", "x" * 300, "a\0b", "missing-dir/out.db"])
def test_unusable_paths_are_one_line_library_errors(
    tmp_path: Path, data: fd.Dataset, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)  # "." is tmp_path; "/" is only stat-ed, never written
    with pytest.raises(fd.ArgumentValueError) as caught:
        write_sqlite(data, name)
    assert "\n" not in str(caught.value)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("name", [".", "", "x" * 300])
def test_unusable_outputs_are_one_line_cli_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for form in ("sqlite", "csv"):
        assert _export(name, form) == 1
        err = capsys.readouterr().err
        assert err.startswith("famk-data: error: ")
        assert err.count("\n") == 1


def test_a_symlink_target_is_resolved_and_its_file_replaced(tmp_path: Path, data: fd.Dataset) -> None:
    real = tmp_path / "real.db"
    real.write_bytes(OLD)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    write_sqlite(data, link)
    assert link.is_symlink()
    assert link.readlink() == real
    with sqlite3.connect(real) as connection:
        assert connection.execute('SELECT value FROM "metadata" WHERE key = ?', ("data_version",)).fetchone()
    connection.close()


def test_a_loop_of_symlinks_is_refused(tmp_path: Path, data: fd.Dataset) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(fd.ArgumentValueError, match="loop"):
        write_sqlite(data, tmp_path / "a")


@pytest.mark.parametrize("writer", ["sqlite", "csv"])
def test_permissions_of_an_existing_target_are_kept(tmp_path: Path, data: fd.Dataset, writer: str) -> None:
    target = tmp_path / "out"
    target.write_bytes(OLD)
    target.chmod(0o600)
    if writer == "sqlite":
        write_sqlite(data, target)
    else:
        write_table(data, "seasons", "csv", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() != OLD


def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path, data: fd.Dataset) -> None:
    umask = os.umask(0o022)
    try:
        write_table(data, "seasons", "csv", tmp_path / "new.csv")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


def test_the_temporary_name_is_unpredictable_and_never_follows_a_planted_link(
    tmp_path: Path, data: fd.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(OLD)
    # Plant links at the names the old exporter used, and at the first name this one tries.
    for name in (f".out.db.{os.getpid()}.tmp", ".famk-data-0000000000000000.tmp"):
        (tmp_path / name).symlink_to(victim)
    tokens = iter(["0000000000000000", "1111111111111111"])
    monkeypatch.setattr("famk_data._files.secrets.token_hex", lambda _: next(tokens))
    write_sqlite(data, tmp_path / "out.db")
    assert victim.read_bytes() == OLD
    assert (tmp_path / "out.db").stat().st_size > 0


def test_standard_output_is_refused_for_sqlite(data: fd.Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(fd.ArgumentValueError, match="standard output"):
        write_sqlite(data, "-")
    assert main(["export", "--format", "sqlite", "--output", "-"]) == 2  # a usage error
    assert "not standard output" in capsys.readouterr().err


def test_dash_means_standard_output_for_text_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: fd.Dataset
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "seasons", "--format", "csv", "--output", "-"]) == 0
    assert capsys.readouterr().out == table_text(data, "seasons", "csv")
    assert not (tmp_path / "-").exists()


def _no_space(descriptor: int, data: bytes) -> None:
    os.write(descriptor, data[: len(data) // 3])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_old_csv_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "seasons.csv"
    target.write_bytes(OLD)
    monkeypatch.setattr(_files, "write_bytes", _no_space)
    assert main(["export", "seasons", "--format", "csv", "--output", str(target)]) == 1
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [sqlite3.OperationalError("disk I/O error"), KeyboardInterrupt()])
def test_a_failed_sqlite_export_leaves_nothing_behind(
    tmp_path: Path, data: fd.Dataset, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    target = tmp_path / "x.db"
    target.write_bytes(OLD)
    real = sqlite3.connect
    calls: list[int] = []

    class Failing(sqlite3.Connection):
        def executemany(self, *args: Any) -> Any:
            calls.append(1)
            if len(calls) == 3:
                raise error
            return super().executemany(*args)

    monkeypatch.setattr(sqlite3, "connect", lambda path: real(path, factory=Failing))
    with pytest.raises((fd.ArgumentValueError, KeyboardInterrupt)):
        write_sqlite(data, target)
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


SLOW_EXPORT = """
import sqlite3, sys, time
import famk_data._files as files

real_write = files.write_bytes
def slow_write(descriptor, data):
    real_write(descriptor, data[:100])
    print("writing", flush=True)
    time.sleep(60)
files.write_bytes = slow_write

class Slow(sqlite3.Connection):
    def executemany(self, *args):
        cursor = super().executemany(*args)
        print("writing", flush=True)
        time.sleep(60)
        return cursor
real_connect = sqlite3.connect
sqlite3.connect = lambda path: real_connect(path, factory=Slow)

from famk_data._cli import main
sys.exit(main(sys.argv[1:]))
"""


def _interrupted(tmp_path: Path, argv: list[str], number: int) -> subprocess.CompletedProcess[str]:
    """Run an export that stalls mid-write (temporary file and journal present), then signal it."""
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "writing\n"
    assert _leftovers(tmp_path)  # the temporary file exists while writing
    process.send_signal(number)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize("form", ["csv", "sqlite"])
@pytest.mark.parametrize(
    ("number", "status", "stderr"),
    [
        (signal.SIGINT, 130, "famk-data: error: interrupted\n"),  # Ctrl-C: one line, exit 130
        (signal.SIGTERM, 128 + signal.SIGTERM, None),
    ],
)
def test_a_signal_while_writing_leaves_the_old_file_and_nothing_else(
    tmp_path: Path, form: str, number: signal.Signals, status: int, stderr: str | None
) -> None:
    target = tmp_path / "out"
    target.write_bytes(OLD)
    table = [] if form == "sqlite" else ["seasons"]
    result = _interrupted(tmp_path, ["export", *table, "--format", form, "--output", str(target)], number)
    assert result.returncode == status
    if stderr is not None:
        assert result.stderr == stderr
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_formula_cells_are_written_as_they_are_unless_csv_safe(data: fd.Dataset) -> None:
    from famk_data._columns import columns
    from famk_data._export import _formula_safe

    title = next(c for c in columns(fd.Episode) if c.name == "title")
    number = next(c for c in columns(fd.Episode) if c.name == "number")
    assert _formula_safe("=HYPERLINK(1)", title) == "'=HYPERLINK(1)"
    assert _formula_safe("@SUM(A1)", title) == "'@SUM(A1)"
    assert _formula_safe("Plain", title) == "Plain"
    assert _formula_safe(-1, number) == "-1"
    assert table_text(data, "episodes", "csv", csv_safe=True) == table_text(data, "episodes", "csv")


def test_csv_safe_prefixes_a_formula_title(edit: Callable[..., Path]) -> None:
    def formula(document: Any) -> None:
        document["episodes"][0]["title"] = "=1+2"

    data = fd.load(path=edit("episodes", formula))
    assert ",=1+2," in table_text(data, "episodes", "csv")
    assert ",'=1+2," in table_text(data, "episodes", "csv", csv_safe=True)


def test_csv_safe_on_the_command_line(capsys: pytest.CaptureFixture[str], data: fd.Dataset) -> None:
    assert main(["export", "episodes", "--csv-safe"]) == 0
    assert capsys.readouterr().out == table_text(data, "episodes", "csv", csv_safe=True)
