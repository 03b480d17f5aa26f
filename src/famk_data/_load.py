"""Finding, verifying and loading data versions: packaged snapshots or a user's directory.

Data flows one way: bytes (importlib-resources or a user path) -> sha256 check -> JSON ->
records -> :class:`~famk_data.Dataset`. A user's directory is read whole, structured by the
converter and cross-checked (:mod:`._integrity`) before :func:`load` returns; a packaged
version, pinned by the manifest and validated when it was released, is built directly
(:mod:`._trusted`), one table at a time as queries first need them, each file hash-checked
when it is read. Packaged versions are loaded once each, under a lock, and shared.
"""

from __future__ import annotations

import os
import threading
from typing import IO, TYPE_CHECKING, Any, Final, TypeGuard, cast

from ._args import shorten
from ._versions import parse_version, select_version
from .exceptions import ArgumentTypeError, ArgumentValueError, DatasetError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from importlib.resources.abc import Traversable
    from pathlib import Path

    from ._dataset import Dataset

__all__ = ["MAX_FILE_BYTES", "PACKED_SUFFIX", "available_versions", "load", "metadata", "read_data", "unpack"]

#: Files larger than this are refused before they are parsed.
MAX_FILE_BYTES: Final = 16 * 1024 * 1024
_DESCRIPTOR: Final = "datapackage.json"
_MANIFEST: Final = "manifest.json"
#: The suffix of a data file stored gzip-compressed (the files of superseded versions).
PACKED_SUFFIX: Final = ".gz"

_lock = threading.Lock()
# Loaded packaged datasets, by the version asked for (None, "0.2", "0.2.0") and by the exact one.
_loaded: dict[str | None, Dataset] = {}
_manifest: dict[str, dict[str, str]] = {}


def _data_dir() -> Traversable:
    """The package's ``data`` directory: read with ``open()`` where it is a directory on disk.

    As importlib.resources would give it, without importing it (with pathlib, zipfile and
    tempfile); a package imported from a zip archive is read through importlib.resources.
    """
    here = os.path.join(os.path.dirname(__file__), "data")  # noqa: PTH118, PTH120 - pathlib is what this avoids
    if os.path.isfile(os.path.join(here, _MANIFEST)):  # noqa: PTH113, PTH118 - as above
        return cast("Traversable", _OnDisk(here))
    from importlib.resources import files

    return files("famk_data") / "data"


class _OnDisk:
    """A file or directory of the installed package on disk: a Traversable's ``/``, ``is_file``, ``open``."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __truediv__(self, child: str) -> _OnDisk:
        return _OnDisk(os.path.join(self.path, child))  # noqa: PTH118 - see _data_dir

    def is_file(self) -> bool:
        return os.path.isfile(self.path)  # noqa: PTH113 - see _data_dir

    def open(self, mode: str = "r") -> IO[Any]:
        return open(self.path, mode)  # noqa: PTH123 - see _data_dir; the caller closes it


def _read(node: Traversable, name: str) -> bytes:
    if not isinstance(node, _OnDisk) and _is_path(node):  # a user's directory: no FIFO, nothing outside it
        from ._untrusted import read_regular

        content = read_regular(node.parent, node.name, name, MAX_FILE_BYTES)
    else:
        try:
            with node.open("rb") as stream:
                content = _read_stream(stream)
        except OSError as error:
            raise DatasetError(name, [("", f"cannot be read: {error.strerror or error}")]) from None
    if len(content) > MAX_FILE_BYTES:
        raise DatasetError(name, [("", f"is larger than the {MAX_FILE_BYTES:,}-byte limit")])
    return content


def _read_stream(stream: IO[bytes]) -> bytes:
    """The bytes of an open file, up to one past the limit; sized from the file where it can be.

    (Asking for the limit itself would make a limit-sized buffer for every file.)
    """
    try:
        size = min(os.fstat(stream.fileno()).st_size, MAX_FILE_BYTES)
    except (OSError, AttributeError):  # a zip member has no file descriptor (UnsupportedOperation)
        size = MAX_FILE_BYTES
    content = stream.read(size + 1)
    if len(content) == size + 1 and size < MAX_FILE_BYTES:  # it grew meanwhile: read on to the limit
        content += stream.read(MAX_FILE_BYTES - size)
    return content


def _is_path(node: object) -> TypeGuard[Path]:
    """Whether ``node`` is a path of a user's directory; asked off the packaged path (no pathlib import)."""
    from pathlib import Path

    return isinstance(node, Path)


def unpack(packed: bytes, name: str) -> bytes:
    """The bytes of a gzip-compressed data file, refusing ones that unpack beyond the limit."""
    import zlib

    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # the gzip format
    try:
        content = unpacker.decompress(packed, MAX_FILE_BYTES + 1)
    except zlib.error as error:
        raise DatasetError(name, [("", f"cannot be decompressed: {error}")]) from None
    if len(content) > MAX_FILE_BYTES:
        raise DatasetError(name, [("", f"unpacks to more than the {MAX_FILE_BYTES:,}-byte limit")])
    if not unpacker.eof or unpacker.unused_data:
        raise DatasetError(name, [("", "is not one complete gzip stream")])
    return content


