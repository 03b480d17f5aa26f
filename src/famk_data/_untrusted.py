r"""Reading a user's data directory as hostile input: what ``load(path=...)`` refuses before structuring.

- Only regular files inside the directory are read. A symbolic link is followed only to a
  file inside the directory; a FIFO, socket, device or directory in place of a data file is
  refused without blocking (checked before opening, opened with ``O_NONBLOCK``, checked
  again on the open file).
- The JSON must be strict UTF-8 without a byte order mark, with no duplicate keys, no
  ``NaN``/``Infinity``, no integer longer than :data:`MAX_DIGITS` digits and no lone
  surrogate (``"\\ud800"``) in a string: each is a :class:`~famk_data.DatasetError` at its
  JSON path.
- The descriptor lists each file once, with its ``bytes`` and the ``famk_data_format`` the
  files are in.

Packaged versions, pinned by the package manifest, skip the JSON checks (see :mod:`._load`).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from typing import TYPE_CHECKING, Any, Final

from ._args import shorten
from .exceptions import DatasetError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

__all__ = ["MAX_DIGITS", "MAX_PROBLEMS", "check_declared", "check_format", "declared", "parse_strict", "read_regular"]

#: The most digits an integer in a data file may have (a year has 4).
MAX_DIGITS: Final = 30
#: The most problems a DatasetError lists; the rest are counted, not kept.
MAX_PROBLEMS: Final = 100
# A \uD800-\uDFFF escape: the only way a lone surrogate gets into text that is valid UTF-8.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def read_regular(directory: Path, file: str, name: str, limit: int) -> bytes:
    """The bytes of ``directory/file``: a regular file inside ``directory``, at most ``limit`` + 1 read."""
    node = directory / file
    try:
        inside = directory.resolve()
        real = node.resolve()
        status = real.lstat()
    except FileNotFoundError:
        raise DatasetError(name, [("", "cannot be read: No such file or directory")]) from None
    except (OSError, RuntimeError) as error:  # a loop of links, a name too long...
        raise DatasetError(name, [("", f"cannot be read: {getattr(error, 'strerror', None) or error}")]) from None
    if not real.is_relative_to(inside):
        raise DatasetError(name, [("", "is a symbolic link to a file outside the data directory")])
    if not stat.S_ISREG(status.st_mode):
        raise DatasetError(name, [("", "is not a regular file")])
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(real, flags)
    except OSError as error:
        raise DatasetError(name, [("", f"cannot be read: {error.strerror or error}")]) from None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped after the check above
            raise DatasetError(name, [("", "is not a regular file")])
        try:
            return stream.read(limit + 1)
        except OSError as error:
            raise DatasetError(name, [("", f"cannot be read: {error.strerror or error}")]) from None


class _Oversized:
    """Stands for an integer with more than MAX_DIGITS digits, never converted to an int."""

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))


class _Parse:
    """The hooks of one strict parse, and what they found."""

    def __init__(self) -> None:
        self.duplicates: dict[int, list[str]] = {}
        self.kept: list[dict[str, Any]] = []  # keeps the ids in `duplicates` alive and unique
        self.oversized = False

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            counts = Counter(key for key, _ in pairs)
            self.duplicates[id(result)] = sorted(key for key, count in counts.items() if count > 1)
            self.kept.append(result)
        return result

    def integer(self, text: str) -> int | _Oversized:
        if len(text) <= MAX_DIGITS:
            return int(text)
        self.oversized = True
        return _Oversized(text)


def _refuse_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a JSON number")


def parse_strict(content: bytes, name: str) -> Any:
    """Parse one data file of a user's directory, refusing what :mod:`._untrusted` lists."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DatasetError(name, [("", f"is not UTF-8 ({error.reason} at byte {error.start})")]) from None
    if text.startswith("\ufeff"):
        raise DatasetError(name, [("", "starts with a byte order mark; write UTF-8 without one")])
    hooks = _Parse()
    try:
        document = json.loads(
            text, object_pairs_hook=hooks.pairs, parse_int=hooks.integer, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as error:
        raise DatasetError(
            name, [("", f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}")]
        ) from None
    except ValueError as error:
        raise DatasetError(name, [("", str(error))]) from None
    except RecursionError:
        raise DatasetError(name, [("", "JSON nested too deeply")]) from None
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    if hooks.duplicates or hooks.oversized or surrogates:
        problems = list(_walk(document, "", hooks, surrogates=surrogates))
        if problems:
            raise DatasetError(name, problems[:MAX_PROBLEMS], omitted=max(0, len(problems) - MAX_PROBLEMS))
    return document


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk(value: Any, path: str, hooks: _Parse, *, surrogates: bool) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key in hooks.duplicates.get(id(value), ()):
            yield f"{path}.{key}".lstrip("."), "the key appears more than once in this object"
        for key, item in value.items():
            if surrogates and _has_surrogate(key):
                yield path or "(top)", f"a key holds a lone surrogate: {shorten(key)}"
            yield from _walk(item, f"{path}.{key}".lstrip("."), hooks, surrogates=surrogates)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", hooks, surrogates=surrogates)
    elif isinstance(value, _Oversized):
        yield path, f"an integer of {value.digits:,} digits (at most {MAX_DIGITS} are allowed)"
    elif surrogates and isinstance(value, str) and _has_surrogate(value):
        yield path, f"the text holds a lone surrogate (not a character): {shorten(value)}"


def declared(descriptor: Mapping[str, Any], name: str) -> tuple[dict[str, int], int]:
    """The ``bytes`` of each resource and the ``famk_data_format`` a user's descriptor declares."""
    problems: list[tuple[str, str]] = []
    sizes: dict[str, int] = {}
    for index, resource in enumerate(descriptor.get("resources", ())):
        size = resource.get("bytes") if isinstance(resource, dict) else None
        if type(size) is not int or size < 0:
            problems.append((f"resources[{index}].bytes", f"expected the file's size in bytes, got {shorten(size)}"))
        else:
            sizes[str(resource.get("path"))] = size
    file_format: Any = descriptor.get("famk_data_format")
    if type(file_format) is not int:
        problems.append(("famk_data_format", f"expected the data files' format number, got {shorten(file_format)}"))
    if problems:
        raise DatasetError(name, problems)
    return sizes, file_format


def check_declared(name: str, path: str, content: bytes, sizes: Mapping[str, int]) -> None:
    """Refuse a file whose size is not the one the descriptor gives."""
    if len(content) != sizes.get(path):
        raise DatasetError(name, [("", f"is {len(content):,} bytes; the descriptor says {sizes.get(path)}")])


def check_format(documents: Mapping[str, Any], declared_format: int, name: str) -> None:
    """The descriptor's ``famk_data_format`` is the format the (checked) data files are in."""
    actual = documents["seasons.json"]["format"]
    if declared_format != actual:
        raise DatasetError(
            name, [("famk_data_format", f"is {declared_format}, but the data files are format {actual}")]
        )
