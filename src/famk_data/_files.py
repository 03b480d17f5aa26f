"""Writing an export file without ever destroying what was there.

Every export that names a file goes through :func:`replacing`:

- The target is checked first. ``""``, a name holding a NUL byte or too long for the file
  system, and anything that exists but is not a regular file (a directory, FIFO, socket or
  device) are refused with an :class:`~famk_data.ArgumentValueError`. A symbolic link is
  resolved and the file it points to is replaced (the link stays).
- The new content is written to a temporary file with an unpredictable name, created
  exclusively (``O_EXCL``) in the target's directory, then renamed over the target in one
  step: a reader sees the old file or the new one, never a part.
- An existing target keeps its permission bits (and, where allowed, its owner and group);
  a new file gets the mode a plain ``open()`` would give it.
- On any failure (a full disk, an error while building the content) and on Ctrl-C or
  ``SIGTERM``, the temporary file and any SQLite journal beside it are removed and the old
  target is left as it was.

``-`` (standard output) is the command line's business: the library never treats it as a
file name it may replace, and :func:`check_target` refuses it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._args import shorten
from .exceptions import ArgumentTypeError, ArgumentValueError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["check_target", "replacing", "write_bytes"]

#: Files SQLite may create beside a database while writing it.
_SIDE_FILES = ("-journal", "-wal", "-shm")


def check_target(path: object) -> Path:
    """The regular file (or new file) that an export to ``path`` replaces, symlinks resolved.

    Raises:
        ArgumentTypeError: ``path`` is not a str or ``os.PathLike``.
        ArgumentValueError: ``path`` is empty, ``-``, holds a NUL byte, is too long, names a
            directory or another non-regular file, or its directory does not exist.
    """
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, bytes):
        raise ArgumentTypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise ArgumentTypeError(f"path must name a str path, not {type(text).__name__}")
    _check_name(text)
    shown = shorten(text)
    try:
        target = Path(os.path.realpath(text))
        parent = target.parent.stat()
        status = _lstat(target)
    except (OSError, ValueError) as error:  # too long, unreadable
        raise ArgumentValueError(f"cannot write {shown}: {getattr(error, 'strerror', None) or error}") from None
    if status is not None and stat.S_ISLNK(status.st_mode):
        raise ArgumentValueError(f"cannot write {shown}: a loop of symbolic links")
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise ArgumentValueError(f"cannot write {shown}: {_kind(status.st_mode)}, not a regular file")
    if not stat.S_ISDIR(parent.st_mode):
        raise ArgumentValueError(f"cannot write {shown}: {target.parent} is not a directory")
    if len(target.name.encode("utf-8", "surrogateescape")) > _name_max(target.parent):
        raise ArgumentValueError(f"cannot write {shown}: the file name is too long")
    return target


def _check_name(text: str) -> None:
    if not text.strip():
        raise ArgumentValueError("the output path must not be empty")
    if text == "-":
        raise ArgumentValueError("'-' (standard output) is not a file this export can write")
    if "\0" in text:
        raise ArgumentValueError(f"cannot write {shorten(text)}: the path holds a NUL byte")


def _lstat(target: Path) -> os.stat_result | None:
    try:
        return target.lstat()
    except FileNotFoundError:
        return None


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _name_max(directory: Path) -> int:
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new file with an unpredictable name beside ``target``, created exclusively."""
    for _ in range(100):
        temporary = target.with_name(f".famk-data-{secrets.token_hex(8)}.tmp")
        try:
            # O_EXCL with O_CREAT never follows a link planted at the name, and never opens
            # a file that exists already; O_NOFOLLOW is for platforms that need telling.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {target.parent}")  # pragma: no cover - 2**64 names


def _keep_mode(descriptor: int, target: Path) -> None:
    """Give the new file the old one's permission bits, owner and group (where allowed)."""
    try:
        old = target.stat()
    except FileNotFoundError:
        return
    os.fchmod(descriptor, stat.S_IMODE(old.st_mode))
    with contextlib.suppress(OSError):
        if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            os.fchown(descriptor, old.st_uid, old.st_gid)


def write_bytes(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` to the open file ``descriptor`` (a full disk raises OSError)."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """While writing, ``SIGTERM`` (if nothing else handles it) unwinds like an exception.

    So the temporary file is removed; only in the main thread, where Python runs handlers.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) not in {
        signal.SIG_DFL,
        None,
    }:
        yield
        return

    def terminate(number: int, _: Any) -> None:
        raise SystemExit(128 + number)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def replacing(path: object) -> Iterator[tuple[int, Path]]:
    """Replace the file at ``path`` atomically with what the block writes.

    Yields the open descriptor and the name of the temporary file: write the content through
    either (SQLite opens the name). When the block ends normally the file is flushed to disk
    and renamed over the target; when it raises (or is interrupted) the temporary file and
    its SQLite side files are removed and the target is untouched. ``OSError`` while writing
    becomes an :class:`~famk_data.ArgumentValueError` naming the path.
    """
    target = check_target(path)
    shown = shorten(os.fspath(path))  # type: ignore[call-overload]
    with _terminate_as_exit():
        try:
            descriptor, temporary = _create_temporary(target)
        except OSError as error:
            raise ArgumentValueError(f"cannot write {shown}: {error.strerror or error}") from None
        try:
            try:
                _keep_mode(descriptor, target)
                yield descriptor, temporary
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            temporary.replace(target)
        except OSError as error:
            _remove(temporary)
            raise ArgumentValueError(f"cannot write {shown}: {error.strerror or error}") from None
        except BaseException:
            _remove(temporary)
            raise


def _remove(temporary: Path) -> None:
    for name in (temporary.name, *(temporary.name + side for side in _SIDE_FILES)):
        with contextlib.suppress(OSError):
            (temporary.parent / name).unlink()