def read_data(directory: Traversable, file: str, label: str) -> bytes:
    """The bytes of one file of a data version, as released.

    A superseded version keeps its data files gzip-compressed (``episodes.json.gz``); they
    are read back to exactly the released bytes, which are what the sha256 hashes pin.
    """
    name = f"{label}/{file}"
    node = directory / file
    if not node.is_file():
        packed = directory / f"{file}{PACKED_SUFFIX}"
        if packed.is_file():
            return unpack(_read(packed, f"{name}{PACKED_SUFFIX}"), name)
    return _read(node, name)


def _parse(content: bytes, name: str, *, strict: bool = False) -> Any:
    if strict:  # a user's file: no duplicate keys, no huge numbers, no lone surrogates
        from ._untrusted import parse_strict

        return parse_strict(content, name)
    from ._rows import parse_json

    return parse_json(content, name)


def _releases() -> dict[str, dict[str, str]]:
    """The manifest of packaged releases: version -> file name -> sha256 (hex)."""
    with _lock:
        if not _manifest:
            document = _parse(_read(_data_dir() / _MANIFEST, _MANIFEST), _MANIFEST)
            releases = document.get("releases") if isinstance(document, dict) else None
            if not isinstance(releases, dict) or not releases:
                raise DatasetError(_MANIFEST, [("releases", "expected an object of data versions")])
            _manifest.update(releases)
        return _manifest


def available_versions() -> tuple[str, ...]:
    """Every data version shipped in this package, oldest first.

    Examples:
        >>> import famk_data
        >>> famk_data.available_versions()[0]
        '0.1.0'
    """
    return tuple(sorted(_releases(), key=parse_version))


def _sha256_problems(name: str, content: bytes, expected: str | None) -> None:
    import hashlib

    if expected is None:
        raise DatasetError(name, [("", "has no recorded sha256 checksum")])
    actual = hashlib.sha256(content).hexdigest()
    if actual != expected:
        raise DatasetError(name, [("", f"sha256 checksum mismatch: expected {expected}, got {actual}")])


def _expected_hashes(descriptor: Any, name: str) -> dict[str, str]:
    """Map each resource path of a Data Package descriptor to its sha256 (hex).

    Only the dataset's own file names are accepted, so a descriptor cannot make the loader
    read anything outside its directory.
    """
    from ._tables import TABLES

    allowed = {f"{table}.json" for table in TABLES}
    problems: list[tuple[str, str]] = []
    hashes: dict[str, str] = {}
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise DatasetError(name, [("resources", "expected a list of resources")])
    for index, resource in enumerate(resources):
        path, digest = (resource.get("path"), resource.get("hash")) if isinstance(resource, dict) else (None, None)
        if not isinstance(path, str) or not isinstance(digest, str) or not digest.startswith("sha256:"):
            problems.append((f"resources[{index}]", "needs a 'path' and a 'hash' of the form 'sha256:…'"))
        elif path not in allowed:
            problems.append((f"resources[{index}].path", f"{shorten(path)} is not one of {sorted(allowed)}"))
        elif path in hashes:
            problems.append((f"resources[{index}].path", f"{path} is listed more than once"))
        else:
            hashes[path] = digest.removeprefix("sha256:")
    if problems:
        raise DatasetError(name, problems)
    return hashes


def _load_directory(directory: Traversable, label: str, manifest: Mapping[str, str] | None) -> Dataset:
    """Read, verify and structure one data version from ``directory``.

    ``manifest`` (for packaged versions) pins every file, the descriptor included; without it
    (a user's directory) the descriptor's own hashes are the reference.
    """
    descriptor_name = f"{label}/{_DESCRIPTOR}"
    descriptor_bytes = read_data(directory, _DESCRIPTOR, label)
    if manifest is not None:
        _sha256_problems(descriptor_name, descriptor_bytes, manifest.get(_DESCRIPTOR))
    descriptor = _parse(descriptor_bytes, descriptor_name, strict=manifest is None)
    hashes = _expected_hashes(descriptor, descriptor_name)
    if manifest is not None and hashes != {k: v for k, v in manifest.items() if k != _DESCRIPTOR}:
        raise DatasetError(descriptor_name, [("resources", "do not match the package manifest")])
    version = descriptor.get("version")
    if not isinstance(version, str) or parse_version(version, strict=False) is None:
        raise DatasetError(descriptor_name, [("version", f"not a MAJOR.MINOR.PATCH version: {shorten(version)}")])
    if manifest is not None:
        from ._dataset import Dataset
        from ._snapshot import Snapshot

        snapshot = Snapshot(_reader(directory, label, hashes), [path.removesuffix(".json") for path in hashes])
        return Dataset._on_first_use(version, snapshot)  # noqa: SLF001 - its loader
    return _build(directory, label, version, hashes, descriptor)


