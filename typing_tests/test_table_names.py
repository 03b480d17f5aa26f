"""Checked by mypy --strict, never run: the table names, the episode overloads and the exports' types."""

from __future__ import annotations

from typing import Any, assert_type

import pandas as pd

import famk_data


def table_names(data: famk_data.Dataset, name: famk_data.TableName) -> None:
    assert_type(data.to_records("episodes"), list[dict[str, Any]])
    assert_type(data.to_records("credits"), list[dict[str, Any]])
    assert_type(famk_data.to_records(name), list[dict[str, Any]])
    assert_type(data.to_dataframe("credits"), pd.DataFrame)
    data.to_records("episode")  # type: ignore[arg-type]
    famk_data.to_dataframe("bogus")  # type: ignore[arg-type]
    changes = famk_data.diff("0.4.0", "0.5.0")
    assert_type(changes.added("episodes"), tuple[famk_data.Change, ...])
    changes.added("episode")  # type: ignore[arg-type]
    changes.changed("credits")  # type: ignore[arg-type]
    every: famk_data.ExportTableName = name  # a dataset's table is a table an export holds
    assert_type(every, famk_data.ExportTableName)


def episodes(data: famk_data.Dataset, found: famk_data.Episode) -> None:
    assert_type(data.episode("S02E10"), famk_data.Episode)
    assert_type(data.episode(2, 10), famk_data.Episode)
    assert_type(data.episode(found), famk_data.Episode)
    assert_type(famk_data.episode(2, 10), famk_data.Episode)
    data.episode(1)  # type: ignore[call-overload]
    famk_data.episode(1)  # type: ignore[call-overload]
    data.episode("S02E10", 3)  # type: ignore[call-overload]
