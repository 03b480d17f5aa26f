"""The one exception hierarchy of famk_data.

Every error the library raises on purpose is a :class:`FamkDataError`. Where Python has a
matching built-in category, the library error is also an instance of it, so ``except
LookupError`` or ``except TypeError`` keep working in code that does not know famk_data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "AmbiguousNameError",
    "ArgumentTypeError",
    "ArgumentValueError",
    "DatasetError",
    "FamkDataError",
    "FrozenDatasetError",
    "HiddenError",
    "HiddenFactError",
    "InvalidArgumentError",
    "NotFoundError",
    "UnknownFactError",
]


class FamkDataError(Exception):
    """Root of every error famk_data raises on purpose."""


class NotFoundError(FamkDataError, LookupError):
    """No record (or data version) matches the key; the message names the valid values.

    Attributes:
        kind: What was looked up ("season", "character", "data version", ...).
        key: The key as the caller gave it.
        hint: The part of the message that names or suggests valid values.
    """

    def __init__(self, kind: str, key: object, hint: str) -> None:
        self.kind = kind
        self.key = key
        self.hint = hint
        super().__init__(f"no {kind} {key!r}; {hint}")


class HiddenError(NotFoundError):
    """A spoiler-safe view holds back the season or episode asked for: the full data has it.

    Raised only for what a viewer knows exists (seasons and episodes, which are announced).
    A character or person a view holds back raises a plain :class:`NotFoundError`, worded
    alike for a record that is hidden and one that does not exist, so that the error
    cannot tell who appears later.

    Attributes:
        as_of: The code of the view's episode, such as ``"S02E04"``.
    """

    def __init__(self, kind: str, key: object, as_of: str, hint: str) -> None:
        self.as_of = as_of
        super().__init__(kind, key, f"hidden as of {as_of}: {hint}")


class AmbiguousNameError(FamkDataError, LookupError):
    """A name matches more than one record; ``candidates`` holds the matching ids."""

    def __init__(self, kind: str, key: str, candidates: Sequence[str], advice: str = "use an id") -> None:
        self.kind = kind
        self.key = key
        self.candidates = tuple(candidates)
        super().__init__(f"{key!r} names more than one {kind}: {', '.join(self.candidates)}; {advice}")


class InvalidArgumentError(FamkDataError):
    """An argument to a public function is unusable; see the two subclasses."""


class ArgumentTypeError(InvalidArgumentError, TypeError):
    """An argument has the wrong type (a ``str`` where an ``int`` is needed, a ``bool``...)."""


class ArgumentValueError(InvalidArgumentError, ValueError):
    """An argument has the right type but an impossible value.

    For example a malformed episode code, or a year before a character's birth.
    """


class UnknownFactError(FamkDataError):
    """The dataset does not know the fact asked for; famk_data never guesses.

    For example the age of a character whose birth no source establishes.
    """


class HiddenFactError(UnknownFactError):
    """A spoiler-safe view holds back the fact asked for: the full data knows it, or may.

    For example an age as of ``S02E04`` where the birth is worked out from a later season,
    or in a year the viewer has not reached.

    Attributes:
        as_of: The code of the view's episode, such as ``"S02E04"``.
    """

    def __init__(self, message: str, as_of: str) -> None:
        self.as_of = as_of
        super().__init__(message)


class DatasetError(FamkDataError):
    """A data file is missing, corrupt or inconsistent.

    Attributes:
        file: The file (or directory) at fault.
        problems: ``(json_path, message)`` pairs, such as ``("episodes[12].release_date",
            "expected a YYYY-MM-DD date")``. At most 100 are kept: checking stops there.
        omitted: How many more problems (or unchecked items) there are beyond ``problems``.
    """

    def __init__(self, file: str, problems: Sequence[tuple[str, str]], *, omitted: int = 0) -> None:
        self.file = file
        self.problems = tuple(problems)
        self.omitted = omitted
        shown = "; ".join(f"{path}: {message}" if path else message for path, message in self.problems[:5])
        hidden = max(0, len(self.problems) - 5)
        more = f" (and {hidden:,} more)" if hidden else ""
        if omitted:
            more = f" (and {hidden:,} more; checking stopped there, {omitted:,} more items not checked)"
        super().__init__(f"{file}: {shown}{more}")


class FrozenDatasetError(FamkDataError, AttributeError):
    """An attribute of a :class:`~famk_data.Dataset` (or a view) was assigned or deleted.

    A dataset is shared by every caller and thread, so, like its records, it never changes
    after it is built.
    """