def _build(directory: Traversable, label: str, version: str, hashes: Mapping[str, str], descriptor: Any) -> Dataset:
    """A user's directory: read, verify, parse strictly, structure and cross-check every file now.

    Against its ``descriptor``: its hashes, sizes and file format too. (A packaged version is
    only described when loaded: each of its files is read, hash-checked and built when a
    query first needs its table, see :class:`~famk_data._snapshot.Snapshot`.)
    """
    from ._dataset import Dataset
    from ._untrusted import check_declared, check_format, declared

    sizes, declared_format = declared(descriptor, f"{label}/{_DESCRIPTOR}")
    documents: dict[str, Any] = {}
    for path, digest in hashes.items():
        name = f"{label}/{path}"
        content = read_data(directory, path, label)
        _sha256_problems(name, content, digest)
        check_declared(name, path, content, sizes)
        documents[path] = _parse(content, name, strict=True)
    from ._integrity import structure_tables
    from ._snapshot import no_collection

    with no_collection():
        tables = structure_tables(version, documents, label)
    check_format(documents, declared_format, f"{label}/{_DESCRIPTOR}")
    return Dataset(version, **tables)


def _reader(directory: Traversable, label: str, hashes: Mapping[str, str]) -> Callable[[str], Any]:
    """Reads one table's file of a packaged version: checked against its sha256, then split into its rows."""

    def read(table: str) -> tuple[int, Any]:
        from ._rows import table_rows

        path = f"{table}.json"
        name = f"{label}/{path}"
        content = read_data(directory, path, label)
        _sha256_problems(name, content, hashes[path])
        return table_rows(content, name, table)

    return read


def load(version: str | None = None, *, path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a data version: the newest packaged one, a pinned one, or one from a directory.

    Args:
        version: ``None`` for the newest packaged version; ``"0.2.0"`` for exactly that one;
            ``"0.2"`` or ``"0"`` for the newest matching one.
        path: A directory laid out like a packaged version (a ``datapackage.json`` with
            sha256 hashes, and the data files), for forks and local corrections. Its files
            are fully validated: every value, every record and the cross-checks between
            tables. The release tool's editorial checks (no copy hosts cited, billing and
            cast coverage recomputed from the appearances) are not repeated; run
            ``tools/release.py --check`` on a fork for those. Not combined with ``version``.

    A packaged version (validated when it was released, and by the package's tests) is
    built as it is, a table at a time when a query first needs it, each file checked against
    the manifest's sha256 first: a damaged one raises :class:`~famk_data.DatasetError` from
    the first query that needs it.

    Raises:
        NotFoundError: no packaged version matches ``version``.
        ArgumentTypeError, ArgumentValueError: ``version`` or ``path`` is unusable.
        DatasetError: a file is missing, corrupt or inconsistent.

    Examples:
        >>> import famk_data
        >>> famk_data.load("0.1.0").version
        '0.1.0'
    """
    if path is None and (version is None or type(version) is str):
        cached = _loaded.get(version)
        if cached is not None:
            return cached
    if path is not None:
        if version is not None:
            raise ArgumentValueError("give a version or a path, not both")
        if not isinstance(path, (str, os.PathLike)) or isinstance(path, bytes):
            raise ArgumentTypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
        from pathlib import Path

        directory = Path(path)
        try:
            usable = "\0" not in str(directory) and directory.is_dir()
        except OSError:  # a name too long for the file system, and the like
            usable = False
        if not usable:
            raise ArgumentValueError(f"path {shorten(str(path))} is not a directory")
        return _load_directory(directory, str(directory), None)
    releases = _releases()
    chosen = select_version(version, tuple(releases))
    with _lock:
        dataset = _loaded.get(chosen)
        if dataset is None:
            from ._snapshot import no_collection

            with no_collection():  # defining the record classes makes no garbage worth the passes
                dataset = _load_directory(_data_dir() / chosen, chosen, releases[chosen])
            _loaded[chosen] = dataset
        _loaded[version] = dataset
    return dataset


def metadata(version: str | None = None) -> dict[str, Any]:
    """The Frictionless Data Package descriptor (``datapackage.json``) of a data version.

    Its sizes and hashes are those of the data files as released, which is how a superseded
    version's gzip-compressed files (``episodes.json.gz``) unpack.

    Examples:
        >>> import famk_data
        >>> famk_data.metadata("0.1.0")["version"]
        '0.1.0'
    """
    releases = _releases()
    chosen = select_version(version, tuple(releases))
    name = f"{chosen}/{_DESCRIPTOR}"
    content = read_data(_data_dir() / chosen, _DESCRIPTOR, chosen)
    _sha256_problems(name, content, releases[chosen].get(_DESCRIPTOR))
    descriptor: dict[str, Any] = _parse(content, name)
    return descriptor
